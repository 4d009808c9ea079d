"""The supply side's trust infrastructure at the service layer: profiles, documents, media,
products, the directory — and who may touch what."""

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from PIL import Image
from sqlmodel import select
from starlette.testclient import TestClient

from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import User
from realsourcing.api import make_api
from realsourcing.core.errors import NotFound, PermissionDenied, ValidationFailed
from realsourcing.core.uploads import UploadRejected
from realsourcing.db import session_scope
from realsourcing.meetings import schedule_setup
from realsourcing.orders import service as orders
from realsourcing.profile import catalog, directory, documents, factories, media
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.documents import DocumentForm
from realsourcing.profile.models import Factory, FactoryDocument, MediaAsset
from tests.support.builders import a_buyer, a_factory, a_meeting_type

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NEXT_YEAR = (date.today() + timedelta(days=365)).isoformat()


def photo() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (320, 200), (10, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


ADMIN = accounts.CurrentUser(
    id=1, email="admin@example.com", full_name="Ada", company_name="", role="admin", language="en"
)

PRODUCT = {
    "name_en": "Steel bottle",
    "category": "home_kitchen",
    "price_min": "2.10",
    "price_max": "3.50",
    "moq": "500",
    "sample_price": "12.00",
    "sample_max_qty": "3",
    "sample_lead_time_days": "7",
    "customization": "oem,logo",
    "specifications": "Material: 304 steel\nVolume: 750 ml",
}


@pytest.fixture
def admin_user():
    with session_scope() as db:
        admin = db.exec(select(User).where(User.role == "admin")).first()
    return accounts.CurrentUser(
        id=admin.id, email=admin.email, full_name=admin.full_name, company_name="", role="admin", language="en"
    )


def test_profile_saves_every_field_or_none():
    owner = a_factory()
    form = factories.profile_form(owner)
    form.update(display_name_zh="测试工厂", founded_year="2099", staff_count="lots", categories="electronics")
    with pytest.raises(ValidationFailed) as refused:
        factories.update_profile(owner, form)
    assert refused.value.field_errors == {"founded_year": "err.out_of_range", "staff_count": "err.whole_number"}
    assert factories.profile_form(owner)["display_name_zh"] == ""  # nothing was saved
    form.update(founded_year="2008", staff_count="1,200", main_markets="Europe, North America,europe")
    factories.update_profile(owner, form)
    saved = factories.profile_form(owner)
    assert (saved["display_name_zh"], saved["founded_year"], saved["staff_count"]) == ("测试工厂", "2008", "1200")
    assert saved["main_markets"] == "Europe, North America"


def test_licence_approval_makes_the_factory_verified_and_rejection_explains(admin_user):
    owner = a_factory(name="Verify Me Ltd")
    licence = documents.upload_document(
        owner, DocumentForm("business_license", "91330200MA2XXXX", "Ningbo AMR"), "licence.pdf", PDF
    )
    certificate = documents.upload_document(
        owner, DocumentForm("iso_9001", "CN-Q-1234", "SGS", valid_until=NEXT_YEAR), "../../etc/passwd", PDF
    )
    assert {d.status for d in documents.my_documents(owner)} == {"pending"}
    documents.review(admin_user, licence, approve=True)
    with pytest.raises(ValidationFailed):
        documents.review(admin_user, certificate, approve=False, reason="")
    documents.review(admin_user, certificate, approve=False, reason="The scan is cut off at the bottom.")
    rows = {d.id: d for d in documents.my_documents(owner)}
    assert rows[licence].status == "approved"
    assert (rows[certificate].status, rows[certificate].rejection_reason) == (
        "rejected",
        "The scan is cut off at the bottom.",
    )
    assert rows[certificate].original_filename == "passwd"  # a label only; the stored name is random
    with session_scope() as db:
        from realsourcing.notifications.models import Notification

        kinds = sorted(
            db.exec(
                select(Notification.kind).where(Notification.user_id == owner.id, Notification.kind.like("document_%"))
            ).all()
        )
    assert kinds == ["document_approved", "document_rejected"]
    with session_scope() as db:
        assert db.get(Factory, owner.factory_id).is_verified
        stored = db.get(FactoryDocument, certificate).storage_key
    assert "passwd" not in stored and ".." not in stored


def test_expired_certificate_is_never_shown_as_verified(unique_email, admin_user):
    name = f"Expiry Check {unique_email('x')[2:10]}"
    owner = a_factory(name=name)
    doc_id = documents.upload_document(owner, DocumentForm("ce", "CE-77", "TÜV", valid_until=NEXT_YEAR), "ce.pdf", PDF)
    documents.review(admin_user, doc_id, approve=True)
    with session_scope() as db:
        doc = db.get(FactoryDocument, doc_id)
        doc.valid_until = date.today() - timedelta(days=1)
        db.add(doc)
    assert documents.my_documents(owner)[0].status == "expired"
    with session_scope() as db:
        slug = db.get(Factory, owner.factory_id).slug
    panel = directory.factory_page(slug).documents
    assert [(d.kind, d.expired) for d in panel] == [("ce", True)]
    # The expired CE certificate no longer qualifies the factory for a "CE" search.
    assert directory.search(directory.SearchQuery(text=name)).total == 1
    assert directory.search(directory.SearchQuery(certification="ce", text=name)).total == 0
    assert (
        directory.search(directory.SearchQuery(certification="ce", text="brightwave")).total == 1
    )  # a current CE still does


def test_expired_licence_removes_verified(admin_user):
    owner = a_factory()
    doc_id = documents.upload_document(
        owner, DocumentForm("business_license", "LIC-1", "AMR", valid_until=NEXT_YEAR), "l.pdf", PDF
    )
    documents.review(admin_user, doc_id, approve=True)
    with session_scope() as db:
        doc = db.get(FactoryDocument, doc_id)
        doc.valid_until = date.today() - timedelta(days=1)
        db.add(doc)
    factories.reindex_all()
    with session_scope() as db:
        assert not db.get(Factory, owner.factory_id).is_verified


def test_document_form_is_validated_before_anything_is_stored():
    owner = a_factory()
    with pytest.raises(ValidationFailed) as refused:
        documents.upload_document(
            owner, DocumentForm("iso_9001", "x", "", valid_from="2025-13-01", valid_until="2020-01-01"), "a.pdf", PDF
        )
    assert set(refused.value.field_errors) == {"certificate_number", "issuing_body", "valid_from", "valid_until"}
    with pytest.raises(UploadRejected):
        documents.upload_document(
            owner, DocumentForm("iso_9001", "Q-1", "SGS", valid_until=NEXT_YEAR), "a.jpg", PDF[:20]
        )
    assert documents.my_documents(owner) == []


def test_member_of_one_factory_cannot_touch_another(admin_user):
    a, b = a_factory(name="Factory A"), a_factory(name="Factory B")
    b_product = catalog.save_product(b, PRODUCT)
    b_photo = media.add_media(b, photo())
    b_doc = documents.upload_document(b, DocumentForm("business_license", "LIC-B", "AMR"), "b.pdf", PDF)
    for attempt in (
        lambda: catalog.product_form(a, b_product),
        lambda: catalog.save_product(a, PRODUCT, b_product),
        lambda: catalog.set_published(a, b_product, True),
        lambda: catalog.duplicate(a, b_product),
        lambda: catalog.delete(a, b_product),
        lambda: media.update_caption(a, b_photo, "mine now", ""),
        lambda: media.set_cover(a, b_photo),
        lambda: media.delete(a, b_photo),
        lambda: media.add_media(a, photo(), product_id=b_product),
        lambda: documents.delete_document(a, b_doc),
    ):
        with pytest.raises((NotFound, PermissionDenied)):
            attempt()
    with pytest.raises(PermissionDenied):
        documents.open_document(a, b_doc)
    assert documents.open_document(b, b_doc).path.is_file()
    assert documents.open_document(admin_user, b_doc).content_type == "application/pdf"
    with session_scope() as db:
        assert db.get(Product, b_product).deleted_at is None
        assert db.get(MediaAsset, b_photo) is not None


def test_buyers_cannot_use_dashboard_services_nor_review():
    buyer = a_buyer()
    owner = a_factory()
    doc = documents.upload_document(owner, DocumentForm("business_license", "LIC-2", "AMR"), "l.pdf", PDF)
    for attempt in (
        lambda: factories.profile_form(buyer),
        lambda: factories.update_profile(buyer, {}),
        lambda: catalog.save_product(buyer, PRODUCT),
        lambda: media.add_media(buyer, photo()),
        lambda: documents.upload_document(buyer, DocumentForm("business_license", "LIC-3", "AMR"), "l.pdf", PDF),
        lambda: documents.review_queue(buyer),
        lambda: documents.review(buyer, doc, approve=True),
        lambda: documents.review(owner, doc, approve=True),  # a factory cannot approve itself
        lambda: documents.open_document(buyer, doc),
    ):
        with pytest.raises(PermissionDenied):
            attempt()


def test_private_document_route_serves_members_and_admins_and_nobody_else(admin_user):
    owner = a_factory()
    buyer = a_buyer()
    doc = documents.upload_document(owner, DocumentForm("business_license", "LIC-4", "AMR"), "l.pdf", PDF)
    client = TestClient(make_api())

    def fetch(user: accounts.CurrentUser | None) -> int:
        cookies = {accounts.SESSION_COOKIE: accounts.create_session(user.id)} if user else {}
        client.cookies.clear()
        return client.get(f"/api/documents/{doc}", cookies=cookies).status_code

    # Anonymous visitors and strangers get the same answer as for a document that does not exist.
    assert (fetch(None), fetch(buyer), fetch(owner), fetch(admin_user)) == (404, 404, 200, 200)
    client.cookies.clear()
    assert client.get("/api/documents/999999999").status_code == 404


def test_products_publish_duplicate_and_soft_delete():
    owner = a_factory(name="Bottle Makers")
    product_id = catalog.save_product(owner, PRODUCT)
    with pytest.raises(NotFound):
        directory.product_page(product_id)  # drafts are not public
    assert directory.search(directory.SearchQuery(text="steel bottle bottle makers")).total == 0
    catalog.set_published(owner, product_id, True)
    page = directory.product_page(product_id)
    assert (page.sample_price_cents, page.specifications["Volume"], page.customization) == (
        1200,
        "750 ml",
        ["oem", "logo"],
    )
    found = directory.search(directory.SearchQuery(text="steel bottle bottle makers"))
    assert [c.name_en for c in found.cards] == ["Bottle Makers"]
    copy_id = catalog.duplicate(owner, product_id)
    assert catalog.product_form(owner, copy_id)["status"] == "draft"
    catalog.delete(owner, product_id)
    with pytest.raises(NotFound):
        directory.product_page(product_id)
    assert directory.search(directory.SearchQuery(text="steel bottle bottle makers")).total == 0
    with session_scope() as db:
        assert db.get(Product, product_id) is not None  # kept for order history


def test_product_form_explains_bad_prices_and_specs():
    owner = a_factory()
    bad = dict(
        PRODUCT, price_min="5", price_max="2", sample_price="12.345", specifications="no colon here", category="weapons"
    )
    with pytest.raises(ValidationFailed) as refused:
        catalog.save_product(owner, bad)
    assert refused.value.field_errors == {
        "price_max": "err.max_below_min",
        "sample_price": "err.money",
        "specifications": "err.specifications",
        "category": "err.choose_category",
    }


def test_gallery_order_cover_and_captions():
    owner = a_factory()
    ids = [media.add_media(owner, photo()) for _ in range(3)]
    media.move(owner, ids[2], -1)
    assert [m.id for m in media.my_gallery(owner)] == [ids[0], ids[2], ids[1]]
    media.set_cover(owner, ids[1])
    media.update_caption(owner, ids[1], "  Injection   moulding line ", "注塑车间")
    gallery = {m.id: m for m in media.my_gallery(owner)}
    assert gallery[ids[1]].is_cover and not gallery[ids[0]].is_cover
    assert gallery[ids[1]].caption_en == "Injection moulding line"
    media.delete(owner, ids[0])
    assert ids[0] not in [m.id for m in media.my_gallery(owner)]


def test_directory_filters_and_sorts(unique_email):
    every = directory.search(directory.SearchQuery())
    assert every.total >= 13 and len(every.cards) == directory.PAGE_SIZE and every.pages >= 2
    verified = directory.search(directory.SearchQuery(verified_only=True, category="electronics"))
    assert verified.total >= 2 and all(c.is_verified and c.category == "electronics" for c in verified.cards)
    zhejiang = directory.search(directory.SearchQuery(province="330000", sort="name"))
    names = [c.name_en for c in zhejiang.cards]
    assert (
        names == sorted(names, key=str.lower) and zhejiang.cards and all(c.province == "330000" for c in zhejiang.cards)
    )
    assert (
        directory.search(directory.SearchQuery(text="蓝牙")).cards[0].slug == "shenzhen-brightwave-electronics"
    )  # Chinese product name
    assert directory.search(directory.SearchQuery(text="qingdao tent")).cards[0].slug == "qingdao-blueocean-outdoor"
    assert directory.search(directory.SearchQuery(text="100%_match")).total == 0  # LIKE wildcards are literal
    small_moq = directory.search(directory.SearchQuery(max_moq=100))
    with session_scope() as db:
        moqs = {f.slug: f.typical_moq for f in db.exec(select(Factory)).all()}
    assert {c.slug for c in small_moq.cards} == {slug for slug, moq in moqs.items() if moq is not None and moq <= 100}
    assert small_moq.total >= 2  # Oakcraft (50) and Blue Ocean (100) in the demo data
    assert directory.search(directory.SearchQuery(page=999)).page == every.pages


def test_profile_completeness_tells_the_next_steps():
    owner = a_factory()
    overview = factories.overview_for_member(owner)
    assert 0 <= overview.completeness_pct < 30
    assert [s.key for s in overview.steps if not s.done][0] == "step.licence"


def test_a_document_that_expired_while_waiting_is_flagged_in_the_review_queue(admin_user):
    from realsourcing.profile.states.documents import document_view

    name = f"Stale Paper {date.today().toordinal() % 997}"
    owner = a_factory(name=name)
    stale = documents.upload_document(
        owner, DocumentForm("iso_9001", "Q-OLD-1", "SGS", valid_until=NEXT_YEAR), "old.pdf", PDF
    )
    current = documents.upload_document(
        owner, DocumentForm("ce", "CE-NEW-2", "TÜV", valid_until=NEXT_YEAR), "new.pdf", PDF
    )
    expired_on = date.today() - timedelta(days=3)
    with session_scope() as db:  # it waited in the queue past its "valid until"
        doc = db.get(FactoryDocument, stale)
        doc.valid_until = expired_on
        db.add(doc)
        for waiting in (db.get(FactoryDocument, stale), db.get(FactoryDocument, current)):
            # the queue shows the 200 oldest: put both at its head, whatever other tests left waiting
            waiting.created_at = datetime(2000, 1, 1, tzinfo=UTC)
            db.add(waiting)
    rows = {r.id: r for r in documents.review_queue(admin_user)}
    assert (rows[stale].expired_on, rows[current].expired_on) == (expired_on, None)
    assert rows[stale].status == "pending"  # still to be decided: the flag says why to reject it
    view = document_view(rows[stale], "Asia/Shanghai", "en")
    assert view["expired_en"] == f"Expired on {expired_on:%b} {expired_on.day}, {expired_on.year}"
    assert view["expired_zh"] == f"已于{expired_on.year}年{expired_on.month}月{expired_on.day}日过期"
    assert document_view(rows[current], "UTC", "en")["expired_en"] == ""


def test_an_expired_document_is_refused_at_upload_at_its_valid_until_field():
    owner = a_factory()
    with pytest.raises(ValidationFailed) as refused:
        documents.upload_document(
            owner,
            DocumentForm("iso_9001", "Q-1", "SGS", valid_until=(date.today() - timedelta(days=1)).isoformat()),
            "a.pdf",
            PDF,
        )
    assert refused.value.field_errors == {"valid_until": "err.already_expired"}


def test_verification_is_pending_only_while_a_business_licence_waits_for_review(admin_user):
    owner = a_factory()
    fresh = factories.overview_for_member(owner)
    assert (fresh.is_verified, fresh.licence_under_review) == (False, False)  # nothing sent: "not verified yet"
    documents.upload_document(owner, DocumentForm("iso_9001", "Q-77", "SGS", valid_until=NEXT_YEAR), "q.pdf", PDF)
    with_certificate = factories.overview_for_member(owner)
    assert (with_certificate.pending_documents, with_certificate.licence_under_review) == (1, False)
    licence = documents.upload_document(owner, DocumentForm("business_license", "91-LIC", "AMR"), "l.pdf", PDF)
    waiting = factories.overview_for_member(owner)
    assert (waiting.pending_documents, waiting.licence_under_review, waiting.is_verified) == (2, True, False)
    documents.review(admin_user, licence, approve=True)
    verified = factories.overview_for_member(owner)
    assert (verified.is_verified, verified.licence_under_review, verified.approved_documents) == (True, False, 1)


def test_a_gallery_video_is_stored_without_the_phones_location_or_title():
    from realsourcing.config import get_settings
    from tests.support.media import NEW_YORK, a_video, frame_count, tags_of

    owner = a_factory()
    sent = a_video("mp4", location=NEW_YORK, frames=8)
    assert any(NEW_YORK in value for value in tags_of(sent).values())
    asset_id = media.add_media(owner, sent)
    key = next(m.key for m in media.my_gallery(owner) if m.id == asset_id)
    kept = (get_settings().media_dir / key).read_bytes()
    tags = tags_of(kept)
    assert not any(NEW_YORK in value or "factory gate" in value for value in tags.values()), tags
    assert NEW_YORK.encode() not in kept and b"factory gate" not in kept
    assert frame_count(kept) == 8


def test_a_new_factory_is_told_to_open_its_calendar_and_set_shipping_fees():
    """Without an offered meeting type in some weekly hours buyers cannot book; without a fee, not order."""

    def open_steps(owner) -> set[str]:
        return {s.key for s in factories.overview_for_member(owner).steps if not s.done}

    owner = a_factory(hours="09:00-17:00")  # hours, but no meeting type yet
    assert {"step.meetings", "step.shipping"} <= open_steps(owner)
    type_id = a_meeting_type(owner)
    assert "step.meetings" not in open_steps(owner)
    schedule_setup.set_type_active(owner, type_id, False)  # no longer offered: nothing to book
    assert "step.meetings" in open_steps(owner)

    typed_only = a_factory()  # a meeting type, but no weekly hours
    a_meeting_type(typed_only)
    assert "step.meetings" in open_steps(typed_only)

    before = factories.overview_for_member(owner).completeness_pct
    orders.save_shipping_rates(owner, {"europe": ("DHL Express", "20.00")})
    assert "step.shipping" not in open_steps(owner)
    assert factories.overview_for_member(owner).completeness_pct > before

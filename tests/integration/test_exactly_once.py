"""Exactly once from the browser, at the service layer: a create carries its form's key, and the same
key never creates twice — repeated, raced from threads, or after a refusal; on SQLite and PostgreSQL.
Sample orders, meeting requests, products, webinars and factory documents (with their files and quota)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core import idempotency
from realsourcing.core.errors import ValidationFailed
from realsourcing.core.idempotency import IdempotencyKey, StaleForm, new_key
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings import booking
from realsourcing.meetings.booking import BookingRequest, SlotTaken
from realsourcing.meetings.models import Meeting, MeetingEvent
from realsourcing.notifications.models import Notification
from realsourcing.orders import service as orders
from realsourcing.orders.models import OrderEvent, SampleOrder, ShippingRate
from realsourcing.orders.service import Address, Line
from realsourcing.profile import catalog, documents, storage
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.documents import DocumentForm
from realsourcing.profile.models import FactoryDocument
from realsourcing.webinars import service as webinars
from realsourcing.webinars.models import Webinar, WebinarProduct, WebinarStatus
from realsourcing.webinars.service import WebinarForm
from tests.support.builders import a_bookable_factory, a_buyer, a_factory, a_product, with_bank_details

ADDRESS = Address("Maya Thompson", "", "US", "12 Harbor St", "", "Portland", "OR", "97201", "+1 503 555 0100")
SH = ZoneInfo("Asia/Shanghai")


def a_sample_seller() -> tuple[CurrentUser, int]:
    """A factory with one orderable sample, shipped to North America, taking bank transfers; returns its owner
    and the product."""
    owner = with_bank_details(a_factory(name="Once Works"))
    mug = a_product(owner, name_en="Mug", sample_price="12.50", published=True)
    with session_scope() as db:
        db.add(ShippingRate(factory_id=owner.factory_id, region="north_america", label="DHL", fee_cents=4500))
    return owner, mug


def place(buyer: CurrentUser, owner: CurrentUser, mug: int, key: str, quantity: int = 1) -> int:
    return orders.create_order(
        buyer, owner.factory_id, [Line(mug, quantity)], ADDRESS, payment_method="bank_transfer", key=key
    )


def orders_of(buyer: CurrentUser) -> list[int]:
    with session_scope() as db:
        return list(db.exec(select(SampleOrder.id).where(SampleOrder.buyer_id == buyer.id)).all())


def meetings_of(buyer: CurrentUser) -> list[int]:
    with session_scope() as db:
        return list(db.exec(select(Meeting.id).where(Meeting.buyer_id == buyer.id)).all())


def notifications_of(user: CurrentUser) -> int:
    with session_scope() as db:
        return db.exec(select(func.count()).select_from(Notification).where(Notification.user_id == user.id)).one()


def a_slot(days: int, hour: int) -> datetime:
    day = (utcnow() + timedelta(days=days)).astimezone(SH).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=SH).astimezone(ZoneInfo("UTC"))


def a_request(owner: CurrentUser, type_id: int, start: datetime) -> BookingRequest:
    return BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start, agenda="QC")


def all_at_once(count: int, call: Callable[[], int]) -> tuple[list[int], list[BaseException]]:
    """Run `call` from `count` threads released together; what they returned and what they raised."""
    barrier, lock = threading.Barrier(count), threading.Lock()
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            made = call()
        except BaseException as exc:  # reported by the test, never swallowed
            with lock:
                errors.append(exc)
            return
        with lock:
            results.append(made)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


# ---------------------------------------------------------------- sample orders


def test_the_same_key_places_one_order_and_answers_with_it_again():
    owner, mug = a_sample_seller()
    buyer, key = a_buyer(), new_key()
    first = place(buyer, owner, mug, key)
    told = notifications_of(owner)
    assert place(buyer, owner, mug, key) == first
    assert place(buyer, owner, mug, key, quantity=2) == first  # the same submit, whatever it carries
    assert orders_of(buyer) == [first]
    with session_scope() as db:
        assert len(db.exec(select(OrderEvent).where(OrderEvent.order_id == first)).all()) == 1
    assert notifications_of(owner) == told  # the factory heard of the order once


def test_two_keys_place_two_orders():
    owner, mug = a_sample_seller()
    buyer = a_buyer()
    first, second = place(buyer, owner, mug, new_key()), place(buyer, owner, mug, new_key())
    assert first != second and sorted(orders_of(buyer)) == sorted([first, second])


def test_another_buyers_identical_key_is_another_order():
    owner, mug = a_sample_seller()
    maya, lukas, key = a_buyer(), a_buyer(), new_key()
    mayas = place(maya, owner, mug, key)
    lukass = place(lukas, owner, mug, key)
    assert mayas != lukass and orders_of(maya) == [mayas] and orders_of(lukas) == [lukass]


def test_a_refused_submit_leaves_its_key_for_the_corrected_one():
    owner, mug = a_sample_seller()
    buyer, key = a_buyer(), new_key()
    with pytest.raises(ValidationFailed):
        place(buyer, owner, mug, key, quantity=99)  # over the sample limit: nothing is stored
    assert orders_of(buyer) == []
    corrected = place(buyer, owner, mug, key)
    assert orders_of(buyer) == [corrected]


def test_submits_racing_with_one_key_place_one_order():
    owner, mug = a_sample_seller()
    buyer, key = a_buyer(), new_key()
    results, errors = all_at_once(6, lambda: place(buyer, owner, mug, key))
    assert errors == []
    assert len(results) == 6 and len(set(results)) == 1
    assert orders_of(buyer) == results[:1]


@pytest.mark.parametrize(
    "key", ["", "short-key", "a key with spaces in it", "ключ-ключ-ключ-ключ-ключ", "k" * 65, None]
)
def test_a_key_is_an_opaque_token_or_the_form_is_stale(key):
    owner, mug = a_sample_seller()
    buyer = a_buyer()
    with pytest.raises(StaleForm):
        place(buyer, owner, mug, key)
    assert orders_of(buyer) == []


# ---------------------------------------------------------------- meeting requests


def test_the_same_key_requests_one_meeting():
    owner, type_id = a_bookable_factory()
    buyer, key = a_buyer(), new_key()
    first = booking.reserve(buyer, a_request(owner, type_id, a_slot(5, 9)), key=key)
    again = booking.reserve(buyer, a_request(owner, type_id, a_slot(5, 9)), key=key)  # its slot is now taken
    assert again == first and meetings_of(buyer) == [first]
    with session_scope() as db:
        assert len(db.exec(select(MeetingEvent).where(MeetingEvent.meeting_id == first)).all()) == 1


def test_another_buyers_identical_key_does_not_get_their_meeting():
    owner, type_id = a_bookable_factory()
    maya, lukas, key = a_buyer(), a_buyer(), new_key()
    booking.reserve(maya, a_request(owner, type_id, a_slot(6, 10)), key=key)
    with pytest.raises(SlotTaken):
        booking.reserve(lukas, a_request(owner, type_id, a_slot(6, 10)), key=key)
    assert meetings_of(lukas) == []
    assert len(meetings_of(maya)) == 1


def test_confirms_racing_with_one_key_request_one_meeting():
    owner, type_id = a_bookable_factory()
    buyer, key = a_buyer(), new_key()
    results, errors = all_at_once(6, lambda: booking.reserve(buyer, a_request(owner, type_id, a_slot(7, 11)), key=key))
    assert errors == []
    assert len(results) == 6 and len(set(results)) == 1
    assert meetings_of(buyer) == results[:1]


def test_one_key_used_for_an_order_and_a_meeting_makes_both():
    seller, mug = a_sample_seller()
    owner, type_id = a_bookable_factory()
    buyer, key = a_buyer(), new_key()
    order_id = place(buyer, seller, mug, key)
    meeting_id = booking.reserve(buyer, a_request(owner, type_id, a_slot(8, 9)), key=key)
    assert orders_of(buyer) == [order_id] and meetings_of(buyer) == [meeting_id]


# ---------------------------------------------------------------- the mechanism itself


def test_the_database_refuses_a_second_row_for_one_key():
    buyer, key = a_buyer(), new_key()
    with session_scope() as db:
        db.add(IdempotencyKey(actor_id=buyer.id, kind="sample_order", key=key, result_id=1))
    with pytest.raises(IntegrityError), session_scope() as db:
        db.add(IdempotencyKey(actor_id=buyer.id, kind="sample_order", key=key, result_id=2))


def test_a_repeated_key_is_answered_before_the_create_runs():
    runs: list[str] = []

    @idempotency.once("counted_create")
    def counted(actor: CurrentUser, *, key: str) -> int:
        runs.append(key)  # stands for work outside the transaction (a provider call, an email)
        with session_scope() as db:
            idempotency.remember(db, 40 + len(runs))
        return 40 + len(runs)

    buyer, key = a_buyer(), new_key()
    assert [counted(buyer, key=key) for _ in range(3)] == [41, 41, 41]
    assert counted(buyer, key=new_key()) == 42 and len(runs) == 2


def test_a_create_that_forgets_to_remember_its_key_fails_loudly():
    @idempotency.once("forgetful_create")
    def forgetful(actor: CurrentUser, *, key: str) -> int:
        return 7

    with pytest.raises(RuntimeError, match="remembered"):
        forgetful(a_buyer(), key=new_key())
    with pytest.raises(RuntimeError, match="outside"), session_scope() as db:
        idempotency.remember(db, 7)


def test_only_creates_taking_an_actor_and_a_key_can_be_made_idempotent():
    with pytest.raises(TypeError):
        idempotency.once("keyless_create")(lambda actor: 1)
    with pytest.raises(ValueError):
        idempotency.once("Not A Kind!")


# ---------------------------------------------------------------- products

BOTTLE = {"name_en": "Steel bottle", "category": "home_kitchen", "moq": "500", "specifications": "Volume: 750 ml"}


def products_of(owner: CurrentUser) -> list[int]:
    with session_scope() as db:
        return list(db.exec(select(Product.id).where(Product.factory_id == owner.factory_id)).all())


def test_the_same_key_creates_one_product_and_answers_with_it_again():
    owner, key = a_factory(), new_key()
    first = catalog.create_product(owner, BOTTLE, key=key)
    assert catalog.create_product(owner, BOTTLE, key=key) == first
    assert catalog.create_product(owner, {**BOTTLE, "name_en": "Other"}, key=key) == first  # the same submit
    assert products_of(owner) == [first]
    assert catalog.product_form(owner, first)["name_en"] == "Steel bottle"


def test_a_refused_product_leaves_its_key_for_the_corrected_one():
    owner, key = a_factory(), new_key()
    with pytest.raises(ValidationFailed):
        catalog.create_product(owner, {**BOTTLE, "category": ""}, key=key)
    assert products_of(owner) == []
    corrected = catalog.create_product(owner, BOTTLE, key=key)
    assert products_of(owner) == [corrected]


def test_another_members_identical_key_is_another_product():
    one, two, key = a_factory(), a_factory(), new_key()
    ones, twos = catalog.create_product(one, BOTTLE, key=key), catalog.create_product(two, BOTTLE, key=key)
    assert ones != twos and products_of(one) == [ones] and products_of(two) == [twos]


def test_saves_racing_with_one_key_create_one_product():
    owner, key = a_factory(), new_key()
    results, errors = all_at_once(6, lambda: catalog.create_product(owner, BOTTLE, key=key))
    assert errors == []
    assert len(results) == 6 and len(set(results)) == 1
    assert products_of(owner) == results[:1]


def test_a_product_create_without_a_usable_key_is_refused():
    owner = a_factory()
    with pytest.raises(StaleForm):
        catalog.create_product(owner, BOTTLE, key="")
    assert products_of(owner) == []


# ---------------------------------------------------------------- webinars


def a_tour(days: int, **changes: object) -> WebinarForm:
    start = (utcnow() + timedelta(days=days)).astimezone(SH).replace(hour=10, minute=0)
    values: dict = {"title_en": "Workshop tour: moulding", "start_local": start.strftime("%Y-%m-%dT%H:%M")}
    return WebinarForm(**(values | changes))


def webinars_of(owner: CurrentUser) -> list[Webinar]:
    with session_scope() as db:
        return list(db.exec(select(Webinar).where(Webinar.factory_id == owner.factory_id)).all())


def test_the_same_key_creates_one_webinar_scheduled_once():
    owner, key = a_factory(), new_key()
    mug = a_product(owner, name_en="Mug", published=True)
    first = webinars.create_webinar(owner, a_tour(9, product_ids=(mug,)), key=key, schedule_now=True)
    # The repeat would overlap the first (scheduled) one and could not be scheduled again: it is answered first.
    assert webinars.create_webinar(owner, a_tour(9, product_ids=(mug,)), key=key, schedule_now=True) == first
    made = webinars_of(owner)
    assert [w.id for w in made] == [first] and made[0].status == WebinarStatus.SCHEDULED.value
    with session_scope() as db:
        assert len(db.exec(select(WebinarProduct).where(WebinarProduct.webinar_id == first)).all()) == 1


def test_a_refused_webinar_leaves_its_key_for_the_corrected_one():
    owner, key = a_factory(), new_key()
    with pytest.raises(ValidationFailed):
        webinars.create_webinar(owner, a_tour(-1), key=key)  # starts in the past
    assert webinars_of(owner) == []
    corrected = webinars.create_webinar(owner, a_tour(10), key=key)
    assert [w.id for w in webinars_of(owner)] == [corrected] and webinars_of(owner)[0].status == "draft"


def test_saves_racing_with_one_key_create_one_webinar():
    owner, key = a_factory(), new_key()
    results, errors = all_at_once(6, lambda: webinars.create_webinar(owner, a_tour(11), key=key, schedule_now=True))
    assert errors == []
    assert len(results) == 6 and len(set(results)) == 1
    assert [w.id for w in webinars_of(owner)] == results[:1]


# ---------------------------------------------------------------- factory documents

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LICENCE = DocumentForm("business_license", "91350200MA34ONCE", "Xiamen AMR")


def document_files(owner: CurrentUser) -> list[Path]:
    folder = get_settings().private_dir / f"documents/{owner.factory_id}"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def documents_of(owner: CurrentUser) -> list[int]:
    with session_scope() as db:
        return list(db.exec(select(FactoryDocument.id).where(FactoryDocument.factory_id == owner.factory_id)).all())


def test_the_same_key_stores_one_document_one_file_and_counts_it_once():
    owner, key = a_factory(), new_key()
    first = documents.add_document(owner, LICENCE, "licence.pdf", PDF, key=key)
    assert documents.add_document(owner, LICENCE, "licence.pdf", PDF, key=key) == first
    assert documents.add_document(owner, LICENCE, "other.pdf", PDF + b"%", key=key) == first
    assert documents_of(owner) == [first]
    assert len(document_files(owner)) == 1
    used = storage.my_storage(owner)
    assert (used.documents, used.used_bytes) == (1, len(PDF))


def test_a_refused_document_leaves_its_key_for_the_corrected_one():
    owner, key = a_factory(), new_key()
    with pytest.raises(ValidationFailed):
        documents.add_document(owner, DocumentForm("business_license", "", "Xiamen AMR"), "l.pdf", PDF, key=key)
    assert documents_of(owner) == [] and document_files(owner) == []
    corrected = documents.add_document(owner, LICENCE, "l.pdf", PDF, key=key)
    assert documents_of(owner) == [corrected] and len(document_files(owner)) == 1


@pytest.mark.parametrize("limit", ["20", "1"])  # twins that store a file and lose; twins refused as over the limit
def test_uploads_racing_with_one_key_store_one_document_and_one_file(monkeypatch, limit):
    monkeypatch.setenv("FACTORY_DOCUMENT_LIMIT", limit)
    get_settings.cache_clear()
    try:
        owner, key = a_factory(), new_key()
        results, errors = all_at_once(6, lambda: documents.add_document(owner, LICENCE, "l.pdf", PDF, key=key))
    finally:
        monkeypatch.delenv("FACTORY_DOCUMENT_LIMIT")
        get_settings.cache_clear()
    assert errors == []
    assert len(results) == 6 and len(set(results)) == 1
    assert documents_of(owner) == results[:1]
    assert len(document_files(owner)) == 1  # a twin that wrote its file before losing took it away again
    assert storage.my_storage(owner).used_bytes == len(PDF)


def test_two_keys_store_two_documents():
    owner = a_factory()
    first = documents.add_document(owner, LICENCE, "l.pdf", PDF, key=new_key())
    iso = DocumentForm("iso_9001", "CN-QMS-1", "SGS", valid_until="2035-01-01")
    second = documents.add_document(owner, iso, "iso.pdf", PDF, key=new_key())
    assert sorted(documents_of(owner)) == sorted([first, second]) and len(document_files(owner)) == 2

"""The gallery's "Upload" button: progress reports spin it only for the upload they belong to, so one that
arrives after its upload is done (reports and the upload reach the server separately) cannot spin it
again; files the browser refuses when chosen are said as the server would say them."""

from __future__ import annotations

from reflex.state import State

from realsourcing.core.uploads import MAX_VIDEO_BYTES
from realsourcing.profile.states.media import MAX_GALLERY_FILES, MediaState
from realsourcing.ui.uploading import selection_refusals


def gallery_page() -> MediaState:
    page = State(_reflex_internal_init=True).get_substate(MediaState.get_full_name().split(".")[1:])
    page.lang = "en"
    return page


def report(page: MediaState, fraction: float, attempt: int) -> None:
    MediaState.on_progress.fn(page, {"loaded": fraction * 100, "total": 100, "progress": fraction}, attempt)


def test_reports_of_the_current_upload_spin_the_button_and_never_go_backwards():
    page = gallery_page()
    report(page, 0.4, attempt=0)
    assert (page.uploading, page.progress) == (True, 40)
    report(page, 0.2, attempt=0)  # reports may be handled out of order (several workers)
    assert (page.uploading, page.progress) == (True, 40)
    report(page, 1.0, attempt=0)
    assert (page.uploading, page.progress) == (True, 100)  # sent; the server is still checking the files


def test_a_report_that_arrives_after_its_upload_is_done_leaves_the_button_alone():
    page = gallery_page()
    report(page, 0.5, attempt=0)
    page._upload_done()  # the upload handler is done (stored or refused)
    for late in (0.6, 0.99, 1.0):
        report(page, late, attempt=0)
    assert (page.uploading, page.progress) == (False, 0)
    report(page, 0.3, attempt=1)  # the next upload's own reports count again
    assert (page.uploading, page.progress) == (True, 30)


def test_a_report_without_its_upload_or_with_nonsense_changes_nothing():
    page = gallery_page()
    MediaState.on_progress.fn(page, {"progress": 0.5})  # no attempt: an old page's report
    MediaState.on_progress.fn(page, "half", 0)
    MediaState.on_progress.fn(page, {"progress": "lots"}, 0)
    assert (page.uploading, page.progress) == (False, 0)


def test_files_refused_when_chosen_are_named_with_the_servers_reasons_in_the_readers_language():
    page = gallery_page()
    rejected = [
        {"name": "factory-tour.mp4", "codes": ["file-too-large"]},
        {"name": "./logo.svg", "codes": ["file-invalid-type"]},
    ]
    MediaState.refused_at_selection.fn(page, rejected)
    assert page.problems == [
        "factory-tour.mp4: That file is too large (at most 100 MB).",
        "logo.svg: That kind of file isn't accepted here. Use the formats listed.",
    ]
    page.lang = "zh"
    MediaState.refused_at_selection.fn(page, rejected[:1])
    assert page.problems == ["factory-tour.mp4: 文件过大（最大 100 MB）。"]
    assert page.uploading is False  # nothing was sent, nothing spins


def test_refusal_records_are_read_defensively():
    many = [{"name": f"{i}.jpg", "codes": ["too-many-files"]} for i in range(30)]
    refusals = selection_refusals(many, MAX_VIDEO_BYTES, MAX_GALLERY_FILES)
    assert len(refusals) == 20 and refusals[0] == ("0.jpg", "err.upload_too_many", {"count": MAX_GALLERY_FILES})
    assert selection_refusals([None, 3, {"name": "", "codes": "file-too-large"}], MAX_VIDEO_BYTES, 1) == [
        ("?", "err.upload_wrong_type", {})
    ]
    assert selection_refusals({"name": "a.jpg"}, MAX_VIDEO_BYTES, 1) == []

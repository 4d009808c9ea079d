"""The member's factory gallery: upload several photos/videos at once, caption, order, cover."""

from __future__ import annotations

from functools import partial
from typing import TypedDict

import reflex as rx

from realsourcing.core.uploads import MAX_VIDEO_BYTES
from realsourcing.profile import media, storage
from realsourcing.profile.states.storage import StorageMeterView, meter_view
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown
from realsourcing.ui.uploading import selection_refusals, store_each

MAX_GALLERY_FILES = 20  # files per upload


class MediaView(TypedDict):
    id: int
    kind: str
    url_key: str
    thumb_key: str
    caption_en: str
    caption_zh: str
    cover: bool


class MediaState(SessionState):
    loaded: bool = False
    items: list[MediaView] = []
    progress: int = 0
    uploading: bool = False
    # Which upload the page is on: each finished upload counts one more. The browser tags every progress
    # report with the number it showed when "Upload" was clicked, so a report that arrives after its upload
    # is done (reports and the upload travel separately) cannot spin the button again.
    attempt: int = 0
    problems: list[str] = []
    storage: StorageMeterView = meter_view(None)

    def _reload(self) -> None:
        user = self.user()
        self.items = [
            MediaView(
                id=m.id,
                kind=m.kind,
                url_key=m.key,
                thumb_key=m.thumbnail_key,
                caption_en=m.caption_en,
                caption_zh=m.caption_zh,
                cover=m.is_cover,
            )
            for m in media.my_gallery(user)
        ]
        self.storage = meter_view(storage.my_storage(user))
        self.loaded = True

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        self.problems = []
        self._reload()

    @rx.event
    def on_progress(self, progress: dict, attempt: int = -1):
        if attempt != self.attempt:
            return  # a report of an upload that is already done (or none at all)
        try:
            self.progress = min(100, max(self.progress, round(float(progress.get("progress", 0)) * 100)))
        except (AttributeError, TypeError, ValueError):
            return
        self.uploading = True  # until the upload handler is done with these files

    def _upload_done(self) -> None:
        """The button is itself again; late progress reports of these files are ignored from now on."""
        self.uploading, self.progress = False, 0
        self.attempt += 1

    @rx.event
    def refused_at_selection(self, rejected: list):
        """Files the browser refused when chosen (too large, not a listed format): said as the server would."""
        refused = selection_refusals(rejected, MAX_VIDEO_BYTES, MAX_GALLERY_FILES)
        self.problems = [f"{name[:80]}: {self.tr(key, **params)}" for name, key, params in refused]

    @rx.event
    @refusals_shown
    async def upload(self, files: list[rx.UploadFile]):
        user = self.user()
        self.uploading = True  # while the files are checked and stored
        yield
        try:
            added, problems = await store_each(
                files[:MAX_GALLERY_FILES], MAX_VIDEO_BYTES, partial(media.add_media, user), self.explain
            )
        finally:
            self._upload_done()
        self.problems = problems
        self._reload()
        yield rx.clear_selected_files("gallery")
        if added:
            yield rx.toast.success(f"{self.tr('media.added')} ({added})")

    @rx.event
    @refusals_shown
    def save_caption(self, asset_id: int, language: str, value: str):
        item = next((i for i in self.items if i["id"] == asset_id), None)
        if item is None or language not in ("en", "zh"):
            return
        en = str(value) if language == "en" else item["caption_en"]
        zh = str(value) if language == "zh" else item["caption_zh"]
        media.update_caption(self.user(), item["id"], en, zh)
        self._reload()

    @rx.event
    @refusals_shown
    def move(self, asset_id: int, offset: int):
        media.move(self.user(), id_from_client(asset_id), 1 if offset == 1 else -1)
        self._reload()

    @rx.event
    @refusals_shown
    def make_cover(self, asset_id: int):
        media.set_cover(self.user(), id_from_client(asset_id))
        self._reload()

    @rx.event
    @refusals_shown
    def remove(self, asset_id: int):
        media.delete(self.user(), id_from_client(asset_id))
        self._reload()

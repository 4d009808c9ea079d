"""The member's factory gallery: upload several photos/videos at once, caption, order, cover."""

from __future__ import annotations

from functools import partial
from typing import TypedDict

import reflex as rx

from realsourcing.core.uploads import MAX_VIDEO_BYTES
from realsourcing.profile import media, storage
from realsourcing.profile.states.storage import StorageMeterView, meter_view
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown
from realsourcing.ui.uploading import store_each


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
    def on_progress(self, progress: dict):
        self.progress = round(float(progress.get("progress", 0)) * 100)
        # the last report (100 %) may arrive after the upload handler is done: it must not spin the button again
        self.uploading = self.progress < 100

    @rx.event
    @refusals_shown
    async def upload(self, files: list[rx.UploadFile]):
        user = self.user()
        self.uploading = True  # while the files are checked and stored
        yield
        try:
            added, problems = await store_each(
                files[:20], MAX_VIDEO_BYTES, partial(media.add_media, user), self.explain
            )
        finally:
            self.uploading, self.progress = False, 0
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

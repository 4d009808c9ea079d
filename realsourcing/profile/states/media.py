"""The member's factory gallery: upload several photos/videos at once, caption, order, cover."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.core.errors import DomainError, PermissionDenied
from realsourcing.core.offload import run_cpu
from realsourcing.core.uploads import MAX_VIDEO_BYTES
from realsourcing.profile import media, storage
from realsourcing.profile.states.storage import StorageMeterView, meter_view
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown
from realsourcing.ui.uploading import read_upload


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
        self.uploading = True
        self.progress = round(float(progress.get("progress", 0)) * 100)

    @rx.event
    @refusals_shown
    async def upload(self, files: list[rx.UploadFile]):
        user = self.user()
        problems = []
        added = 0
        for file in files[:20]:  # one at a time: one upload uses one core, other tabs keep theirs
            try:
                data = await read_upload(file, MAX_VIDEO_BYTES)
                await run_cpu(media.add_media, user, data)  # decoding and re-encoding: off the event loop
                added += 1
            except PermissionDenied:
                raise  # not a member: refusals_shown sends them away
            except DomainError as exc:  # one bad file does not stop the others
                problems.append(f"{(file.filename or '?')[:80]}: {self.explain(exc)}")
        self.problems = problems
        self.uploading, self.progress = False, 0
        self._reload()
        events = [rx.clear_selected_files("gallery")]
        if added:
            events.append(rx.toast.success(f"{self.tr('media.added')} ({added})"))
        return events

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

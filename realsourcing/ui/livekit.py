"""@livekit/components-react wrapped for Reflex: the only module that names the npm packages.

LiveKitRoom connects to the LiveKit server with a token minted by the server; VideoConference is
LiveKit's prebuilt layout (video grid, controls, and chat over LiveKit data messages).
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

LIBRARY = "@livekit/components-react@2.9.24"
DEPENDENCIES = ["livekit-client@2.23.0", "@livekit/components-styles@1.2.0", "tslib@2.8.1"]


def _error_message(error: Var) -> tuple[Var[str]]:
    return (error.to(dict)["message"].to(str),)


class LiveKitRoom(rx.NoSSRComponent):
    library = LIBRARY
    tag = "LiveKitRoom"
    lib_dependencies = DEPENDENCIES

    server_url: Var[str]
    token: Var[str]
    connect: Var[bool]
    video: Var[bool]
    audio: Var[bool]

    on_connected: rx.EventHandler[rx.event.no_args_event_spec]
    on_disconnected: rx.EventHandler[rx.event.no_args_event_spec]
    on_error: rx.EventHandler[_error_message]

    def add_imports(self) -> dict:
        return {"": ["@livekit/components-styles"]}


class VideoConference(rx.NoSSRComponent):
    library = LIBRARY
    tag = "VideoConference"
    lib_dependencies = DEPENDENCIES


live_kit_room = LiveKitRoom.create
video_conference = VideoConference.create

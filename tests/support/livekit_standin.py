"""A local HTTP stand-in for the LiveKit server's RoomService (Twirp over HTTP with protobuf).

It decodes each request with the SDK's own protobuf classes, checks the bearer token with the real
verifier, records what arrived, and answers with a protobuf response — so tests see exactly what our
gateway sends, without a LiveKit server.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from livekit import api as lk

METHODS = {
    "CreateRoom": (lk.CreateRoomRequest, lambda req: lk.Room(name=req.name, sid=f"RM_{req.name}")),
    "DeleteRoom": (lk.DeleteRoomRequest, lambda req: lk.DeleteRoomResponse()),
    "UpdateParticipant": (
        lk.UpdateParticipantRequest,
        lambda req: lk.ParticipantInfo(identity=req.identity, permission=req.permission),
    ),
    "RemoveParticipant": (lk.RoomParticipantIdentity, lambda req: lk.RemoveParticipantResponse()),
    "GetParticipant": (
        lk.RoomParticipantIdentity,
        lambda req: lk.ParticipantInfo(
            identity=req.identity, tracks=[lk.TrackInfo(sid="TR_cam"), lk.TrackInfo(sid="TR_mic")]
        ),
    ),
    "MutePublishedTrack": (lk.MuteRoomTrackRequest, lambda req: lk.MuteRoomTrackResponse()),
}


@dataclass
class Call:
    method: str
    request: object
    grants: lk.VideoGrants


@dataclass
class LiveKitStandIn:
    api_key: str
    api_secret: str
    calls: list[Call] = field(default_factory=list)
    url: str = ""

    def start(self) -> LiveKitStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                prefix = "/twirp/livekit.RoomService/"
                method = self.path.removeprefix(prefix) if self.path.startswith(prefix) else ""
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                try:
                    claims = lk.TokenVerifier(standin.api_key, standin.api_secret).verify(
                        self.headers.get("Authorization", "").removeprefix("Bearer ")
                    )
                except Exception:
                    self._answer(401, b'{"code":"unauthenticated","msg":"bad token"}', "application/json")
                    return
                if method not in METHODS or self.headers.get("Content-Type") != "application/protobuf":
                    self._answer(404, b'{"code":"bad_route","msg":"no such method"}', "application/json")
                    return
                request_class, respond = METHODS[method]
                request = request_class.FromString(body)
                standin.calls.append(Call(method, request, claims.video))
                self._answer(200, respond(request).SerializeToString(), "application/protobuf")

            def _answer(self, status: int, payload: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"ws://127.0.0.1:{self._server.server_port}"
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

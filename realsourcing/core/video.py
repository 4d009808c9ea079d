"""Video through LiveKit: access tokens, room management and webhook verification, in one gateway.

The browser connects to LIVEKIT_URL with a token minted here; nothing else on the client decides who
may publish. Room management calls the LiveKit server's Twirp API (livekit-api); tests point the
gateway at a local HTTP stand-in that decodes the SDK's real protobuf requests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

import aiohttp
from livekit import api as lk
from livekit.api.access_token import Claims

from realsourcing.config import get_settings
from realsourcing.core.errors import DomainError

TOKEN_TTL = timedelta(minutes=15)  # short: a viewer reconnecting later asks the server again


class VideoUnavailable(DomainError):
    """The LiveKit server did not answer (the rest of the page keeps working)."""

    def __init__(self) -> None:
        super().__init__("err.video_unavailable")


class WebhookRejected(Exception):
    pass


@dataclass(frozen=True)
class Grant:
    can_publish: bool
    can_subscribe: bool = True
    can_publish_data: bool = True
    room_admin: bool = False


HOST = Grant(can_publish=True, room_admin=True)
VIEWER = Grant(can_publish=False)  # watch and chat (data messages), no camera or microphone


class LiveKitGateway:
    def __init__(self, url: str, api_key: str, api_secret: str) -> None:
        self.url = url
        self.api_key = api_key
        self.api_secret = api_secret

    @classmethod
    def from_settings(cls) -> LiveKitGateway:
        settings = get_settings()
        return cls(settings.livekit_url, settings.livekit_api_key, settings.livekit_api_secret)

    @property
    def http_url(self) -> str:
        return self.url.replace("wss://", "https://", 1).replace("ws://", "http://", 1)

    def token(
        self,
        *,
        room: str,
        identity: str,
        name: str,
        grant: Grant,
        metadata: dict | None = None,
        ttl: timedelta = TOKEN_TTL,
    ) -> str:
        return (
            lk.AccessToken(self.api_key, self.api_secret)
            .with_identity(identity)
            .with_name(name)
            .with_metadata(json.dumps(metadata or {}))
            .with_ttl(ttl)
            .with_grants(
                lk.VideoGrants(
                    room_join=True,
                    room=room,
                    can_publish=grant.can_publish,
                    can_subscribe=grant.can_subscribe,
                    can_publish_data=grant.can_publish_data,
                    room_admin=grant.room_admin,
                )
            )
            .to_jwt()
        )

    def verify_token(self, token: str) -> Claims:
        return lk.TokenVerifier(self.api_key, self.api_secret).verify(token)

    async def _call(self, method, request):
        try:
            async with lk.LiveKitAPI(self.http_url, self.api_key, self.api_secret) as client:
                return await method(client.room)(request)
        except (aiohttp.ClientError, OSError, TimeoutError, lk.TwirpError) as exc:
            raise VideoUnavailable() from exc

    async def create_room(self, name: str, *, empty_timeout_s: int = 600, max_participants: int = 0) -> None:
        await self._call(
            lambda room: room.create_room,
            lk.CreateRoomRequest(name=name, empty_timeout=empty_timeout_s, max_participants=max_participants),
        )

    async def delete_room(self, name: str) -> None:
        await self._call(lambda room: room.delete_room, lk.DeleteRoomRequest(room=name))

    async def set_can_publish(self, room: str, identity: str, can_publish: bool) -> None:
        permission = lk.ParticipantPermission(can_publish=can_publish, can_subscribe=True, can_publish_data=True)
        await self._call(
            lambda r: r.update_participant,
            lk.UpdateParticipantRequest(room=room, identity=identity, permission=permission),
        )

    async def remove_participant(self, room: str, identity: str) -> None:
        await self._call(lambda r: r.remove_participant, lk.RoomParticipantIdentity(room=room, identity=identity))

    async def mute(self, room: str, identity: str) -> None:
        participant = await self._call(
            lambda r: r.get_participant, lk.RoomParticipantIdentity(room=room, identity=identity)
        )
        for track in participant.tracks:
            await self._call(
                lambda r: r.mute_published_track,
                lk.MuteRoomTrackRequest(room=room, identity=identity, track_sid=track.sid, muted=True),
            )

    def receive_webhook(self, body: str, authorization: str) -> lk.WebhookEvent:
        """The verified event, or WebhookRejected (bad signature, altered body, wrong key)."""
        try:
            return lk.WebhookReceiver(lk.TokenVerifier(self.api_key, self.api_secret)).receive(body, authorization)
        except Exception as exc:  # the SDK raises plain Exceptions and jwt errors
            raise WebhookRejected(str(exc)) from exc

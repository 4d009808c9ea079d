"""Real media files for tests, made with the same libraries the app uses (Pillow, PyAV)."""

from __future__ import annotations

import io

import av
from PIL import Image

NEW_YORK = "+40.7128-074.0060/"


def a_video(container: str = "mp4", *, location: str = NEW_YORK, frames: int = 10, noise: bool = False) -> bytes:
    """A small real video (H.264 in MP4 or VP8 in WebM) tagged with a GPS location and a title, as phones do."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container) as output:
        output.metadata["location"] = location
        output.metadata["title"] = "Shot on a phone at the factory gate"
        stream = output.add_stream("libx264" if container == "mp4" else "libvpx", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.metadata["location"] = location
        for index in range(frames):
            picture = Image.effect_noise((64, 48), 80).convert("RGB") if noise else Image.new("RGB", (64, 48))
            if not noise:
                picture.paste((index * 20 % 256, 90, 140), (0, 0, 64, 48))
            for packet in stream.encode(av.VideoFrame.from_image(picture)):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
    return buffer.getvalue()


def tags_of(video: bytes) -> dict[str, str]:
    """Every container and stream tag of a video, read back as FFmpeg reads it."""
    with av.open(io.BytesIO(video)) as container:
        tags = dict(container.metadata)
        for stream in container.streams:
            tags.update({f"stream{stream.index}.{k}": v for k, v in stream.metadata.items()})
        return tags


def frame_count(video: bytes) -> int:
    with av.open(io.BytesIO(video)) as container:
        return sum(1 for _ in container.decode(video=0))

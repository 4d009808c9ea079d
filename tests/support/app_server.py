"""Starting the real app (prod mode, single port) and finding a browser; used by tests and bench/."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_path() -> str:
    """Chromium/Chrome to drive (CHROMIUM_PATH wins); raises with what to do when there is none."""
    found = subprocess.run(["bash", str(ROOT / "tests" / "find_browser.sh")], capture_output=True, text=True)
    if found.returncode != 0:
        raise RuntimeError(found.stderr.strip() or "No Chromium found (set CHROMIUM_PATH).")
    return found.stdout.strip()


@contextmanager
def running_app(extra_env: dict[str, str], log_path: Path, timeout: float = 240) -> Iterator[str]:
    """`reflex run --env prod --single-port` on a free port; yields its URL and stops it afterwards.

    The database and directories come from the environment (REFLEX_DB_URL etc.), so the caller
    decides which database the app uses.
    """
    port = free_port()
    url = f"http://localhost:{port}"
    env = {**os.environ, "APP_URL": url, "PYTHONUNBUFFERED": "1", "REFLEX_TELEMETRY_ENABLED": "false", **extra_env}
    if env.get("REFLEX_REDIS_URL"):
        env.setdefault("GRANIAN_WORKERS", "2")  # several backend workers sharing state through Redis
    reflex = shutil.which("reflex", path=str(ROOT / ".venv" / "bin")) or "reflex"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                reflex,
                "run",
                "--env",
                "prod",
                "--single-port",
                "--frontend-port",
                str(port),
                "--backend-port",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_until_up(proc, url, log_path, timeout)
            yield url
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)


def _wait_until_up(proc: subprocess.Popen, url: str, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log_path.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/ping", timeout=2) as r:
                if r.status == 200:
                    with urllib.request.urlopen(f"{url}/", timeout=5):
                        return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the app did not answer within {timeout:.0f} s:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.5)

"""Benchmark (not a test): Lighthouse (mobile) on the public pages. Run with `make bench` or alone.

Starts the real app (prod mode, a temporary SQLite database with the demo data), then runs Lighthouse
from npm (installed into .tools/ on first use) against the Debian Chromium for the landing page, the
directory, a factory page, a product page and a webinar page, and prints the four category scores of
each (performance, accessibility, best practices, SEO), their lowest, and how far each is from the
goal of 0.95. Lighthouse's own simulated mobile throttling is used, so the figures compare across runs
of this machine, not with a phone. BENCH_LIGHTHOUSE_PAGES narrows the list (comma-separated names).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LIGHTHOUSE_VERSION = "12"
GOAL = 0.95
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TOOLS = ROOT / ".tools"

_tmp = Path(tempfile.mkdtemp(prefix="realsourcing-bench-lighthouse-"))
os.environ.update(
    {
        "REFLEX_DB_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "DATABASE_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "INSTANCE_DIR": str(_tmp / "instance"),
        "REFLEX_UPLOADED_FILES_DIR": str(_tmp / "media"),
        "PRIVATE_DIR": str(_tmp / "private"),
    }
)

from realsourcing.cli import migrate  # noqa: E402
from realsourcing.core.sitemap import SITEMAP_NS  # noqa: E402
from realsourcing.seed import seed_demo_data  # noqa: E402
from tests.support.app_server import browser_path, running_app  # noqa: E402


def lighthouse_bin() -> str:
    """The Lighthouse CLI, installed from npm into .tools/ when it is not there yet."""
    local = Path(os.environ.get("LIGHTHOUSE_BIN", TOOLS / "node_modules" / ".bin" / "lighthouse"))
    if not local.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("npm is needed to install Lighthouse (apt-get install -y nodejs npm)")
        print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} from npm into .tools/ …", flush=True)
        subprocess.run(
            [
                npm,
                "install",
                "--silent",
                "--no-fund",
                "--no-audit",
                "--prefix",
                str(TOOLS),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return str(local)


def pages(url: str) -> dict[str, str]:
    with urllib.request.urlopen(f"{url}/sitemap.xml", timeout=30) as response:
        root = ElementTree.fromstring(response.read())
    locs = [loc.text or "" for loc in root.iter(f"{{{SITEMAP_NS}}}loc")]
    plain = lambda part: next(u.split("?")[0] for u in locs if part in u)  # noqa: E731
    return {
        "landing": f"{url}/",
        "directory": f"{url}/factories",
        "factory": plain("/factories/"),
        "product": plain("/products/"),
        "webinar": plain("/webinars/"),
    }


def scores(cli: str, chrome: str, page_url: str) -> dict[str, float]:
    out = _tmp / "report.json"
    subprocess.run(
        [
            cli,
            page_url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": chrome},
        timeout=300,
    )
    report = json.loads(out.read_text())
    return {c: float(report["categories"][c]["score"] or 0.0) for c in CATEGORIES}


def main() -> None:
    cli = lighthouse_bin()
    chrome = browser_path()
    migrate()
    seed_demo_data()
    wanted = {p for p in os.environ.get("BENCH_LIGHTHOUSE_PAGES", "").split(",") if p}
    with running_app({}, _tmp / "server.log") as url:
        targets = {k: v for k, v in pages(url).items() if not wanted or k in wanted}
        print(f"Lighthouse {LIGHTHOUSE_VERSION} (mobile, simulated throttling) — goal ≥ {GOAL} in every category")
        print(f"{'page':<10} " + " ".join(f"{c:>15}" for c in CATEGORIES) + f" {'lowest':>8}")
        lowest_all = 1.0
        for name, page_url in targets.items():
            result = scores(cli, chrome, page_url)
            lowest = min(result.values())
            lowest_all = min(lowest_all, lowest)
            print(f"{name:<10} " + " ".join(f"{result[c]:>15.2f}" for c in CATEGORIES) + f" {lowest:>8.2f}")
        print(f"lowest score {lowest_all:.2f} (goal {GOAL}: {'met' if lowest_all >= GOAL else 'not met'})")


if __name__ == "__main__":
    main()

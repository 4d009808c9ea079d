"""GET /robots.txt, /sitemap.xml and /sitemap-{n}.xml: real HTTP answers, ahead of the single-page app's
catch-all (which would answer every unknown path with the app shell)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from realsourcing.config import get_settings
from realsourcing.core import sitemap
from realsourcing.profile.public_index import public_pages

XML = "application/xml; charset=utf-8"
CACHE = {"Cache-Control": "public, max-age=3600"}


async def robots(request: Request) -> Response:
    return PlainTextResponse(sitemap.robots_txt(get_settings().app_url), headers=CACHE)


def sitemap_body(number: int | None) -> str | None:
    """/sitemap.xml (number None): the sitemap, or an index once the site needs several files;
    /sitemap-N.xml: the N-th of those files. None when there is no such file."""
    pages = public_pages()
    app_url = get_settings().app_url
    files = sitemap.file_count(len(pages))
    if number is None:
        return sitemap.sitemap_index(pages, app_url) if files > 1 else sitemap.urlset(pages, app_url)
    if files == 1 or not 1 <= number <= files:
        return None
    return sitemap.urlset(sitemap.file_pages(pages, number), app_url)


async def _answer(number: int | None) -> Response:
    body = await run_in_threadpool(sitemap_body, number)  # the database and 50,000 addresses: off the loop
    if body is None:
        return PlainTextResponse("Not found", status_code=404)
    return Response(body, media_type=XML, headers=CACHE)


async def sitemap_root(request: Request) -> Response:
    return await _answer(None)


async def sitemap_file(request: Request) -> Response:
    return await _answer(request.path_params["number"])

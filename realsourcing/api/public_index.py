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


async def sitemap_root(request: Request) -> Response:
    """The sitemap itself, or an index of numbered files once the site has more than one file's worth."""
    pages = await run_in_threadpool(public_pages)
    app_url = get_settings().app_url
    if sitemap.file_count(len(pages)) > 1:
        return Response(sitemap.sitemap_index(pages, app_url), media_type=XML, headers=CACHE)
    return Response(sitemap.urlset(pages, app_url), media_type=XML, headers=CACHE)


async def sitemap_file(request: Request) -> Response:
    number = request.path_params["number"]
    pages = await run_in_threadpool(public_pages)
    if sitemap.file_count(len(pages)) == 1 or not 1 <= number <= sitemap.file_count(len(pages)):
        return PlainTextResponse("Not found", status_code=404)
    chunk = sitemap.file_pages(pages, number)
    return Response(sitemap.urlset(chunk, get_settings().app_url), media_type=XML, headers=CACHE)

from pathlib import Path

from tests.e2e.helpers import open_page

OUT = Path("/tmp/shots-images")


def test_shots(browser, app_url):
    OUT.mkdir(exist_ok=True)
    for lang in ("en", "zh"):
        for name, width in (("desktop", 1280), ("phone", 390)):
            context = browser.new_context(base_url=app_url, viewport={"width": width, "height": 900})
            page = context.new_page()
            open_page(page, f"/factories/suzhou-silkline-textiles?lang={lang}")
            page.locator(".gallery-item img").first.scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            page.screenshot(path=str(OUT / f"factory-{lang}-{name}.png"), full_page=True)
            href = page.locator("a[href^='/products/']").first.get_attribute("href")
            open_page(page, f"{href}?lang={lang}")
            page.wait_for_timeout(800)
            page.screenshot(path=str(OUT / f"product-{lang}-{name}.png"), full_page=False)
            context.close()

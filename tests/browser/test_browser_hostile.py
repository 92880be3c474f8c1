"""The hostile vectors of tests/hostile/ in Chromium, under the CSP the build wrote: nothing runs, nothing navigates."""
from __future__ import annotations

import pytest

from tests.browser.conftest import CSP_LISTENER, Visit
from tests.hostile.test_hostile_markup import serve_hostile

PAGES = ["/articles/03/", "/en/articles/03/", "/articles/02/", "/en/articles/02/", "/articles/04/", "/en/articles/04/",
         "/full-text/", "/en/full-text/"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    yield from serve_hostile(tmp_path_factory, "browser-hostile")


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["under-the-csp", "sanitising-alone"])
def test_no_vector_runs_or_navigates_in_chromium(hostile_site, browser, bypass_csp):
    site, url = hostile_site
    for path in PAGES:
        v = Visit(browser, url, "ja-JP" if not path.startswith("/en/") else "en-US", bypass_csp=bypass_csp)
        dialogs: list[str] = []
        try:
            v.context.add_init_script(CSP_LISTENER)
            v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page = v.goto(path)
            page.wait_for_timeout(400)
            page.mouse.move(200, 300)
            page.mouse.move(400, 500)
            assert dialogs == [], (path, dialogs)
            assert page.url == url + path, (path, page.url)
            assert page.evaluate("() => window.__pwned") is None, path
            # Nothing was even attempted: no inline script or handler was left for the CSP to block.
            assert page.evaluate("() => window.__csp") == [], path
            assert v.offsite == [], (path, v.offsite)
        finally:
            v.close()

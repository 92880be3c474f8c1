"""History pages (index, a past revision, a diff, compare) in the browser, on the three-revision fixture.

The real policy has one revision so far, so it has no past revision and no diff page yet;
these pages are checked on the history fixture archive (tests/history), built and served
like the real site.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.browser.conftest import CSP_LISTENER, Visit, page_urls, run_axe
from scripts.policy.dates import format_date

KINDS = ("history", "revision", "diff", "compare")


@pytest.fixture(scope="module")
def history_urls(history_served):
    urls = {n: u for n, u in page_urls(history_served[0]).items() if n.rsplit("-", 1)[0] in KINDS}
    assert {f"{k}-{lang}" for k in KINDS for lang in ("ja", "en")} <= set(urls), urls
    return urls


def test_history_pages_have_no_axe_violations_errors_or_offsite_requests(browser, history_served, history_urls,
                                                                          axe_source):
    site, url = history_served
    failures = {}
    for name, path in history_urls.items():
        v = Visit(browser, url, "en-US" if name.endswith("-en") else "ja-JP")
        try:
            v.context.add_init_script(CSP_LISTENER)
            page = v.goto(path)
            page.wait_for_load_state("networkidle")
            problems = {"errors": v.errors, "offsite": v.offsite, "csp": page.evaluate("() => window.__csp")}
            # axe is injected as an inline script, which the site's CSP rightly blocks: a second visit without it.
            checked = Visit(browser, url, "en-US" if name.endswith("-en") else "ja-JP", bypass_csp=True)
            try:
                problems["axe"] = run_axe(checked.goto(path), axe_source)
            finally:
                checked.close()
        finally:
            v.close()
        problems = {k: val for k, val in problems.items() if val}
        if problems:
            failures[name] = problems
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_past_revisions_are_not_searchable(browser, history_served, history_urls):
    site, url = history_served
    revision = site / history_urls["revision-ja"].strip("/") / "index.html"
    html = revision.read_text(encoding="utf-8")
    assert "data-pagefind-body" not in html and "noindex" in html
    v = Visit(browser, url, "ja-JP")
    try:
        page = v.goto("/articles/02/")
        page.locator("#policy-search-input").click()
        page.keyboard.type("個人情報")
        page.wait_for_function("() => document.getElementById('policy-search-results').dataset.query === '個人情報'")
        hrefs = page.locator(".policy-search__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert hrefs and not [h for h in hrefs if "/history/" in h], hrefs
    finally:
        v.close()


@pytest.mark.parametrize("lang,prefix,label,banner", [
    ("ja", "/", "施行予定日", "まだ施行されていません"),
    ("en", "/en/", "Takes effect on", "It is not in effect yet")])
@pytest.mark.parametrize("kind", ["", "diff/"])
def test_an_upcoming_revision_says_when_it_takes_effect(browser, history_served, lang, prefix, label, banner, kind):
    # 2027-01-01 is upcoming on the build day: its date is one it will take effect on.
    v = Visit(browser, history_served[1], "en-US" if lang == "en" else "ja-JP")
    try:
        page = v.goto(f"{prefix}history/2027-01-01/{kind}")
        effective = page.locator(".policy-effective").inner_text()
        assert effective.startswith(label), effective
        if not kind:
            assert banner in page.locator(".history-banner").inner_text()
        past = v.goto(f"{prefix}history/2025-07-01/{kind}").locator(".policy-effective").inner_text()
        assert not past.startswith(label), past
    finally:
        v.close()


def test_the_switcher_keeps_the_comparison_in_both_directions(browser, history_served):
    v = Visit(browser, history_served[1], "ja-JP")
    try:
        page = v.goto("/history/compare/#old=2024-04-01&new=2027-01-01")
        page.wait_for_selector("#history-compare-result > *")
        page.locator(".md-select").first.hover()
        page.locator('.md-select__link[hreflang="en"]').click()
        page.wait_for_url("**/en/history/compare/#old=2024-04-01&new=2027-01-01")
        assert page.locator("select[name=old]").input_value() == "2024-04-01"
        # A comparison chosen on the page is the one the switch keeps.
        page.locator("select[name=old]").select_option("2025-07-01")
        page.locator("select[name=new]").select_option("2025-07-01")
        page.locator("#history-compare button[type=submit]").click()
        page.wait_for_function("() => location.hash === '#old=2025-07-01&new=2025-07-01'")
        page.locator(".md-select").first.hover()
        page.locator('.md-select__link[hreflang="ja"]').click()
        page.wait_for_url("**/history/compare/#old=2025-07-01&new=2025-07-01")
        assert "/en/" not in page.url
        assert page.locator("select[name=new]").input_value() == "2025-07-01"
    finally:
        v.close()


@pytest.mark.parametrize("lang,prefix", [("ja", "/"), ("en", "/en/")])
def test_print_during_an_upcoming_period_says_what_changes_and_where(browser, history_served, lang, prefix):
    v = Visit(browser, history_served[1], "en-US" if lang == "en" else "ja-JP")
    try:
        page = v.goto(prefix + "articles/06/")
        notice = page.locator(".policy-print-head__upcoming")
        assert not notice.is_visible()
        page.emulate_media(media="print")
        assert notice.is_visible() and not page.locator(".policy-upcoming").is_visible()
        text = notice.inner_text()
        assert format_date(dt.date(2027, 1, 1), lang) in text
        assert text.rstrip().endswith(f"{prefix}history/2027-01-01/diff/"), text
    finally:
        v.close()

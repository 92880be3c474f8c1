"""Each page type in a real browser: switcher, permalinks, 404s, print, errors, requests, CSP."""
from __future__ import annotations

import pytest

from tests.browser.conftest import CSP_LISTENER, page_urls


def test_switcher_lands_on_the_same_article(visit):
    v = visit()
    page = v.goto("/articles/06/")
    page.locator(".md-select").first.hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url("**/en/articles/06/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Article 6")
    page.locator(".md-select").first.hover()
    page.locator('.md-select__link[hreflang="ja"]').click()
    page.wait_for_url("**/articles/06/")
    assert not page.url.rstrip("/").endswith("/en/articles/06")
    assert page.locator("h1").inner_text().startswith("第６条")


def switch_language(page, lang: str) -> None:
    page.locator(".md-select").first.hover()
    page.locator(f'.md-select__link[hreflang="{lang}"]').click()


def test_switcher_keeps_the_clause_in_both_directions(visit):
    page = visit().goto("/articles/05/#art-5-p3")
    switch_language(page, "en")
    page.wait_for_url("**/en/articles/05/#art-5-p3")
    assert page.evaluate("() => document.querySelector(':target').id") == "art-5-p3"
    # A clause chosen on the page (its permalink) is the one the switch keeps.
    page.locator("#art-5-p2 > .clause-link").click()
    switch_language(page, "ja")
    page.wait_for_url("**/articles/05/#art-5-p2")
    assert "/en/" not in page.url
    assert page.evaluate("() => document.querySelector(':target').id") == "art-5-p2"


@pytest.mark.parametrize("path,other,home", [("/en/no-such-page/", "ja", "/"), ("/no-such-page/", "en", "/en/")])
def test_the_404_switcher_leads_to_the_other_languages_home(visit, path, other, home):
    v = visit()
    v.page.goto(v.base_url + path)
    link = v.page.locator(f'.md-select__link[hreflang="{other}"]')
    assert link.get_attribute("href") == home
    switch_language(v.page, other)
    v.page.wait_for_url(v.base_url + home)
    assert v.page.locator("html").get_attribute("lang") == other


def test_a_clause_permalink_scrolls_to_its_clause(visit):
    v = visit()
    page = v.goto("/articles/05/#art-5-p4")
    clause = page.locator("#art-5-p4")
    page.wait_for_function("() => window.scrollY > 0")
    box = clause.bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] < viewport["height"], box
    assert page.evaluate("() => document.querySelector(':target').id") == "art-5-p4"


@pytest.mark.parametrize("path,lang,title", [("/no-such-page/", "ja", "ページが見つかりません"),
                                             ("/en/no-such-page/", "en", "Page not found")])
def test_404_pages_speak_the_visitors_language(visit, path, lang, title):
    v = visit()
    response = v.page.goto(v.base_url + path)
    assert response.status == 404
    assert v.page.locator("html").get_attribute("lang") == lang
    assert title in v.page.locator("h1").inner_text()
    home = v.page.locator(".md-content a", has_text="Privacy Policy" if lang == "en" else "トップへ")
    assert home.get_attribute("href") == ("/en/" if lang == "en" else "/")


def test_print_shows_the_policy_text_only(visit):
    v = visit()
    page = v.goto("/articles/02/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".policy-search"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("#art-2-p1").is_visible()


def test_every_page_type_loads_without_errors_or_offsite_requests(site_dir, visit):
    urls = page_urls(site_dir)
    assert {"home-ja", "article-en", "full-text-ja", "404-en"} <= set(urls)
    for name, path in urls.items():
        v = visit("en-US" if name.endswith("-en") else "ja-JP")
        v.context.add_init_script(CSP_LISTENER)
        page = v.goto(path)
        # Use the page as a visitor would: hover the language list, open the search.
        page.locator(".md-select").first.hover()
        page.locator("#policy-search-input").click()
        page.keyboard.type("analytics")
        page.wait_for_selector(".policy-search__link", timeout=10_000)
        page.wait_for_load_state("networkidle")
        errors = [e for e in v.errors if not (name.startswith("404") and "404" in e)]
        assert errors == [], (name, errors)
        assert v.offsite == [], (name, v.offsite)
        assert page.evaluate("() => window.__csp") == [], name


def test_security_headers_are_served(site_dir, base_url, visit):
    v = visit()
    response = v.page.goto(base_url + "/articles/01/")
    csp = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "sha256-" in csp and "frame-ancestors 'none'" in csp


def company(lang: str) -> str:
    import yaml

    from tests.conftest import ORG
    return yaml.safe_load((ORG / "data" / "company.yml").read_text(encoding="utf-8"))[lang]["name"]


@pytest.mark.parametrize("lang,prefix", [("ja", "/"), ("en", "/en/")])
def test_the_header_names_the_company_and_document_in_full_on_a_phone(browser, base_url, lang, prefix):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ja-JP" if lang == "ja" else "en-US")
    try:
        page = context.new_page()
        page.goto(base_url + prefix + "articles/02/")
        name = page.locator(".md-header .policy-site-name")
        assert company(lang) in name.inner_text()
        clipped = page.evaluate("""() => {
            const header = document.querySelector('.md-header').getBoundingClientRect();
            return [...document.querySelectorAll('.policy-site-name, .policy-site-name > span')].filter(el => {
                const box = el.getBoundingClientRect();
                return el.scrollWidth > el.clientWidth + 1 || box.top < header.top || box.bottom > header.bottom
                    || box.right > document.querySelector('.md-header__title').getBoundingClientRect().right + 1;
            }).map(el => el.className + ': ' + el.textContent.trim());
        }""")
        assert clipped == []
    finally:
        context.close()


def test_every_title_names_the_company_and_both_homes_alike(site_dir, visit):
    urls = page_urls(site_dir)
    v = visit()
    for name, path in urls.items():
        lang = "en" if name.endswith("-en") else "ja"
        title = v.goto(path).title()
        assert title.endswith(" - " + company(lang)), (name, title)
    homes = [v.goto(path).title() for path in ("/", "/en/")]
    site_names = [v.goto(path).locator(".policy-site-name__document").inner_text() for path in ("/", "/en/")]
    assert homes == [f"{site_names[0]} - {company('ja')}", f"{site_names[1]} - {company('en')}"]


def test_items_are_set_off_from_their_paragraph(visit):
    page = visit().goto("/articles/02/")
    x = {i: page.locator(f"#{i}").bounding_box()["x"] for i in ("art-2-p1", "art-2-p1-i1", "art-2-p1-i2")}
    assert x["art-2-p1-i1"] == x["art-2-p1-i2"] > x["art-2-p1"] + 10, x
    sub = visit().goto("/articles/05/")
    assert sub.locator("#art-5-p2-s1").bounding_box()["x"] > sub.locator("#art-5-p2").bounding_box()["x"] + 10


def test_print_names_the_company_the_document_and_the_address(visit):
    page = visit().goto("/articles/06/")
    head = page.locator(".policy-print-head")
    assert not head.is_visible()
    page.emulate_media(media="print")
    assert head.is_visible()
    text = head.inner_text()
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert company("ja") in text and page.locator(".policy-site-name__document").inner_text() in text
    assert canonical.endswith("/articles/06/") and canonical in text

"""Search in the browser, typed key by key as a person types, in each language."""
from __future__ import annotations

import pytest

from tests.browser.conftest import load_queries

QUERIES = load_queries()
CASES = [(lang, item["q"], item["page"]) for lang in ("ja", "en") for item in QUERIES[lang]]
HOME = {"ja": "/", "en": "/en/"}


def test_the_query_set_is_large_enough():
    for lang in ("ja", "en"):
        assert len(QUERIES[lang]) >= 25, lang


@pytest.fixture(scope="module")
def search_pages(browser, base_url):
    """One open page per language; each query clears the box and types again."""
    pages = {}
    contexts = []
    for lang in ("ja", "en"):
        context = browser.new_context(locale="ja-JP" if lang == "ja" else "en-US")
        contexts.append(context)
        page = context.new_page()
        page.goto(base_url + HOME[lang] + "articles/01/")
        pages[lang] = page
    yield pages
    for context in contexts:
        context.close()


def type_query(page, query: str):
    box = page.locator("#policy-search-input")
    box.fill("")
    box.click()
    page.keyboard.type(query)  # one key event per character
    page.wait_for_function(
        """(q) => { const p = document.getElementById('policy-search-results');
                    return document.getElementById('policy-search-input').value === q && !p.hidden
                      && p.dataset.query === q; }""", arg=query, timeout=10_000)
    return page.locator(".policy-search__link")


@pytest.mark.parametrize("lang,query,target", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_query_finds_its_page_in_the_first_three(search_pages, base_url, lang, query, target):
    page = search_pages[lang]
    links = type_query(page, query)
    hrefs = [links.nth(i).get_attribute("href") for i in range(min(3, links.count()))]
    expected = HOME[lang] + target
    assert any(h.split("#")[0] == expected for h in hrefs), (query, hrefs)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_results_stay_in_the_page_language(search_pages, lang):
    page = search_pages[lang]
    links = type_query(page, "analytics")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs
    for href in hrefs:
        assert href.startswith("/en/") == (lang == "en"), href


def test_a_hit_links_to_the_clause_and_shows_the_matched_text(search_pages):
    page = search_pages["ja"]
    links = type_query(page, "運転免許証")
    first = links.first
    assert first.get_attribute("href") == "/articles/05/#art-5-p2-s2"
    marked = first.locator("mark").all_inner_texts()
    assert "運転免許証" in "".join(marked)
    first.click()
    page.wait_for_url("**/articles/05/#art-5-p2-s2")
    clause = page.locator("#art-5-p2-s2")
    assert "運転免許証" in clause.inner_text()
    assert clause.is_visible()


def test_full_text_404_and_history_are_not_results(search_pages):
    page = search_pages["ja"]
    for query in ("ページが見つかりません", "全文", "個人情報"):
        links = type_query(page, query)
        for i in range(links.count()):
            href = links.nth(i).get_attribute("href")
            assert "full-text" not in href and "404" not in href and "/history/" not in href, (query, href)


def test_text_committed_by_an_input_method_is_searched(search_pages):
    """An IME inserts its text with input events and no key events: it is searched all the same."""
    page = search_pages["ja"]
    box = page.locator("#policy-search-input")
    box.fill("")
    box.click()
    page.keyboard.insert_text("旅券")
    page.wait_for_function("() => document.getElementById('policy-search-results').dataset.query === '旅券'")
    assert page.locator(".policy-search__link").first.get_attribute("href").startswith("/articles/05/#art-5-p2")



def contact_words(lang: str) -> list[tuple[str, str]]:
    """Each word of the contact blocks as a visitor reads it (labels, names, address parts),
    with the page that shows it, from the fixture organisation's policy as the core reads it."""
    from pathlib import Path

    from scripts.policy.contact import policy_contacts
    from scripts.policy.reader import load_policy
    from tests.conftest import ORG
    words = []
    for contact in policy_contacts(load_policy(ORG / "docs", lang, root=ORG)):
        page = Path(contact.path).relative_to(Path("docs") / lang).with_suffix("").as_posix() + "/"
        for line in contact.lines:
            label, sep, value = line.text.replace("：", ":").partition(": " if lang == "en" else ":")
            parts = ([label] if sep else []) + (value if sep else line.text).split()
            words += [(w, page) for w in parts if w]
    assert len(words) >= 8, words
    return sorted(set(words))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_word_of_the_contact_blocks_finds_its_page(search_pages, lang):
    missed = {}
    for word, page in contact_words(lang):
        links = type_query(search_pages[lang], word)
        hrefs = [links.nth(i).get_attribute("href").split("#")[0] for i in range(links.count())]
        if HOME[lang] + page not in hrefs:
            missed[word] = hrefs
    assert missed == {}


@pytest.mark.parametrize("lang,query", [("ja", "ぐーぐる"), ("en", "xylophone")])
def test_a_query_the_policy_does_not_hold_finds_nothing_and_says_so(search_pages, lang, query):
    page = search_pages[lang]
    links = type_query(page, query)
    assert links.count() == 0
    panel = page.locator("#policy-search-results")
    assert panel.locator(".policy-search__meta").inner_text() == panel.get_attribute("data-empty")

"""The page the indexer reads: segmented policy text, the original text as metadata."""
from __future__ import annotations

import re

from lxml import html as lxml_html

from scripts.site.search_text import clause_texts, index_page

PAGE = """<!doctype html><html lang="ja"><head><title>第６条 - サイト</title></head><body>
<header>メニュー</header>
<p class="policy-effective">施行日: 2022年4月1日</p>
<div data-pagefind-body>
<h1 id="art-6">第６条（開示）<a class="headerlink" href="#art-6">§</a></h1>
<p class="clause" id="art-6-p2"><a class="clause-link" href="#art-6-p2">§</a>２．運転免許証<strong>など</strong>の資料</p>
<p>＜宛先＞</p>
<p class="clause" id="art-6-p3">３．5,500円 &amp; IPアドレス</p>
<ul data-pagefind-ignore><li>第１条（個人情報）</li></ul>
</div>
<footer>フッター</footer>
</body></html>"""


def meta(page: str) -> dict[str, str]:
    return {m[1]: m[2] for m in re.finditer(r'<p data-pagefind-meta="([^"]+)">([^<]*)</p>', page)}


def body(page: str) -> str:
    return page[page.index("<div data-pagefind-body"):page.index("</div>")]


def test_a_page_without_indexed_text_is_left_out():
    assert index_page("<html lang='ja'><body><p>404</p></body></html>") is None


def test_the_body_is_indexed_as_pairs_keeping_its_clause_ids():
    page = index_page(PAGE)
    assert '<html lang="ja">' in page
    text = body(page)
    assert 'id="art-6-p2"' in text and 'id="art-6-p3"' in text
    assert "運転 転免 免許 許証" in text and "IP アド ドレ レス" in text
    assert "運転免許証" not in text


def test_chrome_and_ignored_text_are_not_indexed():
    text = body(index_page(PAGE))
    for chrome in ("§", "施行", "メニュー", "フッター", "個人"):
        assert chrome not in text, chrome


def test_the_original_text_of_each_clause_comes_as_metadata():
    found = meta(index_page(PAGE))
    assert found["title"] == "第６条（開示）"
    assert found["text-art-6"] == "第６条（開示）"
    # A clause's text runs to the next element with an id: the label after it belongs to it.
    assert found["text-art-6-p2"] == "２．運転免許証などの資料 ＜宛先＞"
    assert found["text-art-6-p3"] == "３．5,500円 &amp; IPアドレス"  # escaped once, as HTML text


def test_text_before_the_first_id_has_its_own_entry_and_blocks_stay_apart():
    tree = lxml_html.fragment_fromstring("<div><p>前文</p><h2 id='a'>見出し</h2>本文<p>続き</p></div>")
    assert clause_texts(tree) == {"": "前文", "a": "見出し 本文 続き"}

"""The build's own additions for search and deployment: index, _headers, robots.txt."""
import base64
import gzip
import hashlib
import json
import re

import pytest

from scripts.site import headers, search


@pytest.fixture(scope="module")
def built_site(org_site):
    """In this module: the fixture organisation's site."""
    return org_site


def test_one_search_index_per_language(built_site):
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    metas = sorted(p.name.split("_")[0] for p in bundle.glob("pagefind.*.pf_meta"))
    assert metas == ["pagefind.en", "pagefind.ja"]


def fragments(site):
    """Pagefind's per-page records: gzip, a signature, then JSON."""
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        yield path.name.split("_")[0], json.loads(data[data.index(b"{"):])


def test_japanese_is_indexed_as_pairs_and_shown_as_written(built_site):
    records = {record["url"]: (lang, record) for lang, record in fragments(built_site)}
    lang, article = records["/articles/05/"]
    assert lang == "ja"
    assert "運転 転免 免許 許証" in article["content"] and "運転免許証" not in article["content"]
    assert article["meta"]["title"] == "第５条（開示等の請求）"
    assert "運転免許証" in article["meta"]["text-art-5-p2-s2"]
    assert [a["id"] for a in article["anchors"]][:2] == ["art-5", "art-5-p1"]
    lang, english = records["/en/articles/05/"]
    assert lang == "en" and "driver's license" in english["meta"]["text-art-5-p2-s2"]


def test_only_policy_text_is_indexed(built_site):
    for path in ("index.html", "articles/06/index.html", "appendix/index.html", "en/articles/06/index.html"):
        assert "data-pagefind-body" in (built_site / path).read_text(encoding="utf-8"), path
    for path in ("404.html", "en/404.html", "full-text/index.html", "en/full-text/index.html"):
        assert "data-pagefind-body" not in (built_site / path).read_text(encoding="utf-8"), path


def test_csp_hashes_every_inline_script_and_allows_no_other(built_site):
    text = (built_site / "_headers").read_text(encoding="utf-8")
    csp = re.search(r"Content-Security-Policy: (.*)", text)[1]
    script_src = re.search(r"script-src ([^;]*)", csp)[1]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    page = (built_site / "articles/06/index.html").read_text(encoding="utf-8")
    inline = [m[1] for m in re.finditer(r"<script>(.*?)</script>", page, re.S)]
    assert inline
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_every_inline_script_of_the_built_pages_is_a_template_script(built_site):
    csp = re.search(r"script-src ([^;]*)", (built_site / "_headers").read_text(encoding="utf-8"))[1]
    allowed = set(re.findall(r"'(sha256-[^']+)'", csp))
    assert headers.page_script_hashes(built_site) <= allowed


def test_json_data_blocks_and_external_scripts_are_not_inline_scripts():
    html = '<script id="c" type="application/json">{"a":1}</script><script src="x.js"></script><script>run()</script>'
    assert headers.inline_scripts(html) == ["run()"]
    digest = base64.b64encode(hashlib.sha256(b"run()").digest()).decode()
    assert headers.script_hash("run()") == f"sha256-{digest}"


def test_robots_txt_names_the_sitemap(built_site):
    text = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in text and re.search(r"^Sitemap: https?://\S+/sitemap.xml$", text, re.M)


def test_indexing_a_folder_without_a_site_says_so(tmp_path):
    try:
        search.build_index(tmp_path)
    except search.SearchIndexError as err:
        assert "no built site" in str(err)
    else:
        raise AssertionError("expected SearchIndexError")


def test_sitemap_lists_each_page_with_its_language_alternates(built_site):
    from xml.etree import ElementTree
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(built_site / "sitemap.xml").getroot().findall("s:url", ns)
    by_loc = {u.find("s:loc", ns).text: {l.get("hreflang"): l.get("href") for l in u.findall("x:link", ns)}
              for u in urls}
    article = next(loc for loc in by_loc if loc.endswith("/articles/06/") and "/en/" not in loc)
    assert by_loc[article]["ja"] == article
    assert by_loc[article]["en"] == article.replace("/articles/06/", "/en/articles/06/")
    # Like each page's head, the sitemap names the Japanese original as x-default, for every page.
    assert all(links.get("x-default") == links["ja"] for links in by_loc.values())
    assert len(by_loc) == 2 * len([loc for loc in by_loc if "/en/" not in loc])


def test_a_site_without_policy_text_is_not_indexed(tmp_path):
    (tmp_path / "index.html").write_text("<html lang='ja'><body><p>404</p></body></html>", encoding="utf-8")
    try:
        search.build_index(tmp_path)
    except search.SearchIndexError as err:
        assert "no page" in str(err)
    else:
        raise AssertionError("expected SearchIndexError")

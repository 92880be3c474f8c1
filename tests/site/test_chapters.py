"""Chapters in the navigation, on the home page and above each article."""
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from scripts.import_policy import main
from scripts.policy.reader import load_policy
from scripts.site.annotate import article_list, chapter_line
from scripts.site.chapters import group_nav
from tests.conftest import FIXTURES


def imported(tmp_path):
    assert main([str(FIXTURES / "styles" / "blade-chapters.blade.php"), "--out", str(tmp_path / "docs" / "ja")]) == 0
    return load_policy(tmp_path / "docs", "ja")


def test_articles_are_grouped_under_their_chapters(tmp_path):
    policy = imported(tmp_path)
    config = MkDocsConfig()
    config.load_dict({"site_name": "test", "docs_dir": str(tmp_path / "docs")})
    names = ["index.md", "articles/01.md", "articles/02.md", "articles/03.md", "articles/04.md", "appendix.md"]
    pages = [Page(None, File(f"ja/{name}", str(tmp_path / "docs"), str(tmp_path / "site"), True), config)
             for name in names]
    nav = group_nav(Navigation(list(pages), list(pages)), policy, "ja")
    assert [type(item).__name__ for item in nav.items] == ["Page", "Section", "Section", "Page"]
    first, second = nav.items[1], nav.items[2]
    assert isinstance(first, Section) and first.title == "【第一章　総則】"
    assert [p.file.src_uri for p in first.children] == ["ja/articles/01.md", "ja/articles/02.md"]
    assert [p.file.src_uri for p in second.children] == ["ja/articles/03.md", "ja/articles/04.md"]
    assert pages[3].parent is second


def test_home_page_list_and_article_page_show_the_chapter(tmp_path):
    policy = imported(tmp_path)
    listing = article_list(policy)
    assert listing.startswith("- 【第一章　総則】\n    - [第１条（目的）](articles/01.md)\n")
    assert "- 【第二章　配送】\n    - [第３条（配送日）](articles/03.md)" in listing
    assert chapter_line(policy.document("articles/03.md")) == "【第二章　配送】\n{: .policy-chapter }\n\n"
    assert chapter_line(policy.document("appendix.md")) == ""

"""A third language is published by adding it to mkdocs.yml and writing its docs/<lang>/ files: no code.

The fixture organisation gains Korean (tests/fixtures/third-language/: its pages in Korean legal
numbering, 제3조(…), ①, 1., 가., and its part of the company data file); verify and the build
then treat it as they treat English.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BUILD_TODAY, FIXTURES, build_site, org_project, run_module
from tests.site.test_search_index import fragments

KOREAN = FIXTURES / "third-language"
ENTRY = """        - locale: ko
          name: 한국어
          build: true
          site_name: 개인정보처리방침
          site_description: 주식회사 고모레비 공방의 개인정보처리방침 (한국어 번역)
"""


def _plugins(base: str) -> str:
    """The base configuration's plugins list, with the Korean entry after the English one."""
    start = base.index("\nplugins:\n") + 1
    end = re.search(r"^\S", base[start + len("plugins:\n"):], re.M)
    block = base[start:start + len("plugins:\n") + (end.start() if end else len(base))]
    marker = "  # After i18n"
    assert marker in block
    return block.replace(marker, ENTRY + marker, 1)


def add_korean(project: Path) -> Path:
    """What a site's editor does: the language in mkdocs.yml, its files, its part of the data file."""
    config = project / "mkdocs.yml"
    base = (project / "mkdocs.base.yml").read_text(encoding="utf-8")
    # The organisation's own mkdocs.yml lists its languages; its plugins list replaces the inherited one.
    config.write_text(config.read_text(encoding="utf-8") + _plugins(base), encoding="utf-8")
    shutil.copytree(KOREAN / "docs/ko", project / "docs/ko")
    company = project / "data/company.yml"
    company.write_text(company.read_text(encoding="utf-8") + (KOREAN / "company-ko.yml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def korean(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("third-language")
    project = add_korean(org_project(base / "project"))
    verified = run_module("scripts.verify", "--strict", cwd=project, env={"POLICY_TODAY": BUILD_TODAY})
    assert verified.returncode == 0, verified.stdout + verified.stderr
    built = build_site(project, base / "site")
    assert built.returncode == 0, built.stderr
    return project, base / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_configuration_declares_the_language_once(korean):
    project, _ = korean
    from scripts.policy import settings

    assert settings.languages(project) == ("ja", "en", "ko")


def test_its_pages_are_built_in_its_language(korean):
    _, site = korean
    page = soup(site / "ko/articles/03/index.html")
    assert page.html["lang"] == "ko"
    assert page.find("h1").get_text().strip().rstrip("§").strip() == "제3조(제3자 제공)"
    # The clause ids are the original's: ② of 제3조 is art-3-p2, as ２． of 第３条 is.
    assert page.find(id="art-3-p2") is not None and page.find(id="art-3-p1-i3") is not None
    assert "이 문서는 참고용 한국어 번역입니다" in page.get_text()
    assert "2024년 4월 1일" in page.get_text()
    full = soup(site / "ko/full-text/index.html").get_text()
    assert all(f"제{n}조" in full for n in range(1, 8))


def test_every_page_offers_every_language_in_the_switcher_and_as_alternates(korean):
    _, site = korean
    for path in (site / "articles/06/index.html", site / "en/articles/06/index.html", site / "ko/articles/06/index.html"):
        page = soup(path)
        switcher = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        assert set(switcher) == {"ja", "en", "ko"}, path
        other = "ja" if "/ko/" in str(path) else "ko"
        assert switcher[other].rstrip("/").endswith(("ko/articles/06" if other == "ko" else "articles/06")), path
        links = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate") if link.get("hreflang")}
        assert set(links) == {"ja", "en", "ko", "x-default"}, path
        assert links["ko"].replace("/ko/", "/", 1) == links["ja"]


def test_its_404_is_in_its_language(korean):
    _, site = korean
    page = soup(site / "ko/404.html")
    assert page.html["lang"] == "ko" and "페이지를 찾을 수 없습니다" in page.get_text()
    assert page.find("a", string="개인정보처리방침 첫 페이지로")["href"] == "/ko/"
    assert {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")} == {"ja": "/", "en": "/en/", "ko": "/ko/"}


def test_it_has_its_own_search_index(korean):
    _, site = korean
    metas = sorted(p.name.split("_")[0] for p in (site / "pagefind").glob("pagefind.*.pf_meta"))
    assert metas == ["pagefind.en", "pagefind.ja", "pagefind.ko"]
    records = {record["url"]: (lang, record) for lang, record in fragments(site)}
    lang, article = records["/ko/articles/05/"]
    assert lang == "ko" and "운전면허증" in article["content"]


def test_its_history_pages_and_feed(korean):
    _, site = korean
    history = soup(site / "ko/history/index.html")
    assert history.html["lang"] == "ko" and "개정 이력" in history.get_text()
    assert "2024년 4월 1일" in history.get_text()
    assert (site / "ko/history/2024-04-01/index.html").is_file()
    feed = (site / "ko/history/atom.xml").read_text(encoding="utf-8")
    assert "개인정보처리방침 개정 이력" in feed and "/ko/history/2024-04-01/" in feed
    listing = json.loads((site / "ko/history/index.json").read_text(encoding="utf-8"))
    assert listing

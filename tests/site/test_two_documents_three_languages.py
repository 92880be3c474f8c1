"""A site that exercises it all: the fixture organisation's privacy policy and terms of service in
Japanese (the original), English and Korean, each document with revisions released as CONTRIBUTING
says (the text changed in every language, the 附則 lines, change notices, the translations marked,
``scripts.release DATE --document ID``).

Its privacy policy: 2024-04-01 (published before the Korean translation), 2025-07-01 (in force on
the build day), 2027-01-01 (announced, upcoming). Its terms: 2025-01-01 (before the Korean), 2025-10-01.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BUILD_TODAY, TERMS_FEE, build_site, revise, run_module, three_language_project
from tests.site.test_search_index import fragments

LANGS = {"ja": "", "en": "en/", "ko": "ko/"}
DOCUMENTS = {"privacy": ("2024-04-01", "2025-07-01", "2027-01-01"), "terms": ("2025-01-01", "2025-10-01")}
PRIVACY_FEE = {
    "2025-07-01": {
        "ja": ("1,100円", "550円", "2025年7月1日　改定・施行", "開示請求の手数料を1,100円から550円に改めます。"),
        "en": ("1,100 yen", "550 yen", "July 1, 2025: Revised and effective",
               "The fee for a request for disclosure goes from 1,100 yen to 550 yen."),
        "ko": ("1,100엔", "550엔", "2025년 7월 1일 개정·시행", "공개 청구 수수료를 1,100엔에서 550엔으로 변경합니다."),
    },
    "2027-01-01": {
        "ja": ("550円", "330円", "2027年1月1日　改定・施行", "開示請求の手数料を550円から330円に改めます。"),
        "en": ("550 yen", "330 yen", "January 1, 2027: Revised and effective",
               "The fee for a request for disclosure goes from 550 yen to 330 yen."),
        "ko": ("550엔", "330엔", "2027년 1월 1일 개정·시행", "공개 청구 수수료를 550엔에서 330엔으로 변경합니다."),
    },
}
# The terms' fee change (tests/conftest.py), here on 2025-10-01.
TERMS_2025 = {lang: (old, new, line.replace("2027年1月1日", "2025年10月1日").replace("January 1, 2027", "October 1, 2025")
                     .replace("2027년 1월 1일", "2025년 10월 1일"), summary)
              for lang, (old, new, line, summary) in TERMS_FEE.items()}


def release(project: Path, date: str, document: str) -> None:
    done = run_module("scripts.release", date, "--document", document, "--no-pdf", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def suite(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("two-documents-three-languages")
    project = three_language_project(base / "project")
    revise(project, "privacy", "2025-07-01", "2025-05-15", PRIVACY_FEE["2025-07-01"])
    release(project, "2025-07-01", "privacy-policy")
    revise(project, "terms", "2025-10-01", "2025-08-01", TERMS_2025)
    release(project, "2025-10-01", "terms")
    revise(project, "privacy", "2027-01-01", "2026-11-20", PRIVACY_FEE["2027-01-01"])
    release(project, "2027-01-01", "privacy-policy")
    built = build_site(project, base / "site")
    assert built.returncode == 0, built.stderr
    return project, base / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_verify_checks_every_language_of_every_document(suite, tmp_path):
    project, _ = suite
    verified = run_module("scripts.verify", "--strict", cwd=project, env={"POLICY_TODAY": BUILD_TODAY})
    assert verified.returncode == 0, verified.stdout + verified.stderr
    # A Korean article of the terms that lost a paragraph is named, with its file and line.
    broken = shutil.copytree(project, tmp_path / "broken", ignore=shutil.ignore_patterns("site*"))
    article = broken / "docs/ko/terms/articles/04.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text[:text.index("② ")], encoding="utf-8")
    found = run_module("scripts.verify", cwd=broken, env={"POLICY_TODAY": BUILD_TODAY})
    assert found.returncode == 1
    assert any(line.startswith("docs/ko/terms/articles/04.md:") and " error " in line
               for line in found.stdout.splitlines()), found.stdout


def test_every_page_type_of_each_document_in_each_language(suite):
    _, site = suite
    for folder, dates in DOCUMENTS.items():
        current = dates[1]
        pages = ["", "articles/01/", "full-text/", "appendix/", "history/", "history/compare/",
                 f"history/{dates[0]}/", f"history/{current}/", f"history/{current}/diff/", f"history/{current}/table/"]
        for lang, prefix in LANGS.items():
            for page in pages:
                path = site / f"{prefix}{folder}/{page}index.html"
                assert path.is_file(), path
                assert soup(path).html["lang"] == lang, path
            for data in ("history/index.json", "history/atom.xml"):
                assert (site / f"{prefix}{folder}/{data}").is_file(), (lang, folder, data)


def test_the_home_page_lists_both_documents_in_each_language(suite):
    _, site = suite
    for lang, prefix, names in (("ja", "", ("個人情報の取扱方針", "利用規約")),
                                ("en", "en/", ("Personal Information Policy", "Terms of Service")),
                                ("ko", "ko/", ("개인정보처리방침", "이용약관"))):
        home = soup(site / f"{prefix}index.html")
        links = {a.get_text(strip=True): a["href"] for a in home.select(".md-content a")}
        assert links.get(names[0]) == "privacy/" and links.get(names[1]) == "terms/", (lang, links)
    korean = soup(site / "ko/index.html").select_one(".md-content").get_text()
    assert "2025년 7월 1일" in korean and "2025년 10월 1일" in korean


def test_the_switcher_and_hreflang_lead_to_the_same_page_in_each_language(suite):
    _, site = suite
    for prefix in LANGS.values():
        page = soup(site / f"{prefix}terms/articles/02/index.html")
        switcher = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        assert set(switcher) == set(LANGS)
        # Relative links: each resolves to the same article in its language.
        assert {lang: urljoin(f"/{prefix}terms/articles/02/", href) for lang, href in switcher.items()} == \
            {lang: f"/{other}terms/articles/02/" for lang, other in LANGS.items()}
        alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")
                      if link.get("hreflang")}
        assert set(alternates) == {*LANGS, "x-default"}
        assert alternates["ko"].endswith("/ko/terms/articles/02/") and alternates["x-default"] == alternates["ja"]


def test_each_language_has_its_own_404_that_names_the_site(suite):
    _, site = suite
    for path, lang, home, text in ((site / "404.html", "ja", "/", "株式会社こもれび工房の規約と方針のトップへ"),
                                   (site / "en/404.html", "en", "/en/", "Go to the Komorebi Kobo, Inc.: policies and terms"),
                                   (site / "ko/404.html", "ko", "/ko/", "주식회사 고모레비 공방의 약관과 방침 첫 페이지로")):
        page = soup(path)
        assert page.html["lang"] == lang
        assert page.find("a", string=text)["href"] == home, path


def test_search_has_an_index_per_language_holding_both_documents(suite):
    _, site = suite
    metas = sorted(p.name.split("_")[0] for p in (site / "pagefind").glob("pagefind.*.pf_meta"))
    assert metas == ["pagefind.en", "pagefind.ja", "pagefind.ko"]
    records = {record["url"]: (lang, record["content"]) for lang, record in fragments(site)}
    assert records["/ko/terms/articles/03/"][0] == "ko" and "재판매" in records["/ko/terms/articles/03/"][1]
    assert records["/ko/privacy/articles/05/"][0] == "ko" and "운전면허증" in records["/ko/privacy/articles/05/"][1]
    assert records["/en/terms/articles/03/"][0] == "en" and "Reselling" in records["/en/terms/articles/03/"][1]


def test_each_documents_history_and_feed_in_each_language(suite):
    _, site = suite
    for prefix, document, intro, feed_title in (
            ("", "個人情報の取扱方針", "この個人情報の取扱方針の公開されたすべての版です。", "個人情報の取扱方針の改定履歴"),
            ("en/", "Personal Information Policy", "Every published version of this Personal Information Policy",
             "Personal Information Policy: version history"),
            ("ko/", "개인정보처리방침", "이 개인정보처리방침의 공개된 모든 판입니다.", "개인정보처리방침 개정 이력")):
        history = soup(site / f"{prefix}privacy/history/index.html").get_text()
        assert intro in history, prefix
        feed = (site / f"{prefix}privacy/history/atom.xml").read_text(encoding="utf-8")
        assert f"<title>{feed_title}</title>" in feed, prefix
        listing = json.loads((site / f"{prefix}privacy/history/index.json").read_text(encoding="utf-8"))
        assert [r["date"] for r in listing["revisions"]] == ["2027-01-01", "2025-07-01", "2024-04-01"], listing
        assert [r["status"] for r in listing["revisions"]] == ["upcoming", "current", "past"]
    assert "<title>이용약관 개정 이력</title>" in (site / "ko/terms/history/atom.xml").read_text(encoding="utf-8")


def test_the_pages_show_the_text_in_force_and_announce_the_next(suite):
    _, site = suite
    article = soup(site / "ko/privacy/articles/05/index.html").get_text()
    assert "550엔" in article and "330엔" not in article
    assert "2027년 1월 1일에 개정됩니다" in article
    diff = soup(site / "ko/privacy/history/2027-01-01/diff/index.html").get_text()
    assert "550엔" in diff and "330엔" in diff
    assert "3,850엔" in soup(site / "ko/terms/articles/02/index.html").get_text()


def test_a_revision_older_than_a_translation_shows_the_original_and_says_so(suite):
    _, site = suite
    page = soup(site / "ko/terms/history/2025-01-01/index.html")
    note = page.select_one(".history-original")
    assert note is not None and "원문을 표시합니다" in note.get_text()
    assert "第２条（利用料金）" in page.get_text()
    # Its comparison with the Korean revision after it is the original's, never Japanese against Korean.
    diff = soup(site / "ko/terms/history/2025-10-01/diff/index.html")
    assert diff.select_one(".history-original") is not None
    assert "3,300円" in diff.get_text() and "3,850円" in diff.get_text()
    # A revision published in Korean says nothing of the kind.
    assert soup(site / "ko/privacy/history/2027-01-01/diff/index.html").select_one(".history-original") is None

"""The site's languages come from mkdocs.yml: each translation is compared with the original."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.verify.helpers import policy_copy, verify

# The fixture organisation's policy in Korean (Korean legal numbering: 제3조, ①, 1., 가.).
KOREAN = FIXTURES / "third-language"

THREE = """plugins:
  - i18n:
      languages:
        - locale: ja
          default: true
        - locale: en
        - locale: ko
"""


@pytest.fixture
def three(tmp_path) -> Path:
    """The fixture organisation with a third language, Korean."""
    repo = policy_copy(tmp_path / "repo")
    shutil.copytree(KOREAN / "docs/ko", repo / "docs/ko")
    company = repo / "data/company.yml"
    company.write_text(company.read_text(encoding="utf-8") + (KOREAN / "company-ko.yml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    (repo / "mkdocs.yml").write_text(THREE, encoding="utf-8")
    return repo


def findings(repo: Path, *args: str) -> list[dict]:
    result = verify(repo, "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout or "[]")


def test_the_korean_translation_passes_every_check(three):
    result = verify(three, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_translation_is_compared_with_the_original(three):
    article = three / "docs/ko/articles/03.md"
    article.write_text(article.read_text(encoding="utf-8").replace("\n② ", "\n⑨ ", 1), encoding="utf-8")
    found = [(f["path"], f["code"], f["message"]) for f in findings(three) if f["code"].startswith("STR")]
    assert ("docs/ko/articles/03.md", "STR005",
            "art-3-p2 「２．」 (docs/ja/articles/03.md:11) has no Korean twin") in found
    assert ("docs/ko/articles/03.md", "STR005",
            "art-3-p9 「⑨」 has no Japanese original in docs/ja/articles/03.md") in found
    # The Korean reference 전항 now points at a paragraph 8 that does not exist, and at another place
    # than the Japanese 前項 does.
    refs = [(f["code"], f["message"]) for f in findings(three) if f["code"].startswith("REF")]
    assert ("REF002", "「전항」 refers to 제3조 제8항, which does not exist: 제3조 has 2 paragraphs") in refs
    # The English, compared with the same original, is untouched.
    assert not [f for f in found if f[0].startswith("docs/en/")]


def test_a_translation_added_after_the_last_release_is_not_held_to_the_archive(three):
    # revisions/2024-04-01 was published in Japanese and English only: the next release archives ko.
    assert not [f for f in findings(three) if f["path"].startswith("docs/ko/") and f["code"].startswith("REV")]


def test_a_stale_translation_of_any_language_names_it(three):
    page = three / "docs/ko/articles/02.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("translation_of: ") + len("translation_of: ")
    page.write_text(text[:start] + "a" * 64 + text[start + 64:], encoding="utf-8")
    [stale] = [f for f in findings(three) if f["code"] == "TRN001"]
    assert stale["path"] == "docs/ko/articles/02.md"
    assert "changed after this Korean text was marked up to date; update the Korean" in stale["message"]


def test_lang_is_any_language_of_the_site_and_only_those(three):
    assert verify(three, "--lang", "ko").returncode in (0, 1)
    result = verify(three, "--lang", "fr")
    assert result.returncode == 2
    assert "'fr' is not a language of the site: mkdocs.yml lists ja, en, ko" in result.stderr
    assert "Traceback" not in result.stderr

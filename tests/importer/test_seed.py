"""This site's own captured page (sources/privacy-policy-ja.txt, the seed) and its HTML capture
(tests/fixtures/privacy-policy-ja.html) import to the policy it was made from.

About this site's content alone, so a new organisation's project does not get this module
(scripts/new_site/manifest.yml: leave_out); the importer's generic behaviour is tested on the
fixture organisation's page (tests/importer/test_import_policy.py).
"""
import pytest

from tests.conftest import FIXTURES, SEED
from tests.importer.test_import_policy import (chrome_left, import_to, missing_sentences, out_of_order,
                                               policy_sentences, read_tree, reading_order)

# The captured site's menus, dialogs and footer.
CHROME = ["レンタルサーバー", "コンテンツにスキップ", "クーポン", "MIXWEB", "お申し込み", "会社概要",
          "Copyright", "Close this module", "お友達招待プログラム", "Sitejet"]


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory):
    result, out = import_to(tmp_path_factory.mktemp("seed"), SEED)
    assert result.returncode == 0, result.stderr
    return out


def seed_sentences():
    return policy_sentences(SEED, "はじめに", "2022年4月1日　改定・施行")


def test_seed_imports_one_file_per_article(seed_import):
    files = read_tree(seed_import)
    assert sorted(files) == sorted(["appendix.md", "index.md"] + [f"articles/{n:02d}.md" for n in range(1, 13)])
    assert files["articles/01.md"].decode().startswith("# 第１条（個人情報）\n")
    assert files["appendix.md"].decode() == "# 附則\n\n2022年4月1日　改定・施行\n"


def test_seed_import_is_lossless(seed_import):
    assert missing_sentences(seed_import, 12, seed_sentences()) == []
    markdown = reading_order(seed_import, 12)
    for marker in ["第１条（個人情報）", "１．当社は", "（１７）その他", "①個人情報開示請求書", "＜送付書類＞", "＜宛先＞",
                   "https://tools.google.com/dlpage/gaoptout?hl=ja", "〒542-0081", "伊丹　浩"]:
        assert marker in markdown


def test_seed_import_keeps_the_order_of_the_text(seed_import):
    assert not out_of_order(seed_import, 12, seed_sentences())


def test_seed_import_leaves_no_site_chrome(seed_import):
    assert chrome_left(seed_import, CHROME) == []


def test_html_fixture_gives_the_same_markdown(tmp_path, seed_import):
    result, out = import_to(tmp_path, FIXTURES / "privacy-policy-ja.html")
    assert result.returncode == 0, result.stderr
    assert read_tree(out) == read_tree(seed_import)

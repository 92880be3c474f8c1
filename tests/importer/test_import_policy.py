"""The importer, run as a user runs it: on the fixture organisation's captured page, on other house styles
(this site's own captured page: tests/importer/test_seed.py)."""
import re
import shutil
import unicodedata

import pytest

from scripts.importer.source import read_source, split_capture
from tests.conftest import FIXTURES, KOREAN, ORG, run_module

# The fixture organisation's captured page (one line, menus and footer included) and its chrome.
PAGE = ORG / "sources" / "policy-page.txt"
CHROME = ["本文へ移動", "キット一覧", "定期便のご案内", "よくある質問", "カート", "このページの先頭へ", "会社概要",
          "特定商取引法", "新着キットのお知らせ", "登録する", "© Komorebi Kobo"]


def import_to(tmp_path, source, *extra):
    out = tmp_path / "ja"
    result = run_module("scripts.import_policy", str(source), "--lang", "ja", "--out", str(out), *extra)
    return result, out


def read_tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def policy_sentences(source, first: str, last: str):
    """Every sentence of the policy in a captured page, from its first words to its 附則 line."""
    text = source.read_text(encoding="utf-8")
    body = text[text.index(first):text.index(last) + len(last)]
    return [s for s in re.split(r"(?<=。)", body) if s.strip()]


def reading_order(folder, articles: int):
    order = ["index.md"] + [f"articles/{n:02d}.md" for n in range(1, articles + 1)] + ["appendix.md"]
    return "".join((folder / name).read_text(encoding="utf-8") for name in order)


def missing_sentences(folder, articles: int, sentences) -> list[str]:
    flat = re.sub(r"\s+|#", "", reading_order(folder, articles))
    return [s for s in sentences if re.sub(r"\s+", "", s.strip()) not in flat]


def out_of_order(folder, articles: int, sentences) -> bool:
    flat = re.sub(r"\s+|#", "", reading_order(folder, articles))
    positions = [flat.find(re.sub(r"\s+", "", s)) for s in sentences]
    return positions != sorted(positions)


def chrome_left(folder, chrome) -> list[str]:
    markdown = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.md"))
    return [word for word in chrome if word in markdown]


@pytest.fixture(scope="module")
def page_import(tmp_path_factory):
    result, out = import_to(tmp_path_factory.mktemp("page"), PAGE)
    assert result.returncode == 0, result.stderr
    return out


def page_sentences():
    return policy_sentences(PAGE, "はじめに", "2024年4月1日　制定・施行")


def test_a_captured_page_imports_one_file_per_article(page_import):
    files = read_tree(page_import)
    assert sorted(files) == sorted(["appendix.md", "index.md"] + [f"articles/{n:02d}.md" for n in range(1, 8)])
    assert files["articles/01.md"].decode().startswith("# 第１条（この方針で使う言葉）\n")
    assert files["appendix.md"].decode() == "# 附則\n\n2024年4月1日　制定・施行\n"


def test_a_captured_page_imports_losslessly_in_the_order_of_its_text(page_import):
    sentences = page_sentences()
    assert len(sentences) > 20
    assert missing_sentences(page_import, 7, sentences) == []
    assert not out_of_order(page_import, 7, sentences)
    markdown = reading_order(page_import, 7)
    for marker in ["第１条（この方針で使う言葉）", "１．この方針において", "（５）本サービスを改善する", "①開示等請求書",
                   "＜送付書類＞", "＜宛先＞", "https://analytics.example.net/privacy", "〒460-0008", "森山　葉子"]:
        assert marker in markdown


def test_a_captured_page_import_leaves_no_site_chrome(page_import):
    assert chrome_left(page_import, CHROME) == []


def test_a_captured_page_imports_to_the_fixture_organisations_files(tmp_path):
    result, out = import_to(tmp_path, ORG / "sources" / "policy-page.txt")
    assert result.returncode == 0, result.stderr
    imported = read_tree(out)
    expected = {p.relative_to(ORG / "docs/ja").as_posix(): p.read_bytes()
                for p in sorted((ORG / "docs/ja").rglob("*.md")) if p.name != "full-text.md"}
    assert imported == expected
    assert "left out 11 line(s) before the policy" in result.stderr


def test_second_run_changes_nothing(tmp_path):
    result, out = import_to(tmp_path, PAGE)
    assert result.returncode == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.md")}
    again, _ = import_to(tmp_path, PAGE)
    assert again.returncode == 0
    assert again.stdout == ""
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.md")} == before


def test_differing_files_are_not_overwritten_without_force(tmp_path):
    result, out = import_to(tmp_path, PAGE)
    edited = out / "articles" / "05.md"
    edited.write_text("# 第５条（編集中）\n", encoding="utf-8")
    blocked, _ = import_to(tmp_path, PAGE)
    assert blocked.returncode == 2
    assert "05.md: would change (use --force to overwrite)" in blocked.stderr
    assert edited.read_text(encoding="utf-8") == "# 第５条（編集中）\n"
    forced, _ = import_to(tmp_path, PAGE, "--force")
    assert forced.returncode == 0
    assert edited.read_text(encoding="utf-8").startswith("# 第５条（開示等の請求）")


@pytest.mark.parametrize("name, content, message", [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "the file is empty"),
    ("latin1.txt", "第１条（個人情報）".encode("shift_jis"), "not UTF-8 text"),
    ("menu.txt", "レンタルサーバー お問い合わせ ログイン".encode(), "no articles or sections found"),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    result, out = import_to(tmp_path, source)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_text_that_cannot_be_placed_is_named_and_nothing_written(tmp_path):
    result, out = import_to(tmp_path, FIXTURES / "styles" / "unplaceable.txt")
    assert result.returncode == 2
    assert "unplaceable.txt:6: IMP004 could not place “（１）住所”: item （１） does not follow item 2" in result.stderr
    assert "unplaceable.txt:7: IMP003 could not place" in result.stderr
    # A number that skips ahead still has its place: only a warning.
    assert "unplaceable.txt:5: IMP005 warning numbering skips at “（２）氏名”" in result.stderr
    assert not out.exists()


def test_statute_house_style(tmp_path):
    result, out = import_to(tmp_path, FIXTURES / "styles" / "statute-style.txt")
    assert result.returncode == 0, result.stderr
    files = {k: v.decode() for k, v in read_tree(out).items()}
    assert sorted(files) == ["appendix.md", "articles/01.md", "articles/02.md", "articles/03.md", "index.md"]
    # The document's title is kept (as the preamble's heading); the company line above it is chrome.
    assert files["index.md"] == "# 個人情報取扱規程\n"
    assert files["articles/01.md"] == (
        "---\nchapter: 第1章　総則\n---\n\n# 第1条（目的）\n\n"
        "この規程は、株式会社サンプル（以下「会社」という。）における個人情報の適正な取扱いについて定める。\n")
    assert "\n\n一　個人情報　生存する個人" in files["articles/02.md"]
    assert "\n\n2　前項第一号の規定にかかわらず" in files["articles/02.md"]
    assert files["articles/03.md"].startswith("---\nchapter: 第2章　取得及び利用\n---\n\n# 第3条(取得の方法)\n\n会社は、偽り")
    assert "\n\n① 本人の同意を得ることが困難であるとき\n" in files["articles/03.md"]
    assert files["appendix.md"] == "# 附則\n\nこの規程は、令和4年4月1日から施行する。\n\n以上\n"
    assert "left out 1 line(s) before the policy" in result.stderr
    assert "left out 1 line(s) after the policy" in result.stderr


def test_the_statute_style_reads_with_the_policy_core(tmp_path):
    from scripts.policy.reader import load_policy
    result, out = import_to(tmp_path, FIXTURES / "styles" / "statute-style.txt")
    policy = load_policy(tmp_path, "ja")
    ids = [c.id for c in policy.clauses()]
    assert ids[:3] == ["preamble", "art-1", "art-1-p1"]
    assert "art-2-p1-i2" in ids and "art-2-p2" in ids and "art-3-p2-i2-s1" in ids
    assert policy.effective_date().isoformat() == "2022-04-01"


def test_one_line_capture_keeps_latin_phrases_together():
    pieces = [p.text for p in split_capture("を利用しており、Google Analyticsを無効 ＜宛先＞ 〒542-0081 大阪府 VPN (MillenVPN)")]
    assert pieces == ["を利用しており、Google Analyticsを無効", "＜宛先＞", "〒542-0081", "大阪府", "VPN (MillenVPN)"]


def test_html_source_drops_navigation_and_dialogs():
    lines = [line.text for line in read_source(FIXTURES / "privacy-policy-ja.html")]
    assert "【限定クーポン】25%割引きクーポン！" not in lines
    assert unicodedata.normalize("NFKC", lines[0]) != ""
    assert "大阪府大阪市中央区南船場4丁目10番5号702" in lines


def test_help_describes_the_command():
    result = run_module("scripts.import_policy", "--help")
    assert result.returncode == 0
    assert "--force" in result.stdout and "附則" in result.stdout


def flattened(folder, lang_files):
    """A policy's files as one plain text, one block a line, as a page's text would be captured."""
    lines = []
    for name in lang_files:
        text = (folder / name).read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        lines += [line.lstrip("#").strip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


def test_an_english_policy_imports_back_to_its_files(tmp_path):
    names = ["index.md"] + [f"articles/{n:02d}.md" for n in range(1, 8)] + ["appendix.md"]
    source = tmp_path / "policy-en.txt"
    source.write_text(flattened(ORG / "docs" / "en", names), encoding="utf-8")
    result = run_module("scripts.import_policy", str(source), "--lang", "en", "--out", str(tmp_path / "en"))
    assert result.returncode == 0, result.stderr
    for name in names:
        expected = (ORG / "docs" / "en" / name).read_text(encoding="utf-8")
        if expected.startswith("---\n"):
            expected = expected.split("\n---\n", 1)[1]
        assert (tmp_path / "en" / name).read_text(encoding="utf-8") == expected, name


def test_a_missing_article_is_named_with_its_line(tmp_path):
    names = ["index.md", "articles/01.md", "articles/03.md", "appendix.md"]
    source = tmp_path / "gap.txt"
    source.write_text(flattened(ORG / "docs" / "en", names), encoding="utf-8")
    result = run_module("scripts.import_policy", str(source), "--lang", "en", "--out", str(tmp_path / "en"))
    assert result.returncode == 2
    title = next(line[2:] for line in (ORG / "docs/en/articles/03.md").read_text(encoding="utf-8").splitlines()
                 if line.startswith("# "))
    line = source.read_text(encoding="utf-8").splitlines().index(title) + 1
    assert f"gap.txt:{line}: IMP002 article '{title}' follows article 1" in result.stderr
    assert not (tmp_path / "en").exists()


KOREAN_PAGE = KOREAN / "sources" / "policy-page-ko.txt"


def without_front_matter(path):
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def test_a_korean_page_imports_to_the_third_languages_files(tmp_path):
    """The Korean page (the fixture's text, one block a paragraph) gives back its files, written in
    the Korean legal style: 제1조(…), paragraphs ①, items 1., sub-items 가., the preamble 들어가며, 부칙."""
    out = tmp_path / "ko"
    result = run_module("scripts.import_policy", str(KOREAN_PAGE), "--lang", "ko", "--out", str(out))
    assert result.returncode == 0, result.stderr
    expected = {p.relative_to(KOREAN / "docs/ko").as_posix(): without_front_matter(p)
                for p in sorted((KOREAN / "docs/ko").rglob("*.md")) if p.name != "full-text.md"}
    assert {rel: text.decode() for rel, text in read_tree(out).items()} == expected
    assert "left out" not in result.stderr


def test_a_korean_translation_is_paired_with_the_original_beside_it(tmp_path):
    shutil.copytree(ORG / "docs" / "ja", tmp_path / "docs" / "ja")
    page = tmp_path / "ko.txt"
    # The translation lacks the second paragraph of article 7.
    text = KOREAN_PAGE.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\n② 전항의 변경을[^\n]*\n\n③", "\n②", text), encoding="utf-8")
    result = run_module("scripts.import_policy", str(page), "--lang", "ko", "--out", str(tmp_path / "docs" / "ko"))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "IMP010" in line]
    assert len(warnings) == 1, result.stderr
    assert "docs/ko/articles/07.md:1: IMP010 warning art-7-p3 「３．この方針は" in warnings[0]
    assert "docs/ja/articles/07.md:7) has no counterpart here" in warnings[0]


def test_every_language_of_the_registry_is_offered():
    result = run_module("scripts.import_policy", "--help")
    assert "language of the source, one of the locale registry's: en, ja, ko" in " ".join(result.stdout.split())
    unknown = run_module("scripts.import_policy", str(KOREAN_PAGE), "--lang", "fr", "--out", "unused")
    assert unknown.returncode == 2 and "invalid choice: 'fr' (choose from 'en', 'ja', 'ko')" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_a_korean_page_closes_with_its_own_word_and_its_footer_is_left_out(tmp_path):
    page = tmp_path / "ko.txt"
    page.write_text(KOREAN_PAGE.read_text(encoding="utf-8") + "\n이상\n\n© 고모레비 공방\n", encoding="utf-8")
    result = run_module("scripts.import_policy", str(page), "--lang", "ko", "--out", str(tmp_path / "ko"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ko" / "appendix.md").read_text(encoding="utf-8") == "# 부칙\n\n2024년 4월 1일 제정·시행\n\n이상\n"
    assert "left out 1 line(s) after the policy (site chrome), from “© 고모레비 공방”" in result.stderr


def test_a_translation_is_paired_with_an_original_in_any_language(tmp_path):
    result = run_module("scripts.import_policy", str(KOREAN_PAGE), "--lang", "ko", "--out", str(tmp_path / "ko"),
                        "--original", str(ORG / "docs" / "en"))
    assert result.returncode == 0, result.stderr
    assert "IMP010" not in result.stderr
    page = tmp_path / "ko.txt"
    page.write_text(KOREAN_PAGE.read_text(encoding="utf-8").replace("\n나. 본인 확인 서류의 사본(운전면허증, 여권 등)\n", ""),
                    encoding="utf-8")
    result = run_module("scripts.import_policy", str(page), "--lang", "ko", "--out", str(tmp_path / "ko2"),
                        "--original", str(ORG / "docs" / "en"))
    assert "IMP010 warning art-5-p2-s2" in result.stderr and "docs/en/articles/05.md" in result.stderr

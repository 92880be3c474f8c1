"""Every house style of real policies imports whole: one fixture per style, in sentences of our own.

"Whole" is checked against the fixture itself, read independently of the importer: every
sentence of its visible text (page chrome and template code stripped by plain patterns
here) must be in the written files, no menu or footer text may be, the number of
articles or sections is the one the fixture was written with, and the revision record
gives the policy its dates.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from scripts.import_policy import main
from scripts.policy import model
from scripts.policy.reader import load_policy, read_document
from tests.conftest import FIXTURES

STYLES = FIXTURES / "styles"

_TEMPLATE = re.compile(r"<\?.*?\?>|\{\{--.*?--\}\}|\{\{.*?\}\}|^[ \t]*@\w+.*$", re.S | re.M)
_CHROME_ELEMENTS = re.compile(r"<(script|style|header|nav|footer|title)\b.*?</\1>", re.S | re.I)
_HEADING = re.compile(r"^(第\s*[0-9０-９]+\s*条(\s*[（(][^）)]*[）)])?|Article \d+ \([^)]*\))\s*")


def visible_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".php"):
        # Inline tags join their text, block tags end a line.
        text = re.sub(r"</?(?:strong|b|em|a|span)\b[^>]*>", "", text)
        text = _CHROME_ELEMENTS.sub("", _TEMPLATE.sub("", text))
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    return re.sub(r"\{:[^}]*\}", "", text)


def sentences(path: Path) -> list[str]:
    out = []
    for line in visible_text(path).splitlines():
        line = re.sub(r"^[\s*+-]+", "", line).strip()
        for sentence in re.split(r"(?<=。)|(?<=\.)\s+(?=[A-Z])", line):
            sentence = _HEADING.sub("", sentence.strip())
            if len(sentence) >= 6 and sentence.endswith(("。", ".")):
                out.append(sentence)
    return out


def flat(text: str) -> str:
    return re.sub(r"[\s#\\]", "", text)


def run(capsys, *args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def written(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md")))


def policy(folder: Path, lang: str) -> model.Policy:
    docs = [read_document(p, p.relative_to(folder).as_posix(), lang) for p in sorted(folder.rglob("*.md"))]
    return model.Policy(lang, docs)


# (fixture, lang, sections or articles, revision dates, effective date, page text that must not be kept)
CASES = [
    ("md-numbered-subsections.md", "ja", 4, ["2025-02-01"], "2025-02-01", ["{:target"]),
    ("md-decimal-clauses.md", "ja", 4, ["2025-06-01"], "2025-06-01", []),
    ("md-unnumbered-ja.md", "ja", 4, ["2025-05-01"], "2025-05-01", ["{:target"]),
    ("md-unnumbered-en.md", "en", 4, ["2025-05-01"], "2025-05-01", ["{:target"]),
    ("php-template-crlf.php", "ja", 4, ["2025-03-01"], "2025-03-01",
     ["include", "トップページ", "お店の地図", "<?php"]),
    ("blade-chapters.blade.php", "ja", 4, ["2025-01-10"], "2025-01-10",
     ["@extends", "@include", "csrf", "config("]),
    ("captured-menus.txt", "ja", 3, ["2025-03-01"], "2025-03-01",
     ["ログイン", "ブックマーク", "新規会員登録", "会社概要", "© Hidamari"]),
    ("articles-en.txt", "en", 3, ["2025-04-01", "2025-10-01"], "2025-10-01", ["Sign in", "Contact | Privacy"]),
    ("articles-captions-table.html", "ja", 4, ["2025-04-01"], "2025-04-01", ["ログイン", "トップ"]),
    ("captured-marked-headings.txt", "ja", 3, ["2025-08-01"], "2025-08-01", ["ログイン", "診療時間", "アクセス"]),
    ("html-bold-headings.html", "en", 3, ["2025-08-01"], "2025-08-01", ["Our breads", "Cart", "Jobs"]),
    ("articles-html-lists.html", "ja", 3, ["2025-09-01"], "2025-09-01", ["書籍一覧", "営業時間"]),
    # Korean, with the words of its locale entry (방침 names the title, 부칙 the appendix, 제정 / 개정 the dates).
    ("sections-ko.txt", "ko", 4, ["2024-04-01", "2025-04-01"], "2025-04-01", ["키트 목록", "로그인"]),
]


@pytest.mark.parametrize("name, lang, units, dates, effective, chrome", CASES, ids=[c[0] for c in CASES])
def test_each_house_style_imports_whole(tmp_path, capsys, name, lang, units, dates, effective, chrome):
    out = tmp_path / lang
    code, messages = run(capsys, STYLES / name, "--lang", lang, "--out", out)
    assert code == 0, messages
    text = written(out)
    missing = [s for s in sentences(STYLES / name) if flat(s) not in flat(text)]
    assert missing == []
    assert [word for word in chrome if word in text] == []
    imported = policy(out, lang)
    assert len(imported.articles) == units
    assert [r.date.isoformat() for r in imported.revisions] == dates
    assert imported.effective_date().isoformat() == effective


def test_section_style_keeps_its_outline_as_ids(tmp_path, capsys):
    out = tmp_path / "ja"
    code, messages = run(capsys, STYLES / "md-numbered-subsections.md", "--out", out)
    assert code == 0, messages
    doc = read_document(out / "sections/03.md", "sections/03.md", "ja")
    ids = [c.id for c in doc.clauses]
    # (1) and (2) are sub-sections; ア イ ウ its items; the bullets under イ its sub-items.
    assert ids == ["sec-3", "sec-3-p1", "sec-3-p2", "sec-3-p2-i1", "sec-3-p2-i1-s1", "sec-3-p2-i2",
                   "sec-3-p2-i2-s1", "sec-3-p2-i2-s2", "sec-3-p2-i3"]
    # The 制定 bullet at the top is the revision record, not part of the preamble.
    assert "制定" not in (out / "index.md").read_text(encoding="utf-8")
    decimal = tmp_path / "decimal"
    run(capsys, STYLES / "md-decimal-clauses.md", "--out", decimal)
    clauses = read_document(decimal / "sections/03.md", "sections/03.md", "ja").clauses
    assert [c.id for c in clauses] == ["sec-3", "sec-3-p1", "sec-3-p1-i1", "sec-3-p2"]


def test_unnumbered_first_section_is_section_0(tmp_path, capsys):
    out = tmp_path / "ja"
    run(capsys, STYLES / "php-template-crlf.php", "--out", out)
    assert sorted(p.name for p in (out / "sections").iterdir()) == ["00.md", "01.md", "02.md", "03.md"]
    assert (out / "sections/00.md").read_text(encoding="utf-8").startswith("# 総則\n")
    assert (out / "index.md").read_text(encoding="utf-8") == "# ご利用規約\n"
    items = [c.id for c in read_document(out / "sections/02.md", "sections/02.md", "ja").clauses]
    assert items == ["sec-2", "sec-2-p1", "sec-2-p2", "sec-2-p3"]


def test_chapters_in_brackets_are_kept_for_their_articles(tmp_path, capsys):
    out = tmp_path / "ja"
    run(capsys, STYLES / "blade-chapters.blade.php", "--out", out)
    first = (out / "articles/01.md").read_text(encoding="utf-8")
    third = (out / "articles/03.md").read_text(encoding="utf-8")
    assert first.startswith("---\nchapter: 【第一章　総則】\n---\n\n# 第１条（目的）\n")
    assert third.startswith("---\nchapter: 【第二章　配送】\n---\n")
    ids = [c.id for c in read_document(out / "articles/02.md", "articles/02.md", "ja").clauses]
    assert ids == ["art-2", "art-2-p1", "art-2-p2", "art-2-p2-i1", "art-2-p2-i2"]


def test_a_page_with_two_documents_says_so_and_imports_the_one_asked_for(tmp_path, capsys):
    source = STYLES / "html-two-documents.html"
    code, messages = run(capsys, source, "--out", tmp_path / "ja")
    assert code == 2
    assert "the page holds 2 documents" in messages
    assert "1. line 12: “個人情報保護方針” (3 sections)" in messages
    assert "2. line 34: “個人情報の取扱いについて” (2 sections)" in messages
    assert not (tmp_path / "ja").exists()
    code, messages = run(capsys, source, "--out", tmp_path / "one" / "ja", "--document", "2")
    assert code == 0, messages
    second = policy(tmp_path / "one" / "ja", "ja")
    assert len(second.articles) == 2
    assert [r.date.isoformat() for r in second.revisions] == ["2013-04-01", "2020-10-01"]
    code, messages = run(capsys, source, "--out", tmp_path / "each" / "ja", "--each")
    assert code == 0, messages
    first = policy(tmp_path / "each" / "ja" / "01", "ja")
    assert len(first.articles) == 3 and first.effective_date().isoformat() == "2020-10-01"
    text = written(tmp_path / "each" / "ja")
    assert "代表取締役　青葉　太郎" in text
    assert [w for w in ("業務案内", "アクセス", "Copyright", "HOME") if w in text] == []


def test_a_line_that_cannot_be_placed_stops_a_section_import(tmp_path, capsys):
    source = tmp_path / "repeat.md"
    source.write_text("# 方針\n\n## 1. 取得\n\n当会は情報を取得します。\n\n## 2. 利用\n\n当会は情報を利用します。\n\n"
                      "## 2. 提供\n\n当会は情報を提供しません。\n", encoding="utf-8")
    code, messages = run(capsys, source, "--out", tmp_path / "ja")
    assert code == 2
    assert f"{source}:11: IMP002 section “2. 提供” repeats the number of “2. 利用” (line 7)" in messages
    assert not (tmp_path / "ja").exists()


def test_left_over_files_are_named_and_removed_only_with_force(tmp_path, capsys):
    out = tmp_path / "ja"
    code, _ = run(capsys, STYLES / "md-unnumbered-ja.md", "--out", out)
    assert code == 0
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    shorter = tmp_path / "shorter.md"
    text = (STYLES / "md-unnumbered-ja.md").read_text(encoding="utf-8")
    shorter.write_text(re.sub(r"## 第三者への提供\n\n.*?\n\n", "", text, flags=re.S), encoding="utf-8")
    code, messages = run(capsys, shorter, "--out", out)
    assert code == 2
    assert f"{out / 'sections/04.md'}: would be left over from an earlier import" in messages
    assert (out / "sections/04.md").exists()
    code, messages = run(capsys, shorter, "--out", out, "--force")
    assert code == 0, messages
    assert sorted(p.name for p in (out / "sections").iterdir()) == ["01.md", "02.md", "03.md"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert f"removed {out / 'sections/04.md'}" in messages


def test_a_translation_gets_the_same_ids_and_mismatches_are_named(tmp_path, capsys):
    docs = tmp_path / "docs"
    run(capsys, STYLES / "md-unnumbered-ja.md", "--out", docs / "ja")
    code, messages = run(capsys, STYLES / "md-unnumbered-en.md", "--lang", "en", "--out", docs / "en")
    assert code == 0 and "IMP010" not in messages
    ja, en = load_policy(docs, "ja"), load_policy(docs, "en")
    assert [c.id for c in ja.clauses()] == [c.id for c in en.clauses()]
    # A translation that lost a bullet: the place is named, in the English file and the original.
    short = tmp_path / "short-en.md"
    short.write_text((STYLES / "md-unnumbered-en.md").read_text(encoding="utf-8")
                     .replace("  - The name printed on your name badge\n", ""), encoding="utf-8")
    code, messages = run(capsys, short, "--lang", "en", "--out", tmp_path / "other" / "en",
                         "--original", docs / "ja")
    assert code == 0
    assert "IMP010 warning sec-1-p2-i1 「- 名札に印刷するお名前」" in messages
    assert f"({docs / 'ja' / 'sections/01.md'}:11) has no counterpart here" in messages


def test_list_items_inside_articles_are_items(tmp_path, capsys):
    out = tmp_path / "ja"
    code, messages = run(capsys, STYLES / "articles-html-lists.html", "--out", out)
    assert code == 0 and "left out" not in messages, messages
    text = (out / "articles/02.md").read_text(encoding="utf-8")
    assert "\n\n（1）他人の名義で注文する行為\n\n（2）当店の商品" in text
    ids = [c.id for c in read_document(out / "articles/02.md", "articles/02.md", "ja").clauses]
    assert ids == ["art-2", "art-2-p1", "art-2-p1-i1", "art-2-p1-i2", "art-2-p2"]


def test_numbering_that_starts_again_is_a_second_document(tmp_path, capsys):
    source = STYLES / "md-two-documents.md"
    code, messages = run(capsys, source, "--out", tmp_path / "ja")
    assert code == 2 and "the page holds 2 documents" in messages
    assert "2. line 13: “プライバシーポリシー” (2 sections)" in messages
    code, messages = run(capsys, source, "--out", tmp_path / "ja", "--document", "2")
    assert code == 0, messages
    assert (tmp_path / "ja/index.md").read_text(encoding="utf-8").startswith("# プライバシーポリシー\n")
    assert "**サービスの提供**" in (tmp_path / "ja/sections/02.md").read_text(encoding="utf-8")


def test_a_markdown_source_keeps_its_markdown_in_articles(tmp_path, capsys):
    out = tmp_path / "ja"
    code, messages = run(capsys, STYLES / "md-articles.md", "--out", out)
    assert code == 0, messages
    text = (out / "articles/01.md").read_text(encoding="utf-8")
    assert "**権利と義務**" in text and "[案内](https://example.org/guide)" in text
    assert policy(out, "ja").effective_date().isoformat() == "2025-07-01"


def test_bullets_of_a_section_style_policy_are_clauses_not_style_warnings(tmp_path, capsys):
    from scripts.verify import style
    from scripts.verify.source import PolicyInput
    out = tmp_path / "docs" / "ja"
    run(capsys, STYLES / "captured-marked-headings.txt", "--out", out)
    doc = read_document(out / "sections/02.md", "sections/02.md", "ja")
    assert [c.id for c in doc.clauses] == ["sec-2", "sec-2-p1", "sec-2-p2"]
    src = PolicyInput(tmp_path, tmp_path / "docs", {"ja": load_policy(tmp_path / "docs", "ja")})
    assert [f for f in style.check(src) if f.code == "STY002"] == []

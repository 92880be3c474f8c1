"""The 新旧対照表 (comparison table): rows, the site's page per revision, the CLI's page and Word file."""
import io

import docx
from bs4 import BeautifulSoup

from scripts.history import table, word
from scripts.policy.compare import compare_policies
from tests.test_diff import diff, history_root  # noqa: F401 (a fixture)
from tests.policy.test_compare import ARTICLE, policy

REVISED = ARTICLE.replace("（１）氏名、住所\n\n", "（１）電話番号\n\n（２）氏名、住所\n\n").replace(
    "（２）ログイン履歴", "（３）ログイン履歴").replace("（３）問い合わせの内容\n\n", "").replace(
    "取得した個人情報を利用します", "取得した個人情報を30日間利用します")


def comparison(lang="ja"):
    return compare_policies(policy(ARTICLE), policy(REVISED))


def test_rows_follow_the_convention():
    rows = table.rows(comparison())
    by_id = {r.id: r for r in rows if r.kind != table.OMITTED}
    inserted = by_id["art-2-p1-i1"]
    assert inserted.new.underlined == ["（１）電話番号"] and inserted.old.mark == table.NEW_CLAUSE
    deleted = next(r for r in rows if r.new.mark == table.DELETED)
    assert deleted.old.underlined == ["（３）問い合わせの内容"]
    renumbered = by_id["art-2-p1-i2"]
    assert renumbered.renumbered == ("（１）", "（２）")
    assert renumbered.new.underlined == ["（２）"] and renumbered.old.underlined == ["（１）"]
    changed = by_id["art-2-p2"]
    assert changed.new.underlined == ["30日間"] and changed.old.underlined == []
    # The article's heading stays above its changes; the unchanged paragraph is folded into （略）.
    assert rows[0].kind == table.HEADING and rows[0].new.text == "第２条（個人情報の取得）"
    omitted = [r for r in rows if r.kind == table.OMITTED]
    assert [[h.id for h in r.hidden] for r in omitted] == [["art-2-p1"]]


def test_html_table_has_columns_caption_underlines_and_marks():
    page = BeautifulSoup(table.html_table(comparison(), "ja"), "html.parser")
    grid = page.select_one("table.shinkyu")
    assert [th.get_text() for th in grid.select("thead th")] == ["改正後", "改正前"]
    assert grid.caption.get_text() == "（傍線部分は改正部分）"
    row = grid.select_one('tr[data-clause="art-2-p1-i1"]')
    cells = row.find_all("td", recursive=False)
    assert cells[0].select_one("u").get_text() == "（１）電話番号" and cells[1].get_text() == "（新設）"
    assert "（削る）" in [td.get_text() for td in grid.select("td.shinkyu-mark")]
    renumbered = grid.select_one('tr[data-clause="art-2-p1-i2"]')
    assert "旧（１）" in renumbered.get_text() and "art-2" not in renumbered.get_text()
    omitted = grid.select_one("tr.shinkyu-omitted details")
    assert omitted.summary.get_text().startswith("（略）（略）")
    assert omitted.select_one('tr[data-clause="art-2-p1"]')  # all of them, without a script
    assert "傍線" in page.select_one(".shinkyu-legend").get_text()
    english = BeautifulSoup(table.html_table(
        compare_policies(policy(ARTICLE), policy(REVISED)), "en"), "html.parser")
    assert [th.get_text() for th in english.select("thead th")] == ["Revised", "Before"]
    assert english.find("h1") is None and "(New)" in english.get_text()


def test_table_pages_of_the_fixture_site(history_site):
    for lang, prefix, head in (("ja", "", ["改正後", "改正前"]), ("en", "en/", ["Revised", "Before"])):
        path = history_site / prefix / "history/2025-07-01/table/index.html"
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        grid = page.select_one("table.shinkyu")
        assert [th.get_text() for th in grid.select("thead th")] == head
        fee = grid.select_one('tr[data-clause="art-5-p3"]').find_all("td", recursive=False)
        fee_new, fee_old = (" 1,000円", " 1,100円") if lang == "ja" else (" 1,000", " 1,100")
        assert [u.get_text() for u in fee[0].select("u")] == [fee_new.strip()]
        assert [u.get_text() for u in fee[1].select("u")] == [fee_old.strip()]
        inserted = grid.select_one('tr[data-clause="art-2-p1-i2"]').find_all("td", recursive=False)
        assert inserted[1].get_text() == ("（新設）" if lang == "ja" else "(New)")
        assert page.select_one('[data-pagefind-ignore="all"]') is not None
    # Linked from the history, the revision and the diff pages.
    for linking in ("history/index.html", "history/2025-07-01/index.html", "history/2025-07-01/diff/index.html"):
        links = [a["href"] for a in BeautifulSoup((history_site / linking).read_text(encoding="utf-8"),
                                                  "html.parser").select("article a")]
        assert any(href.rstrip("/").endswith("table") for href in links), linking
    assert not (history_site / "history/2024-04-01/table/index.html").exists()  # the first has none


def test_cli_table_and_word_file(history_root, tmp_path):
    result = diff("2024-04-01", "2025-07-01", "--format", "table", "--lang", "both", cwd=history_root)
    assert result.returncode == 1, result.stderr
    page = BeautifulSoup(result.stdout, "html.parser")
    assert len(page.select("table.shinkyu")) == 2 and page.select_one("style")
    out = tmp_path / "新旧対照表.docx"
    result = diff("2024-04-01", "2025-07-01", "--format", "docx", "--lang", "both", "--output", str(out),
                  cwd=history_root)
    assert result.returncode == 1 and result.stdout == "", result.stderr
    document = docx.Document(str(out))
    assert len(document.tables) == 2 and all(len(t.columns) == 2 for t in document.tables)
    grid = document.tables[0]
    assert [c.text for c in grid.rows[0].cells] == ["改正後", "改正前"]
    assert grid.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    texts = [[c.text for c in row.cells] for row in grid.rows]
    assert ["（２）お客様の好みに合わせたキットの選定", "（新設）"] in texts and ["（略）", "（略）"] in texts
    underlined = [[run.text for p in cell.paragraphs for run in p.runs if run.underline]
                  for row in grid.rows for cell in row.cells]
    assert ["1,000円"] in underlined and ["1,100円"] in underlined
    assert [c.text for c in document.tables[1].rows[0].cells] == ["Revised", "Before"]
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape


def test_docx_needs_an_output_file(history_root):
    result = diff("2024-04-01", "2025-07-01", "--format", "docx", cwd=history_root)
    assert result.returncode == 2 and "--output FILE" in result.stderr and "Traceback" not in result.stderr


def test_word_file_of_a_deleted_clause():
    data = word.docx_bytes({"ja": comparison()}, "A", "B")
    texts = [[c.text for c in row.cells] for row in docx.Document(io.BytesIO(data)).tables[0].rows]
    assert ["（削る）", "（３）問い合わせの内容"] in texts


def test_each_clause_says_which_revisions_changed_it(history_site):
    import json
    page = BeautifulSoup((history_site / "articles/05/index.html").read_text(encoding="utf-8"), "html.parser")
    fee = page.select_one("#art-5-p3 .clause-history")
    assert fee.get_text().startswith("この条項の改定：") and fee.a.get_text() == "2025年7月1日"
    assert fee.a["href"] == "../../history/2025-07-01/table/" and fee["data-pagefind-ignore"] == "all"
    assert page.select_one("#art-5-p1 .clause-history") is None  # never changed
    upcoming = BeautifulSoup((history_site / "en/articles/03/index.html").read_text(encoding="utf-8"),
                             "html.parser").select_one("#art-3-p1 .clause-history")
    assert upcoming.a.get_text() == "January 1, 2027 (upcoming)"
    assert upcoming.a["href"] == "../../history/2027-01-01/table/"
    index = json.loads((history_site / "history/index.json").read_text(encoding="utf-8"))
    revision = next(r for r in index["revisions"] if r["date"] == "2025-07-01")
    assert {"art-2-p1-i2", "art-5-p4", "art-5-p3"} <= set(revision["changed_clauses"])
    assert "art-5-p1" not in revision["changed_clauses"]
    assert revision["table_url"].endswith("/history/2025-07-01/table/")

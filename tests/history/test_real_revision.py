"""A revision of the real policy as legal staff make one, end to end: a fee changed, an item inserted
with the items after it renumbered, an item deleted, each located from the policy's own structure (so
this holds whatever the policy says today). Its 新旧対照表 in each language, its PDFs and its Word file;
its change notice: too short a notice for a material change is refused, 30 days' notice shows the
banner and the feed entry from the announcement date, and the text is current on its effective date."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from scripts.history import archive
from scripts.policy import settings
from scripts.policy.dates import format_date
from scripts.policy.reader import load_policy
from tests.conftest import ROOT, build_site
from tests.test_living_policy import (WORDS, add_revision_lines, change_the_fee, copy_repository, first_release, git,
                                      insert_an_item, languages, mark_translations, module)

ATOM = "{http://www.w3.org/2005/Atom}"
NOTICE_DAYS = 30   # the default notice period (no data/policy.yml setting in this repository)
SUMMARY = {"ja": "開示等の請求の手数料を改め、利用目的の号を入れ替えます。",
           "en": "The fee for requests is changed and the items of the purposes of use are revised."}
# How the 新旧対照表 and the feed read in each language the site may publish (the amount is
# underlined without the unit in English); its languages are mkdocs.yml's.
TABLE = {"ja": {"heads": ["改正後", "改正前"], "caption": "（傍線部分は改正部分）", "new": "（新設）", "deleted": "（削る）",
                "was": "旧（２）", "unit": "円", "title": "{date}版"},
         "en": {"heads": ["Revised", "Before"], "caption": "(The underlined parts are the revised parts.)",
                "new": "(New)", "deleted": "(Deleted)", "was": "was (2)", "unit": "", "title": "Version of {date}"}}
SITE = settings.load(ROOT)
ORIGINAL = SITE.original


def lang_prefix(lang: str) -> str:
    """A language's folder in the built site: the original at /, the others at /<lang>/."""
    return "" if lang == ORIGINAL else f"{lang}/"


@dataclass
class Revised:
    project: Path
    date: dt.date
    previous: str          # the archived revision before it
    fee: tuple[str, str]   # the amount before and after, as written
    fee_id: str
    fee_page: str          # the article's path on the site: 'articles/05/'
    inserted: str
    deleted: str
    refused: subprocess.CompletedProcess


def delete_an_item(project: Path, keep: str) -> str:
    """The last item of the paragraph with the most items (other than ``keep``), in both languages:
    nothing after it to renumber."""
    policies = {lang: load_policy(project / "docs", lang, root=project) for lang in languages(project)}
    items: dict[str, list] = {}
    for clause in policies[ORIGINAL].clauses():
        if re.fullmatch(r"art-\d+-p\d+-i\d+", clause.id) and not clause.id.startswith(keep + "-"):
            items.setdefault(clause.id.rsplit("-i", 1)[0], []).append(clause)
    last = max(items.values(), key=len)[-1]
    for lang, policy in policies.items():
        clause = next(c for c in policy.clauses() if c.id == last.id)
        doc = next(d for d in policy.documents if clause in d.clauses)
        path = project / "docs" / lang / doc.rel
        lines = path.read_text(encoding="utf-8").split("\n")
        end = clause.blocks[-1].line + clause.blocks[-1].text.count("\n")
        del lines[clause.line - 1:end + (1 if end < len(lines) and not lines[end].strip() else 0)]
        path.write_text("\n".join(lines), encoding="utf-8")
    return last.id


def write_notices(project: Path, date: dt.date, days: int) -> dt.date:
    announced = date - dt.timedelta(days=days)
    for lang in languages(project):
        summary = SUMMARY[lang]
        path = project / "docs" / lang / "changes" / f"{date.isoformat()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nchange: material\nannounced: {announced.isoformat()}\n---\n\n{summary}\n",
                        encoding="utf-8")
    return announced


@pytest.fixture(scope="module")
def revised(tmp_path_factory) -> Revised:
    project = copy_repository(tmp_path_factory.mktemp("real-revision") / "project")
    first_release(project)   # a site before its first release makes it first, as its README says
    git(project, "switch", "--quiet", "--create", "revision")
    policy = load_policy(project / "docs", ORIGINAL, root=project)
    unit = re.escape(WORDS[ORIGINAL]["unit"])
    fee_clause = next(c for c in policy.clauses() if ("手数料" in c.text or "fee" in c.text)
                      and re.search(r"\d[\d,]*" + unit, c.text))
    fee_doc = next(d for d in policy.documents if fee_clause in d.clauses)
    fee = change_the_fee(project)
    inserted = insert_an_item(project)
    deleted = delete_an_item(project, keep=inserted.rsplit("-i", 1)[0])
    date = add_revision_lines(project)
    mark_translations(project)
    write_notices(project, date, days=10)
    refused = module(project, "scripts.release", date.isoformat())
    write_notices(project, date, days=NOTICE_DAYS)
    released = module(project, "scripts.release", date.isoformat())
    assert released.returncode == 0, released.stderr
    previous = [r.name for r in archive.read_archive(project) if r.date < date][-1]
    return Revised(project, date, previous, fee, fee_clause.id, fee_doc.rel.removesuffix(".md") + "/",
                   inserted, deleted, refused)


@pytest.fixture(scope="module")
def announced_site(revised, tmp_path_factory) -> Path:
    """The site built on the announcement date."""
    site = tmp_path_factory.mktemp("announced") / "site"
    day = revised.date - dt.timedelta(days=NOTICE_DAYS)
    result = build_site(revised.project, site, day.isoformat())
    assert result.returncode == 0, result.stderr
    return site


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_material_change_announced_ten_days_ahead_is_refused_with_both_dates(revised):
    refused = revised.refused
    announced = (revised.date - dt.timedelta(days=10)).isoformat()
    assert refused.returncode == 2 and "NTC001" in refused.stderr, refused.stderr
    assert announced in refused.stderr and revised.date.isoformat() in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize("lang", SITE.languages)
def test_the_table_page_shows_the_revision_as_a_legal_reader_expects(revised, announced_site, lang):
    words = TABLE[lang]
    grid = page(announced_site, f"{lang_prefix(lang)}history/{revised.date.isoformat()}/table").select_one("table.shinkyu")
    assert [th.get_text() for th in grid.select("thead th")] == words["heads"]
    assert grid.caption.get_text() == words["caption"]

    def cells(clause_id):
        row = grid.select_one(f'tr[data-clause="{clause_id}"]')
        assert row is not None, clause_id
        return row.find_all("td", recursive=False)

    old, new = revised.fee
    fee = cells(revised.fee_id)
    unit = words["unit"]
    assert [u.get_text() for u in fee[0].select("u")] == [new + unit]
    assert [u.get_text() for u in fee[1].select("u")] == [old + unit]
    inserted = cells(revised.inserted)
    assert inserted[1].get_text() == words["new"] and inserted[0].select_one("u")
    deleted = cells(revised.deleted)
    assert deleted[0].get_text() == words["deleted"] and deleted[1].select_one("u")
    # The item after the inserted one: renumbered, both numbers as written, never an internal id.
    parent = revised.inserted.rsplit("-i", 1)[0]
    renumbered = grid.select_one(f'tr[data-clause="{parent}-i3"]')
    assert words["was"] in renumbered.get_text() and parent not in renumbered.get_text()
    assert grid.select("tr.shinkyu-omitted details summary")   # unchanged clauses folded into （略）
    # The appendix: its title above its new revision line, which is new (the lines before it （略）).
    appendix = load_policy(revised.project / "docs", lang, root=revised.project).appendix
    rows = grid.tbody.find_all("tr", recursive=False)
    title = next(i for i, r in enumerate(rows) if "shinkyu-heading" in r.get("class", [])
                 and r.td.get_text() == appendix.title)
    line = next(r for r in rows[title:] if format_date(revised.date, lang) in r.get_text())
    assert line.find_all("td", recursive=False)[1].get_text() == words["new"]


def pdftotext(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is needed (apt-get install poppler-utils)"
    return subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_pdfs_hold_both_fees_and_are_published(revised, announced_site):
    old, new = revised.fee
    folder = revised.project / archive.ARCHIVE / revised.date.isoformat()
    for lang in languages(revised.project):
        unit = TABLE[lang]["unit"]
        table = pdftotext(folder / lang / "pdf" / "table.pdf")
        assert old + unit in table and new + unit in table, lang
        assert new + unit in pdftotext(folder / lang / "pdf" / "policy.pdf")
        published = announced_site / lang_prefix(lang) / "history" / revised.date.isoformat() / "pdf" / "table.pdf"
        assert published.read_bytes() == (folder / lang / "pdf" / "table.pdf").read_bytes()


def test_the_word_file_is_a_two_column_table_in_each_language(revised, tmp_path):
    out = tmp_path / "table.docx"
    result = module(revised.project, "scripts.diff", revised.previous, revised.date.isoformat(), "--lang", "both",
                    "--format", "docx", "--output", str(out))
    assert result.returncode == 1, result.stderr   # 1: the versions differ
    document = docx.Document(str(out))
    langs = languages(revised.project)
    assert [[c.text for c in t.rows[0].cells] for t in document.tables] == [TABLE[lang]["heads"] for lang in langs]
    assert all(len(t.columns) == 2 for t in document.tables)
    texts = [c.text for row in document.tables[0].rows for c in row.cells]
    words = TABLE[ORIGINAL]
    assert words["new"] in texts and words["deleted"] in texts
    assert any(revised.fee[1] + WORDS[ORIGINAL]["unit"] in t for t in texts)


def test_from_the_announcement_date_the_banner_and_the_feed_entry_show(revised, announced_site):
    shown = format_date(revised.date, ORIGINAL)
    assert shown in page(announced_site, "articles/01").select_one(".md-banner").get_text()
    feed = etree.fromstring((announced_site / "history/atom.xml").read_bytes())
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}title").startswith(TABLE[ORIGINAL]["title"].format(date=shown))
    assert SUMMARY[ORIGINAL] in entry.findtext(f"{ATOM}summary")
    # The text in force is still the old one until the effective date.
    unit = WORDS[ORIGINAL]["unit"]
    article = page(announced_site, revised.fee_page).select_one("article").get_text()
    assert revised.fee[0] + unit in article and revised.fee[1] + unit not in article


def test_on_its_effective_date_the_revision_is_current(revised, tmp_path):
    site = tmp_path / "site"
    result = build_site(revised.project, site, revised.date.isoformat())
    assert result.returncode == 0, result.stderr
    unit = WORDS[ORIGINAL]["unit"]
    article = page(site, revised.fee_page).select_one("article").get_text()
    assert revised.fee[1] + unit in article and revised.fee[0] + unit not in article
    assert page(site, "articles/01").select_one(".policy-upcoming") is None

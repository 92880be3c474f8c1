"""新旧対照表 (comparison table): a revision beside the one before, as Japanese legal teams publish it.

Two columns aligned clause by clause, 改正後 (revised) on the left and 改正前 (before) on
the right; the changed words underlined on both sides (傍線: on the left what came in,
on the right what went out); （新設） on the old side of a new clause and （削る） on the new
side of a deleted one; a renumbered clause underlines its number on both sides and says
so with both numbers as written; runs of unchanged clauses shortened to （略）, which
can be opened to read them. The caption says （傍線部分は改正部分）.

The rows come from ``scripts.policy.compare`` (the one comparison engine); this module
only lays them out. Renderers: :func:`html_table` (the site's page and
``python -m scripts.diff --format table``), :func:`html_document` (a printable page),
and ``scripts.history.word`` (the Word file).

API: ``rows(comparison) -> list[Row]``; a :class:`Row` has ``new`` and ``old``
:class:`Cell`\\ s (runs of ``(text, underlined)``, and a ``mark``: ``new_clause``,
``deleted`` or ''), ``renumbered`` (old → new number) or, for ``kind == OMITTED``, the
unchanged rows it stands for (``hidden``).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from ..policy import compare
from ..policy.compare import ClauseChange, Comparison
from .words import words

CLAUSE = "clause"
HEADING = "heading"
OMITTED = "omitted"

NEW_CLAUSE = "new_clause"   # （新設）, on the old side
DELETED = "deleted_clause"  # （削る）, on the new side


@dataclass
class Cell:
    runs: list[tuple[str, bool]] = field(default_factory=list)   # (text, underlined)
    mark: str = ""                                                # NEW_CLAUSE, DELETED or ''

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)

    @property
    def underlined(self) -> list[str]:
        return [text for text, marked in self.runs if marked]


@dataclass
class Row:
    kind: str                     # CLAUSE, HEADING (an unchanged article heading kept for orientation), OMITTED
    id: str = ""
    new: Cell = field(default_factory=Cell)
    old: Cell = field(default_factory=Cell)
    renumbered: tuple[str, str] | None = None   # (old number, new number) as written
    hidden: list["Row"] = field(default_factory=list)


def _cells(change: ClauseChange) -> tuple[Cell, Cell]:
    if change.status == compare.INSERTED:
        return Cell([(change.new_text, True)]), Cell(mark=NEW_CLAUSE)
    if change.status == compare.DELETED:
        return Cell(mark=DELETED), Cell([(change.old_text, True)])
    if change.status == compare.UNCHANGED:
        return Cell([(change.new_text, False)]), Cell([(change.old_text, False)])
    new, old = Cell(), Cell()
    for seg in change.segments:
        if seg.op in (compare.EQUAL, compare.INSERT):
            new.runs.append((seg.text, seg.op == compare.INSERT))
        if seg.op in (compare.EQUAL, compare.DELETE):
            old.runs.append((seg.text, seg.op == compare.DELETE))
    return new, old


def _row(change: ClauseChange, kind: str = CLAUSE) -> Row:
    new, old = _cells(change)
    renumbered = (change.old_number, change.new_number) if change.renumbered else None
    return Row(kind, change.id, new, old, renumbered)


def rows(comparison: Comparison) -> list[Row]:
    """The table's rows in reading order of the new text, unchanged runs folded into （略）."""
    out: list[Row] = []
    hidden: list[Row] = []

    def flush() -> None:
        if hidden:
            out.append(Row(OMITTED, hidden=list(hidden)))
            hidden.clear()

    for doc in comparison.documents:
        if doc.status == compare.UNCHANGED:
            hidden.extend(_row(change) for change in doc.clauses)
            continue
        if doc.kind != "article" and doc.old and doc.new and doc.new.title:
            # The preamble's or the appendix's title (附則) above its changes: its lines carry no number.
            flush()
            retitled = doc.old.title != doc.new.title
            out.append(Row(HEADING, doc.clauses[0].id if doc.clauses else doc.kind,
                           Cell([(doc.new.title, retitled)]), Cell([(doc.old.title, retitled)])))
        for index, change in enumerate(doc.clauses):
            if change.status != compare.UNCHANGED:
                flush()
                out.append(_row(change))
            elif index == 0 and change.old and change.new and doc.kind == "article":
                # The article's heading stays in view above its changes, as the tables do.
                flush()
                out.append(_row(change, HEADING))
            else:
                hidden.append(_row(change))
    flush()
    return out


# --- HTML --------------------------------------------------------------------

def _html_runs(cell: Cell, tag: str) -> str:
    out = []
    for text, marked in cell.runs:
        body = html.escape(text).replace("\n", "<br>")
        # <ins>/<del> for meaning, underlined by the stylesheet and by <u> where no stylesheet applies.
        out.append(f"<{tag}><u>{body}</u></{tag}>" if marked else body)
    return "".join(out)


def _html_cell(cell: Cell, tag: str, w: dict, note: str = "") -> str:
    if cell.mark:
        return f'<td class="shinkyu-mark">{html.escape(w[cell.mark])}</td>'
    return f"<td>{_html_runs(cell, tag)}{note}</td>"


def _html_row(row: Row, w: dict) -> str:
    note = ""
    if row.renumbered:
        old, new = row.renumbered
        note = (f'<span class="shinkyu-note">'
                f'{html.escape(w["table_renumbered"].format(old=old, new=new))}</span>')
    cls = {CLAUSE: "shinkyu-row", HEADING: "shinkyu-row shinkyu-heading"}[row.kind]
    if row.renumbered:
        cls += " shinkyu-renumbered"
    return (f'<tr class="{cls}" data-clause="{html.escape(row.id, quote=True)}">'
            f'{_html_cell(row.new, "ins", w, note)}{_html_cell(row.old, "del", w)}</tr>')


def _html_omitted(row: Row, w: dict) -> str:
    """（略） in both columns; the unchanged clauses open below it without a script."""
    omitted = html.escape(w["table_omitted"])
    inner = "".join(_html_row(r, w) for r in row.hidden)
    count = html.escape(w["table_show_all"].format(count=len(row.hidden)))
    return (f'<tr class="shinkyu-omitted"><td colspan="2"><details>'
            f'<summary><span class="shinkyu-omitted-new">{omitted}</span>'
            f'<span class="shinkyu-omitted-old">{omitted}</span>'
            f'<span class="shinkyu-omitted-count">{count}</span></summary>'
            f'<table class="shinkyu-inner"><colgroup><col><col></colgroup><tbody>{inner}</tbody></table>'
            f"</details></td></tr>")


def html_table(comparison: Comparison, lang: str) -> str:
    """The table as an HTML fragment: legend, then one two-column table with a caption."""
    w = words(lang)
    if not comparison.changed:
        return f'<p class="history-nochange">{html.escape(w["no_change"])}</p>\n'
    body = "\n".join(_html_omitted(r, w) if r.kind == OMITTED else _html_row(r, w) for r in rows(comparison))
    return (f'<p class="shinkyu-legend">{html.escape(w["table_legend"])}</p>\n'
            f'<table class="shinkyu">\n'
            f'<caption>{html.escape(w["table_caption"])}</caption>\n'
            f'<colgroup><col><col></colgroup>\n'
            f'<thead><tr><th scope="col">{html.escape(w["table_new"])}</th>'
            f'<th scope="col">{html.escape(w["table_old"])}</th></tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>\n")


# The table's stylesheet: the site loads it (mkdocs.yml extra_css); standalone pages embed it.
STYLESHEET = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "shinkyu.css"


def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def html_document(comparisons: dict[str, Comparison], old: str, new: str) -> str:
    """A page of its own (``--format table``): each language's table and the stylesheet, A4 landscape in print."""
    first = next(iter(comparisons), "ja")
    head = f"{words(first)['table_title']}: {old} → {new}"
    parts = ["<!doctype html>", f'<html lang="{first}">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{html.escape(head)}</title>",
             f"<style>body {{ font-family: sans-serif; margin: 1em; }}\n{stylesheet()}</style>", "</head>", "<body>"]
    for lang, comparison in comparisons.items():
        w = words(lang)
        parts += [f'<section lang="{lang}">', f"<h1>{html.escape(w['table_title'])}</h1>",
                  f"<p>{html.escape(w['table_new'])}: {html.escape(new)} / {html.escape(w['table_old'])}: "
                  f"{html.escape(old)}</p>", html_table(comparison, lang), "</section>"]
    return "\n".join(parts + ["</body>", "</html>", ""])

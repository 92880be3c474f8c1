"""The 新旧対照表 as a Word file, for approval (稟議): ``python -m scripts.diff OLD NEW --format docx --output FILE``.

One real two-column Word table per language (改正後 | 改正前, "Revised" | "Before"),
its heading row repeated on every page, the changed words underlined (a run
property, so it survives any printer), （新設） / （削る） and （略） as in the site's table
(the rows are ``scripts.history.table.rows``), on A4 landscape. Written with python-docx;
opens in Word and LibreOffice.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..policy.compare import Comparison
from . import table
from .words import words

# A Japanese font Word and LibreOffice both know; the file names it, it does not embed it.
EAST_ASIAN_FONT = "MS Mincho"


def _landscape(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))


def _east_asian(run, font: str = EAST_ASIAN_FONT) -> None:
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)


def _repeat_header(row) -> None:
    """The heading row is repeated at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _fill(cell, runs: list[tuple[str, bool]]) -> None:
    """Text with its underlined runs; line breaks of the clause become line breaks in the cell."""
    paragraph = cell.paragraphs[0]
    for text, underlined in runs:
        for index, line in enumerate(text.split("\n")):
            if index:
                paragraph.add_run().add_break()
            if line:
                run = paragraph.add_run(line)
                run.underline = underlined
                _east_asian(run)


def _mark(cell, text: str) -> None:
    run = cell.paragraphs[0].add_run(text)
    _east_asian(run)


def _row(grid, row: table.Row, w: dict) -> None:
    cells = grid.add_row().cells
    for cell, side in ((cells[0], row.new), (cells[1], row.old)):
        if side.mark:
            _mark(cell, w[side.mark])
        else:
            _fill(cell, side.runs)
    if row.renumbered:
        old, new = row.renumbered
        note = cells[0].add_paragraph().add_run(w["table_renumbered"].format(old=old, new=new))
        note.font.size = Pt(8)
        _east_asian(note)
    if row.kind == table.HEADING:
        for cell in cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True


def _language(document, comparison: Comparison, lang: str, old: str, new: str) -> None:
    w = words(lang)
    heading = document.add_heading(w["table_title"], level=1)
    for run in heading.runs:
        _east_asian(run)
    _east_asian(document.add_paragraph().add_run(f"{w['table_new']}: {new} / {w['table_old']}: {old}"))
    if not comparison.changed:
        _east_asian(document.add_paragraph().add_run(w["no_change"]))
        return
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _east_asian(caption.add_run(w["table_caption"]))
    grid = document.add_table(rows=1, cols=2)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = grid.rows[0]
    _repeat_header(head)
    for cell, label in zip(head.cells, (w["table_new"], w["table_old"])):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cell.paragraphs[0].add_run(label)
        run.bold = True
        _east_asian(run)
    for row in table.rows(comparison):
        if row.kind == table.OMITTED:
            cells = grid.add_row().cells
            for cell in cells:
                _mark(cell, w["table_omitted"])
        else:
            _row(grid, row, w)
    for column in grid.columns:
        for cell in column.cells:
            cell.width = Mm(133)
    _east_asian(document.add_paragraph().add_run(w["table_legend"]))


def docx_bytes(comparisons: dict[str, Comparison], old: str, new: str) -> bytes:
    """The Word file (one table per language, in the order given) as bytes."""
    document = Document()
    _landscape(document)
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    for index, (lang, comparison) in enumerate(comparisons.items()):
        if index:
            document.add_page_break()
        _language(document, comparison, lang, old, new)
    document.core_properties.title = f"{words(next(iter(comparisons), 'ja'))['table_title']}: {old} → {new}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

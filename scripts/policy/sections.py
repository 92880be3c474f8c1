"""Clause ids for section-style documents (``sections/NN.md``).

A section has no fixed vocabulary of levels: one policy writes sub-sections
``### (1)`` with items ``1.`` and sub-items ``ア``, another clauses ``2.1``, another
bullets nested by indentation. The level of a marker is therefore given by the
order in which its style first appears inside the section (as a reader of an
outline sees it): a style already open closes everything below it and numbers a
sibling; a new style opens a level below the current one. Sub-section headings
(``## …``) always sit at the first level.

Ids: ``sec-N`` for the section, then ``-pM`` (first level), ``-iK`` (second) and
``-sJ`` (third and below), the same shape as article ids so every check reads both.
Bullets and unnumbered sub-section headings are numbered by position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import model
from .structure import atx_heading, kana_number, outline_marker, section_heading

_LEVEL_SUFFIX = ("p", "i", "s")
_LEVEL_KIND = (model.PARAGRAPH, model.ITEM, model.SUBITEM)


@dataclass
class _Level:
    key: tuple
    clause: model.Clause
    count: int = 0          # siblings seen at this level
    series: str = ""        # kana: 'aiueo' or 'iroha', set by the first sibling


def section_number(rel: str, title: str) -> tuple[int | None, str, str]:
    """(number, numeral as written, caption): from the heading, else from the file name (unnumbered)."""
    number, numeral, caption = section_heading(title)
    if number is not None:
        return number, numeral, caption
    match = re.search(r"(\d+)\.md$", rel)
    return (int(match[1]) if match else None), "", caption


def assign_clauses(doc: model.Document) -> None:
    unit = doc.unit_id
    stack: list[_Level] = []
    section: model.Clause | None = None

    def open_clause(parent: model.Clause | None, depth: int, number: int, block: model.Block) -> model.Clause:
        base = parent.id if parent is not None and depth > 0 else unit
        suffix = _LEVEL_SUFFIX[min(depth, len(_LEVEL_SUFFIX) - 1)]
        kind = _LEVEL_KIND[min(depth, len(_LEVEL_KIND) - 1)]
        clause = model.Clause(f"{base}-{suffix}{number}", kind, block.marker, number, block.line, [block])
        block.clause_id, block.opens_clause, block.number = clause.id, True, number
        doc.clauses.append(clause)
        return clause

    def sibling(key: tuple, explicit: int | None, marker: str, block: model.Block, heading: bool) -> None:
        nonlocal stack
        if heading:
            stack = [lv for lv in stack if lv.key[0] == "heading"]
        position = next((i for i, lv in enumerate(stack) if lv.key == key), None)
        if position is None:
            position = len(stack)
            level = _Level(key, None)   # type: ignore[arg-type]
            stack.append(level)
        else:
            del stack[position + 1:]
            level = stack[position]
        level.count += 1
        number = explicit
        if key[0] == "kana":
            if level.count == 1:
                level.series = "iroha" if marker == "イ" else "aiueo"
            try:
                number = kana_number(marker, level.series)
            except ValueError:
                number = level.count
        if number is None:
            number = level.count
        parent = stack[position - 1].clause if position > 0 else section
        level.clause = open_clause(parent, position, number, block)

    for block in doc.blocks:
        if block.kind == model.HEADING and block.line == doc.title_line:
            section = model.Clause(unit, model.ARTICLE, doc.article_numeral, doc.article_number, block.line, [block])
            block.clause_id, block.opens_clause = unit, True
            block.marker, block.number = doc.article_numeral, doc.article_number
            doc.clauses.append(section)
            continue
        if section is None:
            continue
        heading = atx_heading(block.text, multiline=True) if block.kind == model.HEADING else None
        if heading and len(heading[0]) >= 2:   # a sub-section: ## … to ###### …
            found = outline_marker(heading[1])
            block.marker = ""
            sibling(("heading", len(heading[0])), found.number if found else None, "", block, heading=True)
            doc.clause(block.clause_id).marker = found.marker if found else ""
            continue
        indent = len(block.text) - len(block.text.lstrip(" \t\u3000"))
        found = outline_marker(block.text.lstrip(" \t\u3000"))
        if found is not None:
            block.marker = block.text[: indent + found.length].rstrip(" \t\u3000")
            block.kind = model.ITEM
            key = ("bullet", indent // 2) if found.style == "bullet" else (found.style,)
            sibling(key, found.number, found.marker, block, heading=False)
            block.kind = doc.clause(block.clause_id).kind
            continue
        current = stack[-1].clause if stack else section
        block.clause_id = current.id
        current.blocks.append(block)

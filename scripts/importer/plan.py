"""What an import would write: the documents of a page, each as its files, and what stops it.

A page may hold several documents (articles of association, membership terms and a
privacy policy one after another; a policy and a notice on one page). Article-style
documents are told apart where article numbering starts again at 第1条, section-style
ones where a revision record is followed by a new title. Nothing is written here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..policy.structure import CAPTION_ONLY, article_heading, chapter_heading
from . import outline as sections
from .build import escape_markdown, render, split_policy
from .endings import is_ending_line, is_signature
from .language import title_words, writing
from .source import Line

ARTICLE_STYLE, SECTION_STYLE = "article", "section"


@dataclass
class Problem:
    line: Line
    code: str
    message: str
    warning: bool = False


@dataclass
class Document:
    """One document of the page, ready to write."""

    title: str
    style: str
    first: Line
    files: dict[str, str] = field(default_factory=dict)     # rel → Markdown
    problems: list[Problem] = field(default_factory=list)
    used: set[int] = field(default_factory=set)             # ids of the source lines it keeps

    @property
    def units(self) -> int:
        """Articles or sections."""
        return sum(1 for rel in self.files if rel.startswith(("articles/", "sections/")))


def _article_documents(lines: list[Line], lang: str) -> list[list[Line]]:
    """Split where article numbering starts again at 1, before that article's title lines."""
    starts = [0]
    seen_article = False
    for index, line in enumerate(lines):
        heading = article_heading(line.text, lang)
        if heading is None:
            continue
        if heading.number == 1 and seen_article:
            start = index
            # The caption above ('（名称）'), a chapter heading and the document's title go with it.
            while start > starts[-1] + 1 and (CAPTION_ONLY.match(lines[start - 1].text)
                                              or chapter_heading(lines[start - 1].text, lang)):
                start -= 1
            # The title may stand above a few lines of preamble: '会員規約' then '当協会の会員は…'.
            for back in range(1, 5):
                at = start - back
                if at <= starts[-1] or article_heading(lines[at].text, lang):
                    break
                if _title_like(lines[at]):
                    start = at
                    if start - 1 > starts[-1] and is_signature(lines[start - 1].text):
                        start -= 1   # the organisation's name above the title
                    break
            starts.append(start)
        seen_article = True
    return [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]


def _title_like(line: Line) -> bool:
    return bool(line.heading) or (len(line.text) <= 40 and "。" not in line.text
                                  and bool(title_words().search(line.text)))


def _plan_articles(lines: list[Line], lang: str, whole: bool = False, markdown: bool = False) -> Document:
    result = split_policy(lines, lang, whole)
    title = next((p.title for p in result.parts), "")
    doc = Document(title, ARTICLE_STYLE, lines[0])
    doc.problems = [Problem(p.line, p.code, p.message, p.warning) for p in result.problems]
    doc.used.update(id(l) for l in result.kept_elsewhere)
    for part in result.parts:
        doc.files[part.rel] = render(part, markdown)
        doc.used.update(id(l) for l in part.lines)
        if part.heading is not None:
            doc.used.add(id(part.heading))
    # A closing date without 附則 ('【制定日】 ２０２１年７月１日') is the revision record.
    articles = [p for p in result.parts if p.rel.startswith("articles/")]
    if articles and "appendix.md" not in doc.files:
        last = articles[-1]
        tail = len(last.lines)
        while tail > 0 and is_ending_line(last.lines[tail - 1].text):
            tail -= 1
        if tail < len(last.lines):
            ending, last.lines = last.lines[tail:], last.lines[:tail]
            doc.files[last.rel] = render(last, markdown)
            appendix = writing(lang).appendix_title
            doc.files["appendix.md"] = "\n\n".join([f"# {appendix}"] + [escape_markdown(l.text) for l in ending]) + "\n"
    return doc


def _plan_sections(lines: list[Line], lang: str, markdown: bool) -> Document | None:
    found = sections.outline(lines)
    if found is None:
        return None
    files, problems = sections.render_outline(found, lang, markdown, escape_markdown)
    title = found.title.text if found.title else (found.sections[0].heading.text if found.sections else "")
    doc = Document(title, SECTION_STYLE, found.title or found.sections[0].heading)
    doc.problems = [Problem(line, "IMP002", message) for line, message in problems]
    for out in files:
        doc.files[out.rel] = out.text
        doc.used.update(id(l) for l in out.origin.values())
    return doc


def plan(lines: list[Line], lang: str, markdown: bool = False) -> list[Document]:
    """Every document of the page, in page order (empty when none is found)."""
    articles = sum(1 for l in lines if article_heading(l.text, lang))
    # A sentence may start with '第3条に定める…' in a section-style policy: one such line is not a style.
    if articles >= 2 or (articles == 1 and sections.outline(lines) is None):
        chunks = [c for c in _article_documents(lines, lang) if any(article_heading(l.text, lang) for l in c)]
        return [_plan_articles(chunk, lang, index + 1 < len(chunks), markdown) for index, chunk in enumerate(chunks)]
    out = []
    chunks = sections.documents(lines)
    for chunk in chunks:
        doc = _plan_sections(chunk, lang, markdown)
        if doc is None and out:
            doc = _plan_notice(chunk, lang, markdown)
        if doc is not None:
            out.append(doc)
    return out


def _plan_notice(lines: list[Line], lang: str, markdown: bool) -> Document | None:
    """A part of a page after a policy with no sections of its own (a contact notice): its text only."""
    heads = [i for i, l in enumerate(lines) if l.heading]
    if not heads or not any("。" in l.text or len(l.text) > 40 for l in lines):
        return None
    found = sections.Outline(lines[heads[0]], lines[heads[0] + 1:], [], 0)
    files, _ = sections.render_outline(found, lang, markdown, escape_markdown)
    doc = Document(lines[heads[0]].text, SECTION_STYLE, lines[heads[0]])
    for out in files:
        doc.files[out.rel] = out.text
        doc.used.update(id(l) for l in out.origin.values())
    return doc


def left_out(lines: list[Line], documents: list[Document]) -> tuple[list[Line], list[Line], list[Line]]:
    """Source lines kept by no document: (before the first kept line, between kept ones, after the last)."""
    used = set().union(*(d.used for d in documents)) if documents else set()
    kept = [i for i, l in enumerate(lines) if id(l) in used]
    if not kept:
        return lines, [], []
    between = [l for l in lines[kept[0]:kept[-1] + 1] if id(l) not in used]
    return lines[:kept[0]], between, lines[kept[-1] + 1:]

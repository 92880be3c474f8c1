"""The policy as plain data: what every tool reads and nothing writes back.

A policy in one language is a set of documents (one Markdown file each): the
preamble, the articles and the appendix (附則). Each document is a list of
blocks (one Markdown paragraph each). Numbered blocks open clauses, whose
language-independent ids (``art-6-p2-i1``) let Japanese and English be
compared clause by clause.

Two house styles share one shape. Article style: 第N条 / Article N, paragraphs,
items and sub-items (``art-6-p2-i1``). Section style: numbered or unnumbered
headings (``1. 利用目的``), sub-sections and clauses (``(1)``, ``2.1``), items and
sub-items of any marker, bullets (``sec-5-p1-i2-s1``). A section is a document of
kind ARTICLE whose ``style`` is SECTION_STYLE, so every check reads both alike.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Block kinds
HEADING = "heading"      # '# 第１条（個人情報）' and lower headings
CHAPTER = "chapter"      # '第1章　総則'
PARAGRAPH = "paragraph"  # '１．', '2　', '1.'
ITEM = "item"            # '（１）', '(1)', '一　'
SUBITEM = "subitem"      # '①', 'イ　'
LABEL = "label"          # '＜宛先＞'
NOTE = "note"            # '※…'
TEXT = "text"            # anything else: continuation text, URLs, address lines
REVISION = "revision"    # a dated line of the appendix

NUMBERED = (PARAGRAPH, ITEM, SUBITEM)

# Document kinds
PREAMBLE = "preamble"
ARTICLE = "article"
APPENDIX = "appendix"
PAGE = "page"            # any other page (full text, 404, history): not part of the policy

# House styles of the numbered documents, and the prefix of their clause ids
ARTICLE_STYLE = "article"   # 第N条 / Article N, files articles/NN.md
SECTION_STYLE = "section"   # 1. … / unnumbered headings, files sections/NN.md
ID_PREFIX = {ARTICLE_STYLE: "art", SECTION_STYLE: "sec"}


@dataclass
class Block:
    """One Markdown paragraph of policy text, as written."""

    kind: str
    text: str            # the whole block as written, lines joined with '\n'
    line: int            # 1-based line of its first line in the file
    marker: str = ""     # the numbering as written: '１．', '（１）', '①'
    number: int | None = None
    clause_id: str = ""  # the clause this block opens or continues
    opens_clause: bool = False

    @property
    def body(self) -> str:
        """The text after the numbering marker."""
        return self.text[len(self.marker):].lstrip(" \u3000") if self.marker else self.text


@dataclass
class Clause:
    """An article, paragraph, item or sub-item: its own blocks, not its children's."""

    id: str
    kind: str            # ARTICLE, PARAGRAPH, ITEM, SUBITEM
    marker: str
    number: int | None
    line: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass
class Revision:
    """One line of the appendix: a date and what happened on it (制定, 改定, 施行 …)."""

    date: dt.date
    events: tuple[str, ...]   # normalised: 'enacted', 'revised', 'effective'
    text: str
    line: int
    # A record that never names 施行 (effective) but has a 制定 line or closes with 以上 takes
    # each dated line as in force on its date, as such policies are read (see reader).
    implied_effective: bool = False

    @property
    def in_force(self) -> bool:
        return "effective" in self.events or (self.implied_effective and bool(self.events))


@dataclass
class Document:
    """One Markdown file of the policy."""

    path: str                 # as given (relative to the repo where possible)
    rel: str                  # relative to the language folder: 'articles/06.md'
    lang: str
    kind: str
    title: str
    title_line: int
    front_matter: dict
    front_matter_lines: int   # lines taken by front matter, so blocks keep file line numbers
    blocks: list[Block]
    article_number: int | None = None
    article_numeral: str = ""  # as written: '第６条'
    caption: str = ""          # '個人情報の開示'
    chapter: str = ""
    clauses: list[Clause] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    style: str = ARTICLE_STYLE

    @property
    def unit_id(self) -> str:
        """The id of the article or section itself: 'art-6', 'sec-3'."""
        return f"{ID_PREFIX[self.style]}-{self.article_number}"

    def clause(self, clause_id: str) -> Clause | None:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        return None


@dataclass
class Policy:
    """All documents of one language, in reading order."""

    lang: str
    documents: list[Document]

    @property
    def preamble(self) -> Document | None:
        return next((d for d in self.documents if d.kind == PREAMBLE), None)

    @property
    def articles(self) -> list[Document]:
        return sorted((d for d in self.documents if d.kind == ARTICLE),
                      key=lambda d: (d.article_number or 0, d.rel))

    @property
    def appendix(self) -> Document | None:
        return next((d for d in self.documents if d.kind == APPENDIX), None)

    @property
    def revisions(self) -> list[Revision]:
        return self.appendix.revisions if self.appendix else []

    def effective_date(self, today: dt.date | None = None) -> dt.date | None:
        """The date of the latest revision in force on ``today`` (default: all of them)."""
        dates = [r.date for r in self.revisions
                 if r.in_force and (today is None or r.date <= today)]
        return max(dates) if dates else None

    def clauses(self) -> list[Clause]:
        return [c for d in self.ordered() for c in d.clauses]

    def ordered(self) -> list[Document]:
        """Preamble, articles by number, appendix."""
        out = [self.preamble] if self.preamble else []
        out += self.articles
        if self.appendix:
            out.append(self.appendix)
        return out

    def document(self, rel: str) -> Document | None:
        return next((d for d in self.documents if d.rel == rel), None)

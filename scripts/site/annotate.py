"""Markdown for the build: the editor's text plus the structure the core derives.

Clause-opening blocks get their ids through attr_list (``{: #art-6-p2 .clause }``);
a leading ``1.`` is escaped so an English paragraph number is not read as a list.
The editor's files are never changed: this is done on the Markdown in memory.
"""
from __future__ import annotations

import html
import re

from ..policy import model
from ..policy.contact import extract_contacts

_LIST_MARKER = re.compile(r"^(\d+)([.)])(\s)")
_BULLET = re.compile(r"^[ \t]*([-*+])(?=[ \t])")
CLAUSE_PREFIXES = tuple(f"{prefix}-" for prefix in model.ID_PREFIX.values())


def _outline_markdown(block: model.Block) -> tuple[str, int]:
    """A section's bullet or indented line as a paragraph: Markdown would make it a list or code.

    Its depth is kept as a class (``level-2``) so the stylesheet can indent it.
    """
    text = block.text
    indent = len(text) - len(text.lstrip(" \t"))
    text = _BULLET.sub(lambda m: "\\" + m[1], text)
    text = "\n".join(line.lstrip(" \t") for line in text.split("\n"))
    bullet = block.marker.lstrip(" \t")[:1]
    return text, (indent // 2 + 1) if bullet and bullet in "-*+" else 0
_ITEM_LEVEL = re.compile(r"-([is])\d+$")


def _item_class(clause_id: str) -> str:
    """' .item' for a clause art-2-p1-i3, ' .subitem' for art-6-p2-s1, else ''."""
    match = _ITEM_LEVEL.search(clause_id or "")
    return {"i": " .item", "s": " .subitem"}[match[1]] if match else ""


_BARE_URL = re.compile(r"(?<![<(\[])(https?://[^\s<>「」（）()、。]+)")


def _block_markdown(block: model.Block, demote: int, contact_lines: frozenset[int],
                    section: bool = False) -> str:
    text = block.text
    if block.kind == model.HEADING:
        if demote:
            text = "#" * demote + text
        if block.opens_clause and block.clause_id.startswith(CLAUSE_PREFIXES):
            text += f" {{ #{block.clause_id} }}"
        return text
    level = 0
    if section:
        text, level = _outline_markdown(block)
    text = _LIST_MARKER.sub(r"\1\\\2\3", text)
    # A URL right after Japanese text (お問い合わせページ：https://…) is not found by the
    # link extension, which wants a word boundary; an explicit autolink always is.
    text = _BARE_URL.sub(r"<\1>", text)
    # Items （１） and sub-items ① of an article, and the text that continues them, are set
    # off from their paragraph (the stylesheet indents .item and .subitem).
    depth = "" if section else _item_class(block.clause_id)
    if block.opens_clause and block.clause_id.startswith(CLAUSE_PREFIXES):
        text += f"\n{{: #{block.clause_id} .clause{f' .level-{level}' if level else ''}{depth} }}"
    elif level:
        text += f"\n{{: .level-{level} }}"
    elif depth and block.kind == model.TEXT and block.line not in contact_lines:
        text += f"\n{{:{depth} }}"
    elif block.line in contact_lines:
        text += "\n{: .contact }"
    return text


def annotate(doc: model.Document, demote: int = 0) -> str:
    # The contact and address blocks, as the core reads them, are marked so the page
    # can show them as one <address> (see wrap_contacts).
    contact_lines = frozenset(v.line for c in extract_contacts(doc) for v in c.lines)
    section = doc.style == model.SECTION_STYLE
    return "\n\n".join(_block_markdown(b, demote, contact_lines, section) for b in doc.blocks) + "\n"


def article_list(policy: model.Policy, link_prefix: str = "") -> str:
    """Links to every article and the appendix, for the home page (under their chapters)."""
    lines = []
    chapter = ""
    for doc in policy.articles + ([policy.appendix] if policy.appendix else []):
        if doc.chapter and doc.chapter != chapter:
            lines.append(f"- {doc.chapter}")
            chapter = doc.chapter
        indent = "    " if doc.chapter and doc.kind == model.ARTICLE else ""
        lines.append(f"{indent}- [{doc.title}]({link_prefix}{doc.rel})")
    return "\n".join(lines) + "\n"


def full_text(policy: model.Policy, title: str) -> str:
    """The whole policy on one page: every document's text, headings one level down.

    Chapters (第1章 …) head their articles, which then go down a second level.
    """
    parts = [f"# {title}"]
    chapter = ""
    chaptered = any(doc.chapter for doc in policy.ordered())
    for doc in policy.ordered():
        if doc.chapter and doc.chapter != chapter:
            parts.append(f"## {doc.chapter}")
        chapter = doc.chapter or chapter
        deeper = chaptered and doc.kind == model.ARTICLE and bool(doc.chapter)
        parts.append(annotate(doc, demote=2 if deeper else 1))
    return "\n\n".join(parts)


def chapter_line(doc: model.Document) -> str:
    """The chapter an article belongs to, shown above its title on the article's page."""
    return f"{doc.chapter}\n{{: .policy-chapter }}\n\n" if doc.chapter and doc.kind == model.ARTICLE else ""


_CONTACT_RUN = re.compile(r'(?:<p class="contact">.*?</p>\s*)+', re.S)


def wrap_contacts(page_html: str) -> str:
    """Each run of contact lines becomes one <address> element."""
    return _CONTACT_RUN.sub(lambda m: f'<address class="policy-contact">\n{m[0].strip()}\n</address>\n', page_html)


_CLAUSE_P = re.compile(r'<p(?: class="(clause[^"]*)")? id="((?:art|sec)-[0-9a-z-]+)"(?: class="(clause[^"]*)")?>')


def add_clause_links(page_html: str, label: str) -> str:
    """A link-on-hover at the start of each clause, so a reader can share it."""
    def link(match: re.Match) -> str:
        clause_id = match[2]
        classes = match[1] or match[3] or "clause"
        return (f'<p class="{classes}" id="{clause_id}"><a class="clause-link" href="#{clause_id}" '
                f'aria-label="{html.escape(label)} ({clause_id})">§</a>')
    return _CLAUSE_P.sub(link, page_html)


def description(doc: model.Document, fallback: str, width: int = 110) -> str:
    """A per-page meta description: the title and the start of the text."""
    body = " ".join(b.body.replace("\n", " ") for b in doc.blocks if b.kind != model.HEADING)
    text = f"{doc.title}: {body}" if doc.title and body else (doc.title or fallback)
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= width else text[: width - 1] + "…"


ALTERNATE_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_alternates(page_html: str) -> str:
    """The page without its hreflang alternate links, each with the blanks before it.

    The blanks are stripped, not matched: a pattern starting with blanks would rescan a long run
    of them in the policy text from each of its blanks.
    """
    pieces, end = [], 0
    for match in ALTERNATE_LINK.finditer(page_html):
        pieces.append(page_html[end:match.start()].rstrip())
        end = match.end()
    return "".join(pieces) + page_html[end:]


def absolute_alternates(page_html: str, url: str, site_url: str, langs: tuple, default: str) -> str:
    """hreflang alternates as absolute URLs, with x-default, replacing the relative ones.

    Search engines ignore relative hreflang links; the switcher keeps its own relative links.
    """
    if not site_url or "<head>" not in page_html:
        return page_html
    base = site_url.rstrip("/") + "/"
    path = url
    for lang in langs:
        if lang != default and (path == lang or path.startswith(f"{lang}/")):
            path = path[len(lang):].lstrip("/")
    links = []
    for lang in langs:
        href = base + ("" if lang == default else f"{lang}/") + path
        links.append(f'<link rel="alternate" href="{html.escape(href)}" hreflang="{lang}">')
    links.append(f'<link rel="alternate" href="{html.escape(base + path)}" hreflang="x-default">')
    page_html = drop_alternates(page_html)
    return page_html.replace("</head>", "  " + "\n  ".join(links) + "\n  </head>", 1)

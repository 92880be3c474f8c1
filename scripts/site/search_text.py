"""The page the search indexer reads: the policy text as search words, the original for display.

Pagefind (its standard binary, no Japanese dictionary) splits words at spaces, so each
indexed page is rewritten for it: the text of the ``data-pagefind-body`` element goes
through :func:`scripts.site.segment.segment` (Japanese as pairs of characters) and keeps
its elements and their ids, so Pagefind's anchors still say which clause holds a match.
What a visitor sees cannot be pairs, so the page also carries its original text as
Pagefind metadata: ``title``, and ``text-<id>`` for the text from each element with an
id up to the next one (``text`` for any text before the first), which is exactly the
stretch that policy-search.js attributes to that clause.
"""
from __future__ import annotations

from html import escape

from lxml import etree, html as lxml_html

from scripts.site.segment import segment

# Chrome inside the body that is not policy text: permalink signs, the effective date,
# the translation notice, and what the theme or the hooks mark as not to be indexed.
_EXCLUDED_CLASSES = ("headerlink", "clause-link", "policy-effective", "policy-prevails")
_EXCLUDED_ATTRIBUTES = ("data-search-exclude", "data-pagefind-ignore")
_EXCLUDED = etree.XPath(" | ".join(
    [f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in _EXCLUDED_CLASSES]
    + [f".//*[@{name}]" for name in _EXCLUDED_ATTRIBUTES]))
BODY_MARK = "data-pagefind-body"
# Elements whose text does not run on into the next one's (a space between them).
_BLOCKS = frozenset("address blockquote br dd div dl dt h1 h2 h3 h4 h5 h6 li ol p section table td th tr ul".split())


def _collapse(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def clause_texts(body) -> dict[str, str]:
    """The original text of ``body`` by the element with an id that it follows ("" before any)."""
    texts: dict[str, list[str]] = {"": []}
    current = ""
    for event, element in etree.iterwalk(body, events=("start", "end")):
        is_element = isinstance(element.tag, str)  # not a comment
        if event == "start":
            if is_element and element is not body and element.get("id"):
                current = element.get("id")
                texts.setdefault(current, [])
            if is_element and element.tag in _BLOCKS:
                texts[current].append(" ")
            if is_element and element.text:
                texts[current].append(element.text)
        else:
            if is_element and element.tag in _BLOCKS:
                texts[current].append(" ")
            if element is not body and element.tail:
                texts[current].append(element.tail)
    return {key: text for key, parts in texts.items() if (text := _collapse(parts))}


def _segment_tree(body) -> None:
    for element in body.iter():
        if isinstance(element.tag, str) and element.text:
            element.text = segment(element.text)
        if element is not body and element.tail:
            element.tail = segment(element.tail)


def _title(root, body) -> str:
    heading = body.find(".//h1")
    if heading is not None:
        return " ".join(heading.text_content().split())
    title = root.find(".//title")
    return " ".join(title.text_content().split()) if title is not None else ""


def index_page(page_html: str) -> str | None:
    """The page for the indexer, or None when the page has no text to index."""
    if BODY_MARK not in page_html:
        return None
    root = lxml_html.document_fromstring(page_html)
    body = root.find(f".//*[@{BODY_MARK}]")
    if body is None:
        return None
    for element in _EXCLUDED(body):
        element.drop_tree()
    title = _title(root, body)
    texts = clause_texts(body)
    _segment_tree(body)
    meta = [f'<p data-pagefind-meta="title">{escape(title)}</p>'] if title else []
    meta += [f'<p data-pagefind-meta="{escape("text-" + key if key else "text")}">{escape(text)}</p>'
             for key, text in texts.items()]
    lang = escape(root.get("lang") or "")
    # The metadata sits outside the body element: Pagefind reads it there without indexing it.
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"></head><body>\n'
            + etree.tostring(body, encoding="unicode", method="html", with_tail=False)
            + "\n<div>" + "".join(meta) + "</div>\n</body></html>\n")

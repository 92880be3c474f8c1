"""The one place a page's HTML is made inert: whatever Markdown made of the policy text.

Python-Markdown passes raw HTML through, and the policy arrives by pull request: verify reports
raw HTML as an error (scripts/verify/markup.py), and the build publishes none of it whatever
verify said. Every page's content goes through the Ammonia sanitiser (nh3) with the markup the
site's own pages use (the policy's Markdown, its contact blocks, the history pages' diffs,
新旧対照表 and compare form); anything else (scripts, event handlers, frames, ``<meta>``,
``javascript:`` links, styles) is removed. The plugin's own additions come after this step
and escape what they insert.
"""
from __future__ import annotations

import nh3

TAGS = {
    "a", "abbr", "address", "b", "blockquote", "br", "button", "caption", "code", "col", "colgroup",
    "dd", "del", "details", "div", "dl", "dt", "em", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "ins", "label", "li", "ol", "option", "p", "pre", "section", "select", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul",
}
# Attributes that carry no behaviour; event handlers and style are never among them.
ATTRIBUTES = {
    "*": {"class", "id", "lang", "title", "dir"},
    "a": {"href", "hreflang", "type"},
    "button": {"type"},
    "col": {"span"},
    "ol": {"start", "type"},
    "option": {"value", "selected"},
    "select": {"name"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
# data-* (Pagefind's markers, the compare form's data) and aria-* are read by scripts the
# templates load, never run.
PREFIXES = {"data-", "aria-"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html: str) -> str:
    """``html`` with only the site's inert markup left; text is kept, escaped."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes=PREFIXES,
                     url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)

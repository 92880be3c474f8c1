"""Check 10: policy text is text (errors): no raw HTML, comments, character references,
attribute lists or script links in what an editor writes.

Its finding codes are declared in ``RULES`` below.

The build publishes none of it active whatever this says (scripts/site/sanitize.py); this check
tells the editor, with the file and the line, before a reviewer has to read the HTML. Every
pattern here is linear in the text: each match starts at a fixed character and runs over one
character class that cannot overlap what ends it.
"""
from __future__ import annotations

import re

from scripts.policy import model
from scripts.policy.finding import ERROR, Finding, quote
from scripts.policy.rules import EACH_LANGUAGE, rule

from .source import PolicyInput, finding

RULES = [
    rule('HTML001', ERROR, EACH_LANGUAGE, 'raw HTML (a tag such as <script>, <b>, <br>) in the policy text: write plain Markdown'),
    rule('HTML002', ERROR, EACH_LANGUAGE, 'an HTML comment <!-- … --> in the policy text: delete it (notes belong in the pull request)'),
    rule('HTML003', ERROR, EACH_LANGUAGE, 'a character reference such as &#8203; or &nbsp; (it can hide text): write the character itself'),
    rule('HTML004', ERROR, EACH_LANGUAGE, 'an attribute list {: … } in the policy text: delete it (clause ids come from the numbering)'),
    rule('HTML005', ERROR, EACH_LANGUAGE, 'a link that is not https, http, mailto or tel (javascript:, data:, …): link to a web page'),
]

# Markdown autolinks <https://…> and <name@example.com> are links, not tags.
_AUTOLINK = re.compile(r"<(?:https?|ftp)://[^<>\s]*>|<(?:mailto:)?[^<>\s@]+@[^<>\s@]+>", re.I)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_COMMENT = re.compile(r"<!--")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?=[\s/>]|$)|<![A-Za-z\[]|<\?", re.M)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
# {: …}, {#id}, {.class}, {key=value}: Python-Markdown's attr_list (enabled for the site's own pages).
_BRACES = re.compile(r"\{[^{}\n]*\}")
_ATTRIBUTES = re.compile(r"\{[ \t]*(?::|[#.][^\s}]|[A-Za-z_][\w-]*[ \t]*=)")
_LINK_TARGET = re.compile(r"\]\([ \t]*<?([A-Za-z][A-Za-z0-9+.-]{0,31}):|^[ \t]*\[[^\]\n]*\]:[ \t]*<?([A-Za-z][A-Za-z0-9+.-]{0,31}):", re.M)
SAFE_SCHEMES = {"https", "http", "mailto", "tel"}
# The tag as the editor wrote it, shortened for the message.
_TAG_TEXT = re.compile(r"<[^<>\n]{0,60}>?")


def _line_findings(path: str, line: int, text: str) -> list[Finding]:
    out: list[Finding] = []
    plain = _CODE_SPAN.sub(lambda m: " " * len(m[0]), _AUTOLINK.sub(lambda m: " " * len(m[0]), text))
    if _COMMENT.search(plain):
        start = plain.index("<!--")
        out.append(finding(path, line, "HTML002",
                           f"{quote(text[start:start + 40])} is an HTML comment: delete it; notes for the reviewers "
                           "belong in the pull request (the site drops comments, so the text would differ from what was reviewed)"))
    else:
        for match in _TAG.finditer(plain):
            written = _TAG_TEXT.match(text, match.start())[0]
            out.append(finding(path, line, "HTML001",
                               f"{quote(written)} is raw HTML: the site publishes policy text as text, so delete the "
                               "tag (for emphasis write **bold**; for a lone < write ＜ or \\<)"))
            break
    for match in _REFERENCE.finditer(plain):
        out.append(finding(path, line, "HTML003",
                           f"{quote(match[0])} is a character reference: write the character itself (a reference can "
                           "hide text, such as &#8203;, an invisible space); for a lone & write ＆"))
        break
    for match in _BRACES.finditer(plain):
        if _ATTRIBUTES.match(match[0]):
            out.append(finding(path, line, "HTML004",
                               f"{quote(match[0])} is an attribute list: delete it; a clause's id and style come "
                               "from its numbering, and attributes in the text are not published"))
            break
    for match in _LINK_TARGET.finditer(plain):
        scheme = (match[1] or match[2]).lower()
        if scheme not in SAFE_SCHEMES:
            out.append(finding(path, line, "HTML005",
                               f"{quote(text[match.start():match.start() + 40])} links to 「{scheme}:…」: link to a web page (https://…), an e-mail address (mailto:) "
                               "or a telephone number (tel:) instead"))
            break
    return out


def _front_matter(doc: model.Document) -> list[tuple[int, str]]:
    """The front matter's text values with the line of their key (line 1 is the opening ---)."""
    out = []
    for offset, (key, value) in enumerate(doc.front_matter.items()):
        if isinstance(value, str):
            out.append((min(2 + offset, max(doc.front_matter_lines - 1, 2)), value))
    return out


def check_document(doc: model.Document) -> list[Finding]:
    out: list[Finding] = []
    for line, value in _front_matter(doc):
        out += _line_findings(doc.path, line, value)
    for block in doc.blocks:
        for offset, text in enumerate(block.text.split("\n")):
            out += _line_findings(doc.path, block.line + offset, text)
    return out


def check(src: PolicyInput) -> list[Finding]:
    out: list[Finding] = []
    for policy in src.policies.values():
        for doc in policy.documents:
            if doc.front_matter.get("page") == "history":
                continue   # generated from the archive by the build
            out += check_document(doc)
    return out

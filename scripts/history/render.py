"""A comparison shown to people and programs: text, Markdown, HTML, JSON.

Each renderer takes ``Report`` (what was compared and the per-language
comparisons from ``scripts.policy.compare``) and returns a string. Only clauses
that differ are shown, each under its article, with its clause id, the text
before and after, and the character-level change.

Markers of a character-level change: text ``[-deleted-]{+inserted+}`` (the
convention of ``wdiff`` and ``git diff --word-diff``); Markdown and HTML
``<del>…</del><ins>…</ins>`` with a legend in words, so colour is never the only cue.

API: ``FORMATS[name](report)`` for ``text``, ``markdown``, ``html``, ``json``;
``html_comparison(comparison, lang)`` (the fragment the site's diff pages use);
``comparison_json(comparison)``; for building other Markdown (the pull-request
summary, the command replies): ``md_escape(text)``, ``md_code(text)``, ``md_block(text)``, ``md_quote(label, text)``, ``md_segments(segments)``.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from ..policy import compare
from ..policy.compare import ClauseChange, Comparison, DocumentChange, Segment
from ..policy.locale import english_name
from .words import words



def _lang_name(lang: str) -> str:
    """'Japanese (ja)': the language's English name from the locale registry, and its code."""
    return f"{english_name(lang)} ({lang})"



@dataclass
class Report:
    old: str                          # labels as the user named them: '2022-04-01', 'current', 'git:main'
    new: str
    comparisons: dict[str, Comparison]  # lang -> comparison, in the order asked
    whitespace: bool = False

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.comparisons.values())


# --- text ------------------------------------------------------------------

def mark_segments(segments: list[Segment], deleted: str, inserted: str, escape=lambda text: text) -> str:
    """A character-level edit in one notation: ``deleted``/``inserted`` are formats with one ``{}``."""
    out = []
    for seg in segments:
        body = escape(seg.text)
        if seg.op == compare.EQUAL:
            out.append(body)
        else:
            out.append((deleted if seg.op == compare.DELETE else inserted).format(body))
    return "".join(out)


def _wdiff(segments: list[Segment]) -> str:
    return mark_segments(segments, "[-{}-]", "{{+{}+}}")


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def _doc_heading(doc: DocumentChange) -> str:
    head = doc.title or doc.rel
    if doc.old and doc.new and doc.old.title != doc.new.title:
        head = f"{doc.new.title} (was {doc.old.title})"
    return head


def _clause_heading(change: ClauseChange) -> str:
    """The clause's id (where to find it) and its number as written; a renumbering names the old number."""
    number = change.new_number or change.old_number
    head = change.id + (f" {number}" if number else "")
    if change.renumbered:
        return f"{head} ({change.status}, was {change.old_number})"
    return f"{head} ({change.status})"


def _renumbering(change: ClauseChange) -> str:
    return f"{change.old_number} → {change.new_number}, words unchanged"


def _text_clause(change: ClauseChange, whitespace: bool) -> list[str]:
    head = f"  {_clause_heading(change)}  line {change.line}"
    if change.status == compare.RENUMBERED:
        return [f"{head}: {_renumbering(change)}"]
    lines = [head]
    if change.status == compare.INSERTED:
        return lines + [_indent(change.new_text, "    + ")]
    if change.status == compare.DELETED:
        return lines + [_indent(change.old_text, "    - ")]
    for hunk in change.hunks(whitespace):
        if hunk.old_text:
            lines.append(_indent(hunk.old_text, "    - "))
        if hunk.new_text:
            lines.append(_indent(hunk.new_text, "    + "))
        if hunk.old_text and hunk.new_text:
            lines.append(_indent(_wdiff(hunk.segments), "    ~ "))
    return lines


def text(report: Report) -> str:
    lines = [f"Comparing {report.old} → {report.new}"]
    for lang, comparison in report.comparisons.items():
        lines.append("")
        lines.append(f"== {_lang_name(lang)} ==")
        if not comparison.changed:
            lines.append("No change to the policy.")
            continue
        for doc in comparison.changed_documents():
            where = (doc.new or doc.old).path
            lines.append("")
            lines.append(f"{_doc_heading(doc)}: {doc.status}  [{where}]")
            for change in doc.changes():
                lines += _text_clause(change, report.whitespace)
    return "\n".join(lines) + "\n"


# --- Markdown (pull-request comments) ----------------------------------------

# Characters that would change a line's meaning or hide its text: control characters (a line break in a
# file name starts a new Markdown block) and the bidirectional overrides that reorder what is shown.
_UNSHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# A GitHub @mention or #123 reference: written in a comment, it would notify that person or team, or
# post a link on that issue. A zero-width space after the sign keeps the text and stops the link.
_MENTION = re.compile(r"(?<![A-Za-z0-9_])([@#])(?=[A-Za-z0-9])")
ZWSP = "\u200b"


def md_escape(value: str) -> str:
    """Text that GitHub shows as written, on one line: Markdown signs escaped, HTML signs as entities,
    line breaks as ``<br>``, @mentions and #references that notify no one."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _UNSHOWN.sub("\ufffd", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MENTION.sub(rf"\1{ZWSP}", value)
    return re.sub(r"([\\`*_{}\[\]#|~!])", r"\\\1", value).replace("\n", "<br>")


def md_code(value: str) -> str:
    """Text as one inline code span whatever it holds (a file name, an id): fenced with more backticks
    than it contains, on one line. In a code span nothing is a link, a tag or a mention."""
    value = _UNSHOWN.sub("\ufffd", value.replace("\n", "\ufffd").replace("\t", " "))
    if not value.strip():
        return "` `" if not value else f"`{value}`"
    fence = "`" * (max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    # CommonMark drops one space at each end when both ends have one: pad when the text starts or
    # ends with a backtick (it would join the fence) or has its own spaces at both ends.
    pad = " " if value[0] == "`" or value[-1] == "`" or (value[0] == " " and value[-1] == " ") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def md_block(value: str, info: str = "text") -> str:
    """Text as one fenced code block whatever it holds: the fence is longer than any run of backticks
    in it, so no line of the text can close the block early."""
    value = _UNSHOWN.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))
    fence = "`" * max(3, max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    return f"{fence}{info}\n{value.rstrip(chr(10))}\n{fence}"


def md_segments(segments: list[Segment]) -> str:
    """A character-level edit as Markdown: ``<del>…</del><ins>…</ins>``, line breaks as ``<br>``."""
    return mark_segments(segments, "<del>{}</del>", "<ins>{}</ins>", md_escape)


def md_quote(label: str, value: str) -> str:
    """``> **Label:** text`` on one line, the text escaped."""
    return f"> **{label}:** " + md_escape(value)


def _md_clause(change: ClauseChange, whitespace: bool) -> list[str]:
    was = f" (was {md_escape(change.old_number)})" if change.renumbered else ""
    head = f"- {md_code(change.id)} {change.status}{was}"
    if change.status == compare.RENUMBERED:
        return [f"{head}: {md_escape(_renumbering(change))}", ""]
    out = [head, ""]
    if change.status == compare.INSERTED:
        return out + ["  " + md_quote("Inserted", change.new_text), ""]
    if change.status == compare.DELETED:
        return out + ["  " + md_quote("Deleted", change.old_text), ""]
    for number, hunk in enumerate(change.hunks(whitespace)):
        if number:
            out.append("")
        if not hunk.old_text:
            out.append("  " + md_quote("Inserted", hunk.new_text))
            continue
        if not hunk.new_text:
            out.append("  " + md_quote("Deleted", hunk.old_text))
            continue
        out += ["  " + md_quote("Before", hunk.old_text), "  >",
                "  " + md_quote("After", hunk.new_text), "  >",
                "  > **Change:** " + md_segments(hunk.segments)]
    return out + [""]


def markdown(report: Report, heading_level: int = 3) -> str:
    h = "#" * heading_level
    out = [f"{h} Policy changes: {md_code(report.old)} → {md_code(report.new)}", ""]
    if not report.changed:
        out += ["No change to the policy.", ""]
        return "\n".join(out)
    out += ["Legend: <del>deleted text</del>, <ins>inserted text</ins>.", ""]
    for lang, comparison in report.comparisons.items():
        out.append(f"{h}# {_lang_name(lang)}")
        out.append("")
        if not comparison.changed:
            out += ["No change to the policy.", ""]
            continue
        for doc in comparison.changed_documents():
            out.append(f"**{md_escape(_doc_heading(doc))}**: {doc.status} "
                       f"({md_code((doc.new or doc.old).path)})")
            out.append("")
            for change in doc.changes():
                out += _md_clause(change, report.whitespace)
    return "\n".join(out)


# --- HTML ----------------------------------------------------------------------

def html_segments(segments: list[Segment]) -> str:
    return mark_segments(segments, "<del>{}</del>", "<ins>{}</ins>",
                         lambda text: html.escape(text).replace("\n", "<br>"))


def legend(lang: str) -> str:
    w = words(lang)
    return (f'<p class="history-legend">{html.escape(w["legend"])} '
            f'<ins>{html.escape(w["legend_ins"])}</ins> '
            f'<del>{html.escape(w["legend_del"])}</del></p>')


def html_comparison(comparison: Comparison, lang: str, show_unchanged: bool = True) -> str:
    """The clause-aligned comparison as an HTML fragment, one section per article.

    Every clause is shown (unchanged ones plainly) so a reader sees a change in place;
    each changed clause is marked with its status in words.
    """
    parts = [html_document_change(doc, lang) for doc in comparison.documents
             if show_unchanged or doc.status != compare.UNCHANGED]
    return html_assemble(parts, comparison.changed, lang)


def html_assemble(parts: list[str], changed: bool, lang: str) -> str:
    """A comparison's fragment from its documents' sections (:func:`html_document_change`).

    The site's compare page is put together from the same sections, so it shows exactly
    what the diff pages show.
    """
    if not changed:
        return f'<p class="history-nochange">{html.escape(words(lang)["no_change"])}</p>\n'
    return "\n".join([legend(lang)] + parts) + "\n"


SECTION_END = "</section>"


def html_section_head(doc: DocumentChange, lang: str) -> str:
    """A document section's opening and heading; for an unchanged document, the whole section.

    A changed document's section is this head, then :func:`html_clause` of each of its clauses,
    then ``SECTION_END``, one a line: the compare page puts sections together from these pieces.
    """
    w = words(lang)
    status = doc.status
    head = (f'<section class="history-doc history-{status}">\n'
            f'<h2>{html.escape(_doc_heading(doc))} '
            f'<span class="history-status">［{html.escape(w.get(status, status))}］</span></h2>')
    if status == compare.UNCHANGED:
        return f'{head}\n<p class="history-unchanged">{html.escape(w["unchanged"])}</p>{SECTION_END}'
    return head


def html_document_change(doc: DocumentChange, lang: str) -> str:
    """One document's section of the comparison."""
    head = html_section_head(doc, lang)
    if doc.status == compare.UNCHANGED:
        return head
    w = words(lang)
    return "\n".join([head] + [_html_clause(change, w) for change in doc.clauses] + [SECTION_END])


def html_clause(change: ClauseChange, lang: str) -> str:
    """One clause of a section: plain when unchanged, else marked with its status and edit."""
    return _html_clause(change, words(lang))


def was_number(change: ClauseChange, w: dict) -> str:
    """' 旧（７）' / ' was (7)': the number a renumbered clause had, as written."""
    return f' {w["was"]}{change.old_number}' if w["was"] == "旧" else f' {w["was"]} {change.old_number}'


def _html_clause(change: ClauseChange, w: dict) -> str:
    status = change.status
    label = ""
    if status != compare.UNCHANGED:
        was = was_number(change, w) if change.renumbered else ""
        label = f'<span class="history-status">［{html.escape(w[status] + was)}］</span> '
    if status == compare.INSERTED:
        body = f"<ins>{html.escape(change.new_text).replace(chr(10), '<br>')}</ins>"
    elif status == compare.DELETED:
        body = f"<del>{html.escape(change.old_text).replace(chr(10), '<br>')}</del>"
    elif status == compare.UNCHANGED:
        body = html.escape(change.new_text).replace("\n", "<br>")
    else:
        body = html_segments(change.segments)
    return (f'<p class="history-clause history-{status}" data-clause="{html.escape(change.id)}">'
            f'{label}{body}</p>')


def html_document(report: Report) -> str:
    parts = ["<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>Policy changes: {html.escape(report.old)} → {html.escape(report.new)}</title>",
             "<style>ins{background:#d4fcbc;text-decoration:underline}"
             "del{background:#fbb;text-decoration:line-through}</style>", "</head>", "<body>",
             f"<h1>Policy changes: {html.escape(report.old)} → {html.escape(report.new)}</h1>"]
    for lang, comparison in report.comparisons.items():
        parts.append(f'<article lang="{lang}"><h1>{html.escape(_lang_name(lang))}</h1>')
        parts.append(html_comparison(comparison, lang, show_unchanged=False))
        parts.append("</article>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


# --- JSON ----------------------------------------------------------------------

def _clause_json(change: ClauseChange) -> dict:
    return {
        "status": change.status,
        "id": change.id,
        "old_id": change.old_id or None,
        "new_id": change.new_id or None,
        "old_number": change.old_number if change.old else None,
        "new_number": change.new_number if change.new else None,
        "line": change.line,
        "before": change.old_text if change.old else None,
        "after": change.new_text if change.new else None,
        "segments": [[seg.op, seg.text] for seg in change.segments],
    }


def comparison_json(comparison: Comparison) -> dict:
    return {
        "changed": comparison.changed,
        "articles_added": [d.title for d in comparison.articles_added],
        "articles_removed": [d.title for d in comparison.articles_removed],
        "documents": [{
            "status": doc.status,
            "title": doc.title,
            "old_title": doc.old.title if doc.old else None,
            "path": (doc.new or doc.old).path,
            "rel": doc.rel,
            "article": doc.article_number,
            "clauses": [_clause_json(c) for c in doc.changes()],
        } for doc in comparison.changed_documents()],
    }


def as_json(report: Report) -> str:
    data = {"old": report.old, "new": report.new, "changed": report.changed,
            "languages": {lang: comparison_json(c) for lang, c in report.comparisons.items()}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def table_document(report: Report) -> str:
    """The 新旧対照表 (comparison table) of each language, as a printable HTML page."""
    from . import table
    return table.html_document(report.comparisons, report.old, report.new)


FORMATS = {"text": text, "markdown": markdown, "html": html_document, "json": as_json, "table": table_document}

"""The change summary of a pull request, as Markdown for its comment.

    python -m scripts.pr_summary --base git:main [--head current] [--output summary.md]

Compares the policy at BASE with HEAD in both languages, clause by clause (the same
comparison as ``python -m scripts.diff``), and writes one Markdown summary: each
changed article and clause with its id, the text before and after with the
character-level change, the articles added or removed, and for each Japanese change
whether its English twin (the clause with the same id) changed in the same pull
request, was deliberately marked current (``python -m scripts.translation mark``)
without a change, or is now stale (未更新 / stale translation). The first line is a hidden
marker by which ``scripts/post_comment.py`` finds the comment to update.

On GitHub both versions are commits (``--base git:BASE --head git:HEAD``): the default
branch's copy of this script reads the pull request's files out of git as data and never
runs anything of the pull request. Every text and file name from the pull request is
escaped, so the comment shows it as written and it can link, tag or mention no one.

Exit status: 0 the summary was written (with or without changes); 2 error (a bad
ref, an unreadable file), nothing written.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scripts.history.render import md_code, md_escape, md_quote, md_segments
from scripts.history.sources import SourceError, changed_files, resolve, site_languages
from scripts.policy import compare
from scripts.policy import locale
from scripts.policy.locale import english_name
from scripts.policy.compare import ClauseChange, Comparison, DocumentChange
from scripts.post_comment import MARKER
from scripts.translation import KEY as TRANSLATION_KEY

ROOT = Path(__file__).resolve().parent.parent

STALE = "**未更新 / stale translation**"
UPDATED = "英訳も更新 / English updated"
MARKED = "英訳は変更不要として確認済み / English marked current without change"
NO_CHANGE = "ポリシーの変更はありません。 / No change to the policy."
NO_CLAUSE_CHANGE = "条文の変更はありません。 / No change to the policy's text."
OTHER_FILES = "その他のファイル / Other files under docs/"
# A file the clause comparison does not read (a page, an image, a script, another language) is
# still published with the site: it is listed, so a pull request cannot change it unseen.
OTHER_FILES_NOTE = ("条文として比較されないファイルです。公開サイトに含まれるため、内容を確認してください。 / "
                    "Not compared clause by clause, but published with the site: review them.")
FILE_STATUS = {"A": "追加 / added", "M": "変更 / changed", "D": "削除 / removed", "T": "種類の変更 / type changed"}

def status_words(langs) -> dict[str, str]:
    """What became of a clause, in each of the site's languages: 「変更 / changed」 (the locale
    registry's ``summary:`` words; a language without an entry is a LocaleError naming it)."""
    entries = [locale.load(lang).summary for lang in langs]
    return {status: " / ".join(entry[status] for entry in entries) for status in locale.SUMMARY_KEYS}


# What became of a Japanese change's English twin in the same pull request.
TWIN_UPDATED = "updated"   # the English clause with the same id changed too
TWIN_MARKED = "marked"     # not changed, but the English file was marked current (scripts.translation mark)
TWIN_STALE = "stale"       # neither: the English now says something the Japanese no longer does


@dataclass
class Summary:
    base: str
    head: str
    comparisons: dict[str, Comparison]     # lang → the comparison; the original first
    others: list[tuple[str, str]] = field(default_factory=list)   # (git's A/M/D/T, path)

    @property
    def original(self) -> str:
        return next(iter(self.comparisons))

    @property
    def translations(self) -> list[str]:
        return list(self.comparisons)[1:]

    @property
    def ja(self) -> Comparison:
        """The original's comparison (Japanese on the site this began with)."""
        return self.comparisons[self.original]

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.comparisons.values())

    def twin(self, doc: DocumentChange, change: ClauseChange, lang: str | None = None) -> str:
        """What happened to the translation's twin (the clause with the same id) of an original's change."""
        translated = self.comparisons[lang or self.translations[0]]
        if ({change.old_id, change.new_id} - {""}) & translated.changed_ids():
            return TWIN_UPDATED
        twin_doc = next((d for d in translated.documents if d.rel == doc.rel), None)
        if twin_doc and twin_doc.old and twin_doc.new:
            before, after = (twin_doc.old.front_matter.get(TRANSLATION_KEY),
                             twin_doc.new.front_matter.get(TRANSLATION_KEY))
            if after and after != before:
                return TWIN_MARKED
        return TWIN_STALE

    def stale(self) -> list[ClauseChange]:
        """The original's changes whose twin in some translation was neither changed nor marked current."""
        return [c for d in self.ja.changed_documents() for c in d.changes()
                if any(self.twin(d, c, lang) == TWIN_STALE for lang in self.translations)]

    def english_only(self, change: ClauseChange) -> bool:
        """A translation's change with no change of the original's clause (a correction of the translation)."""
        return not ({change.old_id, change.new_id} - {""}) & self.ja.changed_ids()


def summarise(base: str, head: str, root: Path) -> Summary:
    """Raises SourceError when either version cannot be read."""
    langs = site_languages(root)
    old = resolve(base, root, langs)
    new = resolve(head, root, langs)
    compared = {f"docs/{lang}/{doc.rel}" for lang in langs for source in (old, new)
                for doc in source.policy(lang).documents}
    others = [item for item in changed_files(base, head, root) or [] if item[1] not in compared]
    return Summary(base, head, {lang: compare.compare_policies(old.policy(lang), new.policy(lang)) for lang in langs},
                   others=others)


# --- Markdown ---------------------------------------------------------------------

def _label(spec: str) -> str:
    """A version as a reviewer reads it: commit ids shortened."""
    if spec.startswith("git:"):
        ref = spec[4:]
        if len(ref) == 40 and all(ch in "0123456789abcdef" for ch in ref):
            return f"git:{ref[:12]}"
    return spec


def _doc_title(doc: DocumentChange) -> str:
    if doc.old and doc.new and doc.old.title != doc.new.title:
        return f"{doc.new.title}（旧 / was {doc.old.title}）"
    return doc.title or doc.rel


def _path(doc: DocumentChange) -> str:
    return f"docs/{(doc.new or doc.old).lang}/{doc.rel}"


def _clause_lines(change: ClauseChange, note: str, status_word: dict[str, str]) -> list[str]:
    was = f"（旧 / was {md_escape(change.old_number)}）" if change.renumbered else ""
    out = [f"- {md_code(change.id)} {status_word.get(change.status, change.status)}{was}" + (f" — {note}" if note else ""), ""]
    if change.status == compare.INSERTED:
        out.append("  " + md_quote("追加 / Inserted", change.new_text))
    elif change.status == compare.DELETED:
        out.append("  " + md_quote("削除 / Deleted", change.old_text))
    else:
        out += ["  " + md_quote("変更前 / Before", change.old_text), "  >",
                "  " + md_quote("変更後 / After", change.new_text), "  >",
                "  > **差分 / Change:** " + md_segments(change.segments)]
    out.append("")
    return out


def _articles_added_removed(summary: Summary) -> list[str]:
    out = []
    for comparison in summary.comparisons.values():
        for word, docs in (("追加 / Added", comparison.articles_added),
                           ("削除 / Removed", comparison.articles_removed)):
            for doc in docs:
                out.append(f"- {word}: **{md_escape(doc.title)}** ({md_code(_path(doc))})")
    return out


def _other_files(summary: Summary) -> list[str]:
    return ([f"### {OTHER_FILES}", "", OTHER_FILES_NOTE, ""]
            + [f"- {FILE_STATUS.get(status, status)}: {md_code(path)}" for status, path in summary.others] + [""])


def render(summary: Summary) -> str:
    out = [MARKER, "## ポリシーの変更 / Changes to the policy", "",
           f"比較 / Compared: {md_code(_label(summary.base))} → {md_code(_label(summary.head))}", ""]
    if not summary.changed:
        if not summary.others:
            return "\n".join(out + [NO_CHANGE, ""])
        return "\n".join(out + [NO_CLAUSE_CHANGE, ""] + _other_files(summary))
    stale = summary.stale()
    status_word = status_words(summary.comparisons)
    out += [f"- {_heading(summary, summary.original)}: {len(summary.ja.changes())} 条項 / clauses in "
            f"{len(summary.ja.changed_documents())} 文書 / documents"]
    out += [f"- {_heading(summary, lang)}: {len(summary.comparisons[lang].changes())} 条項 / clauses in "
            f"{len(summary.comparisons[lang].changed_documents())} 文書 / documents" for lang in summary.translations]
    if stale:
        out.append(f"- {STALE}: {len(stale)} — " + ", ".join(md_code(c.id) for c in stale))
    if summary.others:
        out.append(f"- {OTHER_FILES}: {len(summary.others)}")
    out += ["", "凡例 / Legend: <del>削除 / deleted</del>, <ins>追加 / inserted</ins>.", ""]
    added_removed = _articles_added_removed(summary)
    if added_removed:
        out += ["### 追加・削除された条 / Articles added or removed", ""] + added_removed + [""]
    if summary.others:
        out += _other_files(summary)

    out += [f"### {_heading(summary, summary.original)}", ""]
    if not summary.ja.changed:
        out += [_no_change(summary.original), ""]
    for doc in summary.ja.changed_documents():
        out += [f"#### {md_escape(_doc_title(doc))} — {status_word.get(doc.status, doc.status)} ({md_code(_path(doc))})", ""]
        for change in doc.changes():
            out += _clause_lines(change, _twin_notes(summary, doc, change), status_word)

    for lang in summary.translations:
        comparison = summary.comparisons[lang]
        out += [f"### {_heading(summary, lang)}", ""]
        if not comparison.changed:
            out += [_no_change(lang), ""]
        for doc in comparison.changed_documents():
            out += [f"#### {md_escape(_doc_title(doc))} — {status_word.get(doc.status, doc.status)} ({md_code(_path(doc))})", ""]
            for change in doc.changes():
                out += _clause_lines(change, _only_note(lang) if summary.english_only(change) else "", status_word)
    return "\n".join(out).rstrip("\n") + "\n"


# The headings of the languages the project began with, as reviewers know them.
HEADINGS = {"ja": "日本語", "en": "英語 / English"}


def _heading(summary: Summary, lang: str) -> str:
    name = HEADINGS.get(lang) or f"{english_name(lang)} ({lang})"
    if lang != summary.original:
        return name
    return "日本語（原文）/ Japanese (original)" if lang == "ja" else f"{name}（原文）/ original"


def _no_change(lang: str) -> str:
    if lang in ("ja", "en"):
        return {"ja": "日本語の変更はありません。 / No change to the Japanese text.",
                "en": "英語の変更はありません。 / No change to the English text."}[lang]
    return f"No change to the {english_name(lang)} text."


def _only_note(lang: str) -> str:
    return "英訳のみの修正 / English only" if lang == "en" else f"{english_name(lang)} only"


def _twin_notes(summary: Summary, doc: DocumentChange, change: ClauseChange) -> str:
    """What became of the change in each translation (one translation: the note alone)."""
    notes = {lang: {TWIN_UPDATED: UPDATED, TWIN_MARKED: MARKED}.get(summary.twin(doc, change, lang), STALE)
             for lang in summary.translations}
    if len(notes) == 1:
        return next(iter(notes.values()))
    return "; ".join(f"{lang}: {note}" for lang, note in notes.items())


# --- command ------------------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scripts.pr_summary", description=__doc__.split("\n\n")[0],
                epilog="versions: git:REF (a commit, branch or tag), current (the working tree's docs/), "
                       "or a released revision date (YYYY-MM-DD). "
                       "Exit status: 0 summary written (changes or none); 2 error, nothing written.")
    p.add_argument("--base", default="git:main",
                   help="the version the pull request starts from (default: git:main)")
    p.add_argument("--head", default="current",
                   help="the version it proposes (default: current, the working tree's docs/)")
    p.add_argument("--output", type=Path, default=None,
                   help="write the summary to this file instead of standard output")
    p.add_argument("--root", type=Path, default=None,
                   help="the repository (default: the current directory if it has docs/, else this repository)")
    return p


def _write(path: Path, text: str) -> None:
    """All or nothing: a half-written summary is never posted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = args.root or (Path.cwd() if (Path.cwd() / "docs").is_dir() else ROOT)
    try:
        summary = summarise(args.base, args.head, root)
        text = render(summary)
    except (SourceError, locale.LocaleError) as err:
        print(f"scripts.pr_summary: error: {err}", file=sys.stderr)
        return 2
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        _write(args.output, text)
    except OSError as err:
        print(f"scripts.pr_summary: error: cannot write {args.output}: {err.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    from scripts.cli import run_command
    run_command(main, "scripts.pr_summary")

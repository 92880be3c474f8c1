"""Compare two versions of the policy, clause by clause (python -m scripts.diff OLD NEW).

OLD and NEW are each a revision date (an archived revision in ``revisions/``),
``current`` (the working tree's ``docs/``) or ``git:REF`` (the ``docs/`` of a
commit, branch or tag; read from git without a checkout).

Exit status: 0 no differences, 1 differences, 2 error.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from scripts.history import render
from scripts.history.sources import SourceError, resolve, site_languages
from scripts.policy import locale
from scripts.policy.compare import compare_policies

ROOT = Path(__file__).resolve().parent.parent

EPILOG = """\
versions:
  2022-04-01   an archived revision (revisions/2022-04-01/); an unknown date lists the known ones
  current      the working tree's docs/
  git:REF      docs/ at a commit, branch or tag, e.g. git:main, git:HEAD~1, git:v1.0

Clauses are aligned by their ids (art-6-p2-i1) and words: an inserted item shows as
inserted and the items after it as renumbered, named by their numbers as written
(（３） (renumbered, was （２）)). Inside a changed clause, deleted and inserted text is
marked: text [-deleted-]{+inserted+}; markdown and html <del>…</del><ins>…</ins>.
Amounts, numbers with their units, dates and English words change as a whole:
[-5,500円-]{+1,000円+}. Differences of whitespace alone (an ideographic or
non-breaking space for a normal one, a re-wrapped line) are not changes unless
--whitespace is given.

exit status: 0 no differences, 1 differences, 2 error (unknown revision, bad ref, unreadable file)

新旧対照表 (comparison table): --format table prints it as a page to open and print
(A4 landscape), --format docx --output FILE writes it as a Word table for approval:
改正後 (revised) left, 改正前 (before) right, changed words underlined on both sides,
（新設） for an added clause, （削る） for a deleted one, （略） for unchanged ones.

examples:
  python -m scripts.diff 2022-04-01 current
  python -m scripts.diff git:origin/main current --format markdown
  python -m scripts.diff 2022-04-01 2027-01-01 --lang both --format json
  python -m scripts.diff 2022-04-01 current --format table --output table.html
  python -m scripts.diff 2022-04-01 current --lang both --format docx --output table.docx
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with usage, as argparse does, but never a traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scripts.diff", description=__doc__.split("\n\n")[0],
                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("old", metavar="OLD", help="the earlier version: DATE, current or git:REF")
    p.add_argument("new", metavar="NEW", help="the later version: DATE, current or git:REF")
    p.add_argument("--lang", default=None, metavar="LANG",
                   help="which language to compare: one of the site's (mkdocs.yml), or both (every language); "
                        "default: the original (ja)")
    p.add_argument("--format", choices=tuple(render.FORMATS) + ("docx",), default="text",
                   help="text (default), markdown (for a pull-request comment), html (a page), json, "
                        "table (the 新旧対照表 as a printable page), docx (the 新旧対照表 as a Word file; needs --output)")
    p.add_argument("--output", type=Path, default=None, metavar="FILE",
                   help="write to FILE instead of standard output (required for docx)")
    p.add_argument("--whitespace", action="store_true",
                   help="report differences of whitespace alone as changes")
    p.add_argument("--root", type=Path, default=None,
                   help="the repository (default: the current directory if it has docs/, else this repository)")
    return p


def _root(given: Path | None) -> Path:
    if given is not None:
        return given
    cwd = Path.cwd()
    return cwd if (cwd / "docs").is_dir() or (cwd / "revisions").is_dir() else ROOT


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.format == "docx" and args.output is None:
        p.error("--format docx writes a file: give --output FILE, e.g. --output 新旧対照表.docx")
    root = _root(args.root)
    try:
        site = site_languages(root)
    except SourceError as err:
        print(f"scripts.diff: error: {err}", file=sys.stderr)
        return 2
    if args.lang not in (None, "both", *site):
        p.error(f"argument --lang: invalid choice: {args.lang!r} (choose from {', '.join((*site, 'both'))})")
    langs = site if args.lang == "both" else (args.lang or site[0],)
    try:
        locale.check(langs)   # the output's words are each language's own
        old = resolve(args.old, root, langs)
        new = resolve(args.new, root, langs)
    except (SourceError, locale.LocaleError) as err:
        print(f"scripts.diff: error: {err}", file=sys.stderr)
        return 2
    comparisons = {lang: compare_policies(old.policy(lang), new.policy(lang), args.whitespace) for lang in langs}
    report = render.Report(args.old, args.new, comparisons, args.whitespace)
    if args.format == "docx":
        from scripts.history import word
        data = word.docx_bytes(comparisons, args.old, args.new)
    else:
        data = render.FORMATS[args.format](report).encode("utf-8")
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        try:
            _write(args.output, data)
        except OSError as err:
            print(f"scripts.diff: error: cannot write {args.output}: {err.strerror}", file=sys.stderr)
            return 2
    return 1 if report.changed else 0


def _write(path: Path, data: bytes) -> None:
    """All or nothing: a half-written file never replaces a good one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    from scripts.cli import run_command
    run_command(main, "scripts.diff")

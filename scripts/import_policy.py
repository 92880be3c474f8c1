"""Import an existing policy page into one Markdown file per article or section.

    python -m scripts.import_policy SOURCE --lang ja --out docs/ja [--document N | --each] [--force] [--dry-run]

SOURCE is the captured text of the page (one line or many), its HTML (a whole page, or
HTML inside a PHP or Blade template) or a Markdown file.
Exit 0: files written (or already identical); 2: nothing written, and why.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .cli import run_command
from .importer import language, pairing
from .importer.plan import left_out, plan
from .importer.source import SourceError, load_source
from .policy.files import LINK, outside
from .policy.locale import LocaleError

EPILOG = """\
Article style (第1条 / Article 1): the policy starts at はじめに / 前文 (or its title or
first article) and ends at the revision lines of its 附則.
Section style (1. … / １．… / Markdown ## headings, numbered or not): index.md (title and
preamble), sections/NN.md (one per section), appendix.md (the revision record: 附則, 以上
and its date, 制定 / 改定 / 施行 lines, 現在, or a 制定 bullet at the top).
Menus, footers, banners and template code around the policy are left out.
A page holding several documents is listed; import one with --document N, or each into
OUT/NN/ with --each.
Nothing is written when anything is wrong, when a file would change, or when files of an
earlier import would be left over, without --force (which replaces the whole document:
it removes the policy files the new import no longer has, and nothing else).
Importing a translation (--lang en --out docs/en) compares its clause ids with the
original beside it (docs/ja, or --original DIR) and names every place they differ.
Any language of the locale registry (scripts/policy/locales/) is read: its numbering is
the entry's grammar:, and what is written (headings, item markers, titles) its importer:.
"""

POLICY_FILES = ("index.md", "appendix.md")
POLICY_FOLDERS = ("articles", "sections")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.import_policy", description=__doc__.split("\n")[0],
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="captured text (.txt), HTML (.html, .php) or Markdown (.md)")
    parser.add_argument("--lang", choices=language.languages(), default="ja", metavar="LANG",
                        help=f"language of the source, one of the locale registry's: {', '.join(language.languages())} "
                             "(default: ja)")
    parser.add_argument("--out", type=Path, required=True, help="language folder to write, e.g. docs/ja")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--document", type=int, metavar="N", help="of a page with several documents, import the Nth")
    which.add_argument("--each", action="store_true", help="import every document of the page into OUT/NN/")
    parser.add_argument("--original", type=Path, metavar="DIR",
                        help="the original language folder a translation must match (default: beside --out)")
    parser.add_argument("--force", action="store_true",
                        help="replace the whole document: overwrite differing files, remove left-over ones")
    parser.add_argument("--dry-run", action="store_true", help="say what would be written, write nothing")
    return parser.parse_args(argv)


def fail(message: str) -> int:
    print(f"import_policy: error: {message}", file=sys.stderr)
    return 2


def write_atomically(files: dict[Path, str]) -> None:
    """Write every file through a temporary sibling and rename, so a failure leaves no half-written file."""
    staged = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".md")
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            staged.append((tmp, path))
    except OSError:
        for tmp, _ in staged:
            os.unlink(tmp)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)


def existing_policy_files(out: Path) -> set[Path]:
    """The files of an earlier import in OUT: only these may be replaced or removed."""
    found = {out / name for name in POLICY_FILES if (out / name).is_file()}
    for folder in POLICY_FOLDERS:
        if (out / folder).is_dir():
            found |= {p for p in (out / folder).glob("*.md") if p.is_file()}
    return found


def describe(documents) -> str:
    lines = []
    for number, doc in enumerate(documents, start=1):
        kind = "articles" if doc.style == "article" else "sections"
        lines.append(f"  {number}. line {doc.first.line}: “{doc.title[:40]}” ({doc.units} {kind})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        source_kind, lines = load_source(args.source)
    except SourceError as err:
        return fail(str(err))
    source = str(args.source)
    try:
        documents = plan(lines, args.lang, markdown=source_kind == "markdown")
    except LocaleError as err:
        return fail(str(err))
    if not documents:
        return fail(f"{source}: no articles or sections found (expected headings such as 第1条, Article 1, "
                    "'1. …' or Markdown '##' headings)")
    targets = [(doc, args.out) for doc in documents]
    if len(documents) > 1:
        if args.each:
            targets = [(doc, args.out / f"{n:02d}") for n, doc in enumerate(documents, start=1)]
        elif args.document is None:
            print(f"{source}: the page holds {len(documents)} documents:\n{describe(documents)}", file=sys.stderr)
            return fail("import one with --document N, or each into its own folder with --each; nothing written")
    if args.document is not None:
        if not 1 <= args.document <= len(documents):
            return fail(f"{source}: --document {args.document}: the page holds {len(documents)} document(s):\n"
                        f"{describe(documents)}")
        targets = [(documents[args.document - 1], args.out)]
    problems = [p for doc, _ in targets for p in doc.problems if not p.warning]
    for problem in [p for doc, _ in targets for p in doc.problems]:
        severity = "warning " if problem.warning else ""
        print(f"{problem.line.where(source)}: {problem.code} {severity}{problem.message}", file=sys.stderr)
    if problems:
        return fail(f"{len(problems)} place(s) in {source} could not be placed; nothing written")
    before, between, after = left_out(lines, [doc for doc, _ in targets])
    for line in between:
        print(f"{line.where(source)}: left out “{line.text[:30]}” (between the parts of the policy)", file=sys.stderr)
    if before:
        print(f"{before[0].where(source)}: left out {len(before)} line(s) before the policy "
              f"(site chrome), from “{before[0].text[:30]}”", file=sys.stderr)
    if after:
        print(f"{after[0].where(source)}: left out {len(after)} line(s) after the policy "
              f"(site chrome), from “{after[0].text[:30]}”", file=sys.stderr)
    files: dict[Path, str] = {}
    stale: list[Path] = []
    for doc, out in targets:
        new = {out / rel: text for rel, text in doc.files.items()}
        files.update(new)
        stale += sorted(existing_policy_files(out) - set(new))
    changed, conflicts = {}, []
    for path, text in files.items():
        out = next(o for _, o in targets if path.is_relative_to(o))
        if out.is_symlink() or outside(path, out):
            # Writing through a link would change a file elsewhere (another checkout, a system file).
            return fail(f"{path}: {LINK}; nothing written")
        if path.is_dir():
            return fail(f"{path}: is a folder, expected a Markdown file")
        try:
            old = path.read_text(encoding="utf-8") if path.exists() else None
        except (OSError, UnicodeDecodeError) as err:
            return fail(f"{path}: cannot read the existing file ({err})")
        if old == text:
            continue
        if old is not None:
            conflicts.append(path)
        changed[path] = text
    if (conflicts or stale) and not args.force:
        for path in conflicts:
            print(f"{path}: would change (use --force to overwrite)", file=sys.stderr)
        for path in stale:
            print(f"{path}: would be left over from an earlier import (use --force to remove it)", file=sys.stderr)
        what = [f"{len(conflicts)} existing file(s) differ"] if conflicts else []
        what += [f"{len(stale)} file(s) would be left over"] if stale else []
        return fail(f"{' and '.join(what)}; nothing written")
    for doc, out in targets:
        for warning in pairing.compare(doc.files, out, args.lang, args.original):
            print(warning, file=sys.stderr)
    if args.dry_run:
        for path in changed:
            print(f"would write {path}")
        for path in stale:
            print(f"would remove {path}")
        return 0
    try:
        write_atomically(changed)
        for path in stale:
            path.unlink()
    except OSError as err:
        return fail(f"cannot write into {args.out}: {err.strerror or err}")
    for path in changed:
        print(f"wrote {path}")
    for path in stale:
        print(f"removed {path}")
    print(f"{len(files)} file(s), {len(changed)} changed, {len(stale)} removed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_command(main, "import_policy")

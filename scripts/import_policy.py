"""Import an existing policy page into one Markdown file per article.

    python -m scripts.import_policy SOURCE --lang ja --out docs/ja [--force] [--dry-run]

SOURCE is the captured text of the page (one line or many) or its HTML.
Exit 0: files written (or already identical); 2: nothing written, and why.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .cli import run_command
from .importer.build import render, split_policy
from .importer.source import SourceError, read_source

EPILOG = """\
The policy starts at はじめに / 前文 (or its first article) and ends at the revision
lines of its 附則; menus, footers and banners around it are left out.
Files: index.md (preamble), articles/NN.md (one per article), appendix.md (附則).
Nothing is written when anything is wrong, or when a file would change without --force.
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.import_policy", description=__doc__.split("\n")[0],
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="captured text (.txt) or HTML (.html) of the policy page")
    parser.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the source (default: ja)")
    parser.add_argument("--out", type=Path, required=True, help="language folder to write, e.g. docs/ja")
    parser.add_argument("--force", action="store_true", help="overwrite files whose content differs")
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


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        lines = read_source(args.source)
    except SourceError as err:
        return fail(str(err))
    result = split_policy(lines, args.lang)
    source = str(args.source)
    if not any(p.rel.startswith("articles/") for p in result.parts):
        return fail(f"{source}: no articles found (expected headings such as 第1条 or Article 1)")
    if result.problems:
        for problem in result.problems:
            print(f"{problem.line.where(source)}: {problem.code} {problem.message}", file=sys.stderr)
        return fail(f"{len(result.problems)} place(s) in {source} could not be placed; nothing written")
    if result.skipped_before:
        first = result.skipped_before[0]
        print(f"{first.where(source)}: left out {len(result.skipped_before)} line(s) before the policy "
              f"(site chrome), from “{first.text[:30]}”", file=sys.stderr)
    if result.skipped_after:
        first = result.skipped_after[0]
        print(f"{first.where(source)}: left out {len(result.skipped_after)} line(s) after the policy "
              f"(site chrome), from “{first.text[:30]}”", file=sys.stderr)
    files = {args.out / part.rel: render(part) for part in result.parts}
    changed, conflicts = {}, []
    for path, text in files.items():
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
    if conflicts and not args.force:
        for path in conflicts:
            print(f"{path}: would change (use --force to overwrite)", file=sys.stderr)
        return fail(f"{len(conflicts)} existing file(s) differ; nothing written")
    if args.dry_run:
        for path in changed:
            print(f"would write {path}")
        return 0
    try:
        write_atomically(changed)
    except OSError as err:
        return fail(f"cannot write into {args.out}: {err.strerror or err}")
    for path in changed:
        print(f"wrote {path}")
    print(f"{len(files)} file(s), {len(changed)} changed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_command(main, "import_policy")

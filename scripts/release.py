"""Publish the current policy as a revision (python -m scripts.release DATE).

Copies docs/ja and docs/en (the policy's own files) to revisions/DATE/ and
records their sha256 in revisions/SHA256SUMS. A revision released but not yet
published (not on the default branch) is released again, replacing it, after a
correction. Refuses (exit 2, nothing written) a date that is not the newest line
of the 附則 / Supplementary Provisions, a date already published or earlier than
the last revision, an archive that no longer matches its manifest, and a policy
that fails python -m scripts.verify.

On a site of several documents (mkdocs.yml's policy documents), --document ID releases one:
docs/<lang>/<folder>/ into revisions/<folder>/DATE/ and revisions/<folder>/SHA256SUMS,
checked against that document's 附則.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from scripts.history.release import ReleaseRefused, locked, recover, release, release_target

ROOT = Path(__file__).resolve().parent.parent

EPILOG = """\
steps for a new revision:
  1. edit the policy in docs/ja and docs/en;
  2. add the revision line to docs/ja/appendix.md (e.g. 2027年1月1日　改定・施行)
     and to docs/en/appendix.md (January 1, 2027: Revised and effective);
  3. python -m scripts.release 2027-01-01   (or make release DATE=2027-01-01, or the
     pull-request comment /release 2027-01-01)
  4. commit docs/ and revisions/ together.
On a site of several documents, name the one released (its id in mkdocs.yml):
  python -m scripts.release 2027-01-01 --document terms   (or make release DATE=2027-01-01 DOC=terms,
  or the pull-request comment /release 2027-01-01 terms)
A correction after step 3, before the pull request is merged: release the same date again.
"Published" means listed in the default branch's revisions/SHA256SUMS (origin/HEAD, origin/main,
main; POLICY_PUBLISHED_REF names another ref); without git every archived revision is published.
The release also prints the PDFs of the revision (full text, and its 新旧対照表 against the
revision before) in each language into revisions/DATE/<lang>/pdf/, with Chromium; they are
hash-locked in SHA256SUMS like the text. --no-pdf leaves them out.
A revision dated in the future is announced on the site until its date, then becomes current.
One release runs at a time: another one started meanwhile is refused ("another release is
running"). A release stopped at any moment (killed, a full disk) leaves the archive as it was or
fully released; what it left (a hidden .release-*/ folder beside revisions/) is cleared by the
next release, or by --recover.

exit status: 0 released (or recovered), 2 refused or failed (nothing written)
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scripts.release", description=__doc__.split("\n\n")[0] + "\n\n"
                + __doc__.split("\n\n")[1], epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("date", metavar="DATE", nargs="?",
                   help="the revision's date, YYYY-MM-DD: the newest line of the 附則")
    p.add_argument("--document", metavar="ID", default=None,
                   help="on a site of several documents, the one to release (its id in mkdocs.yml, e.g. "
                        "--document terms): its folder in docs/<lang>/ and its archive revisions/<folder>/")
    p.add_argument("--recover", action="store_true",
                   help="release nothing: only clear what an interrupted release left (a release does this first)")
    p.add_argument("--root", type=Path, default=None,
                   help="the repository (default: the current directory if it has docs/, else this repository)")
    p.add_argument("--no-pdf", dest="pdf", action="store_false",
                   help="archive the text only, without the PDFs of the full text and the 新旧対照表 "
                        "(printing them needs Chromium and Playwright)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = args.root or (Path.cwd() if (Path.cwd() / "docs").is_dir() else ROOT)
    if args.recover:
        if args.date is not None or args.document is not None:
            print("scripts.release: error: --recover takes no DATE or --document (it clears what any "
                  "interrupted release left)", file=sys.stderr)
            return 2
        try:
            with locked(root):
                done = recover(root)
        except ReleaseRefused as err:
            print(f"scripts.release: refused: {err}", file=sys.stderr)
            return 2
        print("\n".join(done) if done else "nothing to recover: no release was interrupted")
        return 0
    if args.date is None:
        print("scripts.release: error: the revision's DATE is required (YYYY-MM-DD), or --recover", file=sys.stderr)
        return 2
    try:
        # Python reads 20270101 as a date too; the archive's folders are named YYYY-MM-DD.
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
            raise ValueError(args.date)
        date = dt.date.fromisoformat(args.date)
    except ValueError:
        print(f"scripts.release: error: {args.date!r} is not a date in the form YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        where = release_target(root, args.document)
    except ReleaseRefused as err:
        print(f"scripts.release: error: {err}", file=sys.stderr)
        return 2
    try:
        done = release(root, date, pdfs=args.pdf, where=where)
    except ReleaseRefused as err:
        for line in err.recovered:
            print(f"scripts.release: {line}", file=sys.stderr)
        print(f"scripts.release: refused: {err}", file=sys.stderr)
        return 2
    for line in done.recovered:
        print(f"scripts.release: {line}", file=sys.stderr)
    again = " again, replacing the unpublished revision of that date" if done.replaced else ""
    of = f" of {where.document.id}" if where.document.folder else ""
    print(f"released {done.revision.name}{of}{again}: {len(done.files)} files in {done.archive}/{done.revision.name}/, "
          f"sha256 {done.revision.sha256}")
    return 0


if __name__ == "__main__":
    from scripts.cli import run_command
    run_command(main, "scripts.release")

"""Check the privacy policy before it is published.

Reports every place where the policy contradicts itself, the company data file
(data/company.yml) or the disclosures the Act on the Protection of Personal
Information requires, as `path:line: CODE severity message`. Nothing is ever
written: verify only reads.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from scripts.policy import profile, rules, settings
from scripts.policy.finding import ERROR, WARNING, Finding
from scripts.policy.reader import PolicyError

from . import codes, report

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2

EPILOG = """\
checks:
  REV   the 附則 / Supplementary Provisions: real dates, events, order, same in both languages
  ADDR  the ＜宛先＞ and company information blocks against data/company.yml and Japan Post's data
  DATA  data/company.yml has no TODO value left (scripts.new_site drafts what the policy does not give)
  STR   numbering of articles, paragraphs and items; English mirrors the Japanese clause by clause
  REF   cross-references (前条第2項, 前項, 第１項, 前各号, 次条 …) point at something that exists
  TRN   each English file records the Japanese text it translates (python -m scripts.translation mark)
  FIG   every number, amount, date, postal code and URL of a Japanese clause is in its English twin
  APPI  the disclosures APPI Article 32 and its Cabinet Order require are present (the legal
        profile, scripts/policy/profiles/appi.yml; for documents of type privacy-policy)
  STY   Japanese numbering in full-width (第６条, ３．, （７）), no Word-style ・ bullets (warnings)
  HTML  policy text is text: no raw HTML, comments, character references, attribute lists
        or javascript:/data: links (the build publishes none of them active either way)
  REV006-008  the text matches the archived revision of the newest 附則 line (revisions/): a
        change needs a new revision line, a new line needs a release, and an unpublished
        revision that no longer matches is released again (published: on the default branch,
        scripts/history/published.py; without git every archived revision counts as published)
  CFG   the site's rules file (rules.yml beside mkdocs.yml): a code's severity, or off
  Checks that compare languages compare each translation with the original (mkdocs.yml's
  i18n default language) and run only when every language is checked (no --lang).
  The company data file, the legal profile and the rules file are read from mkdocs.yml's
  policy plugin options (company, legal_profile, rules); without mkdocs.yml, the defaults.
  Paths are shown relative to the current folder (run it from the repository).
  "In force" is judged as of today, or POLICY_TODAY=YYYY-MM-DD as for the build.
  verify only reads: it never changes a file.

exit status:
  0  no errors (warnings allowed)
  1  at least one error (with --strict, warnings count as errors)
  2  the input cannot be read: no docs folder, a missing or unreadable file,
     a file that is not UTF-8, front matter that is not valid YAML, a bad option,
     a mkdocs.yml that cannot be read or names no known legal profile

examples:
  python -m scripts.verify
  python -m scripts.verify docs/ja/articles/06.md --format github
  python -m scripts.verify --lang en --strict
  python -m scripts.verify --list-codes
  python -m scripts.verify --list-codes --format markdown   (the README's table)
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with a pointer to --help, never a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}: error: {message}\n(see --help for the options)\n")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(prog="python -m scripts.verify", description=__doc__.split("\n\n")[0],
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", metavar="PATH", type=Path,
                        help="files or folders under docs/ whose findings to report (default: all of docs/)")
    parser.add_argument("--strict", action="store_true", help="count warnings as errors (exit 1)")
    parser.add_argument("--lang", metavar="LANG",
                        help="check one language only (one of mkdocs.yml's i18n languages, e.g. ja or en)")
    parser.add_argument("--format", choices=sorted([*report.FORMATS, "markdown"]), default="text",
                        help="text (default): path:line: CODE severity message; json: a list of objects; "
                             "github: workflow annotations; with --list-codes, markdown: the README's table")
    parser.add_argument("--docs", type=Path, default=Path("docs"), metavar="DIR",
                        help="the policy's docs folder (default: docs)")
    parser.add_argument("--company", type=Path, metavar="FILE",
                        help="the company data file (default: data/company.yml)")
    parser.add_argument("--config", default=settings.CONFIG, metavar="FILE",
                        help="the site's configuration, whose policy plugin options are read (default: mkdocs.yml)")
    parser.add_argument("--list-codes", action="store_true",
                        help="print every finding code with its severity, what it checks and its explanation")
    return parser.parse_args(argv)


def exit_status(findings: list[Finding]) -> int:
    """The one place the exit status is decided (after --strict has raised warnings)."""
    return EXIT_ERRORS if any(f.severity == ERROR for f in findings) else EXIT_OK


def _selected(paths: list[Path], root: Path, docs: Path) -> list[str]:
    """The PATH arguments relative to the repository; each must exist under the docs folder."""
    selected = []
    for path in paths:
        if not path.exists():
            raise PolicyError(str(path), 0, "no such file or folder")
        try:
            path.resolve().relative_to(docs.resolve())
        except ValueError:
            raise PolicyError(str(path), 0, f"not under the docs folder {docs}") from None
        if path.is_file() and path.suffix != ".md":
            raise PolicyError(str(path), 0, "not a Markdown (.md) file")
        try:
            selected.append(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            selected.append(path.resolve().as_posix())
    return selected


def _wanted(finding: Finding, selected: list[str]) -> bool:
    return not selected or any(finding.path == s or finding.path.startswith(s.rstrip("/") + "/") for s in selected)


def run(args: argparse.Namespace) -> list[Finding]:
    from . import checks, source  # the checks import their libraries lazily, after option parsing

    root = Path.cwd()
    site = settings.load(root, args.config)
    selected = _selected(args.paths, root, args.docs)
    # The site's languages (mkdocs.yml's i18n plugin): a site may publish its original alone.
    if args.lang and args.lang not in site.languages:
        raise PolicyError("--lang", 0, f"{args.lang!r} is not a language of the site: "
                                       f"{args.config} lists {', '.join(site.languages)}")
    langs = (args.lang,) if args.lang else site.languages
    company = args.company or (root / site.company)
    severities, findings = settings.severities(root, site.rules, set(codes.registry(site.legal_profile)))
    legal = profile.load(site.legal_profile)
    # Each document of the site is checked on its own: its languages against each other, its
    # archive, and the disclosures its type requires.
    for document in site.documents:
        policy_input = source.load(root, args.docs, langs, company, legal, (document.type,), site.languages,
                                   document=document, archive=document.archive(site.archive),
                                   several=len(site.documents) > 1)
        findings += [f for check in checks.ALL for f in check(policy_input)]
    findings = rules.apply([f for f in findings if _wanted(f, selected)], severities)
    if args.strict:
        findings = [dataclasses.replace(f, severity=ERROR) if f.severity == WARNING else f for f in findings]
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.code, f.message))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.list_codes:
            legal_profile = settings.load(Path.cwd(), args.config).legal_profile
            print(codes.markdown(legal_profile) if args.format == "markdown" else codes.listing(legal_profile))
            return EXIT_OK
        if args.format == "markdown":
            raise PolicyError("--format", 0, "markdown is the format of --list-codes only")
        findings = run(args)
    except (PolicyError, settings.SettingsError) as err:
        where = f"{err.path}:{err.line}" if err.line else err.path
        print(f"{where}: {err.message}\nverify: cannot read the policy; nothing was checked", file=sys.stderr)
        return EXIT_UNREADABLE
    except profile.ProfileError as err:
        print(f"{args.config}: legal_profile: {err}\nverify: nothing was checked", file=sys.stderr)
        return EXIT_UNREADABLE
    output = report.FORMATS[args.format](findings)
    if output:
        print(output, flush=True)
    print(report.summary(findings), file=sys.stderr)
    return exit_status(findings)


if __name__ == "__main__":
    from scripts.cli import run_command
    run_command(main, "verify")

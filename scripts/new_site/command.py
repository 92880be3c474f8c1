"""Create a complete policy site for another organisation from its policy page.

    python -m scripts.new_site DIR --import SOURCE [--import-translation LANG=SOURCE …] [--document N]

DIR gets the generator (manifest.yml: copy), none of this site's content (leave_out), and its own
mkdocs.yml, README.md and data/company.yml (generate). Everything is made in a folder beside DIR
and moved into place at the end, so an error leaves DIR as it was.
Exit 0: the site was created; 2: nothing was created, and why.
"""
from __future__ import annotations

import argparse
import contextlib
import fnmatch
import io
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from string import Template

import yaml

from scripts import import_policy, translation
from scripts.importer import language
from scripts.importer.plan import left_out, plan
from scripts.importer.source import load_source
from scripts.policy import locale, profile
from scripts.policy.reader import PolicyError, load_policy
from scripts.verify import codes

from . import company, repository

PROG = "python -m scripts.new_site"
HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent.parent     # the checkout (or earlier generated site) this command runs from
MANIFEST = HERE / "manifest.yml"
TEMPLATES = HERE / "templates"
ORIGINAL = "ja"


def translation_languages() -> tuple[str, ...]:
    """The languages a translation may be in: every one the importer reads (the locale registry's) but the original."""
    return tuple(code for code in language.languages() if code != ORIGINAL)


EPILOG = """\
example:
  python -m scripts.new_site ../komorebi-policy --import page.txt --import-translation en=page-en.html
  cd ../komorebi-policy && make serve

SOURCE is what the importer reads (python -m scripts.import_policy --help): the captured text
of the policy page, its HTML or a Markdown file. The Japanese original goes to docs/ja/, each
translation to docs/<lang>/, paired with the original clause by clause. A translation may be in
any language of the locale registry (scripts/policy/locales/: en, ko …), read by its numbering.

DIR then holds: the generator (scripts/, overrides/, tests/, Makefile, …), the imported policy,
data/company.yml prefilled from the policy's contact blocks (a value the policy does not give
is a TODO line, which `make build` names with its line), mkdocs.yml with the organisation's
name and languages, sources/ with the page it was imported from, and a README; it is a git
repository with all of it in one commit on main, ready to push. There is no archive yet: the
first `make release DATE=…` makes revisions/.

DIR must be empty or not exist. On any error nothing is created and DIR is left as it was.
exit status: 0 created; 2 nothing created (the reason is printed).
"""


class NewSiteError(Exception):
    """Anything that stops the site from being created; the message says what and where."""


@dataclass(frozen=True)
class Manifest:
    copy: tuple[str, ...]
    leave_out: tuple[str, ...]
    generate: tuple[str, ...]
    ignore: tuple[str, ...]

    def placed(self, rel: str) -> list[str]:
        """The lists of copy and leave_out that hold ``rel`` (a repository path) by its most specific
        entry: a file of a copied folder may be left out by name (this site's own tests of its content)."""
        found = [(len(entry), name) for name, entries in (("copy", self.copy), ("leave_out", self.leave_out))
                 for entry in entries if _covers(entry, rel)]
        longest = max((length for length, _ in found), default=0)
        return sorted({name for length, name in found if length == longest})

    def ignored(self, path: Path) -> bool:
        return any(fnmatch.fnmatch(part, pattern) for part in path.parts for pattern in self.ignore)


def _covers(entry: str, rel: str) -> bool:
    return rel.startswith(entry) if entry.endswith("/") else rel == entry


def manifest() -> Manifest:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return Manifest(*(tuple(str(e) for e in data.get(key) or ()) for key in ("copy", "leave_out", "generate", "ignore")))


def generator_files(root: Path = GENERATOR, listing: Manifest | None = None) -> list[str]:
    """The files the new site gets as they are: every file of the manifest's copy entries."""
    listing = listing or manifest()
    found = []
    for entry in listing.copy:
        source = root / entry.rstrip("/")
        if entry.endswith("/"):
            if not source.is_dir():
                raise NewSiteError(f"{source}: the generator's folder is missing ({MANIFEST.name}: copy)")
            for path in sorted(source.rglob("*")):
                rel = path.relative_to(root)
                if (path.is_file() and not path.is_symlink() and not listing.ignored(rel)
                        and listing.placed(rel.as_posix()) == ["copy"]):
                    found.append(rel.as_posix())
        elif source.is_file():
            found.append(entry)
        else:
            raise NewSiteError(f"{source}: the generator's file is missing ({MANIFEST.name}: copy)")
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n")[0], epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path, metavar="DIR", help="the new site's folder: empty or not yet there")
    parser.add_argument("--import", dest="source", type=Path, required=True, metavar="SOURCE",
                        help="the policy page in the original language (Japanese): .txt, .html, .php or .md")
    parser.add_argument("--import-translation", action="append", default=[], metavar="LANG=SOURCE",
                        help=f"a translation of the same policy, LANG one of {', '.join(translation_languages())} "
                             "(the locale registry's); may be repeated")
    parser.add_argument("--document", type=int, metavar="N",
                        help="of a page with several documents, import the Nth (of each SOURCE)")
    return parser.parse_args(argv)


def _translations(values: list[str]) -> list[tuple[str, Path]]:
    found: dict[str, Path] = {}
    for value in values:
        lang, sep, source = value.partition("=")
        if not sep or not source:
            raise NewSiteError(f"--import-translation {value}: write LANG=SOURCE, e.g. en=policy-en.html")
        known = translation_languages()
        if lang == ORIGINAL:
            raise NewSiteError(f"--import-translation {value}: {lang} is the original's language (--import); "
                               f"a translation is in one of {', '.join(known)}")
        if lang not in known:
            raise NewSiteError(f"--import-translation {value}: {lang!r} is not a language the importer reads "
                               f"({', '.join(known)}; each has its entry in scripts/policy/locales/)")
        if lang in found:
            raise NewSiteError(f"--import-translation {value}: {lang} is given twice")
        found[lang] = Path(source)
    return list(found.items())


def _check_target(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise NewSiteError(f"{target}: exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise NewSiteError(f"{target}: is not empty; give a new or empty folder")
    if not target.parent.is_dir():
        raise NewSiteError(f"{target.parent}: no such folder")


def _import(source: Path, lang: str, out: Path, document: int | None) -> str:
    """Run the importer in-process; its messages are passed on, a refusal becomes an error."""
    if not source.is_file():
        raise NewSiteError(f"{source}: {'is not a file' if source.exists() else 'no such file'}; nothing created")
    argv = [str(source), "--lang", lang, "--out", str(out)] + (["--document", str(document)] if document else [])
    messages = io.StringIO()
    with contextlib.redirect_stderr(messages), contextlib.redirect_stdout(io.StringIO()):
        status = import_policy.main(argv)
    # The importer names the files it writes by the staging folder, which the user never sees.
    report = messages.getvalue().replace(str(out), f"docs/{lang}")
    if status != 0:
        raise NewSiteError(f"{source}: the {lang} policy could not be imported; nothing created\n{report.rstrip()}")
    return report


_TITLE = re.compile(r"方針|ポリシー|規約|規程|声明|Policy|Notice|Statement|Terms", re.I)


def _title(policy, source: Path, document: int | None, fallback: str) -> str:
    """The document's title: the preamble's heading when it is one (section style), else the page's
    heading just above the policy (article style starts at はじめに), else the language's own words."""
    if policy.preamble is not None and _TITLE.search(policy.preamble.title):
        return policy.preamble.title
    kind, lines = load_source(source)
    documents = plan(lines, policy.lang, markdown=kind == "markdown")
    if documents:
        before, _, _ = left_out(lines, [documents[(document or 1) - 1]])
        for line in reversed(before[-3:]):
            text = line.text.strip()
            if len(text) <= 30 and "。" not in text and _TITLE.search(text):
                return text
    return fallback


def _language_entry(lang: str, original: bool, site_name: str, description: str) -> str:
    lines = [f"        - locale: {lang}", f"          name: {company.scalar(locale.load(lang).name)}"]
    if original:
        lines.append("          default: true")
    lines += ["          build: true", f"          site_name: {company.scalar(site_name)}"]
    if not original:
        lines.append(f"          site_description: {company.scalar(description)}")
    return "\n".join(lines) + "\n"


def render_mkdocs(languages: list[tuple[str, str, str]], copyright_name: str) -> str:
    """mkdocs.yml from the template: ``languages`` are (code, site name, description), the original first."""
    template = Template((TEMPLATES / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [locale.load(code).name for code, _, _ in languages]
    comment = f"{names[0]} (the original) at /" + "".join(f", {name} at /{code}/"
                                                         for name, (code, _, _) in zip(names[1:], languages[1:])) + "."
    return template.substitute(
        languages_comment=comment, site_name=company.scalar(languages[0][1]), site_description=company.scalar(languages[0][2]),
        copyright=json.dumps(f"© {copyright_name}", ensure_ascii=False),
        languages="".join(_language_entry(code, n == 0, name, description)
                          for n, (code, name, description) in enumerate(languages)))


def _describe(lang: str, title: str, name: str) -> str:
    if not name:
        return title
    return locale.load(lang).site["description"].format(document=title, organisation=name)


def _is_todo(value) -> bool:
    return not value or str(value).startswith(company.TODO)


def make_site(stage: Path, source: Path, translations: list[tuple[str, Path]],
              document: int | None) -> tuple[list[str], str]:
    """Everything DIR will hold, written into ``stage``; returns the importer's messages and the
    organisation's name (as its copyright line gives it)."""
    listing = manifest()
    for rel in generator_files(GENERATOR, listing):
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        # copy2 keeps the times: make's install rule compares requirements.txt with .venv's stamp.
        shutil.copy2(GENERATOR / rel, target)
    reports = [_import(source, ORIGINAL, stage / "docs" / ORIGINAL, document)]
    for lang, page in translations:
        reports.append(_import(page, lang, stage / "docs" / lang, document))
    for lang in (ORIGINAL, *(lang for lang, _ in translations)):
        # The 全文 page: its text is assembled by the build from the other files.
        (stage / "docs" / lang / "full-text.md").write_text(
            f"---\npage: full-text\n---\n\n# {locale.load(lang).site['full_text']}\n", encoding="utf-8")
    sources = stage / "sources"
    sources.mkdir()
    for lang, page in [(ORIGINAL, source), *translations]:
        shutil.copy2(page, sources / f"{lang}{''.join(page.suffixes[-1:]) or '.txt'}")
    langs = (ORIGINAL, *(lang for lang, _ in translations))
    try:
        policies = {lang: load_policy(stage / "docs", lang) for lang in langs}
    except PolicyError as err:
        raise NewSiteError(f"the imported policy cannot be read: {err}") from None
    legal = profile.load()
    data = company.draft(policies, legal)
    (stage / "data").mkdir()
    (stage / "data" / "company.yml").write_text(company.render(data, legal, langs), encoding="utf-8")
    names = {lang: "" if _is_todo((data.get(lang) or {}).get("name")) else data[lang]["name"] for lang in langs}
    languages = []
    for lang in langs:
        page = source if lang == ORIGINAL else dict(translations)[lang]
        title = _title(policies[lang], page, document, locale.load(lang).site["policy_heading"])
        languages.append((lang, title, _describe(lang, title, names[lang])))
    copyright_name = next((names[lang] for lang in (*langs[1:], ORIGINAL) if names[lang]), languages[0][1])
    (stage / "mkdocs.yml").write_text(render_mkdocs(languages, copyright_name), encoding="utf-8")
    if translations:
        # Imported together, each translation is taken as current (verify's TRN002 asks for the record);
        # after mkdocs.yml, which names the site's languages.
        with contextlib.redirect_stdout(io.StringIO()):
            if translation.main(["mark", "--all", "--docs", str(stage / "docs")]) != 0:
                raise NewSiteError("the translation could not be marked as current")
    readme = Template((TEMPLATES / "README.md").read_text(encoding="utf-8"))
    (stage / "README.md").write_text(readme.substitute(
        name=names[ORIGINAL] or languages[0][1], title=languages[0][1],
        languages=", ".join(f"{locale.load(code).name} (`docs/{code}/`)" for code in langs),
        codes=codes.markdown(legal.name)), encoding="utf-8")
    return reports, copyright_name


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    target: Path = args.dir
    stage = None
    try:
        translations = _translations(args.import_translation)
        _check_target(target)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-site-", dir=target.parent))
        reports, organisation = make_site(stage, args.source, translations, args.document)
        unversioned = repository.initialise(stage, f"The policy site of {organisation}, as scripts.new_site made it")
        umask = os.umask(0)
        os.umask(umask)
        stage.chmod(0o777 & ~umask)   # mkdtemp's folder is private; DIR is an ordinary folder
        # One rename (onto DIR when it is an empty folder): DIR is either as it was or complete.
        os.replace(stage, target)
        stage = None
    except NewSiteError as err:
        print(f"new_site: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"new_site: error: cannot create {target}: {err.strerror or err}; nothing created", file=sys.stderr)
        return 2
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
    for report in reports:
        sys.stderr.write(report)
    todo = [n for n, line in enumerate((target / "data" / "company.yml").read_text(encoding="utf-8").splitlines(), 1)
            if company.TODO in line and not line.lstrip().startswith("#")]
    print(f"created {target}: the policy in docs/, data/company.yml, mkdocs.yml, README.md")
    if todo:
        print(f"{target}/data/company.yml: {len(todo)} value(s) still to write (lines {', '.join(map(str, todo))}); "
              "`make build` names each")
    print(f"{target}: {unversioned}" if unversioned else f"{target}: a git repository, its first commit on main")
    print(f"next: cd {target} && make serve")
    return 0

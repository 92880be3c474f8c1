"""A correct revision of the real policy, and the project copied for another organisation, leave
green every suite that reads the real policy. Each runs in a copy of the repository, as a fresh
clone would: the revision is made as CONTRIBUTING says (text, English, 附則 lines, change notices, mark,
release),
located from the policy's own structure so that this test holds whatever the policy says today."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.policy import settings
from scripts.policy.dates import format_date
from scripts.policy.reader import load_policy
from tests.conftest import ORG, ROOT

# The suites that read the real policy (docs/, data/, revisions/ or its built site).
SUITES = ["tests/verify/test_fixtures.py", "tests/verify/test_cli.py", "tests/site/test_real_site.py",
          "tests/policy/test_reader.py", "tests/policy/test_contact.py", "tests/history/test_archive.py",
          "tests/test_release.py",
          "tests/history/test_site.py::test_the_real_site_lists_every_archived_revision_with_the_one_in_force_current"]
GIT_ENV = {"GIT_AUTHOR_NAME": "Legal", "GIT_AUTHOR_EMAIL": "legal@example.com",
           "GIT_COMMITTER_NAME": "Legal", "GIT_COMMITTER_EMAIL": "legal@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def copy_repository(target: Path) -> Path:
    """The repository's files (tracked and new, not ignored), committed on main in a new repository."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file() and "node_modules" not in rel.split("/"):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    git(target, "init", "--quiet", "--initial-branch=main")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "--message", "the project")
    return target


def module(project: Path, name: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "PYTHONPATH": str(project), "POLICY_TODAY": "2026-11-25"}
    result = subprocess.run([sys.executable, "-m", name, *args], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    return result


def run_suites(project: Path) -> subprocess.CompletedProcess:
    return module(project, "pytest", "-q", "-p", "no:cacheprovider", "-x", *SUITES)


def replace_line(path: Path, line: int, old: re.Pattern, new) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    changed = old.sub(new, lines[line - 1], count=1)
    assert changed != lines[line - 1], (path, line, lines[line - 1])
    lines[line - 1] = changed
    path.write_text("\n".join(lines), encoding="utf-8")


def insert_before(path: Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1:line - 1] = [text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


# What a revision writes in each language a site may publish (a site's languages are its
# mkdocs.yml's; a language missing here fails the test, naming it): the fee's unit after the
# amount, a new item of a list, the 附則 line of a date, the change notice's summary.
WORDS = {
    "ja": {"unit": "円", "item": "（２）お客様から寄せられたご意見への対応", "marker": re.compile(r"^（[0-9０-９]+）"),
           "label": lambda n: f"（{str(n).translate(FULLWIDTH)}）", "line": "{date}　改定・施行",
           "summary": "開示等の請求の手数料を改め、利用目的に号を一つ加えます。"},
    "en": {"unit": " yen", "item": "(2) Responding to feedback from customers", "marker": re.compile(r"^\(\d+\)"),
           "label": lambda n: f"({n})", "line": "{date}: Revised and effective",
           "summary": "The fee for requests is changed and an item is added to the purposes of use."},
}


def languages(project: Path) -> tuple[str, ...]:
    """The project's languages, the original first, each with its words in WORDS."""
    langs = settings.load(project).languages
    missing = [lang for lang in langs if lang not in WORDS]
    assert not missing, f"add the words of {missing} to WORDS in tests/test_living_policy.py"
    return langs


def policies(project: Path) -> dict:
    return {lang: load_policy(project / "docs", lang, root=project) for lang in languages(project)}


def change_the_fee(project: Path) -> tuple[str, str]:
    """The disclosure fee, wherever the policy states it: the amount in every language. Returns the amounts
    before and after, as written ('1,100', '1,650')."""
    read = policies(project)
    original = next(iter(read))
    fee = next(c for c in read[original].clauses() if re.search(r"\d[\d,]*" + WORDS[original]["unit"], c.text)
               and ("手数料" in c.text or "fee" in c.text))
    amount = int(re.search(r"(\d[\d,]*)" + WORDS[original]["unit"], fee.text)[1].replace(",", ""))
    new = f"{amount + 550:,}"
    for lang, policy in read.items():
        clause = next(c for c in policy.clauses() if c.id == fee.id)
        path = project / "docs" / lang / next(d.rel for d in policy.documents if clause in d.clauses)
        replace_line(path, clause.line, re.compile(r"\d[\d,]*(?=" + re.escape(WORDS[lang]["unit"]) + ")"), new)
    return f"{amount:,}", new


def insert_an_item(project: Path) -> str:
    """A new item (２) in the first paragraph that has items, the items after it renumbered."""
    read = policies(project)
    second = next(c for c in next(iter(read.values())).clauses() if re.fullmatch(r"art-\d+-p\d+-i2", c.id))
    parent = second.id.rsplit("-i", 1)[0]
    for lang, policy in read.items():
        items = [c for c in policy.clauses() if re.fullmatch(rf"{parent}-i\d+", c.id)]
        doc = next(d for d in policy.documents if items[0] in d.clauses)
        path = project / "docs" / lang / doc.rel
        for item in items[1:]:
            number = int(item.id.rsplit("-i", 1)[1]) + 1
            replace_line(path, item.line, WORDS[lang]["marker"], WORDS[lang]["label"](number))
        insert_before(path, items[1].line, WORDS[lang]["item"])
    return f"{parent}-i2"


def add_revision_lines(project: Path) -> dt.date:
    langs = languages(project)
    newest = max(r.date for r in load_policy(project / "docs", langs[0]).revisions)
    date = max(dt.date(2027, 1, 1), newest + dt.timedelta(days=1))
    for lang in langs:
        path = project / "docs" / lang / "appendix.md"
        line = WORDS[lang]["line"].format(date=format_date(date, lang))
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{line}\n", encoding="utf-8")
    return date


def write_change_notices(project: Path, date: dt.date) -> None:
    """The change notice of the revision in each language (改定の概要), announced well within the notice period."""
    announced = date - dt.timedelta(days=42)
    for lang in languages(project):
        path = project / "docs" / lang / "changes" / f"{date.isoformat()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nchange: material\nannounced: {announced.isoformat()}\n---\n\n{WORDS[lang]['summary']}\n",
                        encoding="utf-8")


def mark_translations(project: Path) -> None:
    """Every translation marked up to date (a site in its original alone has none to mark)."""
    if len(languages(project)) > 1:
        marked = module(project, "scripts.translation", "mark", "--all")
        assert marked.returncode == 0, marked.stderr


def first_release(project: Path) -> None:
    """A site before its first release (a new organisation's, as scripts.new_site made it) makes it,
    as its README says, and commits it: what every later revision starts from."""
    if (project / settings.load(project).archive / "SHA256SUMS").is_file():
        return
    newest = max(r.date for r in load_policy(project / "docs", languages(project)[0]).revisions)
    released = module(project, "scripts.release", newest.isoformat())
    assert released.returncode == 0, released.stdout + released.stderr
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "the first release")


def test_a_correct_revision_of_the_real_policy_keeps_the_suites_green(tmp_path):
    project = copy_repository(tmp_path / "project")
    first_release(project)
    git(project, "switch", "--quiet", "--create", "revision")
    change_the_fee(project)
    inserted = insert_an_item(project)
    untouched = module(project, "scripts.verify", "--format", "json")
    assert '"REV006"' in untouched.stdout   # the change is not yet a revision: verify says so
    date = add_revision_lines(project)
    write_change_notices(project, date)
    mark_translations(project)
    released = module(project, "scripts.release", date.isoformat())
    assert released.returncode == 0, released.stderr
    assert inserted in {c.id for c in load_policy(project / "docs", languages(project)[0]).clauses()}
    result = run_suites(project)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_project_copied_for_another_organisation_keeps_the_suites_green(tmp_path):
    project = copy_repository(tmp_path / "project")
    langs = settings.load(project).languages
    for lang in langs:
        for path in (project / "docs" / lang).rglob("*.md"):
            if path.name != "full-text.md":
                path.unlink()
    shutil.rmtree(project / "revisions", ignore_errors=True)   # a site before its first release has none
    imported = module(project, "scripts.import_policy", str(ORG / "sources" / "policy-page.txt"), "--lang", langs[0],
                      "--out", f"docs/{langs[0]}", "--force")
    assert imported.returncode == 0, imported.stderr
    # The translations the site publishes and the company data, as the organisation writes them.
    for lang in langs[1:]:
        for path in (ORG / "docs" / lang).rglob("*.md"):
            if path.name != "full-text.md":
                (project / "docs" / lang / path.relative_to(ORG / "docs" / lang)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, project / "docs" / lang / path.relative_to(ORG / "docs" / lang))
    shutil.copy2(ORG / "data" / "company.yml", project / "data" / "company.yml")
    mark_translations(project)
    newest = max(r.date for r in load_policy(project / "docs", langs[0]).revisions)
    released = module(project, "scripts.release", newest.isoformat())
    assert released.returncode == 0, released.stderr
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "our policy")
    result = run_suites(project)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]

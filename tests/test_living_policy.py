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


def change_the_fee(project: Path) -> tuple[str, str]:
    """The disclosure fee, wherever the policy states it: the amount in both languages. Returns the amounts
    before and after, as written ('1,100', '1,650')."""
    policies = {lang: load_policy(project / "docs", lang, root=project) for lang in ("ja", "en")}
    fee = next(c for c in policies["ja"].clauses() if "手数料" in c.text and re.search(r"\d[\d,]*円", c.text))
    twin = next(c for c in policies["en"].clauses() if c.id == fee.id)
    amount = int(re.search(r"(\d[\d,]*)円", fee.text)[1].replace(",", ""))
    new = f"{amount + 550:,}"
    for lang, clause, pattern, unit in (("ja", fee, r"\d[\d,]*(?=円)", ""), ("en", twin, r"\d[\d,]*(?= yen)", "")):
        path = project / "docs" / lang / next(d.rel for d in policies[lang].documents if clause in d.clauses)
        replace_line(path, clause.line, re.compile(pattern), new + unit)
    return f"{amount:,}", new


def insert_an_item(project: Path) -> str:
    """A new item (２) in the first paragraph that has items, the items after it renumbered."""
    policies = {lang: load_policy(project / "docs", lang, root=project) for lang in ("ja", "en")}
    second = next(c for c in policies["ja"].clauses() if re.fullmatch(r"art-\d+-p\d+-i2", c.id))
    parent = second.id.rsplit("-i", 1)[0]
    new_text = {"ja": "（２）お客様から寄せられたご意見への対応", "en": "(2) Responding to feedback from customers"}
    for lang, pattern in (("ja", re.compile(r"^（[0-9０-９]+）")), ("en", re.compile(r"^\(\d+\)"))):
        policy = policies[lang]
        items = [c for c in policy.clauses() if re.fullmatch(rf"{parent}-i\d+", c.id)]
        doc = next(d for d in policy.documents if items[0] in d.clauses)
        path = project / "docs" / lang / doc.rel
        for item in items[1:]:
            number = int(item.id.rsplit("-i", 1)[1]) + 1
            label = f"（{str(number).translate(FULLWIDTH)}）" if lang == "ja" else f"({number})"
            replace_line(path, item.line, pattern, label)
        insert_before(path, items[1].line, new_text[lang])
    return f"{parent}-i2"


def add_revision_lines(project: Path) -> dt.date:
    newest = max(r.date for r in load_policy(project / "docs", "ja").revisions)
    date = max(dt.date(2027, 1, 1), newest + dt.timedelta(days=1))
    for lang, line in (("ja", f"{format_date(date, 'ja')}　改定・施行"),
                       ("en", f"{format_date(date, 'en')}: Revised and effective")):
        path = project / "docs" / lang / "appendix.md"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{line}\n", encoding="utf-8")
    return date


def write_change_notices(project: Path, date: dt.date) -> None:
    """The change notice of the revision in each language (改定の概要), announced well within the notice period."""
    announced = date - dt.timedelta(days=42)
    for lang, summary in (("ja", "開示等の請求の手数料を改め、利用目的に号を一つ加えます。"),
                          ("en", "The fee for requests is changed and an item is added to the purposes of use.")):
        path = project / "docs" / lang / "changes" / f"{date.isoformat()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nchange: material\nannounced: {announced.isoformat()}\n---\n\n{summary}\n",
                        encoding="utf-8")


def test_a_correct_revision_of_the_real_policy_keeps_the_suites_green(tmp_path):
    project = copy_repository(tmp_path / "project")
    git(project, "switch", "--quiet", "--create", "revision")
    change_the_fee(project)
    inserted = insert_an_item(project)
    untouched = module(project, "scripts.verify", "--format", "json")
    assert '"REV006"' in untouched.stdout   # the change is not yet a revision: verify says so
    date = add_revision_lines(project)
    write_change_notices(project, date)
    assert module(project, "scripts.translation", "mark", "--all").returncode == 0
    released = module(project, "scripts.release", date.isoformat())
    assert released.returncode == 0, released.stderr
    assert inserted in {c.id for c in load_policy(project / "docs", "ja").clauses()}
    result = run_suites(project)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_project_copied_for_another_organisation_keeps_the_suites_green(tmp_path):
    project = copy_repository(tmp_path / "project")
    for lang in ("ja", "en"):
        for path in (project / "docs" / lang).rglob("*.md"):
            if path.name != "full-text.md":
                path.unlink()
    shutil.rmtree(project / "revisions")
    imported = module(project, "scripts.import_policy", str(ORG / "sources" / "policy-page.txt"), "--lang", "ja",
                      "--out", "docs/ja", "--force")
    assert imported.returncode == 0, imported.stderr
    # The English translation and the company data, as the organisation writes them.
    for path in (ORG / "docs" / "en").rglob("*.md"):
        if path.name != "full-text.md":
            (project / "docs/en" / path.relative_to(ORG / "docs/en")).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, project / "docs/en" / path.relative_to(ORG / "docs/en"))
    shutil.copy2(ORG / "data" / "company.yml", project / "data" / "company.yml")
    assert module(project, "scripts.translation", "mark", "--all").returncode == 0
    newest = max(r.date for r in load_policy(project / "docs", "ja").revisions)
    released = module(project, "scripts.release", newest.isoformat())
    assert released.returncode == 0, released.stderr
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "our policy")
    result = run_suites(project)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]

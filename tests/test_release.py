"""python -m scripts.release DATE: snapshots docs/ as a revision, or refuses and writes nothing."""
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.policy.reader import load_policy
from scripts.policy import settings
from tests.conftest import FIXTURES, ROOT, documents_project, org_project, run_module, unreleased_documents

HISTORY = FIXTURES / "history" / "revisions"


def release(project: Path, *args: str):
    return run_module("scripts.release", *args, cwd=project)


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def project_at_second_revision(target: Path) -> Path:
    """The fixture organisation with the history fixture's first two revisions archived, docs/ at the second."""
    root = org_project(target)
    shutil.rmtree(root / "revisions", ignore_errors=True)
    (root / "revisions").mkdir()
    for date in ("2024-04-01", "2025-07-01"):
        shutil.copytree(HISTORY / date, root / "revisions" / date)
    lines = [line for line in (HISTORY / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
             if not line.split("  ", 1)[1].startswith("2027-01-01/")]
    (root / "revisions" / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for lang in ("ja", "en"):
        for path in (HISTORY / "2025-07-01" / lang).rglob("*.md"):
            shutil.copy2(path, root / "docs" / lang / path.relative_to(HISTORY / "2025-07-01" / lang))
    return root


@pytest.fixture
def project(tmp_path) -> Path:
    return project_at_second_revision(tmp_path / "project")


def add_revision_line(root: Path, ja: str, en: str) -> None:
    for lang, line in (("ja", ja), ("en", en)):
        path = root / "docs" / lang / "appendix.md"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{line}\n", encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def archive_manifest(archive: Path) -> list[str]:
    """The archive's SHA256SUMS lines, each checked against its file."""
    manifest = (archive / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    for line in manifest:
        digest, rel = line.split("  ")
        assert hashlib.sha256((archive / rel).read_bytes()).hexdigest() == digest, rel
    return [line.split("  ")[1] for line in manifest]


def test_the_real_archive_matches_its_manifest_and_holds_the_newest_revision_line(tmp_path):
    site = settings.load(ROOT)
    unreleased = unreleased_documents()
    for doc in site.documents:
        newest = max(r.date for r in load_policy(ROOT / "docs", site.original, folder=doc.folder).revisions).isoformat()
        archive = ROOT / doc.archive(site.archive)
        if doc not in unreleased:
            assert f"{newest}/{site.original}/appendix.md" in archive_manifest(archive), doc.id
            continue
        # Before its first release: nothing archived, and releasing the newest revision line archives it.
        assert not (archive / "SHA256SUMS").exists(), doc.id
        copy = tmp_path / doc.id
        for name in ("docs", "data"):
            shutil.copytree(ROOT / name, copy / name)
        shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
        released = release(copy, newest, *(["--document", doc.id] if len(site.documents) > 1 else []))
        assert released.returncode == 0, released.stdout + released.stderr
        assert f"{newest}/{site.original}/appendix.md" in archive_manifest(copy / doc.archive(site.archive))


def test_release_snapshots_both_languages_with_their_hashes(project):
    edit(project / "docs/ja/articles/03.md", "次の各号", "以下の各号")
    edit(project / "docs/en/articles/03.md", "the following cases", "the cases below")
    add_revision_line(project, "2027年1月1日　改定・施行", "January 1, 2027: Revised and effective")
    result = release(project, "2027-01-01")
    assert result.returncode == 0, result.stderr
    assert "released 2027-01-01" in result.stdout
    folder = project / "revisions" / "2027-01-01"
    assert (folder / "ja/articles/03.md").read_bytes() == (project / "docs/ja/articles/03.md").read_bytes()
    assert (folder / "en/appendix.md").is_file()
    assert not (folder / "ja/full-text.md").exists()  # a generated page, not policy text
    check = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=project / "revisions",
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    manifest = (project / "revisions/SHA256SUMS").read_text(encoding="utf-8")
    assert manifest.count("  2027-01-01/") == 18 + 4  # the text, and per language the two PDFs
    assert {"2027-01-01/ja/pdf/policy.pdf", "2027-01-01/en/pdf/table.pdf"} <= {
        line.split("  ", 1)[1] for line in manifest.splitlines()}
    assert not list((project / "revisions").glob(".*"))  # no staging left behind

    again = release(project, "2027-01-01")
    assert again.returncode == 2
    assert "already released" in again.stderr


def refused(project: Path, date: str, expected: str) -> None:
    before = snapshot(project / "revisions"), snapshot(project / "docs")
    result = release(project, date)
    assert result.returncode == 2, result.stdout
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert (snapshot(project / "revisions"), snapshot(project / "docs")) == before


def test_refuses_a_date_that_is_not_the_newest_revision_line(project):
    refused(project, "2026-01-01", "docs/ja/appendix.md:5: 2026-01-01 does not match the newest revision line "
                                   "'2025年7月1日　改定・施行'")


def test_refuses_a_date_already_released(project):
    refused(project, "2025-07-01", "2025-07-01 is already released")


def test_refuses_a_date_earlier_than_the_last_revision(project):
    edit(project / "docs/ja/appendix.md", "2025年7月1日", "2025年1月1日")
    edit(project / "docs/en/appendix.md", "July 1, 2025", "January 1, 2025")
    refused(project, "2025-01-01", "2025-01-01 is earlier than the last revision 2025-07-01")


def test_refuses_when_the_english_appendix_lags(project):
    path = project / "docs/ja/appendix.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n2027年1月1日　改定・施行\n", encoding="utf-8")
    refused(project, "2027-01-01", "docs/en/appendix.md:8: 2027-01-01 does not match the newest revision line")


def test_refuses_a_policy_that_fails_verify(project):
    # A postal code that does not match the address: the verifier's error, not the release's own checks.
    edit(project / "docs/ja/articles/05.md", "〒460-0008", "〒100-0001")
    add_revision_line(project, "2027年1月1日　改定・施行", "January 1, 2027: Revised and effective")
    assert (project / "scripts/verify/__main__.py").is_file()
    refused(project, "2027-01-01", "`python -m scripts.verify` must pass before a release")


def test_refuses_when_the_archive_was_tampered_with(project):
    add_revision_line(project, "2027年1月1日　改定・施行", "January 1, 2027: Revised and effective")
    edit(project / "revisions/2024-04-01/ja/articles/01.md", "個人情報", "個人の情報")
    refused(project, "2027-01-01", "revisions/2024-04-01/ja/articles/01.md:0: HIST001 error")


@pytest.mark.parametrize("written", ["2027/01/01", "20270101", "2027-1-1", "2027-02-30"])
def test_refuses_a_malformed_date(project, written):
    add_revision_line(project, "2027年1月1日　改定・施行", "January 1, 2027: Revised and effective")
    refused(project, written, f"'{written}' is not a date in the form YYYY-MM-DD")


def test_never_suggests_releasing_a_date_already_released(project):
    # The editor forgot the new revision line: the newest line is the released 2025-07-01.
    result = release(project, "2027-01-01")
    assert result.returncode == 2
    assert "add the line for 2027年1月1日 first (2025-07-01 is already released)" in result.stderr
    assert "or release 2025-07-01" not in result.stderr


@pytest.mark.parametrize("args, expected", [
    ((), "the site publishes several documents: name one with --document (privacy-policy, terms)"),
    (("--document", "rules"), "no document 'rules': name one with --document (privacy-policy, terms)")])
def test_a_site_of_several_documents_is_told_which_ids_to_choose_from(tmp_path, args, expected):
    project = documents_project(tmp_path / "project")
    before = snapshot(project)
    result = release(project, "2025-01-01", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"scripts.release: error: {expected}"
    assert snapshot(project) == before


def test_the_only_document_needs_no_id_and_may_be_named(project):
    add_revision_line(project, "2027年1月1日　改定・施行", "January 1, 2027: Revised and effective")
    result = release(project, "2027-01-01", "--document", "privacy-policy", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert "files in revisions/2027-01-01/" in result.stdout


def test_help():
    result = run_module("scripts.release", "--help")
    assert result.returncode == 0
    for word in ("DATE", "附則", "revisions/", "SHA256SUMS", "scripts.verify", "exit status",
                 "--document ID", "python -m scripts.release 2027-01-01 --document terms", "DOC=terms"):
        assert word in result.stdout

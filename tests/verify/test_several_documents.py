"""A site of several documents: verify checks each one on its own (its languages, its archive, its type)."""
from __future__ import annotations

from tests.conftest import documents_project, run_module

TODAY = {"POLICY_TODAY": "2026-11-25"}


def _verify(project, *args):
    result = run_module("scripts.verify", "--format", "text", *args, cwd=project, env=TODAY)
    return result.returncode, result.stdout + result.stderr


def test_two_documents_pass_every_check(tmp_path):
    status, output = _verify(documents_project(tmp_path / "p"), "--strict")
    assert status == 0, output


def test_each_documents_findings_name_its_folder_and_its_archive(tmp_path):
    project = documents_project(tmp_path / "p")
    path = project / "docs/en/terms/articles/02.md"
    path.write_text(path.read_text(encoding="utf-8").replace("3,300 yen", "3,000 yen"), encoding="utf-8")
    status, output = _verify(project)
    assert status == 1
    assert "docs/en/terms/articles/02.md:6: FIG001" in output and "revisions/terms/2025-01-01/en/articles/02.md" in output
    assert "docs/en/privacy/" not in output


def test_the_disclosures_and_address_blocks_are_the_privacy_policys_alone(tmp_path):
    project = documents_project(tmp_path / "p")
    # The terms have no contact block and no APPI disclosure: nothing to report.
    assert "＜宛先＞" not in "".join(p.read_text(encoding="utf-8") for p in (project / "docs/ja/terms").rglob("*.md"))
    # The privacy policy without its complaints article is reported, in its own folder.
    complaints = project / "docs/ja/privacy/articles/06.md"
    complaints.write_text(complaints.read_text(encoding="utf-8").replace("苦情", "ご意見"), encoding="utf-8")
    status, output = _verify(project)
    assert status == 1 and "docs/ja/privacy/" in output and "docs/ja/terms/" not in output


def test_a_document_without_its_folder_is_named(tmp_path):
    project = documents_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("          folder: terms\n", ""), encoding="utf-8")
    status, output = _verify(project)
    assert status == 2 and "mkdocs.yml:" in output and "document 'terms'" in output and "folder: terms" in output

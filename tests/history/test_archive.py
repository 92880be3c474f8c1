"""The archive of revisions: the manifest, reading revisions, the tamper check."""
import shutil
from pathlib import Path

import pytest

from scripts.history import archive
from tests.conftest import FIXTURES, ORG, ROOT

HISTORY = FIXTURES / "history"


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(HISTORY / "revisions", tmp_path / "revisions")
    return tmp_path


def codes(root: Path) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in archive.check(root)]


def test_the_real_archive_and_the_fixtures_are_intact():
    assert archive.check(ROOT) == []
    assert archive.check(ORG) == []
    assert archive.check(HISTORY) == []
    assert [r.name for r in archive.read_archive(HISTORY)] == ["2024-04-01", "2025-07-01", "2027-01-01"]


def test_a_revision_reads_as_a_policy_in_both_languages():
    first = archive.read_archive(ORG)[0]
    assert first.name == "2024-04-01"
    for lang in ("ja", "en"):
        policy = first.policy(lang)
        assert len(policy.articles) == 7
        assert policy.effective_date().isoformat() == "2024-04-01"
    assert len(first.sha256) == 64


def test_the_revision_digest_changes_with_any_file(root):
    before = archive.read_archive(root)[0].sha256
    manifest = root / "revisions/SHA256SUMS"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    lines[0] = "0" * 64 + lines[0][64:]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert archive.read_archive(root)[0].sha256 != before


def test_a_changed_file_is_named(root):
    path = root / "revisions/2025-07-01/ja/articles/06.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n追記\n", encoding="utf-8")
    [finding] = archive.check(root)
    assert (finding.path, finding.code, finding.severity) == ("revisions/2025-07-01/ja/articles/06.md", "HIST001", "error")
    assert "no longer matches its sha256" in str(finding)


def test_a_missing_file_and_an_unlisted_file_are_named(root):
    (root / "revisions/2024-04-01/en/articles/07.md").unlink()
    (root / "revisions/2024-04-01/en/articles/08.md").write_text("# Article 13 (New)\n", encoding="utf-8")
    assert codes(root) == [("revisions/2024-04-01/en/articles/07.md", "HIST002"),
                           ("revisions/2024-04-01/en/articles/08.md", "HIST003")]


def test_a_malformed_manifest_is_reported_with_its_line(root):
    manifest = root / "revisions/SHA256SUMS"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    lines[2] = "not a hash  2024-04-01/ja/index.md"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [finding] = archive.check(root)
    assert (finding.path, finding.line, finding.code) == ("revisions/SHA256SUMS", 3, "HIST004")
    with pytest.raises(archive.ArchiveError):
        archive.read_archive(root)


def test_revision_folders_without_a_manifest_are_an_error(root):
    (root / "revisions/SHA256SUMS").unlink()
    assert codes(root)[0] == ("revisions/SHA256SUMS", "HIST004")


def test_no_archive_at_all_is_no_revisions(tmp_path):
    assert archive.read_archive(tmp_path) == []
    assert archive.check(tmp_path) == []


def test_the_manifest_accepts_every_language_of_the_site_and_names_any_other(root):
    manifest = root / "revisions/SHA256SUMS"
    first = manifest.read_text(encoding="utf-8").splitlines()[0]
    digest, path = first.split("  ", 1)
    rel = path.split("/", 2)[2]
    extra = root / "revisions/2024-04-01/ko" / rel
    extra.parent.mkdir(parents=True)
    shutil.copy2(root / "revisions" / path, extra)
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"{digest}  2024-04-01/ko/{rel}\n", encoding="utf-8")
    [finding] = archive.check(root)
    assert finding.code == "HIST004"
    assert f"2024-04-01/ko/{rel}: 'ko' is not a language of the site (mkdocs.yml's i18n languages: ja, en)" \
        in finding.message
    (root / "mkdocs.yml").write_text("plugins:\n  - i18n:\n      languages:\n        - locale: ja\n"
                                     "          default: true\n        - locale: en\n        - locale: ko\n",
                                     encoding="utf-8")
    assert archive.check(root) == []
    assert "ko" in archive.read_archive(root)[0].languages

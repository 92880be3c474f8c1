"""Only the repository's own files: a symlink is refused by the reader, the build, the archive and the importer."""
from __future__ import annotations

import os

from scripts.history import archive
from scripts.policy.files import LINK, links_under, outside
from tests.conftest import ORG, build_site, org_project, run_module

SECRET = "POLICY_SECRET_TOKEN=do-not-publish"


def _secret(tmp_path):
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def test_links_and_paths_outside_are_found(tmp_path):
    folder = tmp_path / "docs"
    (folder / "ja").mkdir(parents=True)
    (folder / "ja" / "a.md").write_text("x", encoding="utf-8")
    os.symlink(folder / "ja" / "a.md", folder / "ja" / "b.md")
    os.symlink(tmp_path, folder / "ja" / "up")
    assert links_under(folder) == [folder / "ja" / "b.md", folder / "ja" / "up"]
    assert not outside(folder / "ja" / "a.md", folder)
    assert outside(folder / "ja" / "b.md", folder)          # a link, even back inside
    assert outside(folder / "ja" / "up" / "x.md", folder)   # through a linked folder
    assert outside(tmp_path / "elsewhere.md", folder)


def test_verify_refuses_a_symlinked_article_and_never_quotes_it(tmp_path):
    project = org_project(tmp_path / "p")
    os.symlink(_secret(tmp_path), project / "docs/ja/articles/08.md")
    result = run_module("scripts.verify", cwd=project, env={"POLICY_TODAY": "2026-11-25"})
    assert result.returncode == 2
    assert f"docs/ja/articles/08.md: {LINK}" in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_verify_refuses_a_language_folder_that_is_a_link(tmp_path):
    project = org_project(tmp_path / "p")
    elsewhere = tmp_path / "en-elsewhere"
    os.rename(project / "docs/en", elsewhere)
    os.symlink(elsewhere, project / "docs/en")
    result = run_module("scripts.verify", cwd=project, env={"POLICY_TODAY": "2026-11-25"})
    assert result.returncode == 2 and "docs/en" in result.stdout + result.stderr and LINK in result.stdout + result.stderr


def test_the_build_publishes_no_file_behind_a_link(tmp_path):
    for place in ("docs/ja/history/leak.md", "docs/en/leak.md", "overrides/assets/leak.txt"):
        project = org_project(tmp_path / place.replace("/", "-"))
        (project / place).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(_secret(tmp_path / place.replace("/", "-")), project / place)
        site = tmp_path / place.replace("/", "-") / "site"
        result = build_site(project, site)
        assert result.returncode != 0, place
        assert place in result.stderr and LINK in result.stderr, result.stderr[-800:]
        published = [p for p in site.rglob("*") if p.is_file()] if site.is_dir() else []
        assert not any(SECRET in p.read_text(encoding="utf-8", errors="replace") for p in published), place
    # /proc/self/environ, the case that published the build's environment.
    project = org_project(tmp_path / "environ")
    (project / "docs/ja/history").mkdir(parents=True, exist_ok=True)
    os.symlink("/proc/self/environ", project / "docs/ja/history/leak.md")
    result = build_site(project, tmp_path / "environ" / "site")
    assert result.returncode != 0 and "docs/ja/history/leak.md" in result.stderr


def test_the_archive_reports_a_link_without_reading_it(tmp_path):
    project = org_project(tmp_path / "p")
    archived = sorted((project / "revisions").glob("*/ja/articles/01.md"))[0]
    archived.unlink()
    os.symlink(_secret(tmp_path), archived)
    findings = archive.check(project)
    assert [(f.code, f.path) for f in findings] == [("HIST005", archived.relative_to(project).as_posix())]
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "HIST005" in result.stderr


def test_the_importer_never_writes_through_a_link(tmp_path):
    target = _secret(tmp_path)
    out = tmp_path / "out"
    (out / "articles").mkdir(parents=True)
    os.symlink(target, out / "articles" / "01.md")
    result = run_module("scripts.import_policy", str(ORG / "sources" / "policy-page.txt"), "--out", str(out), "--force")
    assert result.returncode == 2, result.stderr
    assert "articles/01.md" in result.stderr and LINK in result.stderr and "nothing written" in result.stderr
    assert target.read_text(encoding="utf-8") == SECRET + "\n"
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["01.md"]

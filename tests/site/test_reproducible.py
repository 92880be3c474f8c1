"""Two builds of one commit with the same POLICY_TODAY are byte-identical, whatever the files' times."""
from __future__ import annotations

import datetime as dt
import gzip
import os

from scripts.site.plugin import build_epoch
from tests.conftest import BUILD_TODAY, build_site, org_project


def _files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = org_project(tmp_path / "project")
    first = build_site(project, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    # A later checkout: every file has another time.
    for path in project.rglob("*"):
        os.utime(path, (1_600_000_000, 1_600_000_000), follow_symlinks=False)
    second = build_site(project, tmp_path / "two")
    assert second.returncode == 0, second.stderr
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_the_sitemap_is_dated_by_the_build_day(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = org_project(tmp_path / "project")
    assert build_site(project, tmp_path / "site").returncode == 0
    packed = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(packed[4:8], "little") in (0, build_epoch(dt.date.fromisoformat(BUILD_TODAY)))
    assert gzip.decompress(packed).decode("utf-8") == (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")

"""A project with the three-revision fixture archive (2027-01-01 upcoming on the build day)."""
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_site, org_project

HISTORY = FIXTURES / "history" / "revisions"


def history_project(target: Path) -> Path:
    """The fixture organisation's project, its archive replaced by this fixture's and docs/ at the newest revision."""
    project = org_project(target)
    shutil.rmtree(project / "revisions")
    shutil.copytree(HISTORY, project / "revisions")
    for lang in ("ja", "en"):
        for path in (HISTORY / "2027-01-01" / lang).rglob("*.md"):
            shutil.copy2(path, project / "docs" / lang / path.relative_to(HISTORY / "2027-01-01" / lang))
    return project


def _built_on(tmp_path_factory, name: str, today: str) -> Path:
    base = tmp_path_factory.mktemp(name)
    project = history_project(base / "project")
    result = build_site(project, base / "site", today)
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.fixture(scope="session")
def history_site(tmp_path_factory) -> Path:
    """The fixture project built on 2026-11-25: 2025-07-01 current, 2027-01-01 announced."""
    return _built_on(tmp_path_factory, "history-site", "2026-11-25")


@pytest.fixture(scope="session")
def history_site_later(tmp_path_factory) -> Path:
    """The same project built on 2027-01-02: the announced revision is now current."""
    return _built_on(tmp_path_factory, "history-site-later", "2027-01-02")

"""The page stubs the build writes into docs/<lang>/history/: only when changed, never an editor's file."""
import datetime as dt
import shutil

from scripts.history import pages, timeline
from tests.history.conftest import HISTORY


def project(tmp_path):
    shutil.copytree(HISTORY, tmp_path / "revisions")
    for lang in ("ja", "en"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
    return tmp_path


def test_stubs_for_every_revision_and_diff(tmp_path):
    root = project(tmp_path)
    history = timeline.build(root, dt.date(2026, 11, 25))
    written = pages.sync_stubs(root / "docs", history)
    names = sorted(p.relative_to(root / "docs/ja").as_posix() for p in written if "/ja/" in p.as_posix())
    assert names == ["history/2024-04-01/index.md", "history/2025-07-01/diff.md", "history/2025-07-01/index.md",
                     "history/2025-07-01/table.md", "history/2027-01-01/diff.md", "history/2027-01-01/index.md",
                     "history/2027-01-01/table.md", "history/compare.md", "history/index.md"]
    past = (root / "docs/ja/history/2024-04-01/index.md").read_text(encoding="utf-8")
    assert "noindex: true" in past and "exclude: true" in past and pages.MARKER in past
    assert "noindex" not in (root / "docs/ja/history/2025-07-01/index.md").read_text(encoding="utf-8")


def test_stubs_are_written_only_when_they_change(tmp_path):
    root = project(tmp_path)
    pages.sync_stubs(root / "docs", timeline.build(root, dt.date(2026, 11, 25)))
    assert pages.sync_stubs(root / "docs", timeline.build(root, dt.date(2026, 11, 25))) == []
    # On the upcoming revision's date its page loses noindex: only the pages whose status changed.
    changed = pages.sync_stubs(root / "docs", timeline.build(root, dt.date(2027, 1, 1)))
    assert sorted(p.relative_to(root / "docs").as_posix() for p in changed) == [
        "en/history/2025-07-01/index.md", "en/history/2027-01-01/index.md",
        "ja/history/2025-07-01/index.md", "ja/history/2027-01-01/index.md"]


def test_stale_stubs_go_and_an_editors_file_stays(tmp_path):
    root = project(tmp_path)
    folder = root / "docs/ja/history"
    (folder / "1999-01-01").mkdir(parents=True)
    (folder / "1999-01-01/index.md").write_text(f"---\n{pages.MARKER}\npage: history\n---\n", encoding="utf-8")
    (folder / "notes.md").write_text("# 編集者のメモ\n", encoding="utf-8")
    pages.sync_stubs(root / "docs", timeline.build(root, dt.date(2026, 11, 25)))
    assert not (folder / "1999-01-01").exists()
    assert (folder / "notes.md").read_text(encoding="utf-8") == "# 編集者のメモ\n"


def test_statuses_follow_the_day():
    def statuses(day):
        return [(e.name, e.status) for e in timeline.build(HISTORY.parent, day).entries]
    assert statuses(dt.date(2026, 11, 25)) == [("2024-04-01", "past"), ("2025-07-01", "current"),
                                                ("2027-01-01", "upcoming")]
    assert statuses(dt.date(2027, 1, 1)) == [("2024-04-01", "past"), ("2025-07-01", "past"),
                                              ("2027-01-01", "current")]
    assert statuses(dt.date(2021, 1, 1))[0] == ("2024-04-01", "upcoming")


def test_no_archive_still_gives_a_history_page(tmp_path):
    (tmp_path / "docs/ja").mkdir(parents=True)
    history = timeline.build(tmp_path, dt.date(2026, 11, 25))
    assert history.entries == [] and history.current is None
    text = pages.index_markdown(history, "en")
    assert text.startswith("# Version history") and "compare.md" in text

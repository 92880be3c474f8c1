"""The benchmarks' synthetic revisions (bench/history_revisions.py) give any document of any site,
in every language it has, an archive its build accepts."""
import datetime as dt

from bench import bench_documents
from scripts.history import archive, timeline
from scripts.policy import settings
from scripts.policy.reader import load_policy
from tests.conftest import run_module

LATER = dt.date(2030, 1, 1)


def test_each_document_of_the_test_site_gets_its_revisions_in_each_language(tmp_path):
    project = bench_documents.project(tmp_path / "project", 3)
    site = settings.load(project)
    assert site.languages == ("ja", "en", "ko")
    for doc in site.documents:
        folder = doc.archive(site.archive)
        assert archive.check(project, folder, site.languages) == [], doc.id
        history = timeline.build(project, LATER, folder, site.languages, doc.folder)
        first, *later = history.entries
        # The fixture's own first revision predates its Korean translation; the generated ones have it.
        assert len(later) == 2 and first.revision.languages == {"ja", "en"}
        assert all(entry.revision.languages == {"ja", "en", "ko"} for entry in later)
        for lang in site.languages:
            # The newest 附則 line of docs/ is the newest archived revision, as a release leaves it.
            policy = load_policy(project / "docs", lang, folder=doc.folder)
            assert max(r.date for r in policy.revisions) == later[-1].date, (doc.id, lang)
            assert all(history.comparison(entry, lang).changed_ids() for entry in later), (doc.id, lang)
    korean = (project / "docs/ko/terms/appendix.md").read_text(encoding="utf-8")
    assert korean.rstrip().endswith("2025년 3월 2일 개정·시행"), korean
    # Every translation of the documents is marked up to date (the home page is none of theirs).
    marked = run_module("scripts.translation", "status", "docs/ja/privacy", "docs/ja/terms", cwd=project)
    assert marked.returncode == 0, marked.stdout

"""The compare page's comparisons, computed at build time, are exactly the diff pages' (one engine)."""
import datetime as dt
import json
import subprocess
import sys

import pytest

from scripts.history import pairs, render, timeline
from scripts.policy.compare import compare_policies
from tests.conftest import ROOT
from tests.history.conftest import history_project


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Eight synthetic revisions (phrases changed, items added and removed, renumbering)."""
    out = tmp_path_factory.mktemp("pairs") / "project"
    result = subprocess.run([sys.executable, "-m", "bench.history_revisions", str(out), "--count", "8"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_pair_assembles_to_the_engines_comparison(generated, lang):
    history = timeline.build(generated, dt.date(2030, 1, 1))
    store, table = pairs.all_pairs(history, lang)
    count = 0
    for old in history.entries:
        for new in history.entries:
            if new.date <= old.date:
                assert new.name not in table[old.name]["to"]  # only earlier → later
                continue
            expected = render.html_comparison(
                compare_policies(history.policy(old, lang), history.policy(new, lang)), lang)
            assert store.assemble(table[old.name], new.name) == expected, (old.name, new.name)
            count += 1
    assert count == 8 * 7 // 2
    # Each version's clauses are rendered once, whatever the number of pairs that show them.
    assert len(store.versions) <= sum(len(set(pairs.fingerprint(d) for d in history.policy(e, lang).documents))
                                      for e in history.entries)


def test_what_is_stored_grows_with_the_versions_not_with_the_pairs(generated):
    """The appendix gains a line in every revision: its comparisons are ranges of its versions' lines."""
    history = timeline.build(generated, dt.date(2030, 1, 1))
    store, table = pairs.all_pairs(history, "ja")
    first, last = history.entries[0].name, history.entries[-1].name
    appendix = next(s for s in (table[first]["sections"][i] for i in table[first]["to"][last]["docs"])
                    if "附則" in table[first]["heads"][s[0]])
    # Lines of the first revision unchanged, the seven added since inserted: two ranges, no text.
    assert appendix[3] == [["=", 0, 1], ["+", 1, 8]]
    assert len(store.versions[appendix[1]]["="]) == 8


def test_written_files_reassemble_the_fixture_diff(tmp_path):
    project = history_project(tmp_path / "project")
    history = timeline.build(project, dt.date(2026, 11, 25))
    folder = tmp_path / "data"
    pairs.write(folder, history, "ja")
    table = json.loads((folder / "pairs" / "2024-04-01.json").read_text(encoding="utf-8"))
    store = pairs.Store("ja")
    for path in (folder / "versions").glob("*.json"):
        store.versions[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    old, new = history.entry("2024-04-01"), history.entry("2025-07-01")
    expected = render.html_comparison(history.comparison(new, "ja"), "ja")
    assert old is new.previous and store.assemble(table, "2025-07-01") == expected
    assert "<del>1,100円</del><ins>1,000円</ins>" in expected

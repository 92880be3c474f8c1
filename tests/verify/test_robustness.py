"""Whatever an editor types into a file, verify answers with findings or exit 2, never a traceback."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.verify.__main__ import main
from tests.verify.helpers import policy_copy

# Text built from the characters policies are made of, so examples hit the parsers' paths.
PIECES = st.sampled_from(["第", "条", "項", "号", "前", "次", "各", "１", "2", "３", "．", "（", "）", "(", ")",
                          "年", "月", "日", "令和", "元", "R", ".", "/", "〒", "-", "ー", "施行", "改定", "制定",
                          "＜宛先＞", "[Address]", "事業者名：", "住所：", "代表取締役：", "https://", "\n", "\n\n",
                          "# ", "---\n", ": ", "①", "一", "円", "30", "Article ", "paragraph (", "April 1, 2022"])
TEXT = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=60).map("".join))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=TEXT, appendix=TEXT, english=TEXT)
def test_any_text_gives_an_answer_never_an_exception(tmp_path_factory, monkeypatch, capsys, article, appendix, english):
    repo = policy_copy(tmp_path_factory.mktemp("repo"))
    (repo / "docs/ja/articles/06.md").write_text(article, encoding="utf-8")
    (repo / "docs/ja/appendix.md").write_text(appendix, encoding="utf-8")
    (repo / "docs/en/articles/12.md").write_text(english, encoding="utf-8")
    monkeypatch.chdir(repo)
    capsys.readouterr()   # output of the previous example
    status = main(["--format", "json"])
    out, err = capsys.readouterr()
    if status == 2:
        assert out == "" and "cannot read the policy" in err
    else:
        errors = [f for f in json.loads(out or "[]") if f["severity"] == "error"]
        assert status == (1 if errors else 0)
    assert main(["--format", "github"]) == status

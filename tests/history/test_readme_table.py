"""The 新旧対照表 and Word commands this site's README shows run as written on its own archive.

They name this site's revisions (2022-04-01), so a new organisation's project does not get this
module (scripts/new_site/manifest.yml: leave_out); the commands themselves are tested on the
history fixture (tests/history/test_table.py: test_cli_table_and_word_file).
"""


def test_the_readme_table_commands_run_as_written(tmp_path):
    import shlex
    import subprocess
    import sys

    from tests.conftest import ROOT, copy_project
    history_root = copy_project(tmp_path / "project")  # the README names this repository's revisions
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines()
                if line.startswith(".venv/bin/python -m scripts.diff") and "--format table" in line
                or line.startswith(".venv/bin/python -m scripts.diff") and "--format docx" in line]
    assert len(commands) == 2
    for command in commands:
        args = shlex.split(command)
        result = subprocess.run([sys.executable, *args[1:]], cwd=history_root, capture_output=True, text=True,
                                env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
        assert result.returncode in (0, 1), result.stderr
        output = history_root / args[args.index("--output") + 1]
        assert output.is_file() and output.stat().st_size > 1000

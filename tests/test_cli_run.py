"""scripts/cli.py: how every command ends."""
import pytest

from scripts.cli import run_command


def ending(main):
    with pytest.raises(SystemExit) as exit_:
        run_command(main, "tool")
    return exit_.value.code


def test_the_command_status_is_the_exit_status():
    assert ending(lambda: 0) == 0
    assert ending(lambda: 1) == 1


def test_an_unexpected_error_is_one_line_and_status_2(capsys):
    def broken():
        raise ValueError("bad value")
    assert ending(broken) == 2
    err = capsys.readouterr().err
    assert err == "tool: unexpected problem, nothing was changed: ValueError: bad value\n"


def test_interrupt_and_closed_pipe(monkeypatch):
    def interrupted():
        raise KeyboardInterrupt
    assert ending(interrupted) == 130

    def closed():
        raise BrokenPipeError
    import sys
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # run() replaces stdout; restore it after
    assert ending(closed) == 0

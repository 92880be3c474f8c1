"""The rule registry: each code declared once, with a severity and a scope; a site's severities applied."""
from __future__ import annotations

import pytest

from scripts.policy import rules
from scripts.policy.finding import ERROR, WARNING, Finding
from scripts.verify.codes import registry


def test_every_code_is_declared_once_with_a_known_severity_and_scope():
    table = registry()
    assert len(table) >= 45
    for code, declared in table.items():
        assert code == declared.code
        assert declared.severity in rules.SEVERITIES and declared.scope in rules.SCOPES
        assert declared.explanation and "\n" not in declared.explanation


def test_hist_and_cfg_codes_join_the_registry():
    table = registry()
    assert {"HIST001", "HIST002", "HIST003", "HIST004", "CFG001", "CFG002", "CFG003"} <= set(table)
    assert table["APPI004"].document_type == "privacy-policy"


def test_a_code_declared_twice_is_refused():
    twice = [rules.rule("X001", ERROR, rules.EACH_LANGUAGE, "a"), rules.rule("X001", ERROR, rules.ARCHIVE, "b")]
    with pytest.raises(ValueError, match="X001 is declared twice"):
        rules.index(twice)


def test_a_rule_with_an_unknown_severity_or_scope_is_refused():
    with pytest.raises(ValueError):
        rules.rule("X001", "fatal", rules.EACH_LANGUAGE, "a")
    with pytest.raises(ValueError):
        rules.rule("X001", ERROR, "everything", "a")


def test_a_site_severity_changes_or_drops_findings():
    found = [Finding("a.md", 1, "STY001", WARNING, "half-width"), Finding("a.md", 2, "ADDR001", ERROR, "unknown"),
             Finding("a.md", 3, "REV001", ERROR, "date")]
    applied = rules.apply(found, {"STY001": ERROR, "ADDR001": rules.OFF})
    assert [(f.code, f.severity) for f in applied] == [("STY001", ERROR), ("REV001", ERROR)]

"""Printing findings: plain text for people, JSON for programs, annotations for GitHub Actions."""
from __future__ import annotations

import json
from dataclasses import asdict

from scripts.policy.finding import Finding


def text(findings: list[Finding]) -> str:
    return "\n".join(str(f) for f in findings)


def as_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding]) -> str:
    """Workflow commands: ``::error file=…,line=…,title=CODE::message``."""
    lines = []
    for f in findings:
        level = "error" if f.severity == "error" else "warning"
        props = [f"file={_escape_property(f.path)}"]
        if f.line > 0:
            props.append(f"line={f.line}")
        props.append(f"title={_escape_property(f.code)}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(f.message)}")
    return "\n".join(lines)


FORMATS = {"text": text, "json": as_json, "github": github}


def summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return "verify: the policy is consistent (no findings)"
    return f"verify: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"

"""The company's name for the page header and titles, from the company data file.

The policy names its operator in 第１２条; the header and every <title> name it too, read
from the same file verify checks the policy against (data/company.yml), never typed twice.
A missing or unreadable file gives no name here: verify reports it and stops the build.
"""
from __future__ import annotations

from pathlib import Path

import yaml

COMPANY_FILE = Path("data") / "company.yml"


def company_name(project: Path, lang: str) -> str:
    try:
        data = yaml.safe_load((Path(project) / COMPANY_FILE).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    entry = data.get(lang) if isinstance(data, dict) else None
    name = entry.get("name") if isinstance(entry, dict) else None
    return str(name).strip() if name else ""

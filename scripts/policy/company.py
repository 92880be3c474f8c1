"""The organisation's data file (data/company.yml by default): its name, address and contact, per language."""
from __future__ import annotations

from pathlib import Path

from . import yamltext
from .reader import PolicyError, read_text


def read_company(path: Path, display: str) -> tuple[dict, str]:
    """(data, text) of the data file; anything unreadable is a PolicyError naming the file and line."""
    text = read_text(path, display, missing="company data file not found")
    data = yamltext.load(text, display) or {}
    if not isinstance(data, dict):
        raise PolicyError(display, 1, "the company data file must be a mapping of 'key: value' lines")
    return data, text


def names(data: dict) -> dict[str, str]:
    """The organisation's name in each language the file gives one for."""
    return {lang: str(entry["name"]) for lang, entry in data.items()
            if isinstance(entry, dict) and entry.get("name")}

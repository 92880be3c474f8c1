"""The interface sentences the templates show, per language: the locale registry's (scripts/policy/locales/)."""
from __future__ import annotations

from ..policy import locale


def strings(lang: str) -> dict:
    return locale.load(lang).site

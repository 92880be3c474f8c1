"""Interface words of the history pages and the diff output, per language: the locale registry's
``history:`` words (scripts/policy/locales/<code>.yml)."""
from __future__ import annotations

from ..policy import locale


def words(lang: str) -> dict:
    """Raises locale.LocaleError for a language the registry has no entry for (never another's words)."""
    return locale.load(lang).history

"""YAML written by an editor (front matter, the company data file, change notices), read safely.

PyYAML raises more than ``YAMLError`` on a slip: ``reviewed: 2022-02-30`` and ``!!int abc`` raise
ValueError from its constructors, and 5,000 nested brackets RecursionError. Each becomes a
``PolicyError`` naming the file and the line, where the text is read, never a traceback.
"""
from __future__ import annotations

import yaml

from .errors import PolicyError


class _Loader(yaml.SafeLoader):
    """SafeLoader whose value constructors report a bad value with its position."""


def _guarded(tag: str, what: str):
    construct = yaml.SafeLoader.yaml_constructors[tag]

    def guarded(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as err:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a valid {what} ({err})", node.start_mark) from None
    return guarded


for _tag, _what in (("tag:yaml.org,2002:timestamp", "date"), ("tag:yaml.org,2002:int", "whole number"),
                    ("tag:yaml.org,2002:float", "number")):
    _Loader.add_constructor(_tag, _guarded(_tag, _what))


def load(text: str, display: str, first_line: int = 1, what: str = "not valid YAML"):
    """The YAML document in ``text`` (whose first line is line ``first_line`` of the file)."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        line = first_line + mark.line if mark else first_line
        raise PolicyError(display, line, f"{what}: {problem}") from None
    except RecursionError:
        raise PolicyError(display, first_line + _deepest_line(text), f"{what}: nested too deeply (brackets or "
                          "indentation); write plain 'key: value' lines") from None


def _deepest_line(text: str) -> int:
    """The offset of the line with the most opening brackets: where the nesting is."""
    lines = text.split("\n")
    counts = [line.count("[") + line.count("{") for line in lines]
    return counts.index(max(counts)) if counts else 0

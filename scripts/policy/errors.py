"""The one error of input that cannot be read at all."""
from __future__ import annotations


class PolicyError(Exception):
    """Input that cannot be read at all: a missing file, bad encoding, broken YAML."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message

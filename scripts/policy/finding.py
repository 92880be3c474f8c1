"""A problem found in the policy, as a legal editor reads it: ``path:line: CODE severity message``."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    code: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.severity} {self.message}"


def quote(text: str, width: int = 60) -> str:
    """The offending text, shortened, in Japanese quotation marks."""
    text = " ".join(text.split())
    return "「" + (text if len(text) <= width else text[: width - 1] + "…") + "」"

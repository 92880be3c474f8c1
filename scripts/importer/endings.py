"""The end of a policy as written: its revision record (制定 / 改定 / 施行 and dates).

Real policies close in many ways: ``附則`` then ``2024 年 4 月 1 日 制定・施行``;
``以上`` then ``2023年7月1日改訂``, or ``以上 2022年4月1日`` on one line;
``【制定日】 ２０２１年７月１日``; ``制定 平成２３年 ６月 ７日`` padded with
ideographic spaces; ``令和5年11月7日現在``; ``- Effective 2024-04-01``; or a bullet
``制定: 2024年3月1日`` at the top. Dates are read by the policy core (和暦 and
full-width digits included); this module only tells such lines from sentences.
"""
from __future__ import annotations

import re
import unicodedata

from ..policy.dates import read_date, read_events
from .language import closing, revision_noise

SIGNATURE = re.compile(r"(株式会社|有限会社|合同会社|法人|協会|組合|代表|取締役|理事|社長|会長|"
                       r"Inc\.?|Co\.|Ltd\.?|LLC|Corporation|CEO|President|Representative)")


def is_revision_line(text: str) -> bool:
    """A line that is a date and what happened on it, with nothing else of substance."""
    reading = read_date(text)
    if not reading.written:
        return False
    rest = text.replace(reading.written, " ", 1)
    if reading.written not in text:
        # The reading folds full-width digits and spaces: compare on the folded text.
        folded = unicodedata.normalize("NFKC", text)
        rest = folded.replace(reading.written, " ", 1) if reading.written in folded else folded
    return len(revision_noise().sub("", rest)) <= 1


def is_provision(text: str) -> bool:
    """A closing sentence that dates the text: '本規約は、2024年4月1日から施行します。'."""
    return (len(text) <= 80 and bool(read_date(text).written) and bool(read_events(text))
            and bool(re.search(r"から|より|をもって|\bfrom\b|\bon\b|\bas of\b", text)))


def is_ending_line(text: str) -> bool:
    return is_revision_line(text) or bool(closing().match(text.strip())) or is_provision(text)


def is_signature(text: str) -> bool:
    return len(text) <= 40 and "。" not in text and bool(SIGNATURE.search(text))

"""Japanese as pairs of characters, the same at build time (Python) and in the browser (JS)."""
from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest

from scripts.site.segment import pairs, segment
from tests.conftest import ROOT

SEGMENTER_JS = ROOT / "overrides" / "assets" / "javascripts" / "policy-segment.js"


def words(text: str) -> list[str]:
    return segment(text).split()


def test_a_run_of_kana_and_kanji_becomes_its_overlapping_pairs():
    assert words("アクセスログ") == ["アク", "クセ", "セス", "スロ", "ログ", "グ"]
    assert pairs("を") == ["を"]


def test_every_part_of_a_compound_is_found_by_its_own_pairs():
    index = set(words("通信日時、IPアドレス、アクセスログ"))
    for query in ("ログ", "アドレス", "IPアドレス", "信日"):
        # Pagefind matches each query word as the start of an indexed word.
        assert all(any(w.startswith(q) for w in index) for q in words(query)), query


def test_letters_and_digits_stay_whole_words_beside_japanese():
    assert words("Google Analyticsを利用") == ["Google", "Analytics", "を利", "利用", "用"]
    assert words("5,500円（税込）") == ["5,500", "円", "(", "税込", "込", ")"]


def test_full_width_and_half_width_forms_are_one_word():
    assert words("第１条") == words("第1条") == ["第", "1", "条"]
    assert words("ｱｸｾｽﾛｸﾞ") == words("アクセスログ")
    assert words("ＩＰ") == ["IP"]


def test_the_middle_dot_and_punctuation_separate_words():
    assert words("当社の情報・お問い合わせ窓口") == words("当社の情報") + ["・"] + words("お問い合わせ窓口")
    assert words("通信日時、IPアドレス") == ["通信", "信日", "日時", "時", "、", "IP", "アド", "ドレ", "レス", "ス"]


def test_every_character_of_a_run_begins_an_indexed_word():
    # Pagefind may cut a query's pair in two and matches each piece as the start of a word.
    index = words("事業者名：アズポケット株式会社")
    for piece in "事業者名アズポケット株式会社":
        assert any(word.startswith(piece) for word in index), piece


def _samples() -> list[str]:
    alphabet = ("アクセスログ個人情報の開示を求めるとき々〆ー・、。（）「」ｱｸｾｽﾛｸﾞＩＰ１２３"
                "abcXYZ 0123,.'-　\u3000\u30fb\u309d\u4e00\u9fff\uf900\u3400")
    rng = random.Random(7)
    fixed = ["", "を", "第６条（個人情報の開示）", "IPアドレス、cookie", "5,500円", "伊丹　浩", "ヽヾゝゞ"]
    return fixed + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(300)]


def test_the_browser_makes_the_same_words_as_the_build(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run policy-segment.js (it installs the browser test tools too)",
                    pytrace=False)
    module = tmp_path / "segment.mjs"  # Node 20 reads `export` only from .mjs files
    shutil.copy(SEGMENTER_JS, module)
    samples = _samples()
    (tmp_path / "samples.json").write_text(json.dumps(samples), encoding="utf-8")
    script = ("import {segment} from './segment.mjs'; import {readFileSync} from 'node:fs';"
              "const s = JSON.parse(readFileSync('samples.json', 'utf8'));"
              "process.stdout.write(JSON.stringify(s.map(segment)));")
    result = subprocess.run([node, "--input-type=module", "-e", script], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    browser = json.loads(result.stdout)
    for sample, js in zip(samples, browser):
        assert js == segment(sample), sample

"""The thesaurus of everyday words (govkb.words_thesaurus, and its acts: govkb.words_acts) keeps its own rules, checked against the real policy
library: a key is what people say, not what the laws write; each word it stands for is the laws' own."""

from __future__ import annotations

import re

import pytest

from govkb.text import expand_abbreviations
from govkb.words import ABBREVIATIONS, EVERYDAY
from govkb.words_acts import ACTS
from govkb.words_stories import STORY_WORDS
from govkb.words_thesaurus import THESAURUS
from tests.policy import LIBRARY, needs_library

TABLE = {**THESAURUS, **ACTS}

pytestmark = needs_library


@pytest.fixture(scope="module")
def library_lines() -> list[str]:
    lines = [line for path in sorted(LIBRARY.rglob("*.md")) if path.name != "SOURCES.md"
             for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 10_000  # the whole policy library, not a stray file
    return lines


def test_a_key_is_said_not_written(library_lines: list[str]) -> None:
    # A word the laws use themselves needs no bridge, and one they use often would add their terms to every
    # question that says it.
    written = {k: n for k in TABLE if (n := sum(k in line for line in library_lines)) > 2}
    assert not written, written


def test_each_word_a_key_stands_for_is_the_librarys_own(library_lines: list[str]) -> None:
    text = "\n".join(library_lines)
    absent = {k: t for k, v in TABLE.items() for t in v.split(" ") if t not in text}
    assert not absent, absent


def test_keys_are_short_everyday_phrases_with_one_to_three_words_each() -> None:
    bad = {k: v for k, v in TABLE.items()
           if not re.fullmatch(r"[\u4e00-\u9fff]{2,5}", k) or not 1 <= len(v.split(" ")) <= 3 or "" in v.split(" ")
           or k in v.split(" ")}
    assert not bad, bad


def test_the_thesaurus_adds_to_the_other_tables_and_is_expanded_both_ways() -> None:
    assert not set(THESAURUS) & set(ACTS)
    assert not set(TABLE) & (set(STORY_WORDS) | set(ABBREVIATIONS))
    assert {k: EVERYDAY[k] for k in TABLE if EVERYDAY[k] != TABLE[k]} == {}  # none shadowed by words.py
    # A question in everyday words is searched with the laws' words added, and a law's sentence is scored as
    # saying the everyday word.
    assert {"私拉电线", "充电"} <= set(expand_abbreviations("楼道里飞线充电怎么管？").split())
    assert "私了" in expand_abbreviations("双方当事人自行和解的，应当记录。", reverse=True).split()
    assert "挨罚" in expand_abbreviations("处五百元以上一千元以下罚款。", reverse=True).split()


def test_the_indexed_lookup_finds_exactly_what_a_scan_of_every_pair_finds(library_lines: list[str]) -> None:
    from govkb import text

    def scan(line: str, reverse: bool) -> str:
        extra = [b for a, b in (text._REVERSE if reverse else text._FORWARD) if a in line and b not in line]
        return line if not extra else line + " " + " ".join(dict.fromkeys(extra))

    lines = library_lines[::7] + ["我妈住院了，医药费谁出？", "楼道里飞线充电怎么管？", "狗", "居委会"]
    assert sum(scan(line, False) != line for line in lines) > 100  # the sample does exercise the pairs
    for reverse in (False, True):
        assert [line for line in lines if text.expand_abbreviations(line, reverse=reverse) != scan(line, reverse)] == []

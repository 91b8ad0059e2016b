"""A figure a question tells (死了12个人, 损失3000万) and the ranges a law's sentence sets (10人以上30人以下,
5000万元以上1亿元以下): the sentence whose range holds the figure says which grade or which penalty applies."""

from __future__ import annotations

import re
from decimal import Decimal

from app.numerals import CN_CHARS, cn_value

_NUM = rf"\d+(?:\.\d+)?|[{CN_CHARS}]+"
# Units a grade or a fine is counted in, as a question says them (个人, 块钱) and as laws write them.
_UNITS = {"人": "人", "个人": "人", "名": "人", "元": "元", "块": "元", "块钱": "元", "辆": "辆", "小时": "小时", "户": "户",
          "头": "头", "只": "只", "吨": "吨"}
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
# A figure told: 12个人, 3000万, 两万块钱, 5辆. 万 or 亿 with no unit after it is money (损失了3000万); 几百块, 数千人,
# 上百户 tell none.
_TOLD = re.compile(rf"(?<![第几数上成\d{CN_CHARS}])({_NUM})(?:多|余)?([万亿])?({_UNIT})?")
# A range a sentence sets: 10人以上30人以下, 二千元以上二万元以下, 30人以上 (open above), 3人以下 (open below).
_BOUND = rf"({_NUM})([万亿])?({_UNIT})?"
_CLOSED = re.compile(rf"{_BOUND}以上(?:[，,、]?)?{_BOUND}以下")
_OPEN = re.compile(rf"{_BOUND}(以上|以下)")


def _value(num: str, big: str | None) -> Decimal | None:
    if num[0].isdigit():
        value = Decimal(num)
    else:
        n = cn_value(num)
        if n is None:
            return None
        value = Decimal(n)
    return value * {"万": 10**4, "亿": 10**8}.get(big or "", 1)


def told_figures(question: str) -> list[tuple[Decimal, str]]:
    """The figures a question tells, with their units (12个人 -> (12, 人); 3000万 -> (30000000, 元))."""
    out = []
    for m in _TOLD.finditer(question):
        num, big, unit = m.groups()
        if not unit and not big:
            continue
        value = _value(num, big)
        # 一个人 tells who (alone), not how many; 百 / 千 alone are 上百 / 成千, no figure.
        if value is not None and value > 0 and (big or num not in ("一", "百", "千", "万")):
            out.append((value, _UNITS[unit] if unit else "元"))
    return out


# What a range counts, when the words after it say (10人以上30人以下死亡): a question that tells of deaths (死了12个人)
# is held only by a range of deaths, not of injuries.
_OUTCOMES = {"死亡": "死", "重伤": "伤", "受伤": "伤", "失踪": "失踪", "中毒": "毒"}


def fit(sentence: str, question: str, figures: list[tuple[Decimal, str]]) -> int:
    """1 if a range the sentence sets holds one of `figures` (以上 counts the bound, 以下 does not, as the laws on
    grades say), -1 if it sets ranges of the same kind and none holds them, else 0. 造成10人以上30人以下死亡 holds
    死了12个人; 造成3人以上10人以下死亡 does not; 处二千元以上二万元以下的罚款 holds 罚了五千块钱."""
    if not figures or ("以上" not in sentence and "以下" not in sentence):
        return 0
    ranges: list[tuple[Decimal | None, Decimal | None, str]] = []
    spans: list[tuple[int, int]] = []
    for m in _CLOSED.finditer(sentence):
        lo_num, lo_big, lo_unit, hi_num, hi_big, hi_unit = m.groups()
        lo, hi = _value(lo_num, lo_big), _value(hi_num, hi_big)
        spans.append(m.span())
        _add(ranges, sentence, m.end(), question, _UNITS.get(hi_unit or lo_unit or "", ""), lo, hi)
    for m in _OPEN.finditer(sentence):
        if not any(a <= m.start() < b for a, b in spans):
            num, big, unit, side = m.groups()
            value = _value(num, big)
            _add(ranges, sentence, m.end(), question, _UNITS.get(unit or "", ""),
                 value if side == "以上" else None, value if side == "以下" else None)
    comparable = [(v, lo, hi) for v, u in figures for lo, hi, unit in ranges if unit == u]
    if not comparable:
        return 0
    return 1 if any((lo is None or v >= lo) and (hi is None or v < hi) for v, lo, hi in comparable) else -1


def _add(ranges: list[tuple[Decimal | None, Decimal | None, str]], sentence: str, end: int, question: str, unit: str,
         lo: Decimal | None, hi: Decimal | None) -> None:
    """Keep a range with a unit, unless what it counts (死亡, 重伤) is not what the question tells of."""
    outcome = next((cue for word, cue in _OUTCOMES.items() if sentence.startswith(word, end)), "")
    if unit and (lo is not None or hi is not None) and (not outcome or outcome in question):
        ranges.append((lo, hi, unit))

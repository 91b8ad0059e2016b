"""Numbers in Chinese text as comparable values: 3700余户 = 三千七百余户, 第十二条 = 第12条, 二〇二四年 = 2024年."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)
# Measure words and units a number can carry; the longest first so 个月 wins over 个.
UNITS = sorted(
    """% ‰ 周年 个月 平方米 公里 千米 小时 分钟 年 月 日 号 天 周 岁 户 人 名 位 个 项 条 款 章 节 编 次 种 类 支 家 所
    处 件 台 辆 套 批 届 期 轮 级 层 栋 幢 元 倍 成 米 张 座 间 组 队 篇 部 册 份 道 班 方面 张 大 区 村 社 星""".split(),
    key=len,
    reverse=True,
)
# A lone 一 is mostly an article (一个、一种、一批): it counts as a number only with these units.
ONE_UNITS = {"年", "个月", "月", "日", "天", "周", "周年", "岁", "户", "人", "名", "位", "倍", "元", "%", "小时", "分钟"}
ARTICLE_UNITS = {"条", "款", "章", "节", "编", "项"}
_UNIT = "|".join(re.escape(u) for u in UNITS)
_EXPR = re.compile(
    rf"(?P<ord>第)?(?:(?P<pct>百分之)(?P<pnum>[{CN_CHARS}]+)|(?P<arabic>\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<big>[万亿])?"
    rf"|(?P<cn>[{CN_CHARS}]+))(?P<q>[余多])?(?P<unit>{_UNIT})?"
)
_IDIOMS = {"千万", "万万", "一一", "万一", "一再", "一切", "一起", "一直"}


@dataclass(frozen=True)
class Number:
    """A number as written (`text`) and as compared: ordinal mark, value, 余/多, unit."""

    text: str
    ordinal: bool
    value: str
    approx: str
    unit: str

    @property
    def key(self) -> tuple[bool, str, str, str]:
        return self.ordinal, self.value, self.approx, self.unit

    @property
    def is_article(self) -> bool:
        return self.ordinal and self.unit in ARTICLE_UNITS


def cn_numeral(n: int) -> str:
    """A number as a law writes its articles: 10 → 十, 18 → 十八, 105 → 一百零五, 110 → 一百一十."""
    digits = "零一二三四五六七八九"
    if n < 0 or n >= 10000:
        return str(n)
    if n < 10:
        return digits[n]
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d:
            if zero:
                out += "零"
            out += ("" if (d == 1 and unit == 10 and n < 20) else digits[d]) + name
            zero = False
        elif out:
            zero = True
    return out


def cn_value(s: str) -> int | None:
    """The value of a Chinese numeral: 三千七百 → 3700, 十二 → 12, 二〇二四 → 2024 (read digit by digit)."""
    if len(s) > 1 and all(ch in CN_DIGITS for ch in s):
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[ch]
            digit = None
        elif ch in CN_BIG:
            section += digit or 0
            total = (total + section) * CN_BIG[ch] if CN_BIG[ch] > 10**4 else total + section * CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _canonical(arabic: str, big: str | None) -> str | None:
    try:
        value = Decimal(arabic.replace(",", "")) * (CN_BIG[big] if big else 1)
    except InvalidOperation:
        return None
    return format(value.normalize(), "f")


def numbers(text: str, *, strict: bool = True) -> list[Number]:
    """Numbers in (NFKC-normalised) `text`. With strict=True, as in a claim: Chinese numerals count
    only with 第, a unit, or as a multi-character numeral, so 统一、一些、十分 are not numbers;
    strict=False lists every reading (for the passages a claim is compared with)."""
    found: list[Number] = []
    for m in _EXPR.finditer(text):
        ordinal, unit, approx = bool(m.group("ord")), m.group("unit") or "", m.group("q") or ""
        if m.group("pct"):
            v = cn_value(m.group("pnum"))
            if v is None:
                continue
            found.append(Number(m.group(0), ordinal, str(v), approx, "%"))
            continue
        if m.group("arabic"):
            value = _canonical(m.group("arabic"), m.group("big"))
            if value is not None:
                found.append(Number(m.group(0), ordinal, value, approx, unit))
            continue
        run = m.group("cn")
        if strict and not ordinal:
            if run in _IDIOMS or (not unit and (len(run) < 2 or set(run) <= {"一"})):
                continue
            if run == "一" and unit not in ONE_UNITS:
                continue
        v = cn_value(run)
        if v is not None:
            found.append(Number(m.group(0), ordinal, str(v), approx, unit))
    return found


def supported(claim: Number, support: list[Number]) -> bool:
    """A claimed number is supported when the passages hold the same value with the same 第, 余/多
    and unit; a bare number (no unit) only needs the same value."""
    if claim.unit or claim.approx or claim.ordinal:
        return any(s.key == claim.key for s in support)
    return any(s.value == claim.value for s in support)

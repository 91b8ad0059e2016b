"""Close-match tools for the quote check: content folding, approximate alignment, similarity, diffs, numbers, articles."""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from govkb.text import CJK

# Full-width and half-width punctuation count as the same when matching (offsets stay exact), and so
# do the kinds of quotation marks: a quotation inside a quotation turns “…” into ‘…’ or 「…」.
_FOLD = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?", "\u3000": " ",
                       "‘": "“", "’": "”", "「": "“", "」": "”", "『": "“", "』": "”"})
_SPACE = re.compile(r"\s")
_CONTENT = re.compile(f"[{CJK}A-Za-z0-9]")
NUMERALS = "零〇一二三四五六七八九十百千万亿两"
# Whole numbers are one diff token, so 七百 -> 五百 shows as one change and not as 七 -> 五.
_TOKEN = re.compile(f"\\d+(?:[.,]\\d+)*%?|[{NUMERALS}]+|.", re.S)
_NUMBER = re.compile(f"\\d+(?:\\.\\d+)?|[{NUMERALS}]+")
CLAUSE_END = "，,；;：:。！？!?…"
_ARTICLE = re.compile(
    f"^[ \\t\\u3000#]*(第[{NUMERALS}\\d]+条(?:之[{NUMERALS}]+)?)(?=[ \\t\\u3000]|$)"
    f"|^[ \\t\\u3000#]*第[{NUMERALS}\\d]+[编章节](?=[ \\t\\u3000]|$)",
    re.M,
)


@functools.cache
def fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch.translate(_FOLD))[:1] or ch


def normalised(text: str) -> tuple[str, list[int]]:
    """Text without white space and with punctuation width folded, plus each char's original offset."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if not ch.isspace():
            chars.append(fold(ch))
            where.append(i)
    return "".join(chars), where


def normalised_text(text: str) -> str:
    """The string of `normalised(text)` without the offsets, at C speed (str.translate over a table
    of the distinct characters): the exact search keeps one per stored document."""
    table = {ord(c): (None if c.isspace() else fold(c)) for c in set(text)}
    return text.translate(table)


def original_offset(text: str, i: int) -> int:
    """Where the i-th character of `normalised_text(text)` is in `text` (only white space is dropped
    there, so it is i plus the white space before it)."""
    spaces = [m.start() for m in _SPACE.finditer(text)]
    p = i
    while True:
        q = i + bisect.bisect_right(spaces, p)
        if q == p:
            return p
        p = q


def content(text: str) -> tuple[str, list[int]]:
    """Only the characters that carry words (CJK, letters, digits), folded, with their offsets:
    quotes and punctuation never decide whether two passages say the same thing."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = fold(ch)
        if _CONTENT.match(f):
            chars.append(f.lower())
            where.append(i)
    return "".join(chars), where


GAP_OPEN, GAP_EXTEND = 1.0, 0.25  # source text the quote leaves out: a dropped clause is one gap


def align(needle: str, hay: str) -> tuple[int, int, float]:
    """The substring hay[s:e] that aligns best with the whole of `needle`; returns (s, e, cost).
    Semi-global alignment (Sellers), one numpy row per needle character: a changed or added
    character costs 1, and a run of source characters the quote leaves out costs an affine gap
    (1 + 0.25 per character), so a quote that drops a clause still spans it instead of stopping short."""
    m, n = len(needle), len(hay)
    if m == 0 or n == 0:
        return 0, 0, float(m)
    end, cost = _best_end(needle, hay)
    back, _ = _best_end(needle[::-1], hay[:end][::-1])
    return end - back, end, cost


def _best_end(needle: str, hay: str) -> tuple[int, float]:
    codes = np.frombuffer(hay.encode("utf-32-le"), dtype=np.uint32)
    idx = np.arange(len(hay) + 1, dtype=np.float32)
    row = np.zeros(len(hay) + 1, dtype=np.float32)  # a match may start anywhere: row 0 costs nothing
    for i, ch in enumerate(needle, 1):
        best = np.empty_like(row)
        best[0] = i
        best[1:] = np.minimum(row[:-1] + (codes != ord(ch)), row[1:] + 1)
        # A gap over hay[k:j] after position k: min over k < j of best[k] + open + extend * (j - k).
        reach = np.minimum.accumulate(best - GAP_EXTEND * idx)
        gap = np.full_like(row, np.inf)
        gap[1:] = reach[:-1] + GAP_OPEN + GAP_EXTEND * idx[1:]
        row = np.minimum(best, gap)
    end = int(np.argmin(row))
    return end, float(row[end])


def _bigrams(s: str) -> Counter[str]:
    return Counter(s[i : i + 2] for i in range(len(s) - 1))


def similarity(quote: str, source: str) -> float:
    """How close two content strings are, 0..1: the mean of the character alignment ratio
    (order-sensitive: catches changed and dropped words) and the bigram Dice overlap
    (order-free: a swapped word order keeps nearly all bigrams)."""
    if not quote or not source:
        return 0.0
    ratio = difflib.SequenceMatcher(None, quote, source, autojunk=False).ratio()
    a, b = _bigrams(quote), _bigrams(source)
    total = sum(a.values()) + sum(b.values())
    dice = 2 * sum((a & b).values()) / total if total else float(quote == source)
    return (ratio + dice) / 2


def snap(text: str, start: int, end: int, lo: int, hi: int, reach: int = 60) -> tuple[int, int]:
    """Widen text[start:end] to whole clauses (not over 、, which only separates list items) when the
    clause edge is within `reach` characters: a word or a clause the quote dropped then shows in the
    diff as missing. Stays within [lo, hi); the edges are then trimmed to the words and paired marks."""
    a = start
    while a > lo and start - a < reach and text[a - 1] not in CLAUSE_END and text[a - 1] != "\n":
        a -= 1
    if a == lo or text[a - 1] in CLAUSE_END or text[a - 1] == "\n":
        head = _ARTICLE.match(text, a)  # an article's number is not part of the sentence quoted
        start = max(head.end(), a) if head and head.end() <= start else a
    b = end
    while b < hi and b - end < reach and text[b] not in CLAUSE_END and text[b] != "\n":
        b += 1
    if b == hi or text[b] in CLAUSE_END or text[b] == "\n":
        end = b
    return balance(text, start, end)


PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")"}


def balance(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] trimmed to its first and last word character, then widened by one mark on
    either side where that closes a pair the span leaves open (三管”是指 -> “三管”是指)."""
    _, where = content(text[start:end])
    if not where:
        return start, start
    start, end = start + where[0], start + where[-1] + 1
    span = text[start:end]
    if start > 0 and text[start - 1] in PAIRS and span.count(PAIRS[text[start - 1]]) > span.count(text[start - 1]):
        start -= 1
    closers = {v: k for k, v in PAIRS.items()}
    if end < len(text) and text[end] in closers and span.count(closers[text[end]]) > span.count(text[end]):
        end += 1
    return start, end


# --- differences ---------------------------------------------------------------------
@dataclass
class DiffOp:
    op: str  # "equal", "missing" (in the source, not in the quote), "added" (in the quote only), "changed"
    source: str
    quote: str


def diff_ops(source: str, quote: str) -> list[DiffOp]:
    """Differences between the source passage and the quote, by character, with whole numbers
    as single tokens; differences only in white space or punctuation width count as equal."""
    a, b = _TOKEN.findall(source), _TOKEN.findall(quote)
    ops: list[DiffOp] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        name = {"equal": "equal", "delete": "missing", "insert": "added", "replace": "changed"}[tag]
        src, q = "".join(a[a1:a2]), "".join(b[b1:b2])
        if name != "equal" and normalised(src)[0] == normalised(q)[0]:
            name = "equal"  # only punctuation width or white space differs: not a misquotation
        if ops and ops[-1].op == name:
            ops[-1] = DiffOp(name, ops[-1].source + src, ops[-1].quote + q)
        else:
            ops.append(DiffOp(name, src, q))
    return ops


def format_ops(ops: list[DiffOp], templates: dict[str, str], escape: Callable[[str], str] = str) -> str:
    """The ops as one string, each through its kind's template ({s}: source text, {q}: quote text);
    one place for the HTML of the web app and the Markdown of the draft report."""
    return "".join(templates[op.op].format(s=escape(op.source), q=escape(op.quote)) for op in ops)


def number_value(token: str) -> float | None:
    """The value of an Arabic or Chinese number (五, 十二, 一百, 七百五十, 2.5), else None."""
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    units = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
    total, section, digit = 0, 0, None
    for ch in token:
        if ch in digits:
            digit = digits[ch]
        elif ch in ("万", "亿"):
            total += (section + (digit or 0)) * units[ch]
            section, digit = 0, None
        elif ch in units:
            section += (1 if digit is None else digit) * units[ch]
            digit = None
        else:
            return None
    if all(c in digits for c in token) and len(token) > 1:  # 二〇二四: read digit by digit
        return float("".join(str(digits[c]) for c in token))
    return float(total + section + (digit or 0))


def number_changes(ops: list[DiffOp]) -> list[tuple[str, str]]:
    """(source, quote) for each difference that changes a number's value: these must not pass
    as a harmless rewording. Same value written differently (五 / 5) is not listed."""
    out = []
    for op in ops:
        if op.op == "equal":
            continue
        src = [number_value(t) for t in _NUMBER.findall(op.source)]
        got = [number_value(t) for t in _NUMBER.findall(op.quote)]
        if src != got and (src or got):
            out.append((op.source, op.quote))
    return out


# --- articles of laws -------------------------------------------------------------------
def articles_in(text: str, start: int, end: int) -> str:
    """The article(s) of a law that text[start:end] lies in: 第八条, 第八条、第九条 or 第八条至第十条;
    empty when the text is not inside an article (no 第X条 paragraph before it, or a heading between)."""
    heads = [(m.start(), m.group(1)) for m in _ARTICLE.finditer(text, 0, end)]
    inside = [label for pos, label in heads if pos <= start]
    first = inside[-1] if inside else None
    if first is None:
        return ""
    labels = [first] + [label for pos, label in heads if start < pos < end and label]
    labels = [lab for lab in labels if lab]
    if not labels:
        return ""  # the nearest heading before the text is a chapter or section, not an article
    if len(labels) == 1:
        return labels[0]
    return "、".join(labels) if len(labels) == 2 else f"{labels[0]}至{labels[-1]}"


def article_span(text: str, label: str) -> tuple[int, int] | None:
    """Where article `label` (第十条) of a law is in `text`: from its number to the next article or heading."""
    heads = list(_ARTICLE.finditer(text))
    for i, m in enumerate(heads):
        if m.group(1) == label:
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            return m.start(), len(text[:end].rstrip())
    return None


def same_article(named: str, found: str) -> bool:
    """Whether the article a draft names (第八条) is the one the text was found in (第八条, or one of
    第七条、第八条, or inside 第七条至第九条)."""
    want = number_value(named.strip("第条")) if named else None
    got = [number_value(p.strip("第条")) for p in re.split("[、至]", found) if p]
    if want is None or not got or None in got:
        return named == found
    if "至" in found:
        return bool(got[0] <= want <= got[-1])  # type: ignore[operator]
    return want in got

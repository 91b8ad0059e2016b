"""Text tools every layer shares: punctuation, the CJK range, sentences, tokens, names, verbatim checks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from govkb.words import ABBREVIATIONS, EVERYDAY

if TYPE_CHECKING:
    from govkb.types import Chunk

TERMINAL = "。！？!?；;…"
CLOSERS = "”’」』）)】》"
OPENERS = "“‘「『"
QUOTE_CLOSERS = "”’」』"
SOFT_BREAKS = "，,、：:"

# One CJK range for the whole project: the unified ideographs, extension A and compatibility forms.
CJK = "\u3400-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_RUN = re.compile(f"[{CJK}]+")
_RUN = re.compile(f"[{CJK}]+|[A-Za-z]+|\\d+(?:\\.\\d+)?")
_NAME_BAD = re.compile(f"[^0-9A-Za-z{CJK}._-]+")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]: split on 。！？；!?; and newlines, quotes kept whole."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    depth = 0
    s = start
    i = start
    while i < end:
        ch = text[i]
        cut = -1
        if ch == "\n":
            depth = 0
            cut = i
        elif ch in OPENERS:
            depth += 1
        elif ch in QUOTE_CLOSERS:
            depth = max(0, depth - 1)
            if depth == 0 and i > start and text[i - 1] in TERMINAL:
                cut = i + 1
        elif ch in TERMINAL and depth == 0:
            j = i + 1
            while j < end and (text[j] in TERMINAL or text[j] in CLOSERS):
                j += 1
            cut = j
            i = j - 1
        if cut >= 0:
            add_span(text, s, cut, spans)
            s = cut if ch != "\n" else cut + 1
        i += 1
    add_span(text, s, end, spans)
    return spans


def add_span(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    """Append text[a:b] to spans with white space trimmed at both ends, if anything is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))


def tokenize(text: str) -> list[str]:
    """Character unigrams and bigrams of each run of Chinese characters; Latin words; numbers."""
    tokens: list[str] = []
    for run in _RUN.findall(text):
        if CJK_CHAR.match(run):
            tokens.extend(run)
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run.lower())
    return tokens


def clean_name(name: str, fallback: str) -> str:
    """A name safe for ids and file names: NFKC, anything but letters, digits, CJK and ._- folded to '-'."""
    cleaned = _NAME_BAD.sub("-", unicodedata.normalize("NFKC", name)).strip("-._")
    return cleaned or fallback


def safe_filename(name: str) -> str:
    """A file name with no path parts and only safe characters; keeps Chinese and the suffix."""
    base = Path(unicodedata.normalize("NFKC", name).replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    return f"{clean_name(stem, 'upload')[:80]}{suffix}"


def indexed_text(chunk: Chunk) -> str:
    """What is embedded and keyword-indexed: the section path gives a passage its context, and a
    law's title tells its articles apart from another law's (本市 in 上海市… and 浙江省… alike)."""
    head = f"《{chunk.law}》{chunk.section}" if chunk.law else chunk.section
    return f"{head}\n{chunk.text}" if head else chunk.text


def is_verbatim(text: str | None, quote: str, start: int, end: int) -> bool:
    """A quote counts only if it is exactly `text[start:end]` (the stored document text)."""
    return text is not None and 0 <= start <= end <= len(text) and text[start:end] == quote


# (said, written) pairs, both directions, built once: expansion runs for every sentence scored.
_FORWARD = list({**ABBREVIATIONS, **EVERYDAY}.items())
# A written form of several words (生活物资 采购 for 买菜) answers for the said form with any one of them.
_REVERSE = [(word, short) for short, full in _FORWARD for word in full.split()]
# Laws write both committees at once: 村（居）民委员会, 居（村）民委员会 answer for 居委会 and 村委会 alike.
_REVERSE += [(f"{a}{o}{b}{c}民委员会", short) for a, b in (("村", "居"), ("居", "村")) for o, c in (("（", "）"), ("(", ")"))
             for short in ("居委会", "村委会")]


_INDEXES: dict[int, tuple[list[tuple[str, str]], int, dict[str, list[int]]]] = {}


def _pairs_in(text: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs whose said form `text` holds, in table order. Only pairs starting with one of the text's
    characters or character pairs are tried (about 1,050 pairs, one sentence after another: a scan of them all
    took ~80 µs a sentence, this ~28 µs)."""
    got = _INDEXES.get(id(pairs))
    if got is None or got[0] is not pairs or got[1] != len(pairs):
        index: dict[str, list[int]] = {}
        for i, (a, _) in enumerate(pairs):
            index.setdefault(a[:2], []).append(i)
        got = _INDEXES[id(pairs)] = (pairs, len(pairs), index)
    index = got[2]
    grams = set(text).union(map(str.__add__, text, text[1:]))
    found = sorted({i for g in grams.intersection(index) for i in index[g]})
    return [pairs[i] for i in found if pairs[i][0] in text]


def expand_abbreviations(text: str, *, reverse: bool = False) -> str:
    """`text` with the full form of each short form it uses appended (once; none if already there);
    `reverse`: the short form of each full form it uses instead, so a sentence of a law
    (居民委员会每届任期五年) answers for the words a question says (居委会)."""
    extra = [b for a, b in _pairs_in(text, _REVERSE if reverse else _FORWARD) if b not in text]
    return text if not extra else text + " " + " ".join(dict.fromkeys(extra))


# Parts of speech that name nothing (pronouns, numerals, conjunctions, prepositions, particles, adverbs,
# measure words, interjections, locality and place words: 楼上, 家里, 村里 say where the asker is) and words of asking
# rather than of the asked thing.
_NAMELESS = {"r", "rr", "rz", "m", "mq", "c", "p", "u", "uj", "ul", "d", "q", "e", "y", "o", "f", "s", "x", "zg"}
_ASKING = frozenset("什么 怎么 怎样 如何 哪些 需要 可以 能不能 是不是 有没有 到底 比如 除了 这样 一直 出来 起来 一样 "
                    "不会 还有 原来 常听 应该 应不应该 该不该 能否 可否 要不要 用不用 需不需要 行不行 会不会".split())


def forms(word: str) -> list[str]:
    """A word and its full forms (业委会 -> 业委会, 业主委员会)."""
    return [word, *expand_abbreviations(word)[len(word):].split()]


def named_words(text: str) -> list[str]:
    """The words of `text` that name something (jieba's segmentation and parts of speech; its own
    dictionary, loaded on first use, about a second): 垃圾分类积分可以兑换什么 -> 垃圾, 分类, 积分, 兑换."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    out = [w.word for w in jieba.posseg.cut(text)
           if len(w.word) >= 2 and w.flag not in _NAMELESS and w.word not in _ASKING and CJK_RUN.fullmatch(w.word)
           and not _glued(w.word)]
    return list(dict.fromkeys(out))


# Characters that ask, link or qualify (能, 会, 得, 要 …): a pair holding one that jieba's dictionary lacks was glued
# across a word boundary by its guessing of unknown words (大楼时能不能 -> 时能, 年报逾期未报会被 -> 报会).
_FUNCTION_CHARS = frozenset("能会得要想有不时的了着过就都也还又才可该被把给让吗呢")


def _glued(word: str) -> bool:
    import jieba

    return len(word) == 2 and not jieba.dt.FREQ.get(word) and any(ch in _FUNCTION_CHARS for ch in word)

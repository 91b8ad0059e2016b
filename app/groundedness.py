"""Checks a model's answer sentence by sentence against the passages each sentence cites."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.numerals import numbers, supported
from govkb.text import CJK, CLOSERS, OPENERS, QUOTE_CLOSERS, TERMINAL

# [1] [1][3] [1,3] [1、3] 【1】 ［1］: the forms models write a citation in.
CITE = re.compile(r"\s*[\[【［]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]】］]")
_BULLET = re.compile(r"^\s*(?:[-*•·]\s+|\d{1,2}[.、)）]\s*|[（(]\d{1,2}[)）]\s*|#+\s*)")
_QUOTED = re.compile(r"“([^”]{2,})”|「([^」]{2,})」|『([^』]{2,})』|«([^»]{2,})»|‘([^’]{2,})’|\"([^\"]{2,})\"|《([^》]{2,})》")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_CJK_RUN = re.compile(f"[{CJK}]+")
# Place names end in one of these; 区/市/县/镇/村 not when they start a common word (区域, 市场, 村民).
_PLACE_END = re.compile(
    "社区|街道|(?<![社驻辖小城地片园山景灾郊街新老全本该各校住居商林牧矿厂禁疫防封控管保试示开发盲误军战湖港])区(?![域别分])"
    "|(?<![城超都股夜集门菜黑上])市(?![场民级值])|县(?![级域城])|(?<![城乡集])镇(?![级])|(?<![农乡新山渔])村(?![民庄级落])"
)
NEGATIONS = ("不得", "禁止", "严禁", "不能", "不可", "不宜", "不应", "无须", "无需", "不必", "未经", "不予", "不是",
             "并非", "没有", "不再", "不要", "不准")
_NEGATION = re.compile(f"(?:{'|'.join(NEGATIONS)})[{CJK}]?")
# Characters that carry grammar, not content: a bigram containing one is not a content term.
FUNCTION_CHARS = set("的了着地得之其和与及或等也都而并且则即就又还但把被将对从向以于在是为由让使这那此该各每个所些吗呢吧啊")
# Words a model uses to connect and report ("根据资料，主要包括……"): not claims about the passages.
STOP_BIGRAMS = set(
    """首先 其次 再次 最后 此外 另外 同时 总之 总的 综上 具体 主要 包括 包含 通过 进行 方面 方式 其中 根据 按照 依据
    指出 提出 强调 认为 表示 文件 资料 段落 材料 文中 文章 本文 该文 文档 来说 而言 如下 以下 以上 上述 例如 比如 因此
    所以 因为 从而 进而 可以 需要 应该 能够 一个 一些 一种 如何 怎么 什么 哪些 为了 一是 二是 三是 四是 五是 六是 这一
    此次 一方 另一 回答 答案 问题 说明 提到 规定 要求 明确 重要 有效 相关 有关 做法 措施 工作""".split()
)


@dataclass
class Claim:
    """One sentence of the model's output: its text without markers and the passages it cites."""

    text: str
    sources: list[int] = field(default_factory=list)


@dataclass
class Verdict:
    claim: Claim
    ok: bool
    reason: str = ""  # no_citation, bad_citation, quote, number, article, name, negation, support, empty
    detail: str = ""
    support: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.claim.text, "sources": self.claim.sources, "reason": self.reason,
                "detail": self.detail, "support": round(self.support, 3)}


def norm(text: str) -> str:
    """What 'appears verbatim' compares: NFKC (full-width digits and commas fold) without whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def split_claims(text: str) -> list[Claim]:
    """Sentences of a model's answer with their [n] markers, which may stand before or after 。;
    list bullets and markdown emphasis are dropped; a marker alone on a line joins the sentence before."""
    claims: list[Claim] = []
    for line in text.replace("\r", "").split("\n"):
        line = _BULLET.sub("", line.replace("**", "")).strip()
        start, depth, i = 0, 0, 0
        while i < len(line):
            ch = line[i]
            if ch in OPENERS:
                depth += 1
            elif ch in QUOTE_CLOSERS:
                depth = max(0, depth - 1)
            if ch in TERMINAL and depth == 0:
                j = i + 1
                while j < len(line) and line[j] in TERMINAL + CLOSERS:
                    j += 1
                while (m := CITE.match(line, j)) is not None:
                    j = m.end()
                while j < len(line) and line[j] in TERMINAL:  # "……[1]。" after "……。[1]"
                    j += 1
                _add(claims, line[start:j])
                start, i = j, j
                continue
            i += 1
        _add(claims, line[start:])
    return claims


def _add(claims: list[Claim], piece: str) -> None:
    sources = [int(n) for m in CITE.finditer(piece) for n in re.split(r"\s*[,，、]\s*", m.group(1))]
    text = CITE.sub("", piece).strip()
    if not re.search(rf"[{CJK}A-Za-z0-9]", text):
        if sources and claims:  # "[2]" on its own after a sentence
            claims[-1].sources.extend(n for n in sources if n not in claims[-1].sources)
        return
    claims.append(Claim(text, list(dict.fromkeys(sources))))


def content_terms(text: str) -> set[str]:
    """Content terms of Chinese text: character bigrams without function characters or connective
    words, plus Latin words and numbers."""
    terms: set[str] = set()
    for run in _CJK_RUN.findall(text):
        for a, b in zip(run, run[1:], strict=False):
            if a not in FUNCTION_CHARS and b not in FUNCTION_CHARS and a + b not in STOP_BIGRAMS:
                terms.add(a + b)
    terms.update(w.lower() for w in re.findall(r"[A-Za-z]+|\d+(?:\.\d+)?", text))
    return terms


def coverage(claim: str, support: str) -> tuple[float, int]:
    """(share of the claim's content terms found in the support, how many terms the claim has)."""
    terms = content_terms(norm(claim))
    if not terms:
        return 0.0, 0
    s = norm(support)
    found = sum(1 for t in terms if t in s or (t.isascii() and t in s.lower()))
    return found / len(terms), len(terms)


def names(text: str, passages: str, known: Callable[[str], bool]) -> list[str]:
    """Names a claim relies on: Latin tokens (G街道A社区), and place names (华胜社区, 燕子矶街道) that
    either occur in one of the passages or contain a bigram the corpus never uses (an invented name).
    A place name is the 2-4 characters before its suffix that start after punctuation or a function
    character, so 要求社区 inside 储备规范化要求社区 is not one."""
    found = [m.group(0) for m in _LATIN.finditer(text)]
    for m in _PLACE_END.finditer(text):
        for size in (2, 3, 4):
            a = m.start() - size
            if a < 0 or any(ch in FUNCTION_CHARS or not _CJK_RUN.match(ch) for ch in text[a : m.start()]):
                break
            if a == 0 or not _CJK_RUN.match(text[a - 1]) or text[a - 1] in FUNCTION_CHARS:
                name, prefix = text[a : m.end()], text[a : m.start()]
                invented = any(not known(prefix[i : i + 2]) for i in range(len(prefix) - 1))
                if (name in passages or invented) and name not in found:
                    found.append(name)
                break
    return found


def verify(claim: Claim, passages: dict[int, str], min_support: float,
           known: Callable[[str], bool] = lambda _: True) -> Verdict:
    """Keep a sentence only if it cites passages that exist and every quoted phrase, number,
    article number, name and negation in it appears in them, and most of its content terms do."""
    if not claim.sources:
        return Verdict(claim, False, "no_citation", "句末没有标注出处 [n]")
    missing = [n for n in claim.sources if n not in passages]
    if missing:
        return Verdict(claim, False, "bad_citation",
                       f"引用了不存在的段落 {''.join(f'[{n}]' for n in missing)}（共 {len(passages)} 段）")
    support = norm("\n".join(passages[n] for n in claim.sources))
    text = norm(claim.text)
    cited = "".join(f"[{n}]" for n in claim.sources)
    for m in _QUOTED.finditer(text):
        phrase = next(g for g in m.groups() if g)
        if phrase not in support:
            return Verdict(claim, False, "quote", f"引号内的“{phrase}”不是所引段落 {cited} 的原文")
    for name in names(text, norm("\n".join(passages.values())), known):
        if name.lower() not in support.lower():
            return Verdict(claim, False, "name", f"名称“{name}”不见于所引段落 {cited}")
    pool = numbers(support, strict=False)
    for num in numbers(text):
        if not supported(num, pool):
            kind, what = ("article", "条款号") if num.is_article else ("number", "数字")
            return Verdict(claim, False, kind, f"{what}“{num.text}”不见于所引段落 {cited}")
    for m in _NEGATION.finditer(text):  # the negation with what it negates: 不得堆放, not just 不得
        if m.group(0) not in support:
            return Verdict(claim, False, "negation", f"否定说法“{m.group(0)}”不见于所引段落 {cited}")
    share, n = coverage(text, support)
    if n == 0:
        return Verdict(claim, False, "empty", "句中没有可核验的内容")
    if share < min_support:
        return Verdict(claim, False, "support", f"只有 {share:.0%} 的内容词见于所引段落 {cited}（至少 {min_support:.0%}）",
                       share)
    return Verdict(claim, True, support=share)


def passage_support(title: str, section: str, text: str) -> str:
    """What a numbered passage offers as evidence: the text, with its document title and section
    (a sentence may name the document or the heading it cites)."""
    return f"《{title}》 {section}\n{text}"

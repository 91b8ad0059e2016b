"""Article lookup: a question naming a law and its article (消防法第十八条是怎么规定的) is answered by that article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.laws import VERSION_ASK, short_title, written_out
from app.numerals import cn_numeral, cn_value
from app.question import QuestionInfo, content_terms
from govkb.types import Document, Section

# 第十八条, 第18条; a run of them (第十七条、第十八条, 第十七条和第十八条) and a range (第十七条至第十九条).
_REF = re.compile(r"第\s*([零〇一二两三四五六七八九十百千\d]+)\s*条")
_RANGE = re.compile(r"第\s*([零〇一二两三四五六七八九十百千\d]+)\s*条\s*(?:至|到|—|-|~|～)\s*第?\s*([零〇一二两三四五六七八九十百千\d]+)\s*条")
_MAX_RANGE = 10
# What asking for an article's text says besides the law and the number: 是怎么规定的, 讲的什么, 原文, 全文 ...
_ASKING_TEXT = re.compile(
    r"请问|请|麻烦|帮我|帮忙|查一?下|查查|看一?下|看看|告诉我|我想|想知道|知道|确认一?下|核对一?下|核实一?下|"
    r"具体|到底|究竟|原文|全文|条文|原话|内容|规定|条款|本条|该条|这一?条|那一?条|"
    r"是怎么|怎么|怎样|如何|是什么|什么|哪些|是啥|啥|讲|说|写|的|了|吗|呢|啊|呀|吧|里|中|是|有|关于|对|"
    r"现行|最新|新版|旧版|老版|原版|版本|版|修订前|修正前|第|条|款|项|和|与|及|、|以及"
)


def _number(numeral: str) -> int | None:
    return int(numeral) if numeral.isdigit() else cn_value(numeral)


def article_numbers(question: str) -> list[tuple[int, int]]:
    """The articles a question names as (position in the question, number), in order; ranges spelled out."""
    out: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(question):
        a, b = _number(m.group(1)), _number(m.group(2))
        if a is not None and b is not None and 0 < b - a < _MAX_RANGE:
            out += [(m.start(), n) for n in range(a, b + 1)]
            taken.append(m.span())
    for m in _REF.finditer(question):
        n = _number(m.group(1))
        if n and not any(s <= m.start() < e for s, e in taken):
            out.append((m.start(), n))
    return sorted(set(out))


def article_sections(doc: Document) -> dict[int, Section]:
    """A law's articles by number (the first of a number wins: a law quoting another's 第X条 inside an
    article is not a heading)."""
    found: dict[int, Section] = {}
    for s in doc.sections:
        m = _REF.match(s.title) if s.kind == "article" else None
        n = _number(m.group(1)) if m else None
        if n is not None:
            found.setdefault(n, s)
    return found


@dataclass
class Lookup:
    """The articles a question names: found (doc_id, article), and those its law does not have."""

    found: list[tuple[str, Section]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # 《中华人民共和国消防法》没有第二百条（共七十四条）
    only: bool = False  # the question asks for nothing but their text

    def note(self) -> str:
        return "；".join(self.missing) + "。" if self.missing else ""

    def notes(self) -> list[str]:
        return [self.note()] if self.missing else []




def lookup(question: str, info: QuestionInfo, documents: dict[str, Document]) -> Lookup | None:
    """The named articles of the works a question names (`info.works`, the version it names by year or the
    current one), or None when it names no article of a named work. Each number goes with the work named
    last before it (the first work when none is)."""
    refs = article_numbers(question)
    works = [(doc_id, doc) for doc_id in info.works if (doc := documents.get(doc_id)) is not None]
    if not refs or not works:
        return None
    spans = written_out(question, [doc.meta.title for _, doc in works])
    exact = [(spans[doc.meta.title][0][0], doc_id, doc) for doc_id, doc in works if doc.meta.title in spans]
    placed = sorted(exact or [(0, doc_id, doc) for doc_id, doc in works], key=lambda w: w[0])
    out = Lookup()
    for at, n in refs:
        before = [w for w in placed if w[0] <= at]
        _, doc_id, doc = before[-1] if before else placed[0]
        articles = article_sections(doc)
        if not articles:
            return None  # not a law in articles
        if n in articles:
            if (doc_id, articles[n]) not in out.found:
                out.found.append((doc_id, articles[n]))
        else:
            out.missing.append(f"《{doc.meta.title}》没有第{cn_numeral(n)}条（共{cn_numeral(max(articles))}条）")
    rest = _REF.sub(" ", _RANGE.sub(" ", VERSION_ASK.sub(" ", question)))
    names = {n for _, _, doc in placed for n in (doc.meta.title, short_title(doc.meta.title),
                                                 doc.meta.title.removeprefix("中华人民共和国"))}
    for name in sorted(names, key=len, reverse=True):  # 上海市实施《…》办法 before what it holds
        rest = rest.replace(name, " ")
    rest = re.sub(r"《[^《》]*》", " ", rest).replace("《", " ").replace("》", " ")
    out.only = not content_terms(_ASKING_TEXT.sub(" ", rest))
    return out

"""Laws in answers and in the library: article labels and versions on citations, questions that name
an old version (2007年版…), and the library grouped by kind and region with old versions under the
current one."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from app.revisions import counterparts
from govkb.places import named_places
from govkb.text import tokenize
from govkb.types import Answer, Document, Section
from govkb.versions import place_unnamed

# 「2007年版」「2007年那版」「2016年原版」「2018年的版本」「2010年修订前」: a year that names a version.
VERSION_ASK = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:的)?(?:老|旧|原)?(?:那一?版|版本|版|修订前|修正前)")
_PLACE_SUFFIX = re.compile(r"^(\S{2,3}?)[省市](?=\S)")
_SENTENCE = re.compile(r"([^\[\]\n]+?)\[(\d+)\]")  # "sentence[n]" as the answer string writes it
KIND_ORDER = ("宪法", "法律", "行政法规", "司法解释", "部门规章", "地方性法规", "地方政府规章", "案例")


def article_label(articles: list[Section]) -> str:
    """第八条, 第七条、第八条, or 第三条至第六条 for a longer run."""
    titles = [a.title for a in articles]
    if len(titles) > 3:
        return f"{titles[0]}至{titles[-1]}"
    return "、".join(titles)


def _used_spans(answer: Answer, n: int, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where in text[start:end] the answer's verbatim sentences supported by citation [n] are."""
    if answer.sentences:
        quoted = [s.text for s in answer.sentences if n in s.sources and not s.generated]
    else:  # an answer given as one string: "sentence[n]sentence[m]…"
        quoted = [m.group(1) for m in _SENTENCE.finditer(answer.answer) if m.group(2) == str(n)]
    spans = []
    for body in quoted:
        if body and (i := text.find(body, start, end)) >= 0:
            spans.append((i, i + len(body)))
    return spans


def annotate(answer: Answer, document: Callable[[str], Document | None], superseded: Mapping[str, str]) -> None:
    """Give each citation of a law its article(s), chapter and version, and mark quotes from a
    superseded version. A citation of a law is narrowed to the article(s) holding the answer's
    sentences for it (a chunk may hold two short articles): the quote stays the stored text at
    its offsets, so it verifies as before, and 《title》第X条 names the article that answers."""
    for c in answer.citations:
        doc = document(c.doc_id)
        if doc is None:
            continue
        used = _used_spans(answer, c.n, doc.text, c.start, c.end)
        arts = [a for a in doc.articles_in(c.start, c.end) if not used or any(a.start <= x <= a.end for x, _ in used)]
        if arts:
            if used and len(arts) < len(doc.articles_in(c.start, c.end)):
                c.start, c.end = max(c.start, arts[0].start), min(c.end, arts[-1].end)
                c.quote = doc.text[c.start : c.end]
            c.articles = c.articles or article_label(arts)  # a 款 or 项 looked up keeps its own label
            c.chapter = arts[0].path.rsplit(" > ", 1)[0] if " > " in arts[0].path else ""
            c.section = " > ".join(x for x in (c.chapter, c.articles) if x)
        if doc.meta.work:
            c.version = doc.meta.date
        c.superseded = c.doc_id in superseded
        if place_unnamed(doc.meta.region, doc.meta.city, answer.question):
            place = doc.meta.city or doc.meta.region
            # A local rule quoted for a question that names no place, or only its province (山东 for a
            # rule of 菏泽): say where it applies, so it is not cited as the national or provincial rule.
            answer.notes.append(f"引文[{c.n}]出自{place}的地方性法规《{doc.meta.title}》，只在{place}适用。")
        if c.superseded:
            current = document(superseded[c.doc_id])
            now = f"，现行版本为 {current.meta.date} 版" if current is not None and current.meta.date else ""
            moved = counterparts(doc, arts, current) if current is not None else ""
            answer.notes.append(f"引文[{c.n}]出自已修订的旧版本（{c.version or '日期不详'}）{now}{moved}。")


def other_place(question: str, docs: list[Document]) -> str:
    """Why an answer that quotes only other places' rules is none: 深圳的业委会任期几年 answered by
    浙江省物业管理条例 alone. The note naming the place asked and the places quoted, or "" when a cited
    document is national, a case, or a rule of the province the question names (菏泽 for 山东 keeps its note)."""
    named = named_places(question)
    if not named or not docs or any(not d.meta.region or not place_unnamed(d.meta.region, "", question) for d in docs):
        return ""  # (place_unnamed without the city: the rule's province is named)
    asked = next((p for p in sorted(named, key=question.find) if p in question), "")
    quoted = "、".join(dict.fromkeys(d.meta.city or d.meta.region for d in docs))
    return f"找到的依据只有{quoted}的地方性法规，不适用于{asked}；库中没有找到{asked}或全国性的相关规定。"


def short_title(work: str) -> str:
    """A work as people name it: without 中华人民共和国 and the 市/省 after a place (上海社会救助条例)."""
    return _PLACE_SUFFIX.sub(r"\1", work.removeprefix("中华人民共和国"))


def _title_pairs(work: str) -> set[str]:
    return {t for t in tokenize(short_title(work)) if len(t) == 2}


def names_work(question: str, work: str) -> bool:
    """Does the question name this work? Most of its short title's bigrams are in the question."""
    grams = _title_pairs(work)
    asked = set(tokenize(question))
    return bool(grams) and len(grams & asked) / len(grams) >= 0.7


# Short names people give laws that their titles do not contain (居委会组织法 for 城市居民委员会组织法).
LAW_ALIASES = {
    "居委会组织法": "城市居民委员会组织法", "村委会组织法": "村民委员会组织法", "人防法": "人民防空法",
    "老年法": "老年人权益保障法", "老年人保障法": "老年人权益保障法", "社会救助办法": "社会救助暂行办法",
    "突发事件法": "突发事件应对法", "防震法": "防震减灾法", "传染病法": "传染病防治法",
}


def law_names(question: str) -> str:
    """The question with the short names people give laws written as the laws' titles (居委会组织法第八条 →
    城市居民委员会组织法第八条), so that a title match finds them; the rest unchanged."""
    for alias in sorted(LAW_ALIASES, key=len, reverse=True):
        if alias in question and LAW_ALIASES[alias] not in question:
            question = question.replace(alias, LAW_ALIASES[alias])
    return question


def title_names(title: str) -> set[str]:
    """How a question writes a law's title out: in full, short (short_title), or without 中华人民共和国."""
    return {title, short_title(title), title.removeprefix("中华人民共和国")}


def without_titles(question: str, titles: list[str]) -> str:
    """The question with these laws' titles blanked out, the longest name first (上海市实施《…》办法 before the law
    it holds)."""
    for name in sorted({n for t in titles for n in title_names(t)}, key=len, reverse=True):
        question = question.replace(name, " ")
    return question


def name_spans(question: str, work: str) -> list[tuple[int, int]]:
    """Where the question writes out the work's title, or its short title, as it is."""
    spans: set[tuple[int, int]] = set()
    for name in title_names(work):
        spans.update((m.start(), m.end()) for m in re.finditer(re.escape(name), question))
    return sorted(spans)


def written_out(question: str, works: list[str]) -> dict[str, list[tuple[int, int]]]:
    """The works among `works` the question writes out, with where: a name found only inside another's
    (信访条例 in 上海市信访条例, 村民委员会组织法 in 上海市实施《…村民委员会组织法》办法) names that other one."""
    spans = {w: name_spans(question, w) for w in works}
    out = {}
    for w, mine in spans.items():
        own = [(a, b) for a, b in mine
               if not any(x <= a and b <= y and (y - x) > (b - a) for v, theirs in spans.items() if v != w for x, y in theirs)]
        if own:
            out[w] = own
    return out


def confusable(work: str, other: str) -> bool:
    """Do two works' short titles share most of the first's pairs (村民委员会组织法, 城市居民委员会组织法)?"""
    grams = _title_pairs(work)
    return bool(grams) and len(grams & _title_pairs(other)) / len(grams) >= 0.5


def version_request(question: str, facts: Mapping[str, Mapping[str, str]], superseded: Mapping[str, str]) -> set[str]:
    """The superseded versions a question asks for by year and name (2007年版突发事件应对法)."""
    years = {m.group(1) for m in VERSION_ASK.finditer(question)}
    if not years:
        return set()
    return {
        old
        for old in superseded
        if facts.get(old, {}).get("date", "")[:4] in years and names_work(question, facts[old].get("work", ""))
    }


@dataclass
class Entry:
    """A document in the library: the current version, and older versions of the same work under it."""

    doc: Document
    older: list[Document] = field(default_factory=list)


def library(docs: list[Document], superseded: Mapping[str, str]) -> dict[str, dict[str, list[Entry]]]:
    """{kind: {region: entries}}, kinds in the order of the legal hierarchy, titles sorted; an old
    version is listed under its current version, newest first."""
    by_id = {d.doc_id: d for d in docs}
    entries = {d.doc_id: Entry(d) for d in docs if d.doc_id not in superseded}
    for old, cur in superseded.items():
        if old in by_id and cur in entries:
            entries[cur].older.append(by_id[old])
    grouped: dict[str, dict[str, list[Entry]]] = {}
    for e in entries.values():
        e.older.sort(key=lambda d: d.meta.date, reverse=True)
        meta = e.doc.meta
        grouped.setdefault(meta.kind or "其他", {}).setdefault(meta.region or "", []).append(e)
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    out: dict[str, dict[str, list[Entry]]] = {}
    for kind in sorted(grouped, key=lambda k: (rank.get(k, len(rank)), k)):
        regions = grouped[kind]
        out[kind] = {r: sorted(regions[r], key=lambda e: e.doc.meta.title) for r in sorted(regions)}
    return out

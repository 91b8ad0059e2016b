"""Laws in answers and in the library: article labels and versions on citations, questions that name
an old version (2007年版…), and the library grouped by kind and region with old versions under the
current one."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from govkb.text import tokenize
from govkb.types import Answer, DocMeta, Document, Section
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


_ARTICLE_HEAD = re.compile(r"^\s*第[零〇一二两三四五六七八九十百千\d]+条\s*")
SAME_ARTICLE = 0.6  # Dice of two articles' character pairs above which one is the other revised


def _pairs(text: str) -> set[str]:
    return {t for t in tokenize(_ARTICLE_HEAD.sub("", text)) if len(t) == 2}


def same_words(a: Document, x: Section, b: Document, y: Section) -> bool:
    """Do two articles say the same words (their numbers and white space aside)?"""
    def bare(doc: Document, s: Section) -> str:
        return re.sub(r"\s+", "", _ARTICLE_HEAD.sub("", doc.text[s.start : s.end]))
    return bare(a, x) == bare(b, y)


def counterpart(old: Document, article: Section, current: Document) -> tuple[Section, float] | None:
    """The current version's article most like an old version's (by their character pairs, the numbers
    left out), with how alike (Dice, 1.0 = the same words), or None when none is alike enough."""
    mine = _pairs(old.text[article.start : article.end])
    best: tuple[Section, float] | None = None
    for a in current.sections:
        if a.kind != "article":
            continue
        theirs = _pairs(current.text[a.start : a.end])
        dice = 2 * len(mine & theirs) / max(len(mine) + len(theirs), 1)
        if best is None or dice > best[1]:
            best = (a, dice)
    return best if best is not None and best[1] >= SAME_ARTICLE else None


def counterparts(old: Document, articles: list[Section], current: Document) -> str:
    """Where the old articles are in the current version: 旧版第四十四条即现行版本第六十六条（文字有改动）."""
    said = []
    for a in articles:
        found = counterpart(old, a, current)
        if found is None:
            said.append(f"旧版{a.title}在现行版本中没有文字相近的条文")
        else:
            same = "文字相同" if same_words(old, a, current, found[0]) else "文字有改动"
            said.append(f"旧版{a.title}即现行版本{found[0].title}（{same}）" if found[0].title != a.title
                        else f"旧版{a.title}在现行版本中仍是{a.title}（{same}）")
    return "；" + "，".join(said) if said else ""


@dataclass
class VersionDiff:
    """Two versions of a law article by article: each newer article's older counterpart (or none: added), and the
    older articles with no counterpart in the newer version (removed or rewritten past recognition)."""

    old: Document
    new: Document
    pairs: list[tuple[Section, Section | None, bool]]  # (newer article, its older counterpart, in the same words)
    removed: list[Section]

    def counts(self) -> dict[str, int]:
        return {
            "articles": len(self.pairs),
            "old_articles": sum(1 for s in self.old.sections if s.kind == "article"),
            "same": sum(1 for _, o, same in self.pairs if o is not None and same),
            "changed": sum(1 for _, o, same in self.pairs if o is not None and not same),
            "renumbered": sum(1 for n, o, same in self.pairs if o is not None and same and o.title != n.title),
            "added": sum(1 for _, o, _ in self.pairs if o is None),
            "removed": len(self.removed),
        }

    def summary(self) -> str:
        """2024-06-28 版共一百零六条，与 2007-08-30 版（七十条）相比：文字未变 13 条，有改动 57 条，新增 36 条；旧版 6 条…"""
        c = self.counts()
        removed = f"；旧版有 {c['removed']} 条在本版中没有文字相近的条文" if c["removed"] else ""
        moved = f"（其中 {c['renumbered']} 条换了条号）" if c["renumbered"] else ""
        return (f"{self.new.meta.date} 版共 {c['articles']} 条，与 {self.old.meta.date} 版（{c['old_articles']} 条）相比："
                f"文字未变 {c['same']} 条{moved}，有改动 {c['changed']} 条，新增 {c['added']} 条{removed}。")


def compare_versions(old: Document, new: Document) -> VersionDiff:
    """Each article of the newer version against the older one's, by counterpart (Dice of character pairs)."""
    pairs: list[tuple[Section, Section | None, bool]] = []
    matched: set[int] = set()
    for article in (s for s in new.sections if s.kind == "article"):
        found = counterpart(new, article, old)
        if found is None:
            pairs.append((article, None, False))
        else:
            pairs.append((article, found[0], same_words(new, article, old, found[0])))
            matched.add(found[0].start)
    removed = [s for s in old.sections if s.kind == "article" and s.start not in matched
               and counterpart(old, s, new) is None]
    return VersionDiff(old, new, pairs, removed)


def version_diff(doc_id: str, superseded: Mapping[str, str], document: Callable[[str], Document | None],
                 metas: list[DocMeta]) -> VersionDiff | None:
    """An old version against the current one; the current one against the version just before it."""
    if doc_id in superseded:
        old, new = document(doc_id), document(superseded[doc_id])
    else:
        dates = {m.doc_id: m.date for m in metas}
        previous = max((d for d, cur in superseded.items() if cur == doc_id), key=lambda d: dates.get(d, ""), default="")
        old, new = (document(previous), document(doc_id)) if previous else (None, None)
    return compare_versions(old, new) if old is not None and new is not None else None


def short_title(work: str) -> str:
    """A work as people name it: without 中华人民共和国 and the 市/省 after a place (上海社会救助条例)."""
    return _PLACE_SUFFIX.sub(r"\1", work.removeprefix("中华人民共和国"))


def names_work(question: str, work: str) -> bool:
    """Does the question name this work? Most of its short title's bigrams are in the question."""
    grams = {t for t in tokenize(short_title(work)) if len(t) == 2}
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
    grams = {t for t in tokenize(short_title(work)) if len(t) == 2}
    return bool(grams) and len(grams & {t for t in tokenize(short_title(other)) if len(t) == 2}) / len(grams) >= 0.5


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

"""Article lookup: a question naming a law and its article (消防法第十八条是怎么规定的) is answered by that article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.laws import VERSION_ASK, law_names, without_titles, written_out
from app.numerals import cn_numeral, cn_value
from app.question import QuestionInfo, content_terms
from govkb.types import DocMeta, Document, Section

# 第十八条, 第18条; a run of them (第十七条、第十八条, 第十七条和第十八条) and a range (第十七条至第十九条); a 款 and
# a 项 of one (第十一条第一款第（二）项, 第十八条第2款).
_NUM = r"[零〇一二两三四五六七八九十百千\d]+"
_REF = re.compile(rf"第\s*({_NUM})\s*条")
_PART = re.compile(rf"\s*(?:第\s*({_NUM})\s*款)?\s*(?:第\s*[（(]?\s*({_NUM})\s*[)）]?\s*项)?")
_ITEM = re.compile(r"^\s*[（(][一二三四五六七八九十百]+[)）]")
_PARTS = re.compile(_REF.pattern + _PART.pattern)
_RANGE = re.compile(rf"第\s*({_NUM})\s*条\s*(?:至|到|—|-|~|～)\s*第?\s*({_NUM})\s*条")
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


@dataclass(frozen=True, order=True)
class Ref:
    """第十一条第一款第（二）项 as numbers (0: not named), with where the question names it."""

    at: int
    article: int
    clause: int = 0
    item: int = 0


def article_refs(question: str) -> list[Ref]:
    """The articles (and 款, 项) a question names, in order; ranges of articles spelled out."""
    out: set[Ref] = set()
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(question):
        a, b = _number(m.group(1)), _number(m.group(2))
        if a is not None and b is not None and 0 < b - a < _MAX_RANGE:
            out.update(Ref(m.start(), n) for n in range(a, b + 1))
            taken.append(m.span())
    for m in _REF.finditer(question):
        n = _number(m.group(1))
        if n and not any(s <= m.start() < e for s, e in taken):
            part = _PART.match(question, m.end())
            clause = _number(part.group(1)) if part and part.group(1) else 0
            item = _number(part.group(2)) if part and part.group(2) else 0
            out.add(Ref(m.start(), n, clause or 0, item or 0))
    return sorted(out)


def article_numbers(question: str) -> list[tuple[int, int]]:
    """The articles a question names as (position in the question, number), in order; ranges spelled out."""
    return sorted({(r.at, r.article) for r in article_refs(question)})


def part_of(doc: Document, article: Section, clause: int, item: int) -> Section | str:
    """第M款 (a paragraph with the 项 under it) and 第（K）项 (an item line; of the 款 when one is named) of an
    article, as a section of their own (第十一条第一款第（二）项), or why there is none (没有第五款（共两款）)."""
    lines: list[tuple[int, int, str]] = []
    at = article.start
    for text in doc.text[article.start : article.end].split("\n"):
        if text.strip():
            lines.append((at, at + len(text.rstrip()), text))
        at += len(text) + 1
    clauses: list[list[tuple[int, int, str]]] = []
    for line in lines:
        if _ITEM.match(line[2]) and clauses:
            clauses[-1].append(line)
        else:
            clauses.append([line])
    group = lines
    title = article.title
    if clause:
        if clause > len(clauses):
            return f"{article.title}没有第{cn_numeral(clause)}款（共{cn_numeral(len(clauses))}款）"
        group, title = clauses[clause - 1], f"{title}第{cn_numeral(clause)}款"
    if item:
        items = [x for x in group if _ITEM.match(x[2])]
        if item > len(items):
            return f"{title}没有第（{cn_numeral(item)}）项（共{cn_numeral(len(items))}项）"
        group, title = [items[item - 1]], f"{title}第（{cn_numeral(item)}）项"
    return Section(article.level, title, article.path, group[0][0], group[-1][1], "article")


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
    only: bool = False  # the question asks for nothing but their text (and their version's standing)
    status: bool = False  # it asks whether the version still holds (还适用吗, 现行的是哪一版)

    def note(self) -> str:
        return "；".join(self.missing) + "。" if self.missing else ""

    def notes(self) -> list[str]:
        return [self.note()] if self.missing else []


def lookup(question: str, info: QuestionInfo, documents: dict[str, Document]) -> Lookup | None:
    """The named articles of the works a question names (`info.works`, the version it names by year or the
    current one), or None when it names no article of a named work. Each number goes with the work named
    last before it (the first work when none is)."""
    question = law_names(question)
    refs = article_refs(question)
    works = [(doc_id, doc) for doc_id in info.works if (doc := documents.get(doc_id)) is not None]
    if not refs or not works:
        return None
    spans = written_out(question, [doc.meta.title for _, doc in works])
    exact = [(spans[doc.meta.title][0][0], doc_id, doc) for doc_id, doc in works if doc.meta.title in spans]
    placed = sorted(exact or [(0, doc_id, doc) for doc_id, doc in works], key=lambda w: w[0])
    out = Lookup()
    for ref in refs:
        before = [w for w in placed if w[0] <= ref.at]
        _, doc_id, doc = before[-1] if before else placed[0]
        articles = article_sections(doc)
        if not articles:
            return None  # not a law in articles
        n = ref.article
        if n not in articles:
            out.missing.append(f"《{doc.meta.title}》没有第{cn_numeral(n)}条（共{cn_numeral(max(articles))}条）")
            continue
        part = part_of(doc, articles[n], ref.clause, ref.item) if ref.clause or ref.item else articles[n]
        if isinstance(part, str):
            out.missing.append(f"《{doc.meta.title}》{part}")
        elif (doc_id, part) not in out.found:
            out.found.append((doc_id, part))
    rest = without_titles(_PARTS.sub(" ", _RANGE.sub(" ", VERSION_ASK.sub(" ", question))),
                          [doc.meta.title for _, _, doc in placed])
    rest = re.sub(r"《[^《》]*》", " ", rest).replace("《", " ").replace("》", " ")
    # 第四十四条现在还适用吗 asks for the article and its version's standing: the article, with the versions.
    out.status = bool(VERSION_STATUS.search(question))
    out.only = not content_terms(_ASKING_TEXT.sub(" ", _ASKING_STATUS.sub(" ", rest) if out.status else rest))
    return out


# 还有效吗, 现行的是哪一版, 修订过几次, 过时了没有: asks after a law's versions, not what it says.
VERSION_STATUS = re.compile(
    r"还有效|有效吗|是否有效|仍然有效|有没有效|失效|废止|作废|现行的?是|现行有效|哪一?版|哪个版本|几个版本|几版|"
    r"修订过|修改过|修正过|修订了几次|改过几次|还适用吗|还能用吗|还管用吗|过时了?吗|过时没有|是不是最新|是最新的?吗"
)
# 2024年修订改了哪些内容, 新旧慈善法有什么不同: asks what a revision changed.
VERSION_CHANGES = re.compile(
    r"(?:改|修改|修订|修正|调整)了(?:哪些|什么|啥|多少)|(?:有|做了)(?:哪些|什么|多少)(?:变化|修改|改动|调整|不同|区别)|"
    r"新旧|前后.{0,4}(?:不同|区别|差别|变化)|(?:不同|区别|差别|变化)在哪|改动|修订对照"
)
# What else a version question says: when it took effect, whether it still holds — nothing about the content.
_ASKING_STATUS = re.compile(
    r"现在|目前|如今|还|仍然|是否|是不是|有没有|有效|失效|废止|作废|现行|最新|新版|旧版|老版|哪一?版|哪个|版本|几个|几版|几次|"
    r"修订|修改|修正|改过|适用|能用|管用|过时|什么时候|何时|哪天|哪年|开始|起|施行|实施|生效|执行|日期|时间|"
    r"改了|调整|变化|改动|不同|区别|差别|哪些|什么|啥|多少|内容|地方|条文|对照|前后|新旧|比|相比|跟|和|与|之间|"
    r"的|了|吗|呢|啊|呀|吧|是|有|过|这部|这个|那部|法律|法规|条例"
)


def asks_version(question: str, info: QuestionInfo, documents: dict[str, Document]) -> bool:
    """Does the question ask after the versions of the laws it names (还有效吗, 现行的是哪一版), and nothing else?"""
    if not info.works or not (VERSION_STATUS.search(question) or VERSION_CHANGES.search(question)):
        return False
    rest = without_titles(VERSION_ASK.sub(" ", law_names(question)),
                          [doc.meta.title for d in info.works if (doc := documents.get(d)) is not None])
    return not content_terms(_ASKING_STATUS.sub(" ", re.sub(r"[《》]|(?:19|20)\d{2}\s*年", " ", rest)))


# 本法自2024年11月1日起施行: the article that says when a law took effect, usually its last.
TAKES_EFFECT = re.compile(r"(?m)^.*自.{0,30}起(?:施行|生效|实施).*$")


def versions_of(meta: DocMeta, metas: list[DocMeta]) -> list[DocMeta]:
    """A law's versions in the library, newest first."""
    return sorted((m for m in metas if m.work and m.work == meta.work), key=lambda m: m.date, reverse=True)


def version_notes(meta: DocMeta, metas: list[DocMeta]) -> list[str]:
    """What the library knows of a law's versions, from the documents' headers (not quoted text): each
    version's date and state, the newest one's adoption, revisions and effective date, and the asked
    version's place among them. The library knows only the versions it holds: validity is not claimed."""
    versions = versions_of(meta, metas)
    if not versions:
        return []
    newest = versions[0]
    history = "；".join(x for x in (
        f"{newest.adopted} 通过" if newest.adopted else "",
        f"{'、'.join(newest.revised)} 修订或修正" if newest.revised else "",
        f"文件头所载施行日期 {newest.effective}" if newest.effective else "") if x)
    listed = "；".join(f"{m.date} 版（{'库中最新' if i == 0 else '已修订'}）" for i, m in enumerate(versions))
    notes = [f"版本信息（来自文件头）：《{meta.title}》库中收录 {len(versions)} 个版本：{listed}。"
             + (f"最新版本：{history}。" if history else "")]
    if meta.doc_id != newest.doc_id:
        notes.append(f"问到的 {meta.date} 版已被 {newest.date} 版修订。")
    notes.append("库中只有这些版本，没有废止信息：是否仍然有效，请以官方最新发布为准。")
    notes += [f"库中另有题名相近、较新的《{m.title}》（{m.date} 版）：它是否取代了《{meta.title}》或改变了其所依据的规定，"
              "库中没有记载，请一并核对。" for m in newer_kin(newest, metas)]
    return notes


_KIND_OF_ACT = re.compile(r"^(?:中华人民共和国)?(.+?)(?:实施)?(?:暂行)?(条例|法|办法|规定|规则)$")
_RANK = {"法": 3, "条例": 2}  # 办法, 规定, 规则: 1


def _subject(title: str) -> tuple[str, int]:
    """What a law is about by its title, and its kind's rank: 信访 of 信访条例 (2), 传染病防治法 of its 实施办法 (1)."""
    m = _KIND_OF_ACT.match(title)
    return (m.group(1), _RANK.get(m.group(2), 1)) if m and len(m.group(1)) >= 2 else ("", 0)


def newer_kin(meta: DocMeta, metas: list[DocMeta]) -> list[DocMeta]:
    """Newer laws of the same place, of no lower kind and on the same subject: 学位法 of 2024 beside 学位条例, 信访工作条例
    of 2022 beside 信访条例 of 2005, 传染病防治法 of 2013 beside its 实施办法 of 1991. They may have replaced it, or
    changed what it implements, which the library does not say. A subject only within another's (保险 in 社会保险法,
    国防 in 国防教育法) is another law."""
    subject, rank = _subject(meta.title)
    if not subject:
        return []
    kin = {}
    for o in metas:
        other, other_rank = _subject(o.title)
        same = other in (subject, subject + "工作") or o.title.removeprefix("中华人民共和国") == subject
        if (same and o.work and o.work != meta.work and o.date > meta.date and other_rank >= rank
                and (o.region, o.city) == (meta.region, meta.city)):
            newest = versions_of(o, metas)[0]
            kin[newest.work] = newest
    return sorted(kin.values(), key=lambda o: o.date, reverse=True)


def takes_effect(doc: Document) -> tuple[int, int] | None:
    """The span of the law's own sentence on when it takes effect (its last such line)."""
    found = list(TAKES_EFFECT.finditer(doc.text))
    return (found[-1].start(), found[-1].end()) if found else None

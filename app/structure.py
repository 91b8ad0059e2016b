"""What the documents' structure and the question's wording say about an answer's shape: subsections
of a section, the sides of a comparison, the subject of a definition, the length of an enumerated item."""

from __future__ import annotations

import re

from app.evidence import DEFINING, ENUM_LEAD, Library
from app.question import content_terms
from govkb.types import Document, Section

LABEL_NUM = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*(\d+[.．]\s*)?")
NAMING = re.compile(r"(?:称之为|称为|叫做|叫作|就是)$")  # the name after its description
LEGAL_NAMING = re.compile(r"(?:所称|所说的)$")  # 本法所称慈善信托属于公益信托，是指…: a law's own definition
COMPOUND = re.compile(r"[一二三四五六七八九十两\d]")
QUOTED_DEF = re.compile(r"“([^”]{1,8})”(?:是指|指的是|即|就是|是)")
COUNT = re.compile(r"[哪这那]?([两二三四五六七八九十])[个项类种条块招方面点大张]")
CN = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
SUBJECT = re.compile(
    r"(?:什么是|何谓|什么叫)(.{2,14}?)[？?，,。]|(.{2,14}?)(?:到底)?(?:是什么意思|什么意思|啥意思|是指什么|指的是什么|指什么|的含义|的定义|是什么|怎么理解|(?:是)?(?:怎么|如何|怎样)(?:界定|定义|理解)|的内涵|的界定)"
)
# 什么样的社区才算得上韧性社区 / 怎样才能叫韧性社区: the term after 才算, asked by what it takes.
QUALIFIES = re.compile(r"(?:什么样|怎样|怎么样|哪种|什么条件)[^，,。？?]{0,10}?才(?:能)?(?:算得上|称得上|算是|算|叫做|叫|称为|是)(.{2,14}?)(?:呢)?[？?，,。]")


def defines(text: str, term: str) -> bool:
    """Does the sentence define the term: 「X是指…」, 「…那么这个社区可以称之为韧性社区」 or a law's 「本法所称X…」?"""
    i = text.find(term)
    if i < 0:
        return False
    m = DEFINING.search(text, i + len(term), i + len(term) + 40)  # its cue soon after it: X，是指… / X是…的能力
    before = text[max(0, i - 6) : i]
    return bool(NAMING.search(before) or LEGAL_NAMING.search(before) or (m and m.start() - i - len(term) <= 6))


def defines_part(text: str, term: str) -> bool:
    """A term made of counted parts (一性三管四合五治) is defined in its parts: “三管”是指…"""
    m = QUOTED_DEF.search(text)
    return m is not None and m.group(1) in term and bool(COMPOUND.search(term))


def stands_first(text: str, term: str) -> bool:
    """The term opens the sentence or a clause of it (，结构韧性的强弱决定了…): what it says is about it."""
    i = text.find(term)
    return i == 0 or (i > 0 and text[i - 1] in "，,。；;：:")


def lead_length(text: str) -> int:
    """Length of an enumerated item from its marker on (具体如下：一是… counts from 一是)."""
    m = ENUM_LEAD.search(text)
    return len(text) - (m.end() if m else 0)


def subsections(doc: Document, section: Section) -> list[Section]:
    return [s for s in doc.sections if s.level == section.level + 1 and section.start <= s.start and s.end <= section.end]


def weights_without(weights: dict[str, float], names: list[str]) -> dict[str, float]:
    """Term weights without the terms of the given names: what is asked about them."""
    drop = {t for n in names for t in content_terms(n)}
    return {t: w for t, w in weights.items() if t not in drop} or dict(weights)


def without_places(weights: dict[str, float], entities: list[str]) -> dict[str, float]:
    """Term weights without the names of the communities and places asked about: their passages are
    found already, and within them a sentence naming the place (华胜社区…表现突出) answers no more for it."""
    return weights_without(weights, [e for e in entities if e.endswith(("社区", "街道", "村", "镇"))])


def docs_about(entity: str, lib: Library, docs: dict[str, Document]) -> list[str]:
    """The documents (among those retrieved, and the library's search for the name) about an entity."""
    for hit in lib.search(entity, top_k=8):
        doc = lib.document(hit.chunk.doc_id)
        if doc is not None:
            docs.setdefault(doc.doc_id, doc)
    counts = {d: doc.text.count(entity) for d, doc in docs.items()}
    best = max(counts.values(), default=0)
    return [d for d, n in counts.items() if n and n >= max(2, best // 3)]


def short_title(doc: Document) -> str:
    title = re.sub(r"^【[^】]*】", "", doc.meta.title).split("——")[0]
    return f"《{title[:18]}{'…' if len(title) > 18 else ''}》"


def defined_terms(text: str) -> list[str]:
    """The terms a definition question asks about: 什么是韧性治理 -> [韧性治理]; 结构韧性、能力韧性、
    文化韧性，分别指的是什么 -> the three of them."""
    q = QUALIFIES.search(text)
    if q:
        return [q.group(1).strip("“”「」")]
    m = SUBJECT.search(text)
    if not m:
        return []
    if m.group(1):
        subject = m.group(1)
    else:  # what stands before the cue, in its clause, without 分别 / 各自 / 到底
        before = re.sub(r"[，,]?(?:分别|各自|到底|又|都)$", "", text[: m.end(2)])
        subject = re.split(r"[？?。；;！!，,]", before)[-1][-30:]
    subject = re.sub(r"(?:的范围|的标准|应该|应当|到底)$", "", subject)
    subject = re.sub(r"^.*?(?:说的|讲的|里的|中的|所说|的)", "", subject)
    subject = re.sub(r"^(?:这种|这类|这个|那种|所谓|这里的)", "", subject).strip("“”「」 的")
    parts = [p.strip("“”「」") for p in re.split(r"[、]", subject) if len(p.strip("“”「」")) >= 2]
    return parts if len(parts) > 1 else [subject] if len(subject) >= 2 else []

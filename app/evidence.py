"""Evidence for composing an answer: the sentences of retrieved passages and their structure, scored
against what the question asks. Every candidate is a verbatim span of a stored document."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np

from app.asked import asked_part
from app.bodies import unnamed_body
from app.question import QuestionInfo, content_terms
from app.ranges import fit, told_figures
from app.values import has_value
from govkb.text import CLOSERS, TERMINAL, expand_abbreviations, sentence_spans, tokenize
from govkb.types import Chunk, DocMeta, Document, Filters, Hit
from govkb.versions import place_unnamed
from ingest.backmatter import overlaps

DEFINING = re.compile(r"是指|指的是|就是|是一种|即是|称之为|可以称之为|被称为|称为|定义为|所谓|[，,]?指(?![挥导出标定引示南令数望责控])(?=[\u4e00-\u9fff])|是.{0,30}的(能力|过程|状态|模式|机制|方法|体系|组织|活动|总称)")
ENUM_LEAD = re.compile(
    r"(?:^|[:：])(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、]|首先|其次|再次|最后|[（(][一二三四五六七八九十\d]+[)）]|"
    r"\d{1,2}[.、．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])")

SANCTIONS = 0.1  # score taken off an article of a law's sanctions chapter when the question asks no sanction
_SANCTION_CHAPTER = re.compile(r"法律责任|罚\s*则|奖励与处罚|奖惩")
_ASKS_SANCTION = re.compile(r"罚|处分|处理|追究|追责|问责|责任|后果|违反|违法|拘留|吊销|撤销|没收|赔偿|不改")
# What happens to someone for what was done (这样会被怎么处理？会受到什么处罚？要担什么责任？): a sanctions
# chapter's article answers it, not the rule broken, which the story around it matches as well.
CONSEQUENCE = 0.1
_PENALTY = re.compile(r"罚款|处分|警告|没收|吊销|拘留|追究.{0,8}责任")  # in an article (a short law may have no chapters)
_ASKS_CONSEQUENCE = re.compile(r"会(?:被)?(?:怎么|如何|怎样)(?:处理|处置|处罚|罚)|(?:受到|面临|承担|担)(?:什么|哪些|啥|何种)(?:样的)?"
                               r"(?:处理|处罚|后果|责任|处分)|什么后果|会不会被(?:罚|处理|处罚)|(?:怎么|如何|怎样)(?:处罚|罚|追责|问责)")
# A question about what the rules say (按规定, 有没有责任, 归谁管, 能不能, 合法吗, 算正规吗), or a story of one's own family or
# neighbours (我妈, 邻居, 房东): a law's article answers it, a case study's account of what one community did does not.
_ASKS_RULES = re.compile(r"按(?:照)?[^，。？?]{0,4}(?:规定|法律|法规|条例)|规定|法律|法规|条例|依法|合法|违法|合规|违规|有权|权利|"
                         r"义务|责任|应当|该由|归谁|谁来管|谁负责|由谁|哪个部门|罚|处分|追究|允许|禁止|不得|行不行|能不能|可不可以|正规|我家|我妈|我爸|老伴|邻居|房东|老板")
ELSEWHERE = 0.15  # score taken off a sentence of a local regulation of a region the question does not name
NAMED = 0.1  # score added to a sentence of a law the question names
HERE = 0.1  # score added to a sentence of a local regulation of the place the question names (我在上海…)
# A sentence reporting other scholars' work (有学者…, 何静和袁子凌(2024)…) is a paper's literature review, not
# what its case did or what it argues, unless the question asks after scholars or research.
OTHERS = 0.1
# Score added to a sentence whose range (10人以上30人以下死亡) holds a figure the question tells (死了12个人), taken off one
# whose ranges of the same kind do not; a sentence with none is judged by its article's (the lead of a grade's list).
RANGE = 0.15
PAPER = 0.1  # score taken off a case study's sentence when the question asks what the rules say
ASKED = 3.0  # weight of what a question asks against the story told before it (measured: x2, x3, x5)
_CITES_OTHERS = re.compile(r"有学者|学者们|[\u4e00-\u9fff]{2,4}(?:和[\u4e00-\u9fff]{2,4}|等人?)?[（(](?:19|20)\d\d[)）]")
_ASKS_OTHERS = re.compile(r"学者|研究者|文献|理论|提出")


class Library(Protocol):
    """What the answer engine reads: documents, their chunks, term weights, and search."""

    def document(self, doc_id: str) -> Document | None: ...
    def doc_chunks(self, doc_id: str) -> list[Chunk]: ...
    def idf(self, tokens: list[str]) -> dict[str, float]: ...
    def search(self, query: str, top_k: int, filters: Filters | None = None) -> list[Hit]: ...
    def known(self, text: str) -> bool: ...
    def metas(self) -> list[DocMeta]: ...
    def vectors(self, texts: list[str]) -> np.ndarray: ...
    def query_vector(self, text: str) -> np.ndarray: ...
    def size(self) -> int: ...
    def mentions(self, word: str, at_most: int) -> int: ...


@dataclass
class Candidate:
    """A sentence of a stored document that may go into the answer, and where it is cited from."""

    doc_id: str
    start: int
    end: int
    text: str
    chunk: Chunk
    rank: int  # retrieval rank of the passage it came from (large: found by structure or a targeted search)
    section: str
    back: bool = False  # back matter (author notes, funding): only for questions about them
    # What the sentence stands in, scored beside it: its section's path, or for a law its title and
    # the whole article (a question's words spread over an article: 罚多少 in its lead, the act in an item).
    context: str = ""
    # From a local regulation of a place the question does not name (山东的业委会 names the province, not
    # 菏泽, whose rule it does not ask for).
    elsewhere: bool = False
    here: bool = False  # from a local regulation of the place the question names: the asker's own rule
    score: float = 0.0
    features: dict[str, float] = field(default_factory=dict)

    @cached_property
    def lead(self) -> bool:
        """Does the sentence open an enumerated item (一是…, 第二，…, （三）…, 1. …)?"""
        return bool(ENUM_LEAD.search(self.text))

    def has(self, kind: str, question: str = "", entities: list[str] | None = None) -> bool:
        """Does the sentence hold a value of the asked type (see app.values), and of the body asked about
        (a 居民委员会's 每届任期五年 is no 党委's term)?"""
        return (has_value(self.text, kind, question, entities, law=bool(self.chunk.law))
                and not (kind in ("number", "date") and unnamed_body(question, self.section + self.context + self.text)))


def _bare(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().rstrip("?？!！。.")


def is_sentence(text: str, headings: set[str]) -> bool:
    """Headings, titles and fragments do not answer anything (a lead that opens items, 按照下列程序办理：, does)."""
    return len(text) >= 8 and text not in headings and (len(text) >= 40 or text[-1] in TERMINAL + CLOSERS + "：:")


class Evidence:
    """Candidate sentences for one question, gathered from passages and scored by its terms."""

    def __init__(self, question: QuestionInfo, library: Library, *, semantic: float = 0.0) -> None:
        self.q = question
        self._asks_sanctions = bool(_ASKS_SANCTION.search(question.text))
        self._asks_consequence = bool(_ASKS_CONSEQUENCE.search(question.text))
        self._asks_others = bool(_ASKS_OTHERS.search(question.text))
        self._asks_rules = bool(_ASKS_RULES.search(question.text))
        self.figures = told_figures(question.text)  # what the question tells: 死了12个人 -> (12, 人)
        self._fits: dict[tuple[str, int], int] = {}
        self.lib = library
        self.semantic = semantic  # weight of the sentence-question cosine (0: words only)
        self.by_key: dict[tuple[str, int], Candidate] = {}
        self._vectors: dict[str, np.ndarray] = {}
        self._tokens: dict[str, set[str]] = {}
        terms = question.terms
        idf = library.idf(terms) if terms else {}
        # Terms the library never saw still count: they are what a near-miss question asks about.
        self.weights = {t: idf.get(t, 0.0) for t in terms}
        # A question told as a story (…儿子常年在外面打工也不管。按法律，儿子对这块地有没有责任？): what it asks
        # outweighs the story, whose words (大爷, 打工) would otherwise pick the sentence.
        asked = self.asked_weights(self.weights, question.text)
        if asked:
            self.weights = {t: w * (ASKED if t in asked else 1.0) for t, w in self.weights.items()}
        self.total = sum(self.weights.values()) or 1.0

    def coverage(self, text: str, weights: dict[str, float] | None = None) -> float:
        """IDF-weighted share of the question's terms found in `text`."""
        w = weights or self.weights
        if text not in self._tokens:
            self._tokens[text] = set(tokenize(expand_abbreviations(text, reverse=True)))
        present = self._tokens[text]
        # Summed in the question's term order: a set's order changes from run to run (hash seeds), and
        # floats summed in another order can break a tie between two sentences the other way.
        return sum(v for t, v in w.items() if t in present) / (sum(w.values()) or 1.0)

    def on_topic(self, c: Candidate, weights: dict[str, float] | None = None) -> float:
        """How much of the question (or of `weights`) a scored sentence holds, and half of what its context holds."""
        if weights is None:
            return c.features.get("lex", 0.0) + 0.5 * c.features.get("sec", 0.0)
        return self.coverage(c.text, weights) + 0.5 * self.coverage(c.context, weights)

    @staticmethod
    def asked_weights(weights: dict[str, float], text: str) -> dict[str, float] | None:
        """`weights` of the terms of what `text` asks, without the story told before it; None if that is all of them."""
        asked = set(content_terms(expand_abbreviations(asked_part(text))))
        own = {t: w for t, w in weights.items() if t in asked}
        return own if 0 < len(own) < len(weights) else None

    def add_chunk(self, chunk: Chunk, rank: int) -> list[Candidate]:
        """The sentences of a passage as candidates (back matter left out unless the question asks
        who wrote the document). A sentence already seen keeps its best (lowest) rank."""
        doc = self.lib.document(chunk.doc_id)
        if doc is None:
            return []
        headings = {p.strip() for p in chunk.section.split(" > ")}
        title = _bare(doc.meta.title)  # the title repeated as the body's first line says nothing
        out = []
        for a, b in sentence_spans(chunk.text):
            start, end = chunk.start + a, chunk.start + b
            text = chunk.text[a:b]
            if not is_sentence(text, headings) or doc.text[start:end] != text or _bare(text) == title:
                continue
            back = overlaps(doc.back_matter, start, end)
            if back and not self.q.about_author:
                continue
            key = (chunk.doc_id, start)
            cand = self.by_key.get(key)
            if cand is None:
                section = doc.section_at(start)
                unnamed = place_unnamed(doc.meta.region, doc.meta.city, self.q.text)
                cand = Candidate(chunk.doc_id, start, end, text, chunk, rank, section, back,
                                 context=self._context(doc, start, end) or section,
                                 elsewhere=unnamed, here=bool(doc.meta.region) and not unnamed)
                self.by_key[key] = cand
            elif rank < cand.rank:
                cand.rank, cand.chunk = rank, chunk
            out.append(cand)
        return out

    def _context(self, doc: Document, start: int, end: int) -> str:
        arts = doc.articles_in(start, end)
        return f"《{doc.meta.title}》{arts[0].path}\n{doc.text[arts[0].start : arts[0].end]}" if arts else ""

    def add_hits(self, hits: list[Hit], offset: int = 0) -> None:
        for i, hit in enumerate(hits):
            self.add_chunk(hit.chunk, offset + i)

    def add_span(self, doc_id: str, start: int, end: int, rank: int) -> list[Candidate]:
        """Every candidate sentence of a document span (a whole section, say), cited from its chunks."""
        out: list[Candidate] = []
        for chunk in self.lib.doc_chunks(doc_id):
            if chunk.start < end and start < chunk.end:
                out.extend(c for c in self.add_chunk(chunk, rank) if start <= c.start and c.end <= end)
        return sorted({(c.doc_id, c.start): c for c in out}.values(), key=lambda c: c.start)

    def candidates(self) -> list[Candidate]:
        return list(self.by_key.values())

    def score(self, bonus: Callable[[Candidate], float] | None = None,
              weights: dict[str, float] | None = None, query: str | None = None) -> list[Candidate]:
        """Candidates best first: question terms (or `weights`) in the sentence, then in its section,
        how close its meaning is to the question (or `query`), then the retrieval rank of its
        passage; `bonus` adds a kind-specific score."""
        w = weights or self.weights
        sem = self._similarity(query or self.q.text) if self.semantic else {}
        top = max(sem.values(), default=0.0)
        for key, c in self.by_key.items():
            c.features["lex"] = self.coverage(c.text, w)
            c.features["sec"] = self.coverage(c.context, w)
            c.features["sem"] = sem.get(key, 0.0)
            prior = 0.12 / (1 + c.rank) if c.rank < 50 else 0.0
            closeness = self.semantic * (c.features["sem"] - top) if sem else 0.0
            # A question that names no region asks for the law that applies everywhere (as in retrieval).
            local = ELSEWHERE * c.elsewhere - HERE * c.here - (NAMED if c.doc_id in self.q.works else 0.0)
            local += SANCTIONS * self.unasked_sanction(c.chunk.law, c.section)
            local -= CONSEQUENCE * (self._asks_consequence and self.sets_sanction(c))
            local += OTHERS * (not self._asks_others and bool(_CITES_OTHERS.search(c.text)))
            local += PAPER * (self._asks_rules and not c.chunk.law)
            local -= RANGE * self.range_fit(c)
            c.score = c.features["lex"] + 0.35 * c.features["sec"] + prior + closeness - local + (bonus(c) if bonus else 0.0)
        return sorted(self.by_key.values(), key=lambda c: (-c.score, c.rank, c.start))

    def range_fit(self, c: Candidate) -> int:
        """Does a range the sentence sets (or, with none, its article) hold the figure the question tells (1), fail
        it (-1), or neither (0)? See app.ranges; computed once per sentence, whatever the weights."""
        key = (c.doc_id, c.start)
        if key not in self._fits:
            self._fits[key] = fit(c.text, self.q.text, self.figures) or fit(c.context, self.q.text, self.figures)
        return self._fits[key]

    def first_passage(self, hits: list[Hit]) -> Chunk | None:
        """The passage that always speaks in the answer: the best-ranked one, or for a question about
        what the rules say, the best-ranked law's article among the top five when a paper ranks first."""
        top = hits[0].chunk if hits else None
        if top is not None and not top.law and self._asks_rules:
            return next((h.chunk for h in hits[:5] if h.chunk.law), top)
        if top is not None and top.law and self._elsewhere(top):
            # 社区组织志愿者上门… names no place, so a city's rule ranking first is not the asker's: the national law
            # (or the named place's own rule) among the first five speaks.
            return next((h.chunk for h in hits[:5] if h.chunk.law and not self._elsewhere(h.chunk)), top)
        return top

    def _elsewhere(self, chunk: Chunk) -> bool:
        doc = self.lib.document(chunk.doc_id)
        return doc is not None and place_unnamed(doc.meta.region, doc.meta.city, self.q.text)

    def unasked_sanction(self, law: str, section: str) -> bool:
        """What to do is in a law's rules, not in its sanctions (法律责任), unless sanctions are asked."""
        return not self._asks_sanctions and self.in_sanctions(law, section)

    @staticmethod
    def in_sanctions(law: str, section: str) -> bool:
        return bool(law) and bool(_SANCTION_CHAPTER.search(section))

    @staticmethod
    def sets_sanction(c: Candidate) -> bool:
        """Is the sentence from a law's sanctions chapter, or from an article that sets a penalty?"""
        return Evidence.in_sanctions(c.chunk.law, c.section) or bool(c.chunk.law) and bool(_PENALTY.search(c.context))

    def _similarity(self, query: str) -> dict[tuple[str, int], float]:
        """Cosine between the query and each candidate sentence (vectors from the embedding cache)."""
        new = list(dict.fromkeys(c.text for c in self.by_key.values() if c.text not in self._vectors))
        if new:
            self._vectors.update(zip(new, self.lib.vectors(new), strict=True))
        q = self.lib.query_vector(query)
        return {key: float(self._vectors[c.text] @ q) for key, c in self.by_key.items()}


def chunk_holding(chunks: list[Chunk], start: int, end: int) -> Chunk | None:
    """The chunk of a document (sorted by start) whose span holds [start, end)."""
    i = bisect.bisect_right([c.start for c in chunks], start) - 1
    for c in chunks[max(i - 2, 0) : i + 1][::-1]:
        if c.start <= start and end <= c.end:
            return c
    return None

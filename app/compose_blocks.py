"""Answers in blocks: one per side of a comparison, one per case (a Composer mixin)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from app.evidence import DEFINING, Candidate, Evidence, Library
from app.question import QuestionInfo, place_names
from app.quotematch import normalised_text
from app.structure import defined_terms, defines, docs_about, short_title, weights_without
from govkb.text import sentence_spans
from govkb.types import Filters, Hit

ASKS_DEFINITION = re.compile(r"定义|含义|意思|概念|内涵")
WRITINGS = re.compile(r"文章|材料|案例|论文|研究|评论|策论")  # 各篇材料: the writings, not the laws
CASE_SEARCHES = 8  # cases whose own passages are searched for (app.compose_blocks.BlockAnswers.cases)

if TYPE_CHECKING:
    from app.compose import Composition, Part


_ASKS_SOURCE = re.compile(r"出自|出处|哪部法|哪个法规|哪一条|第几条")
_LONG_QUOTE = re.compile(r"[“「\"]([^”」\"]{6,})[”」\"]")


def _bare_quote(text: str) -> str:
    """A sentence or a quote as compared word for word: white space and punctuation width folded, the end's
    punctuation dropped."""
    return normalised_text(text).rstrip("。；;，,！!？?：:")


def _says(sentence: str, quotes: list[str]) -> bool:
    """Does the sentence say one of the quotes word for word (or is it, at 8 characters or more, part of one)?"""
    text = _bare_quote(sentence)
    return any(q in text or (len(text) >= 8 and text in q) for q in quotes)


class BlockAnswers:
    """Comparisons and cases: each block answered from its own documents, with its own citations."""

    info: QuestionInfo
    ev: Evidence
    lib: Library
    hits: list[Hit]
    out: Composition
    max_chars: int

    def _best(self, part: Part, n: int, *, where: Callable[[Candidate], bool] | None = None,
              bonus: Callable[[Candidate], float] | None = None, block: str = "", floor: float = 0.0,
              force_first: bool = False) -> list[Candidate]:
        raise NotImplementedError

    def _take(self, cand: Candidate, part: Part, label: str = "", block: str | None = None, *, force: bool = False) -> bool:
        raise NotImplementedError

    def _room(self, part: Part) -> int:
        return max(part.budget, int(self.max_chars * 1.6))  # several sides need more room than one answer

    def widened(self, part: Part) -> Part:
        """A comparison's part: the answer may grow for every side, in this part only (later parts of
        the question keep the usual cap)."""
        return replace(part, cap=int(self._room(part) * 1.2))

    def comparison(self, part: Part) -> None:
        sides = self._sides(part)
        # What is compared is what the question asks about the sides: the names it gives for them are
        # left out of the scoring, but not the words of a side's document title (几篇材料对“韧性”的定义…).
        topic = weights_without(part.weights, [side for side, _ in sides if side in part.info.text])
        room = self._room(part)
        defined = self._defined(part)
        bonus = self._defining(defined)
        for side, doc_ids in sides:
            if doc_ids:
                query = " ".join([side, *list(topic)[:12]])
                for hit in self.lib.search(query, top_k=10, filters=Filters.of(doc_id=doc_ids)):
                    self.ev.add_chunk(hit.chunk, rank=10)
                for chunk in (c for d in doc_ids for c in self.lib.doc_chunks(d)) if defined else ():
                    if any(defines(chunk.text[a:b], t) for a, b in sentence_spans(chunk.text) for t in defined):
                        # where a side defines the term, wherever in it that is
                        self.ev.add_chunk(chunk, rank=10)
            side_part = replace(part, weights=topic, budget=max(150, room // max(len(sides), 1)))

            def on_side(c: Candidate, d: list[str] = doc_ids) -> bool:
                return c.doc_id in d and c.features.get("lex", 0.0) > 0.0  # about the topic, not only the side

            chosen = self._best(side_part, 3, where=on_side, bonus=bonus, block=f"·{side}",
                                force_first=True) if doc_ids else []
            if chosen:
                ids = {id(c) for c in chosen}
                next(p for p in self.out.pieces if id(p.cand) in ids).label = f"{side}："
            else:
                self.out.notes.append(f"{side}：知识库中未找到相关依据。")

    @staticmethod
    def _defined(part: Part) -> list[str]:
        """The terms whose definitions are compared (几篇材料对“韧性”的定义有什么不一样 -> 韧性), or none."""
        if not ASKS_DEFINITION.search(part.info.text):
            return []
        return [e for e in part.info.entities if e in part.info.text] or defined_terms(part.info.text)

    @staticmethod
    def _defining(terms: list[str]) -> Callable[[Candidate], float] | None:
        """Comparing definitions of `terms`: each side's defining sentence first."""
        if not terms:
            return None

        def bonus(c: Candidate) -> float:
            if any(defines(c.text, t) for t in terms):
                return 1.0
            return 0.3 if DEFINING.search(c.text) else 0.0

        return bonus

    def _sides(self, part: Part) -> list[tuple[str, list[str]]]:
        """The sides compared: the named entities of the question (each with the documents that
        are about it), else the documents among the best passages."""
        docs = {d.doc_id: d for d in (self.lib.document(h.chunk.doc_id) for h in self.hits[:10]) if d is not None}
        sides = [(short_title(d), [d.doc_id]) for d in map(self.lib.document, part.info.doc_refs) if d is not None]
        referenced = {i for _, ids in sides for i in ids}
        for e in part.info.entities:
            about = docs_about(e, self.lib, docs)
            if len(e) >= 2 and not (set(about) & referenced):
                sides.append((e, about))
        if len(sides) >= 2:
            return sides[:4]
        order = [d for d in dict.fromkeys(h.chunk.doc_id for h in self.hits[:8]) if d in docs]
        if WRITINGS.search(part.info.text) and len([d for d in order if not docs[d].meta.work]) >= 2:
            order = [d for d in order if not docs[d].meta.work]  # 各篇材料/文章: the writings, not the laws
        return [(short_title(docs[d]), [d]) for d in order[:4]]

    def cases(self, part: Part) -> None:
        """One block per case (a named community or place), each with its best sentence about it."""
        # 那篇评论里举了哪些例子: the cases of the documents the question points at, else of several.
        within = Filters.of(doc_id=part.info.doc_refs) if part.info.doc_refs else None
        scope = self.lib.search(part.info.text, top_k=30, filters=within)
        for hit in scope[:10]:
            self.ev.add_chunk(hit.chunk, rank=12)
        # The cases of several documents, not of the one the best passages all come from.
        wide = [] if within else self.lib.search(part.info.text, top_k=100)
        # Cases are told by case studies and commentary; a law names places only as its scope.
        docs = [d for d in (self.lib.document(i) for i in dict.fromkeys(h.chunk.doc_id for h in [*scope, *wide]))
                if d and not d.meta.work][:6]
        names = place_names([d.text for d in docs])
        names = {n: k for n, k in names.items() if not any(o != n and o.startswith(n) for o in names)}
        topic = weights_without(part.weights, list(names))
        # Communities and villages before the streets they belong to: a street is a case of its
        # own only when some sentence is about it and no community named in it.
        order = sorted(names, key=lambda n: (not n.endswith(("社区", "村")), -names[n]))
        # Each case's own passages, for the first CASE_SEARCHES of them (at most six are quoted; a search each, filtered
        # to the documents naming it, is 10-20 ms at 10,000 passages, and six documents can name twenty places).
        for name in order[:CASE_SEARCHES]:
            holding = [d.doc_id for d in docs if name in d.text]
            for hit in self.lib.search(" ".join([name, *topic][:10]), top_k=3, filters=Filters.of(doc_id=holding)):
                self.ev.add_chunk(hit.chunk, rank=15)
        ranked = self.ev.score(weights=topic)
        # 有哪些案例 / 举几个例子 asks for the cases themselves: each gets its sentence, past the budget.
        several = 6 if re.search(r"哪些|几个|多个|举几", part.info.text) else 3
        taken = 0
        for name in order:
            # A sentence that names the case, or one that goes on about it (the case is the last one
            # its passage named before it: 华胜社区是… 社区内划分三级网格…), on the asked topic.
            pool = [c for c in ranked if names_alone(c.text, name, names)
                    or (c.features.get("lex", 0.0) > 0.0 and about(c, name, names))]
            pool.sort(key=lambda c: -(c.score + (0.1 if name in c.text else 0.0)))
            c = next((c for c in pool if self._take(c, part, f"{name}：", f"·{name}", force=taken < several)), None)
            taken += c is not None
            if taken >= 6:
                break
        if not taken:
            self._best(part, 3)

    def claim(self, part: Part) -> None:
        """Is it in the library? The best sentence about the claim, and the one after it for context. Asked where a
        sentence comes from (出自哪部法律哪一条), only one of the same article follows it: the next article is another rule."""
        source = bool(_ASKS_SOURCE.search(part.info.text))
        # …and the sentence that says it word for word leads, wherever it ranks (北京's 办法 says 每届任期三年 where the
        # national law now says 五年).
        quotes = [_bare_quote(q) for q in _LONG_QUOTE.findall(self.info.text)] if source else []
        chosen = self._best(part, 2, bonus=(lambda c: float(_says(c.text, quotes))) if quotes else None)
        if chosen:
            following = [c for c in self.ev.add_chunk(chosen[0].chunk, chosen[0].rank) if c.start >= chosen[0].end]
            # A candidate's context is its article (app.evidence.Evidence._context), as _best orders a law's articles by.
            if following and (not source or not chosen[0].chunk.law or following[0].context == chosen[0].context):
                self._take(following[0], part)


def names_alone(text: str, name: str, names: Collection[str]) -> bool:
    """Does the text name the case, not only as the street of another (G街道 in G街道A社区)?"""
    i = text.find(name)
    while i >= 0:
        rest = text[i + len(name):]
        if not any(o != name and rest.startswith(o) for o in names):
            return True
        i = text.find(name, i + 1)
    return False


def about(c: Candidate, name: str, names: Collection[str]) -> bool:
    """Is the sentence about the case `name` without naming it: no other case named in it, and
    `name` the last case its passage named before it (or, if none, the case its section names)?"""
    if any(n in c.text for n in names if n != name and n not in name):
        return False
    before = c.chunk.text[: max(c.start - c.chunk.start, 0)]
    last = max(names, key=lambda n: before.rfind(n))
    if before.rfind(last) >= 0:
        return last == name or (name.endswith(last) and len(name) > len(last))
    return name in c.section

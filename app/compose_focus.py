"""Where in a document an answer sits (a Composer mixin): the section asked about and its subsections,
a paragraph whose run-in label the question names, and the sentence that goes on to say what the
sentence before it named."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from app.evidence import Candidate, Evidence, Library
from app.question import content_terms, list_head, list_noun
from app.structure import CN, COUNT, subsections
from govkb.text import CJK, forms
from govkb.types import Document, Hit, Section
from govkb.words import EVERYDAY

if TYPE_CHECKING:
    from app.compose import Composition, Part, Piece

EVERYDAY_WORDS = {w for v in EVERYDAY.values() for w in v.split()}
# A paragraph opened by a label of its own: 摘要：…, 主要做法：…, 经验启示：…
RUN_IN = re.compile(f"(?m)^[ \t]*([{CJK}]{{2,6}})[：:]")


class Focus:
    """The structural lookups of the answer engine; the Composer decides what to take."""

    ev: Evidence
    lib: Library
    hits: list[Hit]
    out: Composition
    max_chars: int

    def _take(self, cand: Candidate, part: Part, label: str = "", block: str | None = None, *, force: bool = False) -> bool:
        raise NotImplementedError

    def _focus(self, part: Part) -> tuple[Document, Section, list[Section]] | None:
        """The section asked about (the best passage's, or one whose title the question names)
        and its subsections when the question asks for them (its title is named, or their number)."""
        best: tuple[float, Document, Section] | None = None
        for rank, hit in enumerate(self.hits[:5]):
            doc = self.lib.document(hit.chunk.doc_id)
            if doc is None:
                continue
            for s in doc.sections:
                inside = s.start <= hit.chunk.start <= s.end
                title = self.ev.coverage(s.title, part.weights)
                if not inside and title < 0.3:
                    continue
                score = 2.0 * title + (0.5 / (1 + rank) if inside else 0.0) + 0.01 * s.level
                if best is None or score > best[0]:
                    best = (score, doc, s)
        if best is None:
            return None
        _, doc, section = best
        children = subsections(doc, section)
        quoted = [e for e in part.info.entities if f"“{e}”" in part.info.text or f"「{e}」" in part.info.text]
        head = [t for t in content_terms(list_head(part.info.text) or " ".join(quoted)) if t != "方面"]
        named = bool(head) and sum(t in section.title for t in head) >= 0.5 * len(head)
        wanted = COUNT.search(part.info.text)
        if len(children) >= 2 and (named or (wanted and CN[wanted.group(1)] == len(children))):
            return doc, section, children
        return doc, section, []

    def _labelled(self, part: Part) -> list[Candidate]:
        """The sentences of a paragraph whose run-in label the question names (摘要里概括了哪几条 →
        the paragraph «摘要：…»; 主要做法：…, 经验启示：…), from the documents of the best passages."""
        for doc_id in dict.fromkeys(h.chunk.doc_id for h in self.hits[:5]):
            doc = self.lib.document(doc_id)
            if doc is None:
                continue
            for m in RUN_IN.finditer(doc.text):
                if m.group(1) in part.info.text:
                    end = doc.text.find("\n", m.end())
                    sents = self.ev.add_span(doc_id, m.start(), end if end > 0 else len(doc.text), rank=4)
                    if sents:
                        return sents
        return []

    def _says_next(self, part: Part) -> None:
        """A sentence that names the asked word and the next one that says what it is (…围绕一个核心
        共同管理社区的模式。核心是社区党总支…): the next one belongs to the answer."""
        for p in [p for p in self.out.pieces if p.block.startswith(part.block)]:
            nxt = self.ev.add_span(p.cand.doc_id, p.cand.end, p.cand.end + 200, rank=p.cand.rank)
            if nxt:
                m = re.match(f"([{CJK}]{{2,6}}?)(是指|指的是|就是|是|即)", nxt[0].text)
                if (m and m.group(1) in part.info.text and m.group(1) in p.cand.text
                        and self._take(nxt[0], part, block=p.block[len(part.block):], force=True)):
                    pieces = self.out.pieces
                    pieces.insert(pieces.index(p) + 1, pieces.pop())  # right after the sentence it goes on from

    def _best(self, part: Part, n: int, *, where: Callable[[Candidate], bool] | None = None,
              bonus: Callable[[Candidate], float] | None = None, block: str = "", floor: float = 0.0,
              force_first: bool = False) -> list[Candidate]:
        raise NotImplementedError

    def _article_items(self, part: Part, ranked: list[Candidate]) -> None:
        """A law lists in its articles: the best article, whose items (（一）（二）…) come with it whole;
        an article whose lead introduces the asked thing (哪些义务 -> 履行下列义务：) above all."""
        # What a law's lead calls the everyday words (管哪些事 -> 职责 任务); short forms (村委会) name no items.
        said = [w for w in forms(part.info.text)[1:] if w in EVERYDAY_WORDS]
        heads = [h for h in (list_noun(part.info.text), list_head(part.info.text), *said) if h]
        top_lex = max((c.features.get("lex", 0.0) for c in ranked), default=0.0)

        def introduces(c: Candidate) -> bool:
            """A lead (…下列义务：) of the asked thing, or lacking a named thing, the best-matching lead."""
            lead = c.text.endswith(("：", ":"))
            return lead and (any(h in c.text for h in heads) if heads else c.features.get("lex", 0.0) >= top_lex > 0)

        chosen = self._best(part, 2, bonus=lambda c: 0.2 if introduces(c) else 0.0)
        # The article that introduces the asked items answers: no other passage needs to go first, nor may an
        # earlier article of the same law (its own list of 情形 for something else) go before it.
        self.out.settled = bool(chosen) and introduces(chosen[0])
        if self.out.settled:
            pieces = self.out.pieces
            first = next(p for p in pieces if p.cand is chosen[0])
            at = next(i for i, p in enumerate(pieces) if p.block == first.block)
            pieces.remove(first)
            pieces.insert(at, first)

    def _whole_articles(self) -> None:
        """A law answers in articles: a sentence taken from an article brings the rest of that article
        (its other 款 and 项, in order), as long as the answer stays within its length cap. Earlier
        sentences expand first; a sentence already quoted with its article is not repeated."""
        out: list[Piece] = []
        taken = {(p.cand.doc_id, p.cand.start) for p in self.out.pieces}
        leads: set[tuple[str, int]] = set()
        total = sum(len(p.cand.text) for p in self.out.pieces)
        for p in self.out.pieces:
            if any(q.cand.doc_id == p.cand.doc_id and p.cand.start < q.cand.end and q.cand.start < p.cand.end
                   for q in out):
                continue  # quoted with its article already
            doc = self.lib.document(p.cand.doc_id)
            arts = doc.articles_in(p.cand.start, p.cand.end) if doc is not None else []
            sents = self.ev.add_span(p.cand.doc_id, arts[0].start, arts[0].end, p.cand.rank) if len(arts) == 1 else []
            extra = sum(len(c.text) for c in sents if (c.doc_id, c.start) not in taken)
            if not sents or total + extra > self.max_chars * 1.2:
                # Items quoted without the article's lead would not say what they are items of (…的，处…罚款：).
                lead = sents[0] if sents and sents[0].start < p.cand.start else None
                if lead is not None and (lead.doc_id, lead.start) not in taken | leads:
                    leads.add((lead.doc_id, lead.start))
                    total += len(lead.text)
                    out.append(replace(p, cand=lead))
                    p = replace(p, label="")
                out.append(p)
                continue
            total += extra
            out.extend(replace(p, cand=c, label=p.label if i == 0 else "") for i, c in enumerate(sents))
        self.out.pieces = out

"""Composition per kind of answer, from the documents' own structure: the items of a list, the steps of
a procedure, the defining sentence, a sentence holding the asked value, one block per case or side.
A question asking several things gets each part answered in turn."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from app.asked import asked_part
from app.compose_blocks import BlockAnswers
from app.compose_focus import Focus
from app.compose_value import ValueAnswers
from app.evidence import Candidate, Evidence, Library
from app.question import Clause, QuestionInfo, content_terms
from app.ranges import fit
from app.structure import LABEL_NUM, defined_terms, defines, defines_part, lead_length, stands_first, without_places
from app.values import AMOUNT, CLOCK, SCORE, asked_number, named_period
from govkb.types import Filters, Hit

VALUE_KINDS = ("number", "date", "person")
RUN_ON = ("；", ";", "：", ":")


@dataclass
class Piece:
    """A chosen sentence with our own label (never source text) and the block it belongs to."""

    cand: Candidate
    label: str = ""
    block: str = ""


@dataclass
class Composition:
    pieces: list[Piece] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing_value: bool = False  # a number/date/person question whose value no passage holds
    missing_unit: str = ""  # what that value is (元, a time of day …; app.values), when a part names it
    settled: bool = False  # the structure asked for was found (the article listing the asked items)


@dataclass
class Part:
    """One asked part of the question, with its own term weights and length budget."""

    info: QuestionInfo
    weights: dict[str, float]
    budget: int
    block: str = ""
    cap: int = 0  # the most the whole answer may hold while this part is answered (0: the composer's)


class Composer(BlockAnswers, Focus, ValueAnswers):
    """Builds the answer's sentences for one question from the evidence, by the kind asked for."""

    def __init__(self, info: QuestionInfo, ev: Evidence, hits: list[Hit], lib: Library, *, max_chars: int = 520) -> None:
        self.info, self.ev, self.hits, self.lib, self.max_chars = info, ev, hits, lib, max_chars
        self.out = Composition()

    # --- the parts of a question ---------------------------------------------------------
    def compose(self) -> Composition:
        parts = self._parts()
        missing = []
        for i, part in enumerate(parts):
            before = len(self.out.pieces)
            if i and self._said(part):
                missing.append(False)
                continue
            self._answer_part(part)
            missing.append(part.info.kind in VALUE_KINDS and len(self.out.pieces) == before)
        # The first part is what is asked above all: without its value the rest would only look like an answer.
        # So is a sum of money, a time of day or a score, in whichever part it is asked (低保标准是多少？一个人每个月能拿到
        # 多少钱？, 要交哪些税？税率是多少？, 几点以后就不能放了？, 能加分吗？能加几分？): passages without one answer only
        # the rest, which the asker would take for the whole; a sentence with some other number (三个月) does not answer it.
        asked = [asked_number(p.info.text) if p.info.kind == "number" else (None, []) for p in parts]
        units = [u for u, _ in asked]
        # …and so is a period named by what it is (试用期最长多久): another rule's 六个月 is not its length.
        wanted = any(m and (u in ("元", AMOUNT, CLOCK, SCORE) or any(n.endswith("期") for n in nouns))
                     for m, (u, nouns) in zip(missing, asked, strict=True))
        self.out.missing_value = bool(missing) and (missing[0] or all(missing) or wanted)
        self.out.missing_unit = next((u for m, u in zip(missing, units, strict=True) if m and u), "")
        if not self.out.missing_value and not self.out.settled and self.info.kind not in ("comparison", "case"):
            self._keep_best_passage()
        self._finish_runs()
        self._whole_articles()
        return self.out

    def _keep_best_passage(self) -> None:
        """The best-ranked passage always speaks in the answer: when composition by kind chose only
        other passages (a neighbouring article of the same law, say), its best sentence comes first."""
        top = self.ev.first_passage(self.hits)
        if top is not None and self.ev.unasked_sanction(top.law, top.section):
            return  # a sanction is not what to do
        if top is not None and fit(top.text, self.info.text, self.ev.figures) < 0 and any(
                self.ev.range_fit(p.cand) > 0 for p in self.out.pieces):
            return  # 死了15个人: the grade whose range holds it answers, not the other grades of the first passage
        # Already there: a sentence of it, or of a subsection under it (an intro's items answer for it).
        if top is None or any(p.cand.doc_id == top.doc_id and (p.cand.start < top.end and top.start < p.cand.end
                                                              or p.cand.chunk.section.startswith(top.section))
                              for p in self.out.pieces):
            return
        mine = self.ev.add_chunk(top, rank=0)
        own = {(c.doc_id, c.start) for c in mine}
        kind = self.info.kind
        if kind in VALUE_KINDS and not any(c.has(kind, self.info.text, self.info.entities) for c in mine):
            return  # it holds no value of the asked kind: it would only stand before the sentence that does
        best = next((c for c in self.ev.score(None, self.ev.weights, self.info.text) if (c.doc_id, c.start) in own), None)
        if best is not None:
            self.out.pieces.insert(0, Piece(best, "", self.out.pieces[0].block if self.out.pieces else ""))

    def _finish_runs(self) -> None:
        """A sentence that stops at a semicolon or a colon has not said its piece (平时着重…；急时…。,
        具体如下：一是…): the clauses after it, up to the full stop, follow it in the answer."""
        out: list[Piece] = []
        taken = [p.cand for p in self.out.pieces]
        for p in self.out.pieces:
            out.append(p)
            c, added = p.cand, 0
            while c.text.endswith(RUN_ON) and added < 8:
                following = self.ev.add_span(c.doc_id, c.end, c.end + 400, rank=c.rank)
                if not following or any(q.doc_id == c.doc_id and q.start < following[0].end and following[0].start < q.end
                                        for q in taken):
                    break
                c = following[0]
                taken.append(c)
                out.append(Piece(c, "", p.block))
                added += 1
        self.out.pieces = out

    def _said(self, part: Part) -> bool:
        """Does a sentence already taken answer this later clause too (任期几年？可以连选连任吗？)?
        Then adding more sentences for it would only pad the answer."""
        terms = content_terms(part.info.text)
        if part.info.kind in VALUE_KINDS:  # 作者是谁？在哪个单位？: the author note gave both
            # 由谁说了算: a body named in a sentence about something else (县级以上…机构应当会同有关部门…制定优惠政策) is
            # not the one asked after; that sentence must also say something of this clause.
            return any(p.cand.has(part.info.kind, part.info.text)
                       and (part.info.kind != "person" or any(t in p.cand.text for t in terms)) for p in self.out.pieces)
        if part.info.kind not in ("yesno", "open") or not terms:
            return False
        return any(sum(t in p.cand.text for t in terms) >= 0.8 * len(terms) for p in self.out.pieces)

    def _parts(self) -> list[Part]:
        clauses = [c for c in self.info.clauses if content_terms(c.text)]
        # An open question about a place (疫情中华胜社区…暴露出什么问题): what is asked, not the place's name, scores.
        base = without_places(self.ev.weights, self.info.entities) if self.info.kind == "open" else self.ev.weights
        if len(clauses) < 2:
            return [Part(self.info, base, self.max_chars)]
        parts = []
        period = ""
        for i, clause in enumerate(clauses):
            own = set(content_terms(clause.text))
            weights = {t: w * (1.0 if t in own else 0.5) for t, w in base.items()}
            kind = clause.kind if clause.kind != "open" else (self.info.kind if i == 0 else "open")
            text = clause.text
            # 是不是有冷静期？要等多少天？: the days asked are those of the period an earlier part asked about.
            if kind == "number" and period and period not in text and not asked_number(text)[1]:
                text = period + text
            period = named_period(asked_part(clause.text)) or period
            sub = replace(self.info, text=text, kind=kind, clauses=[Clause(text, kind)])
            parts.append(Part(sub, weights, max(170, self.max_chars // len(clauses)), block=f"问{i + 1}"))
        return parts

    def _answer_part(self, part: Part) -> None:
        kind = part.info.kind
        if kind in ("list", "procedure"):
            self.items(part)
        elif kind == "definition":
            self.definition(part)
        elif kind == "comparison":
            part = self.widened(part)
            self.comparison(part)
            if not any(p.block.startswith(part.block) for p in self.out.pieces):
                self._best(part, 3)  # no side could be told apart: the best sentences, plainly
        elif kind == "case":
            self.cases(part)
        elif kind in VALUE_KINDS:
            self.value(part, kind)
        elif kind == "yesno":
            self.claim(part)
        else:
            self._best(part, 3)

    # --- taking sentences ----------------------------------------------------------------
    def _take(self, cand: Candidate, part: Part, label: str = "", block: str | None = None, *, force: bool = False) -> bool:
        for p in self.out.pieces:
            if p.cand.doc_id == cand.doc_id and p.cand.start < cand.end and cand.start < p.cand.end:
                return False  # already said (overlapping passages repeat sentences)
        block = part.block + (block or "")
        used = sum(len(p.cand.text) for p in self.out.pieces if p.block == block)
        cap = part.cap or self.max_chars * 1.2
        if not force and (used + len(cand.text) > part.budget or self._total() + len(cand.text) > cap):
            return False
        self.out.pieces.append(Piece(cand, label, block))
        return True

    def _total(self) -> int:
        return sum(len(p.cand.text) for p in self.out.pieces)

    def _best(self, part: Part, n: int, *, where: Callable[[Candidate], bool] | None = None,
              bonus: Callable[[Candidate], float] | None = None, block: str = "", floor: float = 0.0,
              force_first: bool = False) -> list[Candidate]:
        """Take the n best candidates (optionally filtered), in source order within an article or a paper, the
        documents and a law's articles in the order of their best; the best is taken even over the length budget
        when best of all, or `force_first`."""
        chosen: list[Candidate] = []
        ranked = self.ev.score(bonus, part.weights, part.info.text)
        for c in ranked:
            if len(chosen) >= n or c.score <= floor:
                break
            if (where is None or where(c)) and self._take(c, part, block=block, force=not chosen and (force_first or c is ranked[0])):
                chosen.append(c)
        ids, first = {id(c) for c in chosen}, {c.doc_id: i for i, c in reversed(list(enumerate(chosen)))}
        # A law's articles, too, in the order of their best sentence (第一百零六条…该协议无效 before 第二十三条).
        article = {(c.doc_id, c.context): i for i, c in reversed(list(enumerate(chosen))) if c.chunk.law}
        mine = sorted((p for p in self.out.pieces if id(p.cand) in ids),
                      key=lambda p: (first[p.cand.doc_id], article.get((p.cand.doc_id, p.cand.context), 0), p.cand.start))
        self.out.pieces = [p for p in self.out.pieces if id(p.cand) not in ids] + mine
        return chosen

    # --- kinds ---------------------------------------------------------------------------
    def items(self, part: Part) -> None:
        """The items themselves: the subsections of the section asked about, its enumerated
        sentences, a run of clauses separated by semicolons, or a short section as a whole."""
        ranked = self.ev.score(None, part.weights, part.info.text)
        if ranked and ranked[0].chunk.law:
            self._article_items(part, ranked)
            return
        labelled = self._labelled(part)
        if labelled:
            for c in labelled:
                self._take(c, part, block="·items", force=c is labelled[0])
            return
        focus = self._focus(part)
        if focus is not None:
            doc, section, children = focus
            if children:
                for i, child in enumerate(children[:8], 1):
                    sents = self.ev.add_span(doc.doc_id, child.start, child.end, rank=8)
                    # What the question asks beyond the titles: with nothing more, the item's first sentence says it.
                    named = set(content_terms(section.title + child.title))
                    rest = {t: w for t, w in part.weights.items() if t not in named}
                    best = max(sents, key=lambda c: (self.ev.coverage(c.text, rest) if rest else 0.0, -c.start),
                               default=None)
                    if best is not None:
                        self._take(best, part, f"{i}. {LABEL_NUM.sub('', child.title)}：", "·items", force=i <= 4)
                return
            sents = self.ev.add_span(doc.doc_id, section.start, min(section.end, section.start + 3000), rank=6)
            sents = [c for c in sents if c.text.rstrip("。.") not in section.title]
            leads = [i for i, c in enumerate(sents) if c.lead]
            if len(leads) >= 2:
                for n, i in enumerate(leads[:8], 1):
                    self._take(sents[i], part, block="·items", force=n <= 4)
                    nxt = i + 1
                    # A short lead (二是协作制度化。) names the item; the next sentence says what it is.
                    if lead_length(sents[i].text) < 24 and nxt < len(sents) and nxt not in leads:
                        self._take(sents[nxt], part, block="·items", force=n <= 4)
                return
            if sents and sum(len(c.text) for c in sents) <= part.budget:
                for c in sents:
                    self._take(c, part, block="·items")
                return
        self._best(part, 4)  # a list written as clauses separated by semicolons is followed to its end (_finish_runs)

    def definition(self, part: Part) -> None:
        named = [e for e in part.info.entities if len(e) <= 12 and e in part.info.text]
        quoted = [e for e in named if f"“{e}”" in part.info.text or f"「{e}」" in part.info.text]
        # The terms asked about: quoted ones, else those the question asks the meaning of, else its names.
        subjects = quoted or defined_terms(part.info.text) or named
        for subject in subjects[:3]:
            # Within the documents the question points at (A社区那篇论文), else the whole library.
            scope = Filters.of(doc_id=part.info.doc_refs) if part.info.doc_refs else None
            for hit in self.lib.search(subject, top_k=12, filters=scope):
                self.ev.add_chunk(hit.chunk, rank=20)

            self._define(part, subject, [o for o in subjects[:3] if o != subject])
        # Several terms, each answered in its block: that is the answer's shape, nothing goes before it.
        self.out.settled |= len(subjects) > 1 and all(any(p.block == f"·{s}" for p in self.out.pieces) for s in subjects[:3])
        self._says_next(part)
        if len([p for p in self.out.pieces if p.block.startswith(part.block)]) < 2:
            self._best(part, 1)

    def _define(self, part: Part, s: str, others: list[str]) -> None:
        """The sentence defining the term; for a compound term (一性三管四合五治) those defining its parts
        (“三管”是指…); else one where it is a clause's subject (，结构韧性的强弱决定了…), preferably in the
        section named after it (4.3. 塑造文化韧性), and not one that names the other terms asked about
        as well (…提升结构韧性、能力韧性和文化韧性 says what none of them is)."""
        def heads(c: Candidate) -> bool:
            return s in c.section.rsplit(" > ", 1)[-1]

        block = f"·{s}"
        if not self._best(part, 1, where=lambda c: defines(c.text, s), block=block) and not self._best(
            part, 4, where=lambda c: defines_part(c.text, s), block=block
        ):
            self._best(part, 1, where=lambda c: (s in c.text or heads(c)) and not any(o in c.text for o in others),
                       bonus=lambda c: 0.4 * stands_first(c.text, s) + 0.2 * heads(c), block=block)

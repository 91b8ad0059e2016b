"""Model mode: a model writes the answer from the passages the extractive answer stood on, and only
the sentences the verifier can trace to the passages they cite are kept."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

from app.groundedness import Claim, Verdict, passage_support, split_claims, verify
from app.llm import ChatClient, LLMError, build_messages
from govkb.settings import LLMSettings
from govkb.text import is_verbatim
from govkb.types import Answer, AnswerSentence, Citation, Document, Hit, answer_text

FALLBACK = "以下为原文摘录。"
_OPEN_MARKER = re.compile(r"[\[【［][\d,，、\s]*$")


def evidence_pool(hits: list[Hit], document: Callable[[str], Document | None], n: int) -> list[tuple[Hit, Document]]:
    """The passages the model may use: the best hits whose text is exactly the stored document text."""
    pool = []
    for hit in hits:
        doc = document(hit.chunk.doc_id)
        if doc is not None and is_verbatim(doc.text, hit.chunk.text, hit.chunk.start, hit.chunk.end):
            pool.append((hit, doc))
        if len(pool) == n:
            break
    return pool


def vocabulary(idf: Callable[[list[str]], dict[str, float]]) -> Callable[[str], bool]:
    """Whether the corpus uses a bigram: the keyword index gives unseen tokens the highest IDF."""
    sentinel = "\x00\x00"

    def known(token: str) -> bool:
        got = idf([token, sentinel])
        return got[token] < got[sentinel]

    return known


def fallback(answer: Answer, message: str, dropped: list[Verdict] | None = None) -> Answer:
    """The extractive answer, with a plain note of why the model's answer is not shown."""
    answer.notes = [*answer.notes, f"{message} {FALLBACK}"]
    answer.dropped = [v.to_dict() for v in dropped or []]
    return answer


def _answer(extractive: Answer, pool: list[tuple[Hit, Document]], kept: list[Verdict], dropped: list[Verdict]) -> Answer:
    """An answer of the kept generated sentences; citations renumbered in the order first cited."""
    number: dict[int, int] = {}
    for v in kept:
        for n in v.claim.sources:
            number.setdefault(n, len(number) + 1)
    citations = []
    for n, new in number.items():
        hit, doc = pool[n - 1]
        c = hit.chunk
        citations.append(Citation(n=new, doc_id=c.doc_id, title=doc.meta.title, section=c.section, page=c.page,
                                  quote=c.text, start=c.start, end=c.end, score=round(hit.score, 6)))
    parts = [AnswerSentence(v.claim.text, [number[n] for n in v.claim.sources], generated=True) for v in kept]
    notes = [f"大模型另写了 {len(dropped)} 句，未能在所引段落中核实，已删除。"] if dropped else []
    return Answer(question=extractive.question, answer=answer_text(parts), refused=False, citations=citations,
                  hits=extractive.hits, signals=extractive.signals, timings=dict(extractive.timings),
                  sentences=parts, kind=extractive.kind, notes=notes, dropped=[v.to_dict() for v in dropped])


def synthesize(
    extractive: Answer,
    client: ChatClient,
    cfg: LLMSettings,
    document: Callable[[str], Document | None],
    known: Callable[[str], bool],
    *,
    stream: bool = True,
) -> Iterator[Answer]:
    """Yield the verified answer as it grows (each time a sentence is complete), the final one last.
    Never called on a refusal; any failure yields the extractive answer with a note."""
    if extractive.refused:  # the model never turns a refusal into an answer
        yield extractive
        return
    t0 = time.perf_counter()
    pool = evidence_pool(extractive.hits, document, cfg.max_passages)
    if not pool:
        yield fallback(extractive, "没有可供大模型引用的已核验段落。")
        return
    passages = {n: passage_support(doc.meta.title, hit.chunk.section, hit.chunk.text) for n, (hit, doc) in enumerate(pool, 1)}
    messages = build_messages(extractive.question, [(d.meta.title, h.chunk.section, h.chunk.text) for h, d in pool],
                              cfg.max_sentences)
    verdicts: list[Verdict] = []

    def judge(claims: list[Claim]) -> bool:
        """Verify the claims not seen yet; True when a new sentence was kept."""
        new = [verify(c, passages, cfg.min_support, known) for c in claims[len(verdicts) :]]
        verdicts.extend(new)
        return any(v.ok for v in new)

    text = ""
    try:
        for piece in client.stream(messages) if stream else iter([client.complete(messages)]):
            text += piece
            # The last sentence may still grow, and a marker may be cut in two ("[" now, "7]" next).
            if judge(split_claims(_OPEN_MARKER.sub("", text))[:-1]):
                kept = [v for v in verdicts if v.ok][: cfg.max_sentences]
                yield _answer(extractive, pool, kept, [])
    except LLMError as exc:
        yield fallback(extractive, f"{exc}。")
        return
    judge(split_claims(text))
    kept = [v for v in verdicts if v.ok]
    extra = [Verdict(v.claim, False, "over_limit", f"超过 {cfg.max_sentences} 句的上限", v.support)
             for v in kept[cfg.max_sentences :]]
    dropped = [v for v in verdicts if not v.ok] + extra
    kept = kept[: cfg.max_sentences]
    if not kept:
        yield fallback(extractive, f"大模型的回答未通过核验（{len(dropped)} 句全部删除）。", dropped)
        return
    final = _answer(extractive, pool, kept, dropped)
    final.timings["llm"] = time.perf_counter() - t0
    yield final

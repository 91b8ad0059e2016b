"""Extractive answers: the most relevant sentences of the top passages, each with its [n] marker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from govkb.settings import AnswerSettings
from govkb.text import CLOSERS, TERMINAL, is_verbatim, sentence_spans, tokenize
from govkb.types import Answer, AnswerSentence, Citation, Document, Hit, answer_text

REFUSAL = "知识库中未找到相关依据。"
WEAK_NOTE = "以下是最接近的段落，仅供参考，不能作为依据："


@dataclass(frozen=True)
class Sentence:
    hit_rank: int
    start: int  # absolute offsets in the document
    end: int
    text: str
    score: float


def evidence(signals: dict[str, float], cfg: AnswerSettings) -> float:
    """One evidence score: best cosine similarity plus weighted lexical coverage of the question."""
    return signals.get("dense_top", 0.0) + cfg.lexical_weight * signals.get("coverage", 0.0)


def is_confident(signals: dict[str, float], cfg: AnswerSettings) -> bool:
    """Evidence is strong enough when the combined score reaches the calibrated bar."""
    return evidence(signals, cfg) >= cfg.min_evidence


def _verified(doc: Document | None, hit: Hit) -> bool:
    """A passage is quoted only if it is exactly the stored document text at its offsets."""
    return is_verbatim(doc.text if doc else None, hit.chunk.text, hit.chunk.start, hit.chunk.end)


def _query_terms(question: str) -> dict[str, float]:
    """Question terms and their weight: bigrams, words and numbers carry meaning; single
    characters count a little (户 in 多少户), so a sentence with the asked-for unit wins ties."""
    return {t: (1.0 if len(t) > 1 or t.isdigit() else 0.3) for t in tokenize(question)}


def score_sentences(question: str, hits: list[Hit], idf: Callable[[list[str]], dict[str, float]]) -> list[Sentence]:
    """Sentences of the hits scored by the IDF-weighted share of the question's terms they contain."""
    terms = _query_terms(question)
    idfs = idf(sorted(terms)) if terms else {}
    weights = {t: terms[t] * idfs[t] for t in terms}
    total = sum(weights.values()) or 1.0
    out: list[Sentence] = []
    for rank, hit in enumerate(hits):
        chunk = hit.chunk
        headings = {part.strip() for part in chunk.section.split(" > ")}
        for a, b in sentence_spans(chunk.text):
            text = chunk.text[a:b]
            if len(text) < 8 or text in headings or (len(text) < 40 and text[-1] not in TERMINAL + CLOSERS):
                continue  # headings, titles and fragments do not answer anything
            found = set(tokenize(text)) & terms.keys()
            score = sum(weights[t] for t in found) / total
            # Retrieval rank only breaks ties between equally matching sentences.
            out.append(Sentence(rank, chunk.start + a, chunk.start + b, text, score - 0.001 * rank))
    return out


def compose(
    question: str,
    hits: list[Hit],
    signals: dict[str, float],
    *,
    cfg: AnswerSettings,
    document: Callable[[str], Document | None],
    idf: Callable[[list[str]], dict[str, float]],
) -> Answer:
    """Build the answer: refuse on weak evidence, else quote sentences and cite their passages."""
    if not hits or not is_confident(signals, cfg):
        for hit in hits:
            hit.weak = True
        text = REFUSAL + (WEAK_NOTE if hits else "")
        return Answer(question=question, answer=text, refused=True, citations=[], hits=hits, signals=signals)

    pool = hits[: cfg.max_citations]
    verified = [h for h in pool if _verified(document(h.chunk.doc_id), h)]
    sentences = score_sentences(question, verified, idf)
    best = max((s.score for s in sentences), default=0.0)
    chosen: list[Sentence] = []
    for sent in sorted(sentences, key=lambda s: (-s.score, s.hit_rank, s.start)):
        if len(chosen) >= cfg.max_sentences or (chosen and sent.score < 0.5 * best):
            break
        if any(s.start < sent.end and sent.start < s.end for s in chosen):
            continue  # overlapping chunks repeat sentences
        chosen.append(sent)
    # Citations are numbered in the order the answer first uses them; best sentence first.
    number: dict[int, int] = {}
    for sent in chosen:
        number.setdefault(sent.hit_rank, len(number) + 1)
    citations = []
    for rank, n in number.items():
        hit = verified[rank]
        doc = document(hit.chunk.doc_id)
        assert doc is not None  # verified above
        citations.append(
            Citation(
                n=n,
                doc_id=hit.chunk.doc_id,
                title=doc.meta.title,
                section=hit.chunk.section,
                page=hit.chunk.page,
                quote=hit.chunk.text,
                start=hit.chunk.start,
                end=hit.chunk.end,
                score=round(hit.score, 6),
            )
        )
    parts = [AnswerSentence(s.text, [number[s.hit_rank]]) for s in chosen]
    return Answer(question=question, answer=answer_text(parts), refused=False, citations=citations, hits=hits,
                  signals=signals, sentences=parts)

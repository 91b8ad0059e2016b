"""Citing and refusing: number the passages an answer's verbatim sentences come from, or refuse showing the nearest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from app.compose import Piece
from app.evidence import Library
from govkb.text import is_verbatim
from govkb.types import Answer, AnswerSentence, Chunk, Citation, Hit
from ingest.backmatter import overlaps

REFUSAL = "知识库中未找到相关依据。"
WEAK_NOTE = "以下是最接近的段落，仅供参考，不能作为依据："


def refusal(question: str, hits: list[Hit], signals: dict[str, float], *, kind: str = "", note: str = "") -> Answer:
    """The refusal, with the nearest passages marked weak (shown, never cited)."""
    for hit in hits:
        hit.weak = True
    return Answer(question=question, answer=REFUSAL + (WEAK_NOTE if hits else ""), refused=True, citations=[],
                  hits=hits, signals=signals, kind=kind, notes=[note] if note else [])


def cite(pieces: list[Piece], library: Library, scores: dict[str, float] | None = None) -> tuple[list[AnswerSentence], list[Citation]]:
    """Number the passages in the order the answer first uses them; keep only sentences and
    passages that are exactly the stored document text at their offsets. The passages of one
    article of a law (a long article splits at its 款) are one citation: 第十七条 is cited once. A
    passage's score is its retrieval score (`scores`), else the best score of its sentences."""
    number: dict[str, int] = {}
    chunks: dict[str, dict[str, Chunk]] = {}
    sentences: list[AnswerSentence] = []
    for p in pieces:
        c = p.cand
        doc = library.document(c.doc_id)
        text = doc.text if doc else None
        if not (is_verbatim(text, c.text, c.start, c.end) and is_verbatim(text, c.chunk.text, c.chunk.start, c.chunk.end)):
            continue
        key = f"{c.doc_id}#{c.chunk.articles}" if c.chunk.articles else c.chunk.chunk_id
        n = number.setdefault(key, len(number) + 1)
        chunks.setdefault(key, {})[c.chunk.chunk_id] = c.chunk
        sentences.append(AnswerSentence(c.text, [n], p.label, p.block))
    citations = []
    for key, n in number.items():
        parts = sorted(chunks[key].values(), key=lambda ch: ch.start)
        doc = library.document(parts[0].doc_id)
        assert doc is not None  # verified above
        chunk = parts[0]
        if len(parts) > 1:  # the article's passages as one quote, from the first one's start to the last one's end
            start, end = parts[0].start, max(ch.end for ch in parts)
            chunk = replace(chunk, start=start, end=end, text=doc.text[start:end])
        score = max((scores or {}).get(ch.chunk_id) or 0.0 for ch in parts) or max(
            (p.cand.score for p in pieces if p.cand.chunk.chunk_id in chunks[key]), default=0.0)
        citations.append(Citation.of(n, chunk, doc.meta.title, score))
    return sentences, citations


SEE_ALSO = 4  # passages listed under an answer's citations at most


def see_also(answer: Answer, top: int = 5, n: int = SEE_ALSO) -> list[Hit]:
    """The best-ranked passages (of the first `top`) the answer does not cite — another article of the law, or another
    law the question may mean — listed under its citations as found, not quoted as support. A question in everyday
    words often has the right article among them when the composed answer chose its neighbour. None for a refusal,
    whose nearest passages are shown in its place."""
    if answer.refused:
        return []
    cited = {(c.doc_id, a) for c in answer.citations for a in c.articles.split("、") if a}
    out: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    for hit in answer.hits[:top]:
        ch = hit.chunk
        articles = [a for a in ch.articles.split("、") if a]
        if overlaps([(c.start, c.end) for c in answer.citations if c.doc_id == ch.doc_id], ch.start, ch.end):
            continue  # quoted above, in part or whole
        if articles and all((ch.doc_id, a) in cited for a in articles):
            continue  # another passage of a cited article (a long one splits at its 款)
        key = (ch.doc_id, ch.articles or ch.chunk_id)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out[:n]


def passage_label(chunk: Chunk, title_of: Callable[[str], str] | None = None) -> str:
    """《title》第X条 for a law's passage, else the document (its title when `title_of` gives it, or id) and the section."""
    if chunk.law:
        return f"《{chunk.law}》{chunk.articles}"
    return f"{title_of(chunk.doc_id) if title_of else chunk.doc_id} · {chunk.section or '（无章节）'}"


def answer_dict(answer: Answer, title_of: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The answer as JSON (`govkb ask --json`, the web API), with the passages listed under its citations
    (labelled with their documents' titles when `title_of` gives them)."""
    return {**answer.to_dict(), "see_also": [
        {"label": passage_label(h.chunk, title_of), "doc_id": h.chunk.doc_id,
         "section": h.chunk.section, "start": h.chunk.start, "end": h.chunk.end, "text": h.chunk.text}
        for h in see_also(answer)]}

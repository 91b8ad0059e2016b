"""Hybrid retrieval: BM25 and dense candidates fused by reciprocal rank, with metadata filters."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import numpy as np

from govkb.text import indexed_text, tokenize
from govkb.types import Chunk, Filters, Hit
from index.kb import KnowledgeBase
from index.keyword import KeywordIndex


@dataclass
class SearchResult:
    hits: list[Hit]
    signals: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def rrf(rankings: list[list[str]], k: int = 60, weights: list[float] | None = None) -> dict[str, float]:
    """Weighted reciprocal rank fusion: sum of w / (k + rank) over the rankings that hold an id."""
    fused: dict[str, float] = {}
    for i, ranking in enumerate(rankings):
        w = weights[i] if weights else 1.0
        for rank, cid in enumerate(ranking, start=1):
            fused[cid] = fused.get(cid, 0.0) + w / (k + rank)
    return fused


class Retriever:
    """Searches a KnowledgeBase; keeps per-row filter columns for the keyword index."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._columns_for: str | None = None
        self._columns: dict[str, np.ndarray] = {}

    def _filter_mask(self, active: dict[str, list[str]], chunks: dict[str, Chunk], kw: KeywordIndex) -> np.ndarray | None:
        if not active:
            return None
        if self._columns_for != kw.signature:
            metas = {d.doc_id: d.meta for d in self.kb.documents()}
            rows = [chunks[cid] for cid in kw.ids]
            self._columns = {
                "doc_id": np.array([c.doc_id for c in rows], dtype=object),
                "kind": np.array([getattr(metas.get(c.doc_id), "kind", "") for c in rows], dtype=object),
                "source": np.array([getattr(metas.get(c.doc_id), "source", "") for c in rows], dtype=object),
            }
            self._columns_for = kw.signature
        mask = np.ones(len(kw.ids), dtype=bool)
        for key, values in active.items():
            mask &= np.isin(self._columns[key], list(values))
        return mask

    def search(
        self,
        query: str,
        *,
        top_k: int | None = None,
        mode: str | None = None,
        filters: Filters | None = None,
    ) -> SearchResult:
        cfg = self.kb.settings.retrieval
        top_k = top_k or cfg.top_k
        mode = mode or cfg.mode
        n_cand = max(cfg.candidates, top_k)
        timings: dict[str, float] = {}
        # One view for the whole search: another instance's write shows from the next question on.
        view = self.kb.view()
        chunks, kw = view.chunks, view.keyword
        active = filters.active() if filters else {}

        # Both signals are computed in every mode: the refusal rule needs them, whatever ranks.
        t = time.perf_counter()
        scores = kw.scores(query, self._filter_mask(active, chunks, kw))
        bm25_rank: list[str] = []
        bm25_of: dict[str, float] = {}
        bm25_top = 0.0
        if scores.size:
            n = min(n_cand, scores.size)
            top = np.argpartition(-scores, n - 1)[:n]
            top = top[np.argsort(-scores[top], kind="stable")]
            top = top[scores[top] > 0]
            bm25_rank = [kw.ids[i] for i in top]
            bm25_of = {kw.ids[i]: float(scores[i]) for i in top}
            bm25_top = float(scores[top[0]]) if top.size else 0.0
        timings["bm25"] = time.perf_counter() - t

        t = time.perf_counter()
        qvec = self.kb.embedder.query(query)
        timings["embed"] = time.perf_counter() - t
        t = time.perf_counter()
        dense_rank: list[str] = []
        dense_of: dict[str, float] = {}
        for cid, sim in self.kb.store.query(qvec, n_cand, filters=active):
            # Chunks outside the view belong to a document still being written (or written since
            # the view was built): they are searched once their document is complete and seen.
            if cid in chunks:
                dense_rank.append(cid)
                dense_of[cid] = sim
        timings["chroma"] = time.perf_counter() - t

        t = time.perf_counter()
        if mode == "bm25":
            fused = {cid: s for cid, s in bm25_of.items()}
        elif mode == "dense":
            fused = {cid: s for cid, s in dense_of.items()}
        else:
            fused = rrf([bm25_rank, dense_rank], k=cfg.rrf_k, weights=[cfg.bm25_weight, 1.0])
        order = sorted(fused, key=lambda cid: (-fused[cid], cid))[:top_k]
        b_pos = {cid: i + 1 for i, cid in enumerate(bm25_rank)}
        d_pos = {cid: i + 1 for i, cid in enumerate(dense_rank)}
        hits = [
            Hit(
                chunk=chunks[cid],
                score=fused[cid],
                bm25=bm25_of.get(cid),
                dense=dense_of.get(cid),
                bm25_rank=b_pos.get(cid),
                dense_rank=d_pos.get(cid),
            )
            for cid in order
            if cid in chunks
        ]
        timings["fusion"] = time.perf_counter() - t
        signals = {
            "dense_top": max(dense_of.values(), default=0.0),
            "bm25_top": bm25_top,
            "coverage": coverage(query, [h.chunk for h in hits[:3]], kw),
        }
        return SearchResult(hits=hits, signals=signals, timings=timings)


# Interrogative bigrams (哪些, 多少, 怎么 …) say how something is asked, not what about: a corpus
# never contains them, so counting them would make every short question look off-topic.
_QUESTION_WORD = re.compile(r"[哪吗呢么怎何谁啥]|多少|是否|方面|为什|样的|有什|是什|指的|的是|几个|几种|主要")


def coverage(query: str, chunks: list[Chunk], kw: KeywordIndex) -> float:
    """IDF-weighted share of the query's bigrams and words found in the best of `chunks`.

    Unlike a raw BM25 score it does not shift with corpus size: a question about 个人所得税 finds
    none of its informative terms in a corpus on community governance, however small or large.
    """
    terms = {t for t in tokenize(query) if len(t) > 1 and not _QUESTION_WORD.search(t)}
    if not terms or not chunks:
        return 0.0
    idf = kw.idf(sorted(terms))
    total = sum(idf.values()) or 1.0
    best = 0.0
    for chunk in chunks:
        present = terms & set(tokenize(indexed_text(chunk)))
        best = max(best, sum(idf[t] for t in present) / total)
    return best

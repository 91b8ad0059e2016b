"""Hybrid retrieval: BM25 and dense candidates fused by reciprocal rank, with metadata filters."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import numpy as np

from govkb.text import expand_abbreviations, indexed_text, tokenize
from govkb.types import Chunk, Filters, Hit
from govkb.versions import Version, place_unnamed, superseded
from index.kb import KnowledgeBase
from index.keyword import KeywordIndex
from index.view import View

# The score factor of a local regulation whose region the question does not name (measured on the
# policy dev set: see docs/benchmarks.md).
LOCAL_ELSEWHERE = 0.6
# The factor of a province's regulation when the question names one of its cities that has rules of
# its own in the library (郑州…业主大会: 郑州市物业管理条例 speaks before 河南省物业管理条例).
PROVINCE_OVER_CITY = 0.8


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
    """Searches a KnowledgeBase; keeps per-row filter columns for the keyword index.

    Superseded versions of a law are left out of every search unless asked for. Which documents
    are superseded follows from the manifest (work and version date of each document), so it is
    right the moment a version is added or deleted, with nothing to update in Chroma. It is
    applied as a mask on the keyword side and by dropping ids on the dense side (over-fetching
    by as many): a Chroma `where` filter costs ~75 ms per query at 20k chunks against ~1 ms
    without one (measured with chromadb 1.5), so it is kept for the filters a user sets.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._columns_for: str | None = None
        self._columns: dict[str, np.ndarray] = {}
        self._superseded: dict[str, str] = {}
        self._by_doc: dict[str, list[str]] = {}  # doc_id -> its chunk ids
        self._old_rows = np.zeros(0, dtype=bool)
        self._old_ids: set[str] = set()
        self._region_of: dict[str, tuple[str, str]] = {}  # doc_id -> (region, city) of a local regulation
        self._regions: set[str] = set()
        self._cities: dict[str, set[str]] = {}  # region -> its cities with regulations of their own

    def _refresh(self, view: View) -> KeywordIndex:
        """Filter columns and the superseded set, rebuilt whenever the view's chunks change."""
        kw = view.keyword
        if self._columns_for != kw.signature:
            chunks = view.chunks
            facts = self.kb.facts()
            self._superseded = superseded(Version(d, f["work"], f["date"]) for d, f in facts.items())
            docs = [chunks[cid].doc_id for cid in kw.ids]
            self._columns = {"doc_id": np.array(docs, dtype=object)}
            for key in ("kind", "source", "region", "city"):
                self._columns[key] = np.array([facts.get(d, {}).get(key, "") for d in docs], dtype=object)
            self._by_doc = {d: [c.chunk_id for c in cs] for d, cs in view.by_doc.items()}
            self._region_of = {d: (f["region"], f["city"]) for d, f in facts.items() if f["region"]}
            self._regions = {x for pair in self._region_of.values() for x in pair if x}
            self._cities = {}
            for region, city in self._region_of.values():
                if city:
                    self._cities.setdefault(region, set()).add(city)
            # The default exclusion (every superseded version), precomputed for both sides.
            self._old_rows = np.isin(self._columns["doc_id"], list(self._superseded))
            self._old_ids = {cid for d in self._superseded for cid in self._by_doc.get(d, ())}
            self._columns_for = kw.signature
        return kw

    def superseded(self) -> dict[str, str]:
        """{older version's doc_id: current version's doc_id}."""
        self._refresh(self.kb.view())
        return dict(self._superseded)

    def _excluded(self, filters: Filters | None) -> set[str]:
        """Documents left out: superseded versions, unless asked for or named by a doc filter; an
        older version asked for by name (`versions`) stands in for its current one."""
        if filters is None:
            return set(self._superseded)
        wanted = {d for d in filters.versions if d in self._superseded}
        replaced = {self._superseded[d] for d in wanted}
        if filters.include_superseded:
            return replaced
        return (set(self._superseded) - set(filters.doc_id) - wanted) | replaced

    def _filter_mask(self, active: dict[str, list[str]], excluded: set[str]) -> np.ndarray | None:
        if not active and not excluded:
            return None
        cols = self._columns
        mask = np.ones(len(cols["doc_id"]), dtype=bool)
        for key, values in active.items():
            if key == "region":
                mask &= np.isin(cols["region"], values) | np.isin(cols["city"], values)
            else:
                mask &= np.isin(cols[key], list(values))
        if excluded == set(self._superseded):
            mask &= ~self._old_rows
        elif excluded:
            mask &= ~np.isin(cols["doc_id"], list(excluded))
        return mask

    def _by_region(self, query: str, fused: dict[str, float], chunks: dict[str, Chunk]) -> dict[str, float]:
        """A local regulation of another region than the one asked about (or of any region, when the
        question names none and so asks about the law that applies everywhere) ranks lower; national
        laws and documents that are not laws keep their scores."""
        if not self._regions:
            return fused
        factors: dict[tuple[str, str], float] = {}  # one per place, not per passage (it is called twice a search)

        def factor(region: str, city: str) -> float:
            if place_unnamed(region, city, query):
                return LOCAL_ELSEWHERE
            if not city and region not in query and any(c in query for c in self._cities.get(region, ())):
                return PROVINCE_OVER_CITY
            return 1.0

        out = {}
        for cid, score in fused.items():
            place = self._region_of.get(chunks[cid].doc_id, ("", "")) if cid in chunks else ("", "")
            if place not in factors:
                factors[place] = factor(*place)
            out[cid] = score * factors[place]
        return out

    def _excluded_ids(self, excluded: set[str]) -> set[str]:
        """The chunk ids of the excluded documents (the default exclusion's precomputed)."""
        if excluded == set(self._superseded):
            return self._old_ids
        return {cid for d in excluded for cid in self._by_doc.get(d, ())}

    def _dense(self, qvec: np.ndarray, n: int, active: dict[str, list[str]], excluded: set[str]) -> list[tuple[str, float]]:
        """Nearest chunks without those of excluded documents: dropped from an over-fetch by as
        many, or (when more than that crowd the top) filtered by Chroma."""
        old = self._excluded_ids(excluded)
        extra = min(len(old), n)
        got = self.kb.store.query(qvec, n + extra, filters=active)
        kept = [(cid, sim) for cid, sim in got if cid not in old][:n]
        if old and len(kept) < n and len(got) == n + extra:
            kept = self.kb.store.query(qvec, n, filters=active, exclude_docs=sorted(excluded))
        return kept

    def _sentences(self, qvec: np.ndarray, n: int, active: dict[str, list[str]], excluded: set[str]) -> list[tuple[str, float]]:
        """Chunks by their best sentence (index.store.SentenceStore), without those of excluded documents: four
        sentences fetched for each chunk wanted, or (when excluded ones crowd the top) filtered by Chroma."""
        old = self._excluded_ids(excluded)
        kept = [(cid, sim) for cid, sim in self.kb.sentences.query(qvec, 4 * n, filters=active) if cid not in old]
        if old and len(kept) < n // 2:
            kept = self.kb.sentences.query(qvec, 4 * n, filters=active, exclude_docs=sorted(excluded))
        return kept[:n]

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
        self._refresh(view)
        excluded = self._excluded(filters)
        scores = kw.scores(expand_abbreviations(query), self._filter_mask(active, excluded))
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
        for cid, sim in self._dense(qvec, n_cand, active, excluded):
            # Chunks outside the view belong to a document still being written (or written since
            # the view was built): they are searched once their document is complete and seen.
            if cid in chunks:
                dense_rank.append(cid)
                dense_of[cid] = sim
        timings["chroma"] = time.perf_counter() - t
        t = time.perf_counter()
        # (Left out, and not searched, when weighted 0: a library that cannot spend the time turns it off.)
        wanted = mode == "sentence" or (mode == "hybrid" and cfg.sentence_weight > 0)
        found = self._sentences(qvec, n_cand, active, excluded) if wanted else []
        sentence_of = {cid: sim for cid, sim in found if cid in chunks}
        timings["sentences"] = time.perf_counter() - t

        t = time.perf_counter()
        if mode == "bm25":
            fused = {cid: s for cid, s in bm25_of.items()}
        elif mode == "dense":
            fused = {cid: s for cid, s in dense_of.items()}
        elif mode == "sentence":
            fused = dict(sentence_of)
        else:
            fused = rrf([bm25_rank, dense_rank, list(sentence_of)], k=cfg.rrf_k,
                        weights=[cfg.bm25_weight, 1.0, cfg.sentence_weight])
        fused = self._by_region(query, fused, chunks)
        order = sorted(fused, key=lambda cid: (-fused[cid], cid))[:top_k]
        # What the refusal bar was calibrated on: the top three by BM25 and the passages' vectors alone.
        base = self._by_region(query, rrf([bm25_rank, dense_rank], k=cfg.rrf_k, weights=[cfg.bm25_weight, 1.0]), chunks)
        first = set(sorted(base, key=lambda cid: (-base[cid], cid))[:3]) if mode == "hybrid" else set(order[:3])
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
                first=cid in first,
            )
            for cid in order
            if cid in chunks
        ]
        timings["fusion"] = time.perf_counter() - t
        signals = {
            "dense_top": max(dense_of.values(), default=0.0),
            "bm25_top": bm25_top,
            "coverage": coverage(query, [h.chunk for h in hits if h.first], kw),
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
        present = set(tokenize(indexed_text(chunk)))
        best = max(best, sum(v for t, v in idf.items() if t in present) / total)  # in a fixed order (see app.evidence)
    return best

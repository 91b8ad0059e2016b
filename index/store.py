"""Chroma vector store: embedded PersistentClient or HttpClient, one code path for both."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from chromadb.errors import InternalError

from govkb.errors import GovKBError
from govkb.settings import ChromaSettings
from govkb.types import Chunk, DocMeta

log = logging.getLogger(__name__)

REBUILD_HINT = "govkb ingest --rebuild"


class EmbedderMismatchError(GovKBError):
    """The collection was built with another embedder: its vectors cannot be mixed with ours."""

    exit_code = 3


class ServerUnavailableError(GovKBError):
    """The Chroma server did not answer (stopped, restarting, or too slow)."""

    exit_code = 8


def _unreachable(cfg: ChromaSettings) -> str:
    return (
        f"无法连接 Chroma 服务器 {cfg.host}:{cfg.port}。请先启动服务器（chroma run --port {cfg.port}），"
        "或检查设置 chroma.host / chroma.port（环境变量 GOVKB_CHROMA__HOST、GOVKB_CHROMA__PORT）。"
    )


@contextmanager
def reachable(cfg: ChromaSettings) -> Iterator[None]:
    """Turn a failed request to the Chroma server into one clear error; the next call reconnects."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise ServerUnavailableError(
            f"Chroma 服务器 {cfg.host}:{cfg.port} 在 {cfg.timeout_s:g} 秒内没有响应：服务器可能过载或停顿，请稍后再试。"
        ) from exc
    except httpx.TransportError as exc:
        raise ServerUnavailableError(
            f"Chroma 服务器 {cfg.host}:{cfg.port} 暂时无法连接（可能正在重启）：请稍后再试，恢复后会自动重新连接。"
        ) from exc


def make_client(cfg: ChromaSettings, data_dir: Path) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaClientSettings

    client_settings = ChromaClientSettings(anonymized_telemetry=False, allow_reset=True)
    if cfg.mode == "http":
        try:
            client = chromadb.HttpClient(host=cfg.host, port=cfg.port, settings=client_settings)
        except ValueError as exc:  # chromadb's "Could not connect to a Chroma server"
            raise GovKBError(_unreachable(cfg)) from exc
        # chromadb's HTTP session waits forever by default: a stopped server would hang a question.
        session = getattr(getattr(client, "_server", None), "_session", None)
        if isinstance(session, httpx.Client):
            session.timeout = httpx.Timeout(cfg.timeout_s, connect=min(cfg.timeout_s, 5.0))
        return client
    path = data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=client_settings)


def chunk_metadata(chunk: Chunk, meta: DocMeta) -> dict[str, str | int]:
    """Chroma metadata for a chunk: its own fields plus the document fields that filters use."""
    return {
        **chunk.fields(),
        "title": meta.title,
        "kind": meta.kind,
        "source": meta.source,
        "region": meta.region,
        "city": meta.city,
    }


def where_clause(filters: dict[str, list[str]] | None, exclude_docs: list[str] | None = None) -> dict[str, Any] | None:
    """Chroma `where` for {field: [allowed values]} filters (kind, source, doc_id, region; a region
    matches a document's region or its city), leaving out the documents in `exclude_docs`."""
    parts: list[dict[str, Any]] = [{"doc_id": {"$nin": list(exclude_docs)}}] if exclude_docs else []
    for key, values in (filters or {}).items():
        if not values:
            continue
        if key == "region":
            parts.append({"$or": [{"region": {"$in": list(values)}}, {"city": {"$in": list(values)}}]})
        else:
            parts.append({key: {"$in": list(values)}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


class _Collection:
    """A Chroma collection of vectors by one embedder: checks at open that it was built by the same one, and
    takes the configured search width."""

    def __init__(self, client: Any, name: str, embedder_name: str, dim: int, ef_search: int = 400) -> None:
        self.client = client
        self.collection = client.get_or_create_collection(
            name,
            embedding_function=None,
            metadata={"embedder": embedder_name, "dim": dim},
            configuration={"hnsw": {"space": "cosine", "ef_search": ef_search}},
        )
        # ef_search is a query-time setting: a collection built before (or with another value) takes this one.
        hnsw = (getattr(self.collection, "configuration_json", None) or {}).get("hnsw") or {}
        if hnsw.get("ef_search") != ef_search:
            self._widen(ef_search)
        built_name, built_dim = self.built_by()
        if (built_name, built_dim) != (embedder_name, dim):
            raise EmbedderMismatchError(
                f"向量库 “{name}” 由嵌入模型 {built_name}（{built_dim} 维）建立，"
                f"当前设置为 {embedder_name}（{dim} 维），不能混用。请运行 `{REBUILD_HINT}` 重建索引，"
                "或把 embedder 设置改回原模型。"
            )
        self.max_batch = int(client.get_max_batch_size())

    def _widen(self, ef_search: int, tries: int = 6) -> None:
        """Set the search width. Another instance writing the same store holds SQLite's lock for a moment
        (database is locked): wait and try again; if it is still held, search at the width it has this time."""
        for i in range(tries):
            try:
                self.collection.modify(configuration={"hnsw": {"ef_search": ef_search}})
                return
            except InternalError as exc:
                if "locked" not in str(exc):
                    raise
                time.sleep(0.05 * 2**i)
        log.warning("向量库正被另一进程写入，本次沿用原有搜索宽度（ef_search 未改为 %d）", ef_search)

    def built_by(self) -> tuple[str | None, int]:
        """(embedder name, dimension) recorded in the collection's metadata when it was created."""
        md = self.collection.metadata or {}
        return md.get("embedder"), int(md.get("dim", -1))

    def count(self) -> int:
        return int(self.collection.count())

    def delete_doc(self, doc_id: str) -> None:
        self.collection.delete(where={"doc_id": doc_id})

    def _get_all(
        self, include: list[str], where: dict[str, Any] | None = None
    ) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        ids: list[str] = []
        docs: list[str] = []
        mds: list[dict[str, Any]] = []
        page = 5000
        offset = 0
        while True:
            got = self.collection.get(include=include, where=where, limit=page, offset=offset)  # type: ignore[arg-type]
            ids.extend(got["ids"])
            docs.extend(got.get("documents") or [])
            mds.extend(got.get("metadatas") or [])
            if len(got["ids"]) < page:
                break
            offset += page
        return ids, docs, mds


class ChromaStore(_Collection):
    """The chunk collection."""

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray, meta: DocMeta) -> None:
        for a in range(0, len(chunks), self.max_batch):
            part = chunks[a : a + self.max_batch]
            self.collection.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[a : a + self.max_batch].tolist(),
                documents=[c.text for c in part],
                metadatas=[chunk_metadata(c, meta) for c in part],
            )

    def delete_ids(self, ids: list[str]) -> None:
        for a in range(0, len(ids), self.max_batch):
            self.collection.delete(ids=ids[a : a + self.max_batch])

    def chunks_of(self, doc_ids: list[str]) -> list[Chunk]:
        """Every chunk of the given documents."""
        out: list[Chunk] = []
        for a in range(0, len(doc_ids), 100):
            where = {"doc_id": {"$in": doc_ids[a : a + 100]}}
            ids, docs, mds = self._get_all(include=["documents", "metadatas"], where=where)
            out.extend(Chunk.from_fields(i, d, m) for i, d, m in zip(ids, docs, mds, strict=True))
        return out

    def all_ids(self) -> list[str]:
        return [str(i) for i in self._get_all(include=[])[0]]

    def all_chunks(self) -> list[Chunk]:
        ids, docs, mds = self._get_all(include=["documents", "metadatas"])
        return [Chunk.from_fields(i, d, m) for i, d, m in zip(ids, docs, mds, strict=True)]

    def query(
        self, vector: np.ndarray, n: int, filters: dict[str, list[str]] | None = None, exclude_docs: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """Ids of the nearest chunks with cosine similarity (1 - distance), best first.

        Only ids and distances come back: the caller holds the chunks already, and fetching
        texts and metadata from Chroma for every query cost more than the vector search itself.
        """
        res = self.collection.query(
            query_embeddings=[vector.tolist()],
            n_results=n,
            where=where_clause(filters, exclude_docs),
            include=["distances"],
        )
        return [(str(cid), 1.0 - float(dist)) for cid, dist in zip(res["ids"][0], res["distances"][0], strict=True)]


class SentenceStore(_Collection):
    """The sentences of every chunk, each with its own vector (the collection `<name>-sentences`): a passage
    of several articles or 款 is found by the one sentence that says what is asked, which its whole-passage
    vector blurs. Ranked by a chunk's best sentence; the same filter fields as the chunk collection."""

    def __init__(self, client: Any, name: str, embedder_name: str, dim: int, ef_search: int = 400) -> None:
        super().__init__(client, f"{name}-sentences", embedder_name, dim, ef_search)

    def upsert(self, owners: list[Chunk], vectors: np.ndarray, meta: DocMeta) -> None:
        """One record per sentence: `owners[i]` is the chunk holding the sentence of `vectors[i]`."""
        seen: dict[str, int] = {}
        ids = []
        for c in owners:
            seen[c.chunk_id] = seen.get(c.chunk_id, -1) + 1
            ids.append(f"{c.chunk_id}#{seen[c.chunk_id]}")
        for a in range(0, len(owners), self.max_batch):
            part = owners[a : a + self.max_batch]
            self.collection.upsert(
                ids=ids[a : a + self.max_batch],
                embeddings=vectors[a : a + self.max_batch].tolist(),
                metadatas=[{"chunk_id": c.chunk_id, "doc_id": c.doc_id, "kind": meta.kind, "source": meta.source,
                            "region": meta.region, "city": meta.city} for c in part],
            )

    def delete_chunks(self, chunk_ids: list[str]) -> None:
        for a in range(0, len(chunk_ids), 100):
            self.collection.delete(where={"chunk_id": {"$in": chunk_ids[a : a + 100]}})

    def per_chunk(self) -> dict[str, tuple[str, int]]:
        """{chunk id: (its document's id, how many of its sentences are here)}."""
        out: dict[str, tuple[str, int]] = {}
        for md in self._get_all(include=["metadatas"])[2]:
            cid = str(md["chunk_id"])
            out[cid] = (str(md["doc_id"]), out.get(cid, ("", 0))[1] + 1)
        return out

    def query(
        self, vector: np.ndarray, n: int, filters: dict[str, list[str]] | None = None, exclude_docs: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine of its best sentence) for the chunks of the nearest `n` sentences, best first."""
        if n <= 0:
            return []  # (an empty collection answers with no ids: counting it first cost more than the search)
        res = self.collection.query(
            query_embeddings=[vector.tolist()],
            n_results=n,
            where=where_clause(filters, exclude_docs),
            include=["distances"],  # the chunk is in the id (chunk id#n): metadata would cost more than the search
        )
        best: dict[str, float] = {}
        for sid, dist in zip(res["ids"][0], res["distances"][0], strict=True):
            best.setdefault(str(sid).rsplit("#", 1)[0], 1.0 - float(dist))
        return list(best.items())

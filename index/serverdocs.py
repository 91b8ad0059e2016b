"""The document store on the Chroma server (http mode): documents with their manifest entries in one
collection, the pending journal and the revision stamp in a small meta collection beside it."""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from govkb.types import Document
from index.docstore import DocStore, DocumentTooLargeError, Manifest, version_of

# Chroma stores records with a vector; these collections are read by id only, so every record
# carries the same one-dimensional vector.
UNIT = [1.0]
ID_PAGE = 5000
# chromadb 1.5's server refuses a request of 20M characters ("Payload too large") and takes 8M
# (24 MB); the longest law is ~0.3M. A document record is kept well under the limit.
MAX_RECORD_BYTES = 16 * 1024 * 1024


def side_collection(client: Any, name: str, role: str) -> Any:
    return client.get_or_create_collection(f"{name}-{role}", embedding_function=None, metadata={"govkb": role})


class ServerDocStore(DocStore):
    """One record per document in `<collection>-docs`: id = doc id, document = the Document as
    JSON, metadata = its manifest entry (as JSON) and version. `<collection>-meta` holds the
    record "state" (revision stamp and pending document) and the writer lease (index/lease.py)."""

    def __init__(self, client: Any, name: str) -> None:
        self.client = client
        self.name = name
        self.docs = side_collection(client, name, "docs")
        self.meta = side_collection(client, name, "meta")
        self._cache: dict[str, Document] = {}
        self._lock = threading.Lock()

    # --- documents -------------------------------------------------------------
    def check_fits(self, doc: Document) -> None:
        size = len(json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8"))
        if size > MAX_RECORD_BYTES:
            raise DocumentTooLargeError(
                f"文档 {doc.doc_id} 的文本有 {size / 2**20:.1f} MB，超过 Chroma 服务器上一条记录的上限"
                f"（{MAX_RECORD_BYTES // 2**20} MB）：请把文件拆分成几个文件后再入库。"
            )

    def put(self, doc: Document, entry: dict[str, Any]) -> None:
        self.docs.upsert(
            ids=[doc.doc_id],
            embeddings=[UNIT],
            documents=[json.dumps(doc.to_dict(), ensure_ascii=False)],
            metadatas=[{"entry": json.dumps(entry, ensure_ascii=False), "version": version_of(entry)}],
        )
        with self._lock:
            self._cache[doc.doc_id] = doc

    def get(self, doc_id: str) -> Document | None:
        found = self.get_many([doc_id])
        return found[0] if found else None

    def get_many(self, doc_ids: list[str]) -> list[Document]:
        """Documents by id, in that order, read from the server once and then kept in memory."""
        with self._lock:
            missing = [i for i in dict.fromkeys(doc_ids) if i not in self._cache]
        for a in range(0, len(missing), 100):
            got = self.docs.get(ids=missing[a : a + 100], include=["documents"])
            loaded = {i: Document.from_dict(json.loads(text)) for i, text in zip(got["ids"], got["documents"], strict=True)}
            with self._lock:
                self._cache.update(loaded)
        with self._lock:
            return [self._cache[i] for i in doc_ids if i in self._cache]

    def remove(self, doc_id: str) -> None:
        self.docs.delete(ids=[doc_id])
        with self._lock:
            self._cache.pop(doc_id, None)

    def manifest(self) -> Manifest:
        out: Manifest = {}
        offset = 0
        while True:
            got = self.docs.get(include=["metadatas"], limit=ID_PAGE, offset=offset)
            for doc_id, md in zip(got["ids"], got["metadatas"], strict=True):
                out[doc_id] = json.loads(md["entry"])
            if len(got["ids"]) < ID_PAGE:
                return out
            offset += ID_PAGE

    def doc_ids(self) -> list[str]:
        return sorted(self.manifest())

    def exists(self, doc_id: str) -> bool:
        return bool(self.docs.get(ids=[doc_id], include=[])["ids"])

    def absent(self, doc_ids: list[str]) -> set[str]:
        """Which of `doc_ids` have no record on the server (asked of the server, never a cache)."""
        present: set[str] = set()
        ids = sorted(set(doc_ids))
        for a in range(0, len(ids), 1000):
            present.update(self.docs.get(ids=ids[a : a + 1000], include=[])["ids"])
        return set(ids) - present

    def forget_cached(self, doc_ids: list[str] | None = None) -> None:
        with self._lock:
            for doc_id in list(self._cache) if doc_ids is None else doc_ids:
                self._cache.pop(doc_id, None)

    # --- the pending journal and the revision -----------------------------------------
    # One record, "state": the revision stamp and the pending document move together, so one
    # request commits a document (clears its mark and bumps the revision) and one request reads both.
    def state(self) -> tuple[str, str | None]:
        got = self.meta.get(ids=["state"], include=["metadatas"])
        md = got["metadatas"][0] if got["ids"] else {}
        return str(md.get("stamp", "")), (str(md["pending"]) if md.get("pending") else None)

    def _write_state(self, pending: str, bump: bool) -> str:
        # Only the lease holder writes, so reading the counter and writing it back cannot race.
        got = self.meta.get(ids=["state"], include=["metadatas"])
        md: dict[str, Any] = dict(got["metadatas"][0]) if got["ids"] else {"n": 0, "stamp": ""}
        if bump:
            md["n"] = int(md["n"]) + 1
            md["stamp"] = f"{md['n']}-{uuid.uuid4().hex[:12]}"
        md.update(kind="state", pending=pending)
        self.meta.upsert(ids=["state"], embeddings=[UNIT], metadatas=[md])
        return str(md["stamp"])

    def mark_pending(self, doc_id: str) -> None:
        self._write_state(doc_id, bump=False)

    def commit(self) -> str:
        return self._write_state("", bump=True)

    def wipe(self) -> None:
        # Records are deleted rather than the collection, so that other instances' handles on it stay valid.
        while True:
            ids = self.docs.get(include=[], limit=ID_PAGE)["ids"]
            if not ids:
                break
            self.docs.delete(ids=ids)
        self.forget_cached()
        self.commit()

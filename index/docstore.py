"""Stored documents (the text citations quote), their manifest entries, the pending journal and the
revision stamp: the interface, and its implementation in the local data dir (embedded mode)."""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from govkb.errors import GovKBError
from govkb.types import DocMeta, Document

Manifest = dict[str, dict[str, Any]]


FACT_KEYS = ("kind", "source", "region", "city", "work", "date")


def doc_facts(meta: DocMeta) -> dict[str, str]:
    """What the manifest keeps of a document's metadata: enough to filter and to order versions."""
    return {k: str(getattr(meta, k)) for k in FACT_KEYS}


class DocumentTooLargeError(GovKBError):
    """A document's text does not fit in one record of the store."""


def atomic_write(path: Path, text: str) -> None:
    """Write via a temp file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def version_of(entry: dict[str, Any]) -> str:
    """What changes when a document is stored again (entries written before versions: hash + time)."""
    return str(entry.get("version") or f"{entry.get('hash', '')}|{entry.get('ingested_at', '')}")


class DocStore(ABC):
    """Where the knowledge base keeps what is not a vector: documents with their manifest entries
    (path, hash, chunk count: what the ingest plan compares), the one document being written, and
    a revision stamp that changes with every write (readers compare it with their caches')."""

    @abstractmethod
    def put(self, doc: Document, entry: dict[str, Any]) -> None:
        """Store a document and its manifest entry: the last step (the commit) of a document's write."""

    def check_fits(self, doc: Document) -> None:  # noqa: B027 - files take any size
        """Raise DocumentTooLargeError, before anything is written, when `doc` cannot be stored."""

    @abstractmethod
    def get(self, doc_id: str) -> Document | None: ...

    @abstractmethod
    def remove(self, doc_id: str) -> None:
        """Forget a document's text and manifest entry."""

    @abstractmethod
    def manifest(self) -> Manifest: ...

    @abstractmethod
    def doc_ids(self) -> list[str]:
        """Documents whose text is stored (with or without a manifest entry)."""

    def exists(self, doc_id: str) -> bool:
        return doc_id in self.manifest() or self.get(doc_id) is not None

    def absent(self, doc_ids: list[str]) -> set[str]:
        """Which of `doc_ids` have no stored record at all."""
        return {d for d in doc_ids if not self.exists(d)}

    def get_many(self, doc_ids: list[str]) -> list[Document]:
        return [d for d in (self.get(i) for i in doc_ids) if d is not None]

    @abstractmethod
    def forget_cached(self, doc_ids: list[str] | None = None) -> None:
        """Drop cached texts (another instance changed them); None drops all."""

    @abstractmethod
    def mark_pending(self, doc_id: str) -> None:
        """Record the document about to change: if the writer dies, recovery undoes it."""

    @abstractmethod
    def commit(self) -> str:
        """After a completed write: clear the pending mark and move the revision on (the server
        store does both in one request); returns the new revision stamp."""

    @abstractmethod
    def state(self) -> tuple[str, str | None]:
        """(revision stamp, pending document): "" before the first write, None when none is pending."""

    def pending(self) -> str | None:
        return self.state()[1]

    def revision(self) -> str:
        return self.state()[0]

    @abstractmethod
    def wipe(self) -> None:
        """Forget every document, the manifest and the pending journal (for a rebuild)."""


class FileDocStore(DocStore):
    """One JSON file per document under data/docs/, plus data/manifest.json, pending.json, revision."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.docs_dir = data_dir / "docs"
        self.manifest_path = data_dir / "manifest.json"
        self.pending_path = data_dir / "pending.json"
        self.revision_path = data_dir / "revision"
        self._cache: dict[str, Document] = {}

    # --- documents -------------------------------------------------------------
    def _path(self, doc_id: str) -> Path:
        return self.docs_dir / f"{doc_id}.json"

    def put(self, doc: Document, entry: dict[str, Any]) -> None:
        atomic_write(self._path(doc.doc_id), json.dumps(doc.to_dict(), ensure_ascii=False))
        self._cache[doc.doc_id] = doc
        manifest = self.manifest()
        manifest[doc.doc_id] = entry
        self._write_manifest(manifest)

    def get(self, doc_id: str) -> Document | None:
        if doc_id in self._cache:
            return self._cache[doc_id]
        path = self._path(doc_id)
        if not path.is_file():
            return None
        doc = Document.from_dict(json.loads(path.read_text(encoding="utf-8")))
        self._cache[doc_id] = doc
        return doc

    def remove(self, doc_id: str) -> None:
        self._path(doc_id).unlink(missing_ok=True)
        self._cache.pop(doc_id, None)
        manifest = self.manifest()
        if manifest.pop(doc_id, None) is not None:
            self._write_manifest(manifest)

    def doc_ids(self) -> list[str]:
        if not self.docs_dir.is_dir():
            return []
        return sorted(p.stem for p in self.docs_dir.glob("*.json"))

    def forget_cached(self, doc_ids: list[str] | None = None) -> None:
        for doc_id in self._cache.copy() if doc_ids is None else doc_ids:
            self._cache.pop(doc_id, None)

    # --- manifest --------------------------------------------------------------
    def manifest(self) -> Manifest:
        if not self.manifest_path.is_file():
            return {}
        data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        return dict(data.get("documents", {}))

    def _write_manifest(self, entries: Manifest) -> None:
        payload = {"version": 1, "documents": dict(sorted(entries.items()))}
        atomic_write(self.manifest_path, json.dumps(payload, ensure_ascii=False, indent=1))

    # --- the one document being written, and the revision -------------------------
    def mark_pending(self, doc_id: str) -> None:
        atomic_write(self.pending_path, json.dumps({"doc_id": doc_id}, ensure_ascii=False))

    def commit(self) -> str:
        self.pending_path.unlink(missing_ok=True)
        stamp = uuid.uuid4().hex
        atomic_write(self.revision_path, stamp)
        return stamp

    def state(self) -> tuple[str, str | None]:
        try:
            stamp = self.revision_path.read_text(encoding="utf-8").strip()
        except OSError:
            stamp = ""
        try:
            pending: str | None = str(json.loads(self.pending_path.read_text(encoding="utf-8"))["doc_id"])
        except (OSError, ValueError, KeyError):
            pending = None
        return stamp, pending

    def wipe(self) -> None:
        for doc_id in self.doc_ids():
            self._path(doc_id).unlink(missing_ok=True)
        self._cache.clear()
        self._write_manifest({})
        self.commit()

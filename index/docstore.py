"""Stored documents (the text citations quote) and the ingest manifest, in the data dir."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from govkb.types import Document


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


class DocStore:
    """One JSON file per document under data/docs/, plus data/manifest.json."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.docs_dir = data_dir / "docs"
        self.manifest_path = data_dir / "manifest.json"
        self.pending_path = data_dir / "pending.json"
        self._cache: dict[str, Document] = {}

    # --- documents -------------------------------------------------------------
    def _path(self, doc_id: str) -> Path:
        return self.docs_dir / f"{doc_id}.json"

    def put(self, doc: Document) -> None:
        atomic_write(self._path(doc.doc_id), json.dumps(doc.to_dict(), ensure_ascii=False))
        self._cache[doc.doc_id] = doc

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

    def doc_ids(self) -> list[str]:
        if not self.docs_dir.is_dir():
            return []
        return sorted(p.stem for p in self.docs_dir.glob("*.json"))

    # --- manifest --------------------------------------------------------------
    def manifest(self) -> dict[str, dict[str, Any]]:
        if not self.manifest_path.is_file():
            return {}
        data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        return dict(data.get("documents", {}))

    def write_manifest(self, entries: dict[str, dict[str, Any]]) -> None:
        payload = {"version": 1, "documents": dict(sorted(entries.items()))}
        atomic_write(self.manifest_path, json.dumps(payload, ensure_ascii=False, indent=1))

    # --- the one document being written -----------------------------------------
    def mark_pending(self, doc_id: str) -> None:
        """Record the document about to change: if the process dies, recovery undoes it."""
        atomic_write(self.pending_path, json.dumps({"doc_id": doc_id}, ensure_ascii=False))

    def clear_pending(self) -> None:
        self.pending_path.unlink(missing_ok=True)

    def pending(self) -> str | None:
        if not self.pending_path.is_file():
            return None
        try:
            return str(json.loads(self.pending_path.read_text(encoding="utf-8"))["doc_id"])
        except (ValueError, KeyError):
            return None

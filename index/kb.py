"""The knowledge base: documents, Chroma and the keyword index kept in step, and incremental ingest."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from govkb.settings import Settings
from govkb.types import Chunk, Document
from index.docstore import DocStore
from index.embedder import Embedder, make_embedder
from index.keyword import KeywordIndex, signature
from index.store import ChromaStore, make_client
from ingest.catalog import doc_id_for, read_catalog
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.pipeline import file_hash, prepare_file

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class WriterBusyError(RuntimeError):
    """Another process is writing to the same data dir."""


@dataclass
class FileResult:
    path: str
    doc_id: str
    status: str  # "added", "updated", "unchanged", "removed", "error", "skipped"
    chunks: int = 0
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    embedded: int = 0
    seconds: float = 0.0

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "error"]

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


def embed_text(chunk: Chunk) -> str:
    """What is embedded and keyword-indexed: the section path gives a passage its context."""
    return f"{chunk.section}\n{chunk.text}" if chunk.section else chunk.text


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to ingest from files and folders; second list: folder files of unsupported types."""
    files: list[Path] = []
    skipped: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not f.is_file() or f.name.startswith(".") or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                (files if f.suffix.lower() in SUPPORTED_SUFFIXES else skipped).append(f)
        else:
            files.append(p)
    return files, skipped


class KnowledgeBase:
    """Owns the embedder, the Chroma collection, the document store and the keyword index."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, *, rebuild: bool = False) -> None:
        self.settings = settings
        self.data_dir = Path(settings.data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.lock_path = self.data_dir / ".writer.lock"
        # Queries in threads share the cached chunks and keyword index; one builds them at a time.
        self._read_lock = threading.RLock()
        self.embedder = embedder or make_embedder(settings.embedder, settings.embedding_cache_dir)
        self.docs = DocStore(self.data_dir)
        self.client = make_client(settings.chroma, self.data_dir)
        if rebuild:
            self._wipe()
        self.store = ChromaStore(self.client, settings.chroma.collection, self.embedder.name, self.embedder.dim)
        self._keyword: KeywordIndex | None = None
        self._chunks: dict[str, Chunk] | None = None
        if self.docs.pending() is not None:
            self._recover_if_idle()

    def _recover_if_idle(self) -> None:
        """After a crash, undo the half-written document, unless another writer is at work."""
        lock = FileLock(str(self.lock_path), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            return
        try:
            self.recover()
        finally:
            lock.release()

    def recover(self) -> str | None:
        """Remove the document an interrupted write left half done (the next ingest adds it again)."""
        doc_id = self.docs.pending()
        if doc_id is None:
            return None
        self.store.delete_doc(doc_id)
        self.docs.remove(doc_id)
        manifest = self.docs.manifest()
        if manifest.pop(doc_id, None) is not None:
            self.docs.write_manifest(manifest)
        self.docs.clear_pending()
        self.invalidate()
        return doc_id

    def _wipe(self) -> None:
        """Drop the collection, stored documents, manifest and keyword index (for a rebuild)."""
        lock = self.writer_lock()
        try:
            name = self.settings.chroma.collection
            if name in [getattr(c, "name", c) for c in self.client.list_collections()]:
                self.client.delete_collection(name)
            for doc_id in self.docs.doc_ids():
                self.docs.remove(doc_id)
            self.docs.write_manifest({})
            shutil.rmtree(self.data_dir / "bm25", ignore_errors=True)
        finally:
            lock.release()

    # --- reading ---------------------------------------------------------------
    def chunks(self) -> dict[str, Chunk]:
        """Every stored chunk by id, cached. Read from the chunk table saved beside the keyword
        index when it holds exactly Chroma's ids (ids alone are ~8× faster to list than whole
        records: 1.9 s vs 15.5 s at 100k chunks), else from Chroma."""
        with self._read_lock:
            if self._chunks is None:
                saved = load_chunk_table(self.data_dir / "bm25")
                if saved is not None and set(saved) == set(self.store.all_ids()):
                    self._chunks = saved
                else:
                    self._chunks = {c.chunk_id: c for c in self.store.all_chunks()}
            return self._chunks

    def keyword(self) -> KeywordIndex:
        """The keyword index, loaded from disk or rebuilt from the stored chunks when stale."""
        with self._read_lock:
            if self._keyword is None:
                chunks = self.chunks()
                loaded = KeywordIndex.load(self.data_dir / "bm25")
                if loaded is not None and loaded.signature == signature(list(chunks)):
                    self._keyword = loaded
                else:
                    self._keyword = self._build_keyword(chunks)
            return self._keyword

    def _build_keyword(self, chunks: dict[str, Chunk]) -> KeywordIndex:
        ids = sorted(chunks)
        index = KeywordIndex.build(ids, [embed_text(chunks[i]) for i in ids])
        index.save(self.data_dir / "bm25", extra={CHUNK_TABLE: chunk_table(chunks)})
        return index

    def document(self, doc_id: str) -> Document | None:
        return self.docs.get(doc_id)

    def documents(self) -> list[Document]:
        return [d for d in (self.docs.get(i) for i in self.docs.doc_ids()) if d is not None]

    def invalidate(self) -> None:
        self._keyword = None
        self._chunks = None

    # --- writing ---------------------------------------------------------------
    def writer_lock(self, timeout: float = 2.0) -> FileLock:
        lock = FileLock(str(self.lock_path), timeout=timeout)
        try:
            lock.acquire()
        except Timeout as exc:
            raise WriterBusyError(
                f"另一个进程正在写入数据目录 {self.data_dir}（锁文件 {self.lock_path}），请等它完成后再试。"
            ) from exc
        return lock

    def ingest(
        self,
        paths: Iterable[Path],
        *,
        progress: Progress | None = None,
        prune: bool = True,
        lock_timeout: float = 2.0,
    ) -> IngestReport:
        """Add new and changed files, remove vanished ones; one bad file never stops the rest."""
        lock = self.writer_lock(lock_timeout)
        try:
            return self._ingest(list(paths), progress, prune)
        finally:
            lock.release()

    def _ingest(self, paths: list[Path], progress: Progress | None, prune: bool) -> IngestReport:
        t0 = time.perf_counter()
        report = IngestReport()
        changed = self.recover() is not None
        files, skipped = expand(paths)
        for f in skipped:
            if f.name != "catalog.yaml":
                report.files.append(FileResult(str(f), doc_id_for(f), "skipped", reason=f"不支持的文件类型 {f.suffix}"))
        manifest = self.docs.manifest()
        cfg = self.settings
        chunk_key = f"{cfg.chunk.max_chars}/{cfg.chunk.min_chars}/{cfg.chunk.overlap_sentences}"
        catalogs: dict[Path, dict[str, dict[str, Any]]] = {}
        seen_ids: dict[str, Path] = {}
        computed_before = self.embedder.computed
        for n, path in enumerate(files):
            doc_id = doc_id_for(path)
            if progress:
                progress(f"处理 {path.name}", n, len(files))
            try:
                if doc_id in seen_ids:
                    raise IngestError(path, f"文档 ID “{doc_id}” 与 {seen_ids[doc_id].name} 重复，请改名")
                seen_ids[doc_id] = path
                if path.parent not in catalogs:
                    catalogs[path.parent] = read_catalog(path.parent)
                catalog = catalogs[path.parent]
                digest = file_hash(path, chunk_key + "|" + repr(catalog.get(path.name, {})))
                old = manifest.get(doc_id)
                if old and old.get("hash") == digest:
                    report.files.append(FileResult(str(path), doc_id, "unchanged", chunks=int(old.get("chunks", 0))))
                    continue
                if old and Path(old.get("path", "")).resolve() != path.resolve() and Path(old["path"]).exists():
                    raise IngestError(path, f"文档 ID “{doc_id}” 已被 {old['path']} 使用，请改名")
                prepared = prepare_file(
                    path,
                    catalog=catalog,
                    max_chars=cfg.chunk.max_chars,
                    min_chars=cfg.chunk.min_chars,
                    overlap=cfg.chunk.overlap_sentences,
                    max_file_mb=cfg.limits.max_file_mb,
                    pdf_reader=self._pdf_reader,
                )
                doc = prepared.document
                doc.content_hash = digest
                vectors = self.embedder.passages([embed_text(c) for c in prepared.chunks])
                # Crash safety: the document is marked pending first and the manifest entry is
                # written last; recover() removes a half-written document, the next run adds it.
                self.docs.mark_pending(doc_id)
                self.docs.put(doc)
                self.store.delete_doc(doc_id)
                self.store.upsert(prepared.chunks, vectors, doc.meta)
                manifest[doc_id] = {
                    "path": str(path.resolve()),
                    "hash": digest,
                    "chunks": len(prepared.chunks),
                    "title": doc.meta.title,
                    "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                }
                self.docs.write_manifest(manifest)
                self.docs.clear_pending()
                changed = True
                status = "updated" if old else "added"
                report.files.append(FileResult(str(path), doc_id, status, len(prepared.chunks), warnings=doc.warnings))
            except IngestError as exc:
                report.files.append(FileResult(str(path), doc_id, "error", reason=exc.reason))
        if prune:
            roots = [p.resolve() for p in paths if p.is_dir()]
            for doc_id, entry in list(manifest.items()):
                src = Path(entry.get("path", ""))
                if any(_is_under(src, r) for r in roots) and not src.exists():
                    self.docs.mark_pending(doc_id)
                    self._remove(doc_id)
                    manifest.pop(doc_id)
                    self.docs.write_manifest(manifest)
                    self.docs.clear_pending()
                    changed = True
                    report.files.append(FileResult(str(src), doc_id, "removed"))
        if progress:
            progress("完成", len(files), len(files))
        if changed:
            self.invalidate()
            self._keyword = self._build_keyword(self.chunks())
        report.embedded = self.embedder.computed - computed_before
        report.seconds = time.perf_counter() - t0
        return report

    def _pdf_reader(self, path: Path) -> list[str]:
        from ingest.pdf import read_pdf_pages

        lim = self.settings.limits
        return read_pdf_pages(path, timeout_s=lim.pdf_timeout_s, memory_mb=lim.pdf_memory_mb, max_pages=lim.max_pages)

    def _remove(self, doc_id: str) -> None:
        self.store.delete_doc(doc_id)
        self.docs.remove(doc_id)

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document everywhere; False when it was not there."""
        lock = self.writer_lock()
        try:
            manifest = self.docs.manifest()
            if doc_id not in manifest and self.docs.get(doc_id) is None:
                return False
            self.docs.mark_pending(doc_id)
            self._remove(doc_id)
            manifest.pop(doc_id, None)
            self.docs.write_manifest(manifest)
            self.docs.clear_pending()
            self.invalidate()
            self._keyword = self._build_keyword(self.chunks())
            return True
        finally:
            lock.release()


CHUNK_TABLE = "chunks.json"


def chunk_table(chunks: dict[str, Chunk]) -> str:
    """The chunks as compact JSON rows, saved with the keyword index they were indexed from."""
    rows = [[c.chunk_id, c.doc_id, c.text, c.start, c.end, c.section, c.index, c.page, c.page_end] for c in chunks.values()]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def load_chunk_table(folder: Path) -> dict[str, Chunk] | None:
    path = folder / CHUNK_TABLE
    if not path.is_file():
        return None
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return {r[0]: Chunk(*r) for r in rows}
    except (ValueError, TypeError):
        return None  # a damaged table is only a cache: Chroma is read instead


def _is_under(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except ValueError:
        return False

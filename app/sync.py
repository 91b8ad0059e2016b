"""Plan and carry out an ingest: which files are new, changed, unchanged or gone, then store them.

Decide first, then act (llama-index's ingestion pipeline does the same with its docstore upsert
strategy): an unchanged fingerprint is skipped, a changed one replaces the stored document, a file
that vanished from a scanned folder is removed. `ingest` turns files into documents and chunks,
`index` stores them; this module is the only one that knows both.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govkb.settings import Settings
from govkb.text import indexed_text, sentence_spans
from govkb.types import Chunk
from index.docstore import DocumentTooLargeError
from index.embedder import VECTORS_FILE
from index.kb import KnowledgeBase, Manifest
from ingest.catalog import doc_id_for, read_catalog
from ingest.errors import IngestError
from ingest.pipeline import prepare_file
from ingest.sources import fingerprint, scan

Progress = Callable[[str, int, int], None]  # (stage, done, total)


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


@dataclass(frozen=True)
class Source:
    """A file to ingest: where it is, the document id it gets, and its fingerprint."""

    path: Path
    doc_id: str
    fingerprint: str
    location: str = ""  # the resolved path, as the manifest records it
    catalog: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass
class Plan:
    added: list[Source] = field(default_factory=list)
    updated: list[Source] = field(default_factory=list)
    unchanged: list[Source] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # doc ids
    conflicts: list[tuple[Source, str]] = field(default_factory=list)  # (source, reason)


def plan(
    sources: list[Source], manifest: Manifest, *, roots: list[Path], exists: Callable[[str], bool]
) -> Plan:
    """Compare sources with the manifest. `roots`: scanned folders whose vanished files are removed;
    `exists`: whether a recorded source path is still there (the only question asked of the disk)."""
    out = Plan()
    seen: dict[str, Source] = {}
    for src in sources:
        old = manifest.get(src.doc_id)
        if src.doc_id in seen:
            out.conflicts.append((src, f"文档 ID “{src.doc_id}” 与 {seen[src.doc_id].path.name} 重复，请改名"))
        elif old and old.get("hash") == src.fingerprint and "sentences" in old:
            out.unchanged.append(src)  # (stored before sentences had vectors: stored again, once)
        elif old and old.get("path") not in ("", src.location) and exists(old["path"]):
            out.conflicts.append((src, f"文档 ID “{src.doc_id}” 已被 {old['path']} 使用，请改名"))
        else:
            (out.updated if old else out.added).append(src)
        seen.setdefault(src.doc_id, src)
    for doc_id, entry in manifest.items():
        path = Path(entry.get("path") or "/")
        if doc_id not in seen and any(path.is_relative_to(r) for r in roots) and not exists(str(path)):
            out.removed.append(doc_id)
    return out


def fingerprint_settings(settings: Settings) -> str:
    """The settings that change chunks: a file is re-ingested when they change."""
    c = settings.chunk
    return f"{c.max_chars}/{c.min_chars}/{c.overlap_sentences}"


def sources_of(files: Iterable[Path], settings: Settings, report: IngestReport) -> list[Source]:
    """Fingerprint each file with its catalogue entry; unreadable files go into the report."""
    catalogs: dict[Path, dict[str, dict[str, Any]]] = {}
    out = []
    for path in files:
        try:
            if path.parent not in catalogs:
                catalogs[path.parent] = read_catalog(path.parent)
            entry = catalogs[path.parent].get(path.name, {})
            digest = fingerprint(path, fingerprint_settings(settings) + "|" + repr(entry))
            out.append(Source(path, doc_id_for(path), digest, str(path.resolve()), catalogs[path.parent]))
        except (OSError, ValueError) as exc:
            report.files.append(FileResult(str(path), doc_id_for(path), "error", reason=f"无法读取：{exc}"))
    return out


def sync(
    kb: KnowledgeBase,
    paths: Iterable[Path],
    settings: Settings,
    *,
    progress: Progress | None = None,
    prune: bool = True,
    lock_timeout: float = 2.0,
) -> IngestReport:
    """Add new and changed files, remove vanished ones; one bad file never stops the rest."""
    t0 = time.perf_counter()
    report = IngestReport()
    found = scan(paths)
    for p in found.missing:
        report.files.append(FileResult(str(p), doc_id_for(p), "error", reason="文件或目录不存在，请检查路径"))
    for p in found.skipped:
        report.files.append(FileResult(str(p), doc_id_for(p), "skipped", reason=f"不支持的文件类型 {p.suffix}"))
    for root in found.roots:
        kb.embedder.seed(root / VECTORS_FILE)  # the shipped corpus' vectors: a first start embeds nothing
    computed_before = kb.embedder.computed
    with kb.writing(lock_timeout):
        sources = sources_of(found.files, settings, report)
        manifest = kb.manifest()
        # On a shared server, a path another instance ingested names a file on that instance's disk:
        # this one cannot tell that it vanished, so never prunes it (nor takes its id as free).
        owner = kb.lease.holder if kb.lease is not None else ""
        foreign = {e.get("path", "") for e in manifest.values() if owner and e.get("by", owner) != owner}
        todo = plan(sources, manifest, roots=found.roots if prune else [], exists=lambda p: p in foreign or Path(p).exists())
        for src in todo.unchanged:
            report.files.append(FileResult(str(src.path), src.doc_id, "unchanged", int(manifest[src.doc_id]["chunks"])))
        for src, reason in todo.conflicts:
            report.files.append(FileResult(str(src.path), src.doc_id, "error", reason=reason))
        changed = [(s, "added") for s in todo.added] + [(s, "updated") for s in todo.updated]
        for n, (src, status) in enumerate(changed):
            if progress:
                progress(f"处理 {src.path.name}", n, len(changed))
            report.files.append(_store(kb, src, status, settings, owner))
        for doc_id in todo.removed:
            path = manifest[doc_id].get("path", doc_id)
            if kb.remove_document(doc_id):
                report.files.append(FileResult(str(path), doc_id, "removed"))
        if progress:
            progress("完成", len(changed), len(changed))
    report.embedded = kb.embedder.computed - computed_before
    report.seconds = time.perf_counter() - t0
    return report


def _store(kb: KnowledgeBase, src: Source, status: str, settings: Settings, owner: str = "") -> FileResult:
    try:
        prepared = prepare_file(src.path, catalog=src.catalog, chunking=settings.chunk, limits=settings.limits)
    except IngestError as exc:
        return FileResult(str(src.path), src.doc_id, "error", reason=exc.reason)
    doc = prepared.document
    doc.content_hash = src.fingerprint
    vectors = kb.embedder.passages([indexed_text(c) for c in prepared.chunks])
    owners, texts = chunk_sentences(prepared.chunks)  # each sentence's own vector (index.store.SentenceStore)
    sentence_vectors = kb.embedder.passages(texts)
    try:
        source = {"path": src.location, "hash": src.fingerprint, **({"by": owner} if owner else {})}
        kb.put_document(doc, prepared.chunks, vectors, source, (owners, sentence_vectors))
    except DocumentTooLargeError as exc:  # refused before anything was written
        return FileResult(str(src.path), src.doc_id, "error", reason=str(exc))
    return FileResult(str(src.path), src.doc_id, status, len(prepared.chunks), warnings=doc.warnings)


def chunk_sentences(chunks: list[Chunk]) -> tuple[list[Chunk], list[str]]:
    """The sentences of each chunk (fragments of under 8 characters left out), with the chunk holding each."""
    owners: list[Chunk] = []
    texts: list[str] = []
    for c in chunks:
        for a, b in sentence_spans(c.text):
            if b - a >= 8:
                owners.append(c)
                texts.append(c.text[a:b])
    return owners, texts

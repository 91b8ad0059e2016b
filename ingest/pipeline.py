"""Ingest pipeline for one file: load -> clean -> assemble stored text -> sections -> chunks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkb.types import Chunk, Document
from ingest.catalog import meta_for
from ingest.chunk import build_sections, chunk_document
from ingest.clean import assemble, clean, first_line
from ingest.errors import IngestError
from ingest.loaders import load_file
from ingest.quality import check_quality

# Bump when cleaning or chunking changes: stored documents are then re-ingested.
PIPELINE_VERSION = "1"


@dataclass
class Prepared:
    """A file turned into a stored document and its chunks, ready to index."""

    document: Document
    chunks: list[Chunk]


def file_hash(path: Path, extra: str = "") -> str:
    h = hashlib.sha256()
    h.update(f"{PIPELINE_VERSION}|{extra}|".encode())
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def prepare_file(
    path: Path,
    *,
    catalog: dict[str, dict[str, Any]] | None = None,
    max_chars: int = 400,
    min_chars: int = 250,
    overlap: int = 1,
    max_file_mb: float = 50.0,
    pdf_reader: Callable[[Path], list[str]] | None = None,
) -> Prepared:
    """Load, clean and chunk one file; raise IngestError naming the file when it cannot be used."""
    raw = load_file(path, max_file_mb=max_file_mb, pdf_reader=pdf_reader)
    meta = meta_for(path, first_line(raw), catalog)
    raw, warnings = check_quality(path, raw)
    blocks = clean(raw, title=meta.title)
    text, pages, starts = assemble(blocks)
    if not text.strip():
        raise IngestError(path, "清洗后没有可用文本")
    doc = Document(meta=meta, text=text, pages=pages, warnings=warnings)
    doc.sections = build_sections(text, starts)
    chunks = chunk_document(doc, doc.sections, max_chars=max_chars, min_chars=min_chars, overlap=overlap)
    if not chunks:
        raise IngestError(path, "没有切分出任何段落")
    return Prepared(document=doc, chunks=chunks)

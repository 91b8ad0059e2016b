"""Ingest pipeline for one file: load -> clean -> assemble stored text -> sections -> chunks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkb.settings import ChunkSettings, IngestLimits
from govkb.types import Chunk, Document
from ingest.backmatter import back_matter
from ingest.catalog import meta_for
from ingest.chunk import build_sections, chunk_document
from ingest.clean import assemble, clean, first_line
from ingest.errors import IngestError
from ingest.loaders import load_file
from ingest.quality import check_quality


@dataclass
class Prepared:
    """A file turned into a stored document and its chunks, ready to index."""

    document: Document
    chunks: list[Chunk]


def prepare_file(
    path: Path,
    *,
    catalog: dict[str, dict[str, Any]] | None = None,
    chunking: ChunkSettings | None = None,
    limits: IngestLimits | None = None,
) -> Prepared:
    """Load, clean and chunk one file; raise IngestError naming the file when it cannot be used."""
    chunking = chunking or ChunkSettings()
    limits = limits or IngestLimits()
    raw = load_file(path, limits)
    meta = meta_for(path, first_line(raw), catalog)
    raw, warnings = check_quality(path, raw)
    blocks = clean(raw, title=meta.title)
    text, pages, starts = assemble(blocks)
    if not text.strip():
        raise IngestError(path, "清洗后没有可用文本")
    doc = Document(meta=meta, text=text, pages=pages, warnings=warnings)
    doc.sections = build_sections(text, starts)
    doc.back_matter = back_matter(starts, len(text))
    chunks = chunk_document(doc, doc.sections, chunking)
    if not chunks:
        raise IngestError(path, "没有切分出任何段落")
    return Prepared(document=doc, chunks=chunks)

"""Ingest pipeline for one file: load -> clean -> assemble stored text -> sections -> chunks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkb.settings import ChunkSettings, IngestLimits
from govkb.types import Chunk, Document
from ingest.backmatter import back_matter
from ingest.catalog import meta_for, meta_for_law
from ingest.chunk import build_sections, chunk_document
from ingest.clean import Block, assemble, clean, first_line
from ingest.errors import IngestError
from ingest.legal import body_blocks, has_header, is_legal, law_sections, read_law
from ingest.legal_chunk import chunk_law
from ingest.loaders import RawLine, RawText, load_file
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
    if is_legal(raw) or has_header(raw):
        return _prepare_law(path, raw, catalog, chunking)
    meta = meta_for(path, first_line(raw), catalog)
    raw, warnings = check_quality(path, raw)
    blocks = clean(raw, title=meta.title)
    text, pages, starts = assemble(blocks)
    if not text.strip():
        raise IngestError(path, "清洗后没有可用文本")
    return _prose(path, Document(meta=meta, text=text, pages=pages, warnings=warnings), starts, chunking)


def _prose(path: Path, doc: Document, starts: list[tuple[int, Block]], chunking: ChunkSettings) -> Prepared:
    """Headings found, back matter marked, chunks cut: a document that is not a law's articles."""
    doc.sections = build_sections(doc.text, starts)
    doc.back_matter = back_matter(starts, len(doc.text))
    return _chunked(path, doc, chunk_document(doc, doc.sections, chunking))


def _chunked(path: Path, doc: Document, chunks: list[Chunk]) -> Prepared:
    if not chunks:
        raise IngestError(path, "没有切分出任何段落")
    return Prepared(document=doc, chunks=chunks)


def _prepare_law(
    path: Path, raw: RawText, catalog: dict[str, dict[str, Any]] | None, chunking: ChunkSettings
) -> Prepared:
    """A legal text: header -> metadata, body -> stored text. A body with articles gets article
    sections and chunks; one without (a 决议, a case) is cleaned and chunked like any document."""
    raw, warnings = check_quality(path, raw)
    law = read_law(raw)
    if law.has_articles:
        text, pages, starts = assemble(body_blocks(law.body, raw.fmt))
    else:
        body = RawText([RawLine(x.text, x.page) for x in law.body], raw.fmt)
        text, pages, starts = assemble(clean(body, title=law.title))
    if not text.strip():
        raise IngestError(path, "只有标题和制定历史，没有正文")
    meta = meta_for_law(path, law.title, law.header, text, catalog, versioned=law.has_articles)
    doc = Document(meta=meta, text=text, pages=pages, warnings=warnings)
    if not law.has_articles:
        return _prose(path, doc, starts, chunking)
    doc.sections = law_sections(text, starts)
    return _chunked(path, doc, chunk_law(doc, chunking))

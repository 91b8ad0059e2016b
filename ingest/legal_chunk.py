"""Chunks of a law: one article, or consecutive short articles of one chapter; a long article is
cut at its 款 and 项 (lines), and only a single 款 longer than the limit is cut between sentences."""

from __future__ import annotations

import math
from dataclasses import dataclass

from govkb.settings import ChunkSettings
from govkb.text import add_span, sentence_spans
from govkb.types import Chunk, Document, Section
from ingest.chunk import _split_long, chunk_id


@dataclass
class _Piece:
    start: int
    end: int
    parent: str  # the chapter/section path above the articles
    articles: list[str]


def _parent(section: Section) -> str:
    return section.path.rsplit(" > ", 1)[0] if " > " in section.path else ""


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of text[start:end] (its 款 and 项) with white space trimmed."""
    out: list[tuple[int, int]] = []
    a = start
    for line in text[start:end].split("\n"):
        add_span(text, a, a + len(line), out)
        a += len(line) + 1
    return out


def pack(units: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Consecutive units grouped into spans of at most `limit` characters, balanced in length
    (no short tail), never cutting inside a unit."""
    if not units:
        return []
    total = units[-1][1] - units[0][0]
    target = total / max(1, math.ceil(total / limit))
    groups: list[tuple[int, int]] = []
    a, b = units[0]
    for u in units[1:]:
        if u[1] - a > limit or b - a >= target:
            groups.append((a, b))
            a = u[0]
        b = u[1]
    groups.append((a, b))
    return groups


def split_article(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """An article cut at 款/项 boundaries; a 款 longer than `limit` alone is cut between sentences
    (and a sentence longer than that, at a comma)."""
    units: list[tuple[int, int]] = []
    for a, b in _spans(text, start, end):
        if b - a <= limit:
            units.append((a, b))
            continue
        sents: list[tuple[int, int]] = []
        for span in sentence_spans(text, a, b):
            sents.extend(_split_long(text, span, limit))
        units.extend(pack(sents, limit))
    return pack(units, limit)


def _pieces(doc: Document, chunking: ChunkSettings) -> list[_Piece]:
    text, limit, short = doc.text, chunking.max_chars, chunking.min_chars
    pieces: list[_Piece] = []
    articles = [s for s in doc.sections if s.kind == "article"]
    group: list[Section] = []

    def flush() -> None:
        if group:
            pieces.append(_Piece(group[0].start, group[-1].end, _parent(group[0]), [s.title for s in group]))
            group.clear()

    for art in articles:
        size = art.end - art.start
        if size > limit:
            flush()
            for a, b in split_article(text, art.start, art.end, limit):
                pieces.append(_Piece(a, b, _parent(art), [art.title]))
            continue
        # Short articles share a chunk while it stays short: each keeps its own number.
        if not (group and _parent(group[0]) == _parent(art) and art.end - group[0].start <= short):
            flush()
        group.append(art)
    flush()
    return pieces


def _uncovered(doc: Document, pieces: list[_Piece], limit: int) -> list[_Piece]:
    """Body text outside every article (a preamble, a closing note), packed by sentences."""
    out: list[_Piece] = []
    pos = 0
    for a, b in [*sorted((p.start, p.end) for p in pieces), (len(doc.text), len(doc.text))]:
        sents = [s for s in sentence_spans(doc.text, pos, a) if not _is_heading(doc, s)]
        for x, y in pack([t for s in sents for t in _split_long(doc.text, s, limit)], limit):
            out.append(_Piece(x, y, _path_at(doc, x), []))
        pos = max(pos, b)
    return out


def _is_heading(doc: Document, span: tuple[int, int]) -> bool:
    return any(s.kind != "article" and s.start == span[0] for s in doc.sections)


def _path_at(doc: Document, offset: int) -> str:
    inside = [s for s in doc.sections if s.kind != "article" and s.start <= offset <= s.end]
    return max(inside, key=lambda s: s.level).path if inside else ""


def chunk_law(doc: Document, chunking: ChunkSettings) -> list[Chunk]:
    """The chunks of a law, in text order, each with its article numbers and section path
    (chapter > section > 第X条)."""
    pieces = _pieces(doc, chunking)
    pieces = sorted([*pieces, *_uncovered(doc, pieces, chunking.max_chars)], key=lambda p: p.start)
    chunks: list[Chunk] = []
    for p in pieces:
        label = "、".join(p.articles)
        section = " > ".join(x for x in (p.parent, label) if x)
        body = doc.text[p.start : p.end]
        chunks.append(
            Chunk(
                chunk_id=chunk_id(doc.doc_id, p.start, p.end, body),
                doc_id=doc.doc_id,
                text=body,
                start=p.start,
                end=p.end,
                section=section,
                index=len(chunks),
                page=doc.page_at(p.start),
                page_end=doc.page_at(p.end - 1),
                articles=label,
                law=doc.meta.title,
            )
        )
    return chunks

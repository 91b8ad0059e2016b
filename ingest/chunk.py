"""Structure-aware chunking for Chinese: sections from headings, sentences, packed chunks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from govkb.settings import ChunkSettings
from govkb.text import SOFT_BREAKS, sentence_spans
from govkb.types import Chunk, Document, Section
from ingest.clean import Block


def _split_long(text: str, span: tuple[int, int], limit: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than `limit` at commas, or hard at the limit when it has none."""
    a, b = span
    out: list[tuple[int, int]] = []
    while b - a > limit:
        window = text[a : a + limit]
        cut = max(window.rfind(c) for c in SOFT_BREAKS)
        cut = a + cut + 1 if cut > limit // 3 else a + limit
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def build_sections(text: str, starts: list[tuple[int, Block]]) -> list[Section]:
    """Sections from heading blocks and run-in headings, each with its path and span."""
    ranks = sorted({b.heading for _, b in starts if b.heading is not None})
    level_of = {rank: i + 1 for i, rank in enumerate(ranks)}
    found: list[tuple[int, int, str]] = []  # (start, level, title)
    stack_level = 0
    for offset, block in starts:
        if block.heading is not None and not block.is_title:
            stack_level = level_of[block.heading]
            found.append((offset, stack_level, block.text))
        elif block.runin:
            found.append((offset, stack_level + 1, block.runin))
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    for i, (offset, level, title) in enumerate(found):
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        end = len(text)
        for later_offset, later_level, _ in found[i + 1 :]:
            if later_level <= level:
                end = later_offset - 1
                break
        path = " > ".join(t for _, t in stack)
        sections.append(Section(level=level, title=title, path=path, start=offset, end=max(end, offset)))
    return sections


@dataclass(frozen=True)
class Segment:
    """Text between two consecutive section starts: chunks never cross one."""

    start: int
    end: int
    path: str


def segments(text: str, sections: list[Section], min_chars: int) -> list[Segment]:
    """Split the document at every section start; a bare heading merges into its first child."""
    cuts = sorted({0, *(s.start for s in sections)})
    path_at = {s.start: s.path for s in sections}
    raw: list[Segment] = []
    for i, a in enumerate(cuts):
        b = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        if text[a:b].strip():
            raw.append(Segment(a, b, path_at.get(a, "")))
    merged: list[Segment] = []
    carry: Segment | None = None
    for i, seg in enumerate(raw):
        if carry is not None and not _within(seg.path, carry.path):
            merged.append(carry)  # a short section of its own: never merged into the next section
            carry = None
        start = carry.start if carry is not None else seg.start
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        short = len(text[seg.start : seg.end].strip()) < max(40, min_chars // 5)
        if short and nxt is not None and _within(nxt.path, seg.path):
            carry = Segment(start, seg.end, seg.path)  # a bare heading goes with its first child
            continue
        carry = None
        merged.append(Segment(start, seg.end, seg.path))
    return merged


def _within(path: str, parent: str) -> bool:
    """Is the section `path` the section `parent` or one of its subsections?"""
    return path == parent or path.startswith(parent + " > ") or not parent


def chunk_id(doc_id: str, start: int, end: int, text: str) -> str:
    digest = hashlib.sha1(f"{doc_id}|{start}|{end}|{text}".encode()).hexdigest()
    return f"{doc_id}:{digest[:16]}"


def chunk_document(doc: Document, sections: list[Section], chunking: ChunkSettings) -> list[Chunk]:
    """Pack sentences into ~min..max character chunks with a sentence of overlap, per segment."""
    text = doc.text
    max_chars, min_chars, overlap = chunking.max_chars, chunking.min_chars, chunking.overlap_sentences
    chunks: list[Chunk] = []
    for seg in segments(text, sections, min_chars):
        sents: list[tuple[int, int]] = []
        for span in sentence_spans(text, seg.start, seg.end):
            sents.extend(_split_long(text, span, max_chars))
        groups: list[list[tuple[int, int]]] = []
        current: list[tuple[int, int]] = []
        for sent in sents:
            if current and sent[1] - current[0][0] > max_chars:
                groups.append(current)
                tail = current[-overlap:] if overlap else []
                # Overlap only when the carried sentence leaves room for new text.
                if tail and sent[1] - tail[0][0] <= max_chars and tail[0][1] - tail[0][0] <= max_chars // 2:
                    current = [*tail, sent]
                else:
                    current = [sent]
            else:
                current.append(sent)
        if current:
            groups.append(current)
        for group in groups:
            a, b = group[0][0], group[-1][1]
            body = text[a:b]
            chunks.append(
                Chunk(
                    chunk_id=chunk_id(doc.doc_id, a, b, body),
                    doc_id=doc.doc_id,
                    text=body,
                    start=a,
                    end=b,
                    section=seg.path,
                    index=len(chunks),
                    page=doc.page_at(a),
                    page_end=doc.page_at(b - 1),
                )
            )
    return chunks

"""Records that cross folders: documents, chunks, hits, citations and answers."""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocMeta:
    """Catalogue metadata of one document."""

    doc_id: str
    title: str
    author: str = ""
    source: str = ""
    date: str = ""
    kind: str = ""
    filename: str = ""


@dataclass(frozen=True)
class Section:
    """A heading found in a document: its span covers the heading and its body."""

    level: int
    title: str
    path: str
    start: int
    end: int


@dataclass
class Document:
    """A cleaned document: its stored text is what every citation quotes."""

    meta: DocMeta
    text: str
    # (start offset, page number) pairs, sorted by offset; empty for non-paged formats.
    pages: list[tuple[int, int]] = field(default_factory=list)
    content_hash: str = ""
    warnings: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    def page_at(self, offset: int) -> int | None:
        """Page number holding the character at `offset`, or None for non-paged documents."""
        if not self.pages:
            return None
        i = bisect.bisect_right([p[0] for p in self.pages], offset) - 1
        return self.pages[max(i, 0)][1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": asdict(self.meta),
            "text": self.text,
            "pages": [list(p) for p in self.pages],
            "content_hash": self.content_hash,
            "warnings": list(self.warnings),
            "sections": [asdict(sec) for sec in self.sections],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            meta=DocMeta(**data["meta"]),
            text=data["text"],
            pages=[(int(a), int(b)) for a, b in data.get("pages", [])],
            content_hash=data.get("content_hash", ""),
            warnings=list(data.get("warnings", [])),
            sections=[Section(**sec) for sec in data.get("sections", [])],
        )


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: `text == document.text[start:end]`."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    section: str
    index: int
    page: int | None = None
    page_end: int | None = None

    def fields(self) -> dict[str, str | int]:
        """Everything but the id and the text, as str/int values (Chroma metadata takes no None)."""
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "section": self.section,
            "index": self.index,
            "page": -1 if self.page is None else self.page,
            "page_end": -1 if self.page_end is None else self.page_end,
        }

    @classmethod
    def from_fields(cls, chunk_id: str, text: str, fields: dict[str, Any]) -> Chunk:
        """The inverse of fields(); extra keys (document metadata stored beside them) are ignored."""
        page, page_end = int(fields.get("page", -1)), int(fields.get("page_end", -1))
        return cls(
            chunk_id=chunk_id,
            doc_id=str(fields["doc_id"]),
            text=text,
            start=int(fields["start"]),
            end=int(fields["end"]),
            section=str(fields.get("section", "")),
            index=int(fields.get("index", 0)),
            page=page if page >= 0 else None,
            page_end=page_end if page_end >= 0 else None,
        )


@dataclass(frozen=True)
class Filters:
    """Metadata filters for search: each field lists the allowed values; empty means any."""

    kind: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    doc_id: tuple[str, ...] = ()

    @classmethod
    def of(cls, **values: list[str] | tuple[str, ...] | None) -> Filters:
        return cls(**{k: tuple(v or ()) for k, v in values.items()})

    def active(self) -> dict[str, list[str]]:
        """{field: allowed values} for the fields that restrict anything."""
        return {k: list(v) for k, v in asdict(self).items() if v}


@dataclass
class Hit:
    """A chunk retrieved for a query, with the scores that ranked it."""

    chunk: Chunk
    score: float
    bm25: float | None = None
    dense: float | None = None
    bm25_rank: int | None = None
    dense_rank: int | None = None
    weak: bool = False


@dataclass
class Citation:
    """A verified verbatim quote shown under an answer."""

    n: int
    doc_id: str
    title: str
    section: str
    page: int | None
    quote: str
    start: int
    end: int
    score: float
    verified: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class AnswerSentence:
    """One sentence of an answer: verbatim source text (or, in model mode, a generated sentence
    checked against its sources) and the numbers [n] of the citations that support it."""

    text: str
    sources: list[int]
    label: str = ""  # a short connective label of our own: "1.", "华胜社区：" (never source text)
    block: str = ""  # the group it belongs to: one list, one case, one side of a comparison
    generated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def answer_text(sentences: list[AnswerSentence]) -> str:
    """The answer as one string: each sentence with its label and [n] markers; a new block or a
    labelled item starts a new line."""
    out: list[str] = []
    for i, s in enumerate(sentences):
        if i and (s.label or s.block != sentences[i - 1].block):
            out.append("\n")
        out.append(f"{s.label}{s.text}" + "".join(f"[{n}]" for n in s.sources))
    return "".join(out)


@dataclass
class Answer:
    """The result of one question: answer text with [n] markers, its sentences, citations and passages."""

    question: str
    answer: str
    refused: bool
    citations: list[Citation]
    hits: list[Hit]
    signals: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    sentences: list[AnswerSentence] = field(default_factory=list)
    kind: str = ""  # the kind of answer the question asks for (definition, list, procedure ...)
    notes: list[str] = field(default_factory=list)  # what the answer could not cover, said plainly
    dropped: list[dict[str, Any]] = field(default_factory=list)  # model mode: sentences verification removed

    def to_dict(self, *, max_passages: int | None = None) -> dict[str, Any]:
        hits = self.hits if max_passages is None else self.hits[:max_passages]
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [c.to_dict() for c in self.citations],
            "passages": [
                {
                    "doc_id": h.chunk.doc_id,
                    "section": h.chunk.section,
                    "page": h.chunk.page,
                    "text": h.chunk.text,
                    "start": h.chunk.start,
                    "end": h.chunk.end,
                    "score": round(h.score, 6),
                    "weak": h.weak,
                }
                for h in hits
            ],
            "signals": {k: round(v, 4) for k, v in self.signals.items()},
            "kind": self.kind,
            "sentences": [x.to_dict() for x in self.sentences],
            "notes": list(self.notes),
            "dropped": list(self.dropped),
        }

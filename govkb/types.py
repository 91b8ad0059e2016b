"""Records that cross folders: documents, chunks, hits, citations and answers."""

from __future__ import annotations

import bisect
import re
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
    # Laws and regulations (empty for other documents): where they apply, who issued them, when.
    region: str = ""  # province-level region of a local regulation: 上海, 山东 …
    city: str = ""  # city below the region when the title names one: 威海, 宁波 …
    issuer: str = ""  # 全国人民代表大会常务委员会, 国务院, 上海市人民代表大会常务委员会 …
    adopted: str = ""  # ISO dates
    revised: tuple[str, ...] = ()
    effective: str = ""
    number: str = ""  # order number when the header gives one: 国务院令第649号
    work: str = ""  # the law as a work, shared by its versions (the normalised title); "" if not a law

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocMeta:
        """Metadata as stored; keys a newer or older version does not know are ignored."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["revised"] = tuple(known.get("revised") or ())
        return cls(**known)


@dataclass(frozen=True)
class Section:
    """A heading found in a document: its span covers the heading and its body."""

    level: int
    title: str
    path: str
    start: int
    end: int
    kind: str = ""  # "article" for 第X条 of a law; "" for headings


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
    # Spans of back matter (author notes, funding, acknowledgements, references): shown in the
    # reader and found by the quote check, never quoted in an answer.
    back_matter: list[tuple[int, int]] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    def section_at(self, offset: int) -> str:
        """The path of the deepest section holding the character at `offset` ("" outside any)."""
        inside = [s for s in self.sections if s.start <= offset <= s.end]
        return max(inside, key=lambda s: s.level).path if inside else ""

    def page_at(self, offset: int) -> int | None:
        """Page number holding the character at `offset`, or None for non-paged documents."""
        if not self.pages:
            return None
        i = bisect.bisect_right([p[0] for p in self.pages], offset) - 1
        return self.pages[max(i, 0)][1]

    def articles_in(self, start: int, end: int) -> list[Section]:
        """The articles (第X条) that text[start:end] overlaps, in order; empty for non-legal documents."""
        return [s for s in self.sections if s.kind == "article" and s.start < end and start <= s.end]

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": asdict(self.meta),
            "text": self.text,
            "pages": [list(p) for p in self.pages],
            "content_hash": self.content_hash,
            "warnings": list(self.warnings),
            "sections": [asdict(sec) for sec in self.sections],
            "back_matter": [list(span) for span in self.back_matter],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            meta=DocMeta.from_dict(data["meta"]),
            text=data["text"],
            pages=[(int(a), int(b)) for a, b in data.get("pages", [])],
            content_hash=data.get("content_hash", ""),
            warnings=list(data.get("warnings", [])),
            sections=[Section(**sec) for sec in data.get("sections", [])],
            back_matter=[(int(a), int(b)) for a, b in data.get("back_matter", [])],
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
    articles: str = ""  # article numbers of a law's chunk: "第八条" or "第七条、第八条"
    law: str = ""  # the title of the law a chunk belongs to ("" for other documents): it is indexed

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
            "articles": self.articles,
            "law": self.law,
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
            articles=str(fields.get("articles", "")),
            law=str(fields.get("law", "")),
        )


@dataclass(frozen=True)
class Filters:
    """Metadata filters for search: each field lists the allowed values; empty means any."""

    kind: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    doc_id: tuple[str, ...] = ()
    region: tuple[str, ...] = ()  # matches a document's region or its city
    # Superseded versions of a law (已修订) are left out unless asked for, or named by doc_id;
    # `versions` names older versions to search instead of their current one (2007年版…).
    versions: tuple[str, ...] = ()
    include_superseded: bool = False

    @classmethod
    def of(cls, *, include_superseded: bool = False, **values: list[str] | tuple[str, ...] | None) -> Filters:
        return cls(include_superseded=include_superseded, **{k: tuple(v or ()) for k, v in values.items()})

    def active(self) -> dict[str, list[str]]:
        """{field: allowed values} for the fields that restrict anything."""
        skip = ("include_superseded", "versions")
        return {k: list(v) for k, v in asdict(self).items() if v and k not in skip}


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
    first: bool = False  # among the top 3 by BM25 and the passages' vectors alone (the refusal bar's calibration)


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
    articles: str = ""  # 第八条 (or 第七条、第八条) when the source is a law
    chapter: str = ""  # the chapter (and section) path above the article
    version: str = ""  # the version date of a law
    superseded: bool = False  # quoted from an older version (已修订)

    def source_label(self) -> str:
        """《title》第X条 for a law, 《title》 otherwise."""
        return f"《{self.title}》{self.articles}"

    def version_note(self) -> str:
        """「已修订（旧版本 2007-08-30）」 when quoted from a superseded version, else ""."""
        return f"已修订（旧版本 {self.version or '日期不详'}）" if self.superseded else ""

    @classmethod
    def of(cls, n: int, chunk: Chunk, title: str, score: float) -> Citation:
        """Citation [n] of a whole passage (the caller has checked it against the stored text)."""
        return cls(n=n, doc_id=chunk.doc_id, title=title, section=chunk.section, page=chunk.page,
                   quote=chunk.text, start=chunk.start, end=chunk.end, score=round(score, 6))

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
    """The answer as one string: each sentence with its label and [n] markers; a new block, a
    labelled item, an article (第八条 …) or a law's item (（一）…) starts a new line."""
    out: list[str] = []
    for i, s in enumerate(sentences):
        if i and (s.label or s.block != sentences[i - 1].block or re.match(r"第[一二三四五六七八九十百零〇]+条|[（(][一二三四五六七八九十]+[)）]", s.text)):
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

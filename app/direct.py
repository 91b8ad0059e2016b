"""Answers read straight off a law's structure: a named article (款, 项), the articles penalising it, its versions."""

from __future__ import annotations

import re
from dataclasses import replace

from app.citing import cite, refusal
from app.compose import Piece
from app.evidence import Evidence, Library
from app.lookup import VERSION_CHANGES, takes_effect, version_notes, versions_of
from app.question import QuestionInfo
from app.revisions import compare_versions
from govkb.types import Answer, Chunk, DocMeta, Hit, Section, answer_text

ARTICLE = "article"  # the kind of an answer that is a named article's own text
VERSION = "version"  # …and of one on a law's versions (from the headers and a comparison of the texts)
VERBATIM = (ARTICLE, VERSION)  # kinds a model never rewrites: a law's own words and the library's own facts


def penalties_for(chunk: Chunk, library: Library) -> list[tuple[str, int, int]]:
    """The articles of a law's chunk's own law that penalise breaking the chunk's articles (违反本条例第十六条…)."""
    doc = library.document(chunk.doc_id) if chunk.law and chunk.articles else None
    if doc is None:
        return []
    spans = []
    for art in chunk.articles.split("、"):
        for m in re.finditer(f"违反本(?:法|条例|办法|规定|细则)[^。；]{{0,40}}?{art}", doc.text):
            spans += [(doc.doc_id, a.start, a.end) for a in doc.articles_in(m.start(), m.end())[:1]]
    return spans


def named_chunks(articles: list[tuple[str, Section]], library: Library) -> list[Chunk]:
    """Each article as one passage: its own span of the law (a passage holding several short articles
    is cut to the one asked; a long article split at its 款 is whole again), under its own number."""
    out = []
    for doc_id, article in articles:
        doc = library.document(doc_id)
        parts = [c for c in library.doc_chunks(doc_id) if c.start < article.end and article.start < c.end]
        if doc is None or not parts:
            continue
        out.append(replace(parts[0], start=article.start, end=article.end, text=doc.text[article.start : article.end],
                           articles=article.title, section=article.path))
    return out


def article_answer(question: str, info: QuestionInfo, articles: list[tuple[str, Section]], hits: list[Hit],
                   signals: dict[str, float], library: Library, *, notes: list[str]) -> Answer:
    """Articles' own text, every sentence in order, each cited to its article (an exact match: score 1)."""
    ev = Evidence(info, library)
    chunks = named_chunks(articles, library)
    pieces = [Piece(c) for chunk in chunks for c in ev.add_chunk(chunk, rank=0)]
    sentences, citations = cite(pieces, library, {c.chunk_id: 1.0 for c in chunks})
    if not sentences:
        return refusal(question, hits, signals, kind=info.kind)
    parts = {(c.doc_id, c.start, c.end): c.articles for c in chunks if "款" in c.articles or "项" in c.articles}
    for citation in citations:  # 第十一条第一款第（二）项: the part asked for, under its own label
        citation.articles = parts.get((citation.doc_id, citation.start, citation.end), "")
    return Answer(question=question, answer=answer_text(sentences), refused=False, citations=citations, hits=hits,
                  signals=signals, sentences=sentences, kind=ARTICLE, notes=notes)


def version_answer(question: str, info: QuestionInfo, hits: list[Hit], signals: dict[str, float],
                   library: Library) -> Answer | None:
    """慈善法现行的是哪一版 / 2007年版突发事件应对法还有效吗: the versions the library holds (from the headers,
    as notes) and the newest version's own sentence on when it takes effect, cited; None for a document
    that is not a versioned law."""
    metas = library.metas()
    by_id = {m.doc_id: m for m in metas}
    notes: list[str] = []
    ev = Evidence(info, library)
    pieces: list[Piece] = []
    for doc_id in info.works:
        meta = by_id.get(doc_id)
        if meta is None or not meta.work:
            continue
        notes += version_notes(meta, metas)
        versions = versions_of(meta, metas)
        newest = versions[0]
        if VERSION_CHANGES.search(question) and len(versions) > 1:
            notes += change_notes(library, versions, meta)
        doc = library.document(newest.doc_id)
        span = takes_effect(doc) if doc is not None else None
        if span is not None:
            pieces += [Piece(c) for c in ev.add_span(newest.doc_id, span[0], span[1], rank=0)]
    if not notes:
        return None
    sentences, citations = cite(pieces, library, {p.cand.chunk.chunk_id: 1.0 for p in pieces})
    return Answer(question=question, answer=answer_text(sentences) if sentences else "", refused=False,
                  citations=citations, hits=hits, signals=signals, sentences=sentences, kind=VERSION, notes=notes)


def change_notes(library: Library, versions: list[DocMeta], asked: DocMeta) -> list[str]:
    """What a revision changed, article by article (revisions.compare_versions): the version asked about (the newest when
    the question names none by year) against the one before it."""
    at = next((i for i, m in enumerate(versions) if m.doc_id == asked.doc_id), 0)
    at = min(at, len(versions) - 2)
    new, old = library.document(versions[at].doc_id), library.document(versions[at + 1].doc_id)
    if new is None or old is None:
        return []
    diff = compare_versions(old, new)
    def listed(titles: list[str]) -> str:
        return "、".join(titles[:30]) + (f"等 {len(titles)} 条" if len(titles) > 30 else "")
    added = [n.title for n, o, _ in diff.pairs if o is None]
    changed = [f"{n.title}（原{o.title}）" if o.title != n.title else n.title
               for n, o, same in diff.pairs if o is not None and not same]
    notes = [f"修订对照（逐条比对两版文字得出，不是条文原文）：{diff.summary()}"]
    if added:
        notes.append(f"{new.meta.date} 版新增的条文：{listed(added)}。")
    if changed:
        notes.append(f"有改动的条文：{listed(changed)}。")
    if diff.removed:
        notes.append(f"{old.meta.date} 版中在新版没有对应条文的：{listed([s.title for s in diff.removed])}。")
    return notes

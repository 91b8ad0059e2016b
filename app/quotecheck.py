"""Quote check: is a sentence verbatim in the library, where exactly (title, article, section, page), and if
not, which source sentence(s) it is closest to and what differs."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.quotematch import (
    DiffOp,
    align,
    articles_in,
    balance,
    content,
    diff_ops,
    normalised,
    normalised_text,
    number_changes,
    original_offset,
    similarity,
    snap,
)
from app.revisions import counterpart, place_now, same_words
from govkb.text import is_verbatim, sentence_spans
from govkb.types import Document, Filters

if TYPE_CHECKING:
    from app.service import GovKB

__all__ = ["DiffOp", "QuoteCheck", "check_quote", "diff_ops", "find_exact"]

MIN_SIMILARITY = 0.6  # below this the closest passage is shown to nobody: 未找到
MIN_CLOSE_CHARS = 6  # shorter quotes are only checked verbatim: a near match of 4 characters means nothing
PAD = 300  # characters of document text searched on each side of a retrieved chunk


@dataclass
class QuoteCheck:
    status: str  # "exact", "close", "not_found"
    quote: str
    doc_id: str = ""
    title: str = ""
    article: str = ""  # 第八条 when the source is inside an article of a law
    section: str = ""
    page: int | None = None
    start: int = 0
    end: int = 0
    source_text: str = ""  # the stored text at [start:end], verbatim
    context: str = ""  # the whole source sentence(s) around it
    similarity: float = 0.0
    identical: bool = False  # exact match to the letter (not only up to white space / punctuation width)
    diff: list[DiffOp] = field(default_factory=list)
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (source, quote) numbers that differ
    also: list[str] = field(default_factory=list)  # doc ids of other documents holding the same text
    # A law's superseded version: its date, the current version's date, and where the article is now.
    version: str = ""
    current_id: str = ""
    current_date: str = ""
    current_article: str = ""  # 第六十六条 (the current version's article most like the source's), "" if none
    current_text: str = ""  # that article's text in the current version
    current_same: bool = False  # the current article says the same words

    def version_note(self) -> str:
        """出自已修订的旧版本（2007-08-30）；现行版本为 2024-06-28 版，旧版第四十四条即现行版本第六十六条（文字有改动）."""
        if not self.current_id:
            return ""
        now = f"现行版本为 {self.current_date} 版" if self.current_date else "库中另有现行版本"
        where = "，" + place_now(self.article, self.current_article, self.current_same) if self.article else ""
        return f"出自已修订的旧版本（{self.version or '日期不详'}）；{now}{where}。"

    def to_dict(self) -> dict[str, object]:
        return {
            "status": self.status, "quote": self.quote, "doc_id": self.doc_id, "title": self.title,
            "article": self.article, "section": self.section, "page": self.page, "start": self.start,
            "end": self.end, "source_text": self.source_text, "context": self.context,
            "similarity": round(self.similarity, 4), "identical": self.identical,
            "diff": [{"op": d.op, "source": d.source, "quote": d.quote} for d in self.diff],
            "numbers": [list(n) for n in self.numbers], "also": list(self.also),
            "version": self.version, "current_id": self.current_id, "current_date": self.current_date,
            "current_article": self.current_article, "current_text": self.current_text, "current_same": self.current_same,
        }


def core(quote: str) -> str:
    """The quote without the punctuation and quotation marks around it, pairs kept (「“三管”是…。」 -> “三管”是…)."""
    a, b = balance(quote, 0, len(quote))
    return quote[a:b]


def located(status: str, quote: str, doc: Document, start: int, end: int) -> QuoteCheck:
    """A verdict at doc.text[start:end], checked verbatim, with its article, section, page and sentence(s)."""
    source = doc.text[start:end]
    assert is_verbatim(doc.text, source, start, end)
    spans = [s for s in sentence_spans(doc.text, max(0, start - 400), min(len(doc.text), end + 400))
             if s[0] < end and s[1] > start]
    return QuoteCheck(
        status=status,
        quote=quote,
        doc_id=doc.doc_id,
        title=doc.meta.title,
        article=articles_in(doc.text, start, end),
        section=doc.section_at(start),
        page=doc.page_at(start),
        start=start,
        end=end,
        source_text=source,
        context=doc.text[min(a for a, _ in spans) : max(b for _, b in spans)] if spans else source,
    )


# The normalised text of every stored document, for the exact search; one knowledge base at a
# time, rebuilt when its chunks change (the keyword index signature covers every chunk id).
_texts: dict[str, object] = {}


def _normalised_texts(service: GovKB) -> dict[str, str]:
    sig = (id(service.kb), service.kb.keyword().signature)
    if _texts.get("sig") != sig:
        _texts.update(sig=sig, texts={d.doc_id: normalised_text(d.text) for d in service.documents()})
    texts = _texts["texts"]
    assert isinstance(texts, dict)
    return texts


def find_exact(service: GovKB, quote: str, *, prefer: Collection[str] = (), limit: int = 20) -> list[QuoteCheck]:
    """Every document holding the quote (up to white space, punctuation width and the marks around
    it), first occurrence in each, the preferred documents first, at most `limit`."""
    _, words = content(quote)
    needle, _ = normalised(quote[words[0] : words[-1] + 1] if words else "")
    if not needle:
        return []
    found = []
    texts = _normalised_texts(service)
    for doc_id in [d for d in prefer if d in texts] + [d for d in texts if d not in prefer]:
        i = texts[doc_id].find(needle)
        if i < 0:
            continue
        doc = service.document(doc_id)
        if doc is None:
            continue
        start, end = balance(doc.text, original_offset(doc.text, i), original_offset(doc.text, i + len(needle) - 1) + 1)
        match = located("exact", quote, doc, start, end)
        match.identical = match.source_text == quote.strip()
        match.similarity = 1.0
        found.append(match)
        if len(found) >= limit:
            break
    return found


def _regions(service: GovKB, quote: str, prefer: Collection[str], only: bool) -> list[tuple[str, int, int]]:
    """Stretches of document text to align the quote against: each top hit's chunk with its
    neighbourhood (a quote may run across a chunk boundary), merged per document."""
    hits = [] if only else service.retriever.search(quote, top_k=8, mode="hybrid").hits
    if prefer:
        hits += service.retriever.search(quote, top_k=4, mode="hybrid", filters=Filters.of(doc_id=list(prefer))).hits
    spans: dict[str, list[tuple[int, int]]] = {}
    for h in hits:
        spans.setdefault(h.chunk.doc_id, []).append((max(0, h.chunk.start - PAD), h.chunk.end + PAD))
    out = []
    for doc_id, found in spans.items():
        found.sort()
        lo, hi = found[0]
        for a, b in found[1:]:
            if a <= hi:
                hi = max(hi, b)
            else:
                out.append((doc_id, lo, hi))
                lo, hi = a, b
        out.append((doc_id, lo, hi))
    return out


def closest(service: GovKB, quote: str, prefer: Collection[str] = (), *, only: bool = False) -> QuoteCheck | None:
    """The source span most similar to the quote: the quote is aligned against each candidate
    region (so swapped words, dropped clauses and a quote running over two sentences all land on
    one span), the span widened to whole clauses, then scored by `similarity`. A candidate in a
    preferred document (the one the draft names) wins a near tie."""
    wanted = core(quote)
    needle, _ = content(wanted)
    if len(needle) < MIN_CLOSE_CHARS:
        return None
    scored: list[tuple[float, str, int, int]] = []
    docs: dict[str, Document] = {}
    for doc_id, lo, hi in _regions(service, wanted, prefer, only):
        doc = docs.get(doc_id) or service.document(doc_id)
        if doc is None:
            continue
        docs[doc_id] = doc
        hi = min(hi, len(doc.text))
        hay, where = content(doc.text[lo:hi])
        s, e, _ = align(needle, hay)
        if e <= s:
            continue
        start, end = snap(doc.text, lo + where[s], lo + where[e - 1] + 1, lo, hi)
        scored.append((similarity(needle, content(doc.text[start:end])[0]), doc_id, start, end))
    if not scored:
        return None
    best = max(scored, key=lambda c: c[0])
    preferred = [c for c in scored if c[1] in prefer and c[0] >= best[0] - 0.05]
    score, doc_id, start, end = max(preferred, key=lambda c: c[0]) if preferred else best
    result = located("close", quote, docs[doc_id], start, end)
    result.similarity = score
    result.diff = diff_ops(result.source_text, wanted)
    result.numbers = number_changes(result.diff)
    return result


def check_quote(
    service: GovKB, quote: str, *, prefer: Collection[str] = (), min_similarity: float = MIN_SIMILARITY
) -> QuoteCheck:
    """Exact source if the quote is verbatim (in a preferred document when it is there too); else
    the closest source sentence(s) with the differences; else not found."""
    quote = quote.strip()
    if not core(quote):
        return QuoteCheck(status="not_found", quote=quote)
    exact = find_exact(service, quote, prefer=prefer)
    superseded = service.superseded()
    if exact:
        # Words a revision left as they were are in both versions: the current one is their source.
        ranked = sorted(exact, key=lambda m: (m.doc_id not in prefer, m.doc_id in superseded))
        chosen = ranked[0]
        chosen.also = [m.doc_id for m in exact if m is not chosen and superseded.get(m.doc_id) != chosen.doc_id]
        return with_version(service, chosen, superseded)
    close = closest(service, quote, prefer)
    if close is None or close.similarity < min_similarity:
        return QuoteCheck(status="not_found", quote=quote, similarity=close.similarity if close else 0.0)
    return with_version(service, close, superseded)


def with_version(service: GovKB, check: QuoteCheck, superseded: dict[str, str]) -> QuoteCheck:
    """A source in a superseded version of a law says so, with the current version and the source article's
    place in it (its most alike article, by revisions.counterpart)."""
    if check.doc_id not in superseded:
        return check
    doc, current = service.document(check.doc_id), service.document(superseded[check.doc_id])
    if doc is None or current is None:
        return check
    check.version, check.current_id, check.current_date = doc.meta.date, current.doc_id, current.meta.date
    arts = doc.articles_in(check.start, check.end)
    found = counterpart(doc, arts[0], current) if arts else None
    if found is not None:
        article, _ = found
        check.current_article = article.title
        check.current_text = current.text[article.start : article.end]
        check.current_same = same_words(doc, arts[0], current, article)
    return check

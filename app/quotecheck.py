"""Quote check: is a sentence verbatim in the corpus, where exactly, and if not, what differs."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govkb.text import is_verbatim

if TYPE_CHECKING:
    from app.service import GovKB

# Full-width and half-width punctuation count as the same when matching (offsets stay exact).
_FOLD = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?", "\u3000": " "})


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch.translate(_FOLD))[:1] or ch


def _normalised(text: str) -> tuple[str, list[int]]:
    """Text without white space and with punctuation width folded, plus each char's original offset."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        chars.append(_fold(ch))
        where.append(i)
    return "".join(chars), where


@dataclass
class DiffOp:
    op: str  # "equal", "missing" (in the source, not in the quote), "added" (in the quote only), "changed"
    source: str
    quote: str


@dataclass
class QuoteCheck:
    status: str  # "exact", "close", "not_found"
    quote: str
    doc_id: str = ""
    title: str = ""
    section: str = ""
    page: int | None = None
    start: int = 0
    end: int = 0
    source_text: str = ""  # the stored text at [start:end], verbatim
    similarity: float = 0.0
    identical: bool = False  # exact match to the letter (not only up to white space / punctuation width)
    diff: list[DiffOp] = field(default_factory=list)


def _section_at(service: GovKB, doc_id: str, offset: int) -> str:
    doc = service.document(doc_id)
    if doc is None:
        return ""
    inside = [s for s in doc.sections if s.start <= offset <= s.end]
    return max(inside, key=lambda s: s.level).path if inside else ""


def _located(service: GovKB, status: str, quote: str, doc_id: str, start: int, end: int) -> QuoteCheck:
    doc = service.document(doc_id)
    assert doc is not None
    source = doc.text[start:end]
    assert is_verbatim(doc.text, source, start, end)
    return QuoteCheck(
        status=status,
        quote=quote,
        doc_id=doc_id,
        title=doc.meta.title,
        section=_section_at(service, doc_id, start),
        page=doc.page_at(start),
        start=start,
        end=end,
        source_text=source,
    )


def find_exact(service: GovKB, quote: str) -> QuoteCheck | None:
    """Every stored document searched for the quote, up to white space and punctuation width."""
    needle, _ = _normalised(quote)
    if not needle:
        return None
    for doc in service.documents():
        hay, where = _normalised(doc.text)
        i = hay.find(needle)
        if i >= 0:
            start, end = where[i], where[i + len(needle) - 1] + 1
            found = _located(service, "exact", quote, doc.doc_id, start, end)
            found.identical = found.source_text == quote.strip()
            found.similarity = 1.0
            return found
    return None


def _best_window(quote: str, text: str) -> tuple[int, int, float]:
    """The span of `text` that best aligns with `quote`, and their similarity (0..1)."""
    matcher = difflib.SequenceMatcher(None, quote, text, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 2]
    if not blocks:
        return 0, 0, 0.0
    start = max(0, blocks[0].b - blocks[0].a)
    end = min(len(text), blocks[-1].b + blocks[-1].size + (len(quote) - blocks[-1].a - blocks[-1].size))
    ratio = difflib.SequenceMatcher(None, quote, text[start:end], autojunk=False).ratio()
    return start, end, ratio


def diff_ops(source: str, quote: str) -> list[DiffOp]:
    """Character-level differences between the source passage and the quote."""
    ops = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, source, quote, autojunk=False).get_opcodes():
        name = {"equal": "equal", "delete": "missing", "insert": "added", "replace": "changed"}[tag]
        if name == "changed" and _normalised(source[a1:a2])[0] == _normalised(quote[b1:b2])[0]:
            name = "equal"  # only punctuation width or white space differs: not a misquotation
        ops.append(DiffOp(name, source[a1:a2], quote[b1:b2]))
    return ops


def check_quote(service: GovKB, quote: str, *, min_similarity: float = 0.5) -> QuoteCheck:
    """Exact source if the quote is verbatim; else the closest passage with differences; else not found."""
    quote = quote.strip()
    if not quote:
        return QuoteCheck(status="not_found", quote=quote)
    exact = find_exact(service, quote)
    if exact is not None:
        return exact
    hits = service.retriever.search(quote, top_k=8, mode="hybrid").hits
    best: tuple[float, str, int, int] | None = None
    for hit in hits:
        a, b, ratio = _best_window(quote, hit.chunk.text)
        if b > a and (best is None or ratio > best[0]):
            best = (ratio, hit.chunk.doc_id, hit.chunk.start + a, hit.chunk.start + b)
    if best is None or best[0] < min_similarity:
        return QuoteCheck(status="not_found", quote=quote, similarity=best[0] if best else 0.0)
    ratio, doc_id, start, end = best
    close = _located(service, "close", quote, doc_id, start, end)
    close.similarity = ratio
    close.diff = diff_ops(close.source_text, quote)
    return close

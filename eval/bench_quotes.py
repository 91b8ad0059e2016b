"""Quote check and draft check at scale: latency and outcome on sentences sampled from the stored documents.

For each of `n` sampled sentences (15–80 characters, fixed seed): the sentence itself (must be
`exact`) and a misquote with two characters dropped from its middle (must be `close` and point back
into the same document). Then `govkb verify` on the test draft (tests/fixtures/draft-居委会讲稿.md).
Called by `python -m eval.bench_laws queries` in the fresh process that measures the answers.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING, Any

from eval.metrics import percentile
from govkb.settings import REPO_ROOT
from govkb.text import sentence_spans

if TYPE_CHECKING:
    from app.service import GovKB

DRAFT = REPO_ROOT / "tests" / "fixtures" / "draft-居委会讲稿.md"


def sample_sentences(service: GovKB, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(doc id, sentence) pairs: one sentence from each of `n` random chunks."""
    rng = random.Random(seed)
    chunks = sorted(service.kb.chunks().values(), key=lambda c: c.chunk_id)
    out: list[tuple[str, str]] = []
    for chunk in rng.sample(chunks, min(len(chunks), n * 3)):
        spans = [(a, b) for a, b in sentence_spans(chunk.text) if 15 <= b - a <= 80]
        if spans:
            a, b = rng.choice(spans)
            out.append((chunk.doc_id, chunk.text[a:b]))
        if len(out) == n:
            break
    return out


def measure_quotes(service: GovKB, n: int = 40) -> dict[str, Any]:
    from app.quotecheck import check_quote
    from app.verify import verify_draft

    t = time.perf_counter()
    check_quote(service, "居民委员会每届任期五年")  # loads and normalises every stored document once
    first_s = time.perf_counter() - t
    exact_ms: list[float] = []
    close_ms: list[float] = []
    exact_ok = close_ok = 0
    for doc_id, sentence in sample_sentences(service, n):
        t = time.perf_counter()
        result = check_quote(service, sentence)
        exact_ms.append((time.perf_counter() - t) * 1000)
        exact_ok += result.status == "exact"
        mid = len(sentence) // 2
        t = time.perf_counter()
        result = check_quote(service, sentence[: mid - 1] + sentence[mid + 1 :])
        close_ms.append((time.perf_counter() - t) * 1000)
        close_ok += result.status == "close" and (result.doc_id == doc_id or sentence in result.context)
    t = time.perf_counter()
    report = verify_draft(service, DRAFT.read_text(encoding="utf-8"), DRAFT.name)
    draft_s = time.perf_counter() - t
    return {
        "first_check_s": first_s,
        "sentences": len(exact_ms),
        "exact_found": exact_ok,
        "misquote_found_close": close_ok,
        "exact_p50_ms": percentile(exact_ms, 50),
        "exact_p95_ms": percentile(exact_ms, 95),
        "misquote_p50_ms": percentile(close_ms, 50),
        "misquote_p95_ms": percentile(close_ms, 95),
        "draft_claims": len(report.items),
        "draft_s": draft_s,
        "draft_summary": report.summary(),
        "draft_verdicts": [(i.claim.n, i.verdict, i.attribution) for i in report.items],
    }

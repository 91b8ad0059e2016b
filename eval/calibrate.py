"""Calibrate the refusal rule on a question set: `python -m eval.calibrate [FILE]`.

The rule refuses when evidence = dense_top + lexical_weight * coverage falls below min_evidence
(dense_top: best cosine similarity of the dense search; coverage: IDF-weighted share of the
question's bigrams found in one of the top three passages, IDF from the keyword index).
Constraint first: every off-topic (无关) question refused and at most --max-false false refusals;
then refuse as many near-misses (近似) as possible; then the widest gap. The threshold is put
halfway into the gap, so it does not sit on a dev question.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from app.service import GovKB
from eval.metrics import load_questions
from govkb.settings import load_settings


def collect(service: GovKB, file: Path | None) -> list[tuple[str, float, float]]:
    rows = []
    for q in load_questions(file):
        res = service.retriever.search(q.q, top_k=10, mode="hybrid")
        label = "answerable" if q.answerable else q.category
        rows.append((label, res.signals["dense_top"], res.signals["coverage"]))
    return rows


def choose(rows: list[tuple[str, float, float]], max_false: int = 1) -> tuple[float, float, dict[str, float]]:
    """Best (lexical_weight, min_evidence) by the constraint, near-miss refusals, then gap."""
    best: tuple[tuple[int, float], float, float, dict[str, float]] | None = None
    for w in np.linspace(0.0, 1.0, 41):
        ev = [(label, d + w * b) for label, d, b in rows]
        off = max((v for label, v in ev if label == "无关"), default=0.0)
        answerable = sorted(v for label, v in ev if label == "answerable")
        if len(answerable) <= max_false:
            continue
        # Threshold between the highest off-topic score and the answerable score above it.
        above = [v for v in answerable if v > off]
        false_refusals = len(answerable) - len(above)
        if false_refusals > max_false or not above:
            continue
        threshold = (off + above[0]) / 2
        near = sum(1 for label, v in ev if label == "近似" and v < threshold)
        gap = above[0] - off
        key = (near, gap)
        if best is None or key > best[0]:
            info = {"false_refusals": false_refusals, "nearmiss_refused": near, "gap": round(gap, 4)}
            best = (key, float(w), float(threshold), info)
    if best is None:
        raise SystemExit("没有阈值能同时满足：拒答全部无关问题且误拒 ≤ max_false")
    return best[1], best[2], best[3]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--max-false", type=int, default=1)
    args = parser.parse_args(argv)
    service = GovKB(load_settings())
    if service.is_empty():
        service.ingest()
    rows = collect(service, args.file)
    for label in ("answerable", "无关", "近似"):
        sel = np.array([(d, b) for lab, d, b in rows if lab == label])
        if len(sel):
            print(
                f"{label}: n={len(sel)} dense_top min/median/max={sel[:, 0].min():.3f}/{np.median(sel[:, 0]):.3f}/"
                f"{sel[:, 0].max():.3f}  coverage min/median/max={sel[:, 1].min():.3f}/{np.median(sel[:, 1]):.3f}/"
                f"{sel[:, 1].max():.3f}"
            )
    w, threshold, info = choose(rows, args.max_false)
    print(f"建议设置：answer.lexical_weight={w:.3f} answer.min_evidence={threshold:.4f} {info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

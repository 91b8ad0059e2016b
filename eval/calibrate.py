"""Pick refusal thresholds (min_dense, min_bm25) on a question set: `python -m eval.calibrate`.

Constraint first: every off-topic question refused and at most `max_false` false refusals; among the
settings that satisfy it, refuse as many near-misses as possible, then prefer the widest margins.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from app.service import GovKB
from eval.metrics import load_questions
from govkb.settings import load_settings


def collect(service: GovKB, file: Path | None) -> list[tuple[str, str, float, float]]:
    rows = []
    for q in load_questions(file):
        res = service.retriever.search(q.q, top_k=10)
        label = "answerable" if q.answerable else q.category
        rows.append((q.id, label, res.signals["dense_top"], res.signals["bm25_norm"]))
    return rows


def choose(rows: list[tuple[str, str, float, float]], max_false: int = 1) -> tuple[float, float, dict[str, int]]:
    dense = sorted({r[2] for r in rows})
    bm25 = sorted({r[3] for r in rows})
    best: tuple[tuple[int, float], float, float, dict[str, int]] | None = None
    for d in [*dense, 1.01]:
        for b in [*bm25, 10.0]:
            ok = [(r[2] >= d or r[3] >= b) for r in rows]
            false_ref = sum(1 for r, a in zip(rows, ok, strict=True) if r[1] == "answerable" and not a)
            off_missed = sum(1 for r, a in zip(rows, ok, strict=True) if r[1] == "无关" and a)
            near_ref = sum(1 for r, a in zip(rows, ok, strict=True) if r[1] == "近似" and not a)
            if off_missed or false_ref > max_false:
                continue
            # Margin: distance of the thresholds from the nearest answerable question's signals.
            margin = min(
                (max(r[2] - d, r[3] - b) for r in rows if r[1] == "answerable" and (r[2] >= d or r[3] >= b)),
                default=0.0,
            )
            key = (near_ref - false_ref, margin)
            if best is None or key > best[0]:
                best = (key, d, b, {"false_refusals": false_ref, "nearmiss_refused": near_ref})
    if best is None:
        raise SystemExit("没有阈值能同时满足：拒答全部无关问题且误拒 ≤ 1")
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
        sel = np.array([(r[2], r[3]) for r in rows if r[1] == label])
        if len(sel):
            print(
                f"{label}: n={len(sel)} dense min/median/max={sel[:, 0].min():.3f}/{np.median(sel[:, 0]):.3f}/"
                f"{sel[:, 0].max():.3f} bm25_norm min/median/max={sel[:, 1].min():.3f}/{np.median(sel[:, 1]):.3f}/"
                f"{sel[:, 1].max():.3f}"
            )
    d, b, info = choose(rows, args.max_false)
    # Put the bar halfway into the gap below the chosen point, so it does not sit on a dev question.
    print(f"建议阈值：min_dense={d:.4f} min_bm25={b:.4f} {info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Calibrate the refusal rule: `python -m eval.calibrate [FILE ...] [--data-dir DIR ...]`.

The rule refuses when evidence = dense_top + lexical_weight * coverage falls below min_evidence
(dense_top: best cosine similarity of the dense search; coverage: IDF-weighted share of what the
question is about — its content terms — found in one of the top three passages). Rows come from
every question file (the lexical dev set and the realistic set together) over every data dir given
(the shipped corpus alone, and the corpus with the policy library beside it), so the rule holds as
the library grows. Constraint first: every off-topic question refused and at most --max-false
answerable ones; then refuse as many near-misses as possible; then the widest gap. The threshold
is put halfway into the gap, so it does not sit on a question of the set.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from app.answer import subject_coverage
from app.question import analyse
from app.service import GovKB
from govkb.settings import REPO_ROOT, load_settings

QUESTION_FILES = [REPO_ROOT / "eval" / "questions" / "dev.jsonl", REPO_ROOT / "eval" / "questions" / "realistic.jsonl"]


def label_of(row: dict[str, object]) -> str:
    """answerable, 无关 (off-topic) or 近似 (near-miss), whichever set the question comes from."""
    if row.get("answerable"):
        return "answerable"
    kind = str(row.get("refuse_type") or row.get("category") or "")
    return "近似" if kind in ("near_miss", "近似") else "无关"


def collect(service: GovKB, files: list[Path]) -> list[tuple[str, float, float]]:
    rows = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            res = service.retriever.search(q["q"], top_k=10, mode="hybrid")
            info = analyse(q["q"], known=service.known, metas=service.metas())
            rows.append((label_of(q), res.signals["dense_top"], subject_coverage(info, res.hits, service)))
    return rows


def choose(rows: list[tuple[str, float, float]], max_false: int = 1) -> tuple[float, float, dict[str, float]]:
    """Best (lexical_weight, min_evidence) by the constraint, near-miss refusals, then gap."""
    best: tuple[tuple[int, float], float, float, dict[str, float]] | None = None
    for w in np.linspace(0.0, 1.5, 61):
        ev = [(label, d + w * b) for label, d, b in rows]
        off = max((v for label, v in ev if label == "无关"), default=0.0)
        answerable = sorted(v for label, v in ev if label == "answerable")
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
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--data-dir", action="append", type=Path, help="a knowledge base to collect from (repeatable)")
    parser.add_argument("--max-false", type=int, default=1)
    args = parser.parse_args(argv)
    files = args.files or QUESTION_FILES
    rows: list[tuple[str, float, float]] = []
    for data in args.data_dir or [None]:
        service = GovKB(load_settings(**({"data_dir": data} if data else {})))
        if service.is_empty():
            service.ingest()
        rows += collect(service, files)
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

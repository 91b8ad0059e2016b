"""Calibrate the refusal rule: `python -m eval.calibrate [FILE ...] [--data-dir DIR ...]`.

The rule refuses when evidence = dense_top + lexical_weight * coverage falls below min_evidence
(dense_top: best cosine similarity of the dense search; coverage: IDF-weighted share of what the
question is about — its content terms — found in one of the top three passages). Rows come from
every question file (the lexical dev set and the realistic set together) over every data dir given
(the shipped corpus alone, and the corpus with the policy library beside it), so the rule holds as
the library grows. Constraint first: at most --max-false answerable questions refused in each data
dir; then as many off-topic questions refused as possible, then near-misses, then the widest margin
below the lowest answerable score kept. (Near-misses are mostly refused later, by the check that the
answer holds a value of the asked kind; this rule sees only what retrieval measured.)
A question marked `"laws": "answerable"` is answered by the policy library: it counts as must-refuse
only in a data dir without laws.
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


def label_of(row: dict[str, object], with_laws: bool = False) -> str:
    """answerable, 无关 (off-topic) or 近似 (near-miss), whichever set the question comes from."""
    if row.get("answerable") or (with_laws and row.get("laws") == "answerable"):
        return "answerable"
    kind = str(row.get("refuse_type") or row.get("category") or "")
    return "近似" if kind in ("near_miss", "近似") else "无关"


Row = tuple[int, str, float, float]  # (data dir index, label, dense_top, coverage)


def collect(service: GovKB, files: list[Path], index: int = 0) -> list[Row]:
    with_laws = service.holds_laws()
    rows = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            res = service.retriever.search(q["q"], top_k=10, mode="hybrid")
            info = analyse(q["q"], known=service.known, metas=service.metas())
            rows.append((index, label_of(q, with_laws), res.signals["dense_top"], subject_coverage(info, res.hits, service)))
    return rows


def choose(rows: list[Row], max_false: int = 1) -> tuple[float, float, dict[str, float]]:
    """Best (lexical_weight, min_evidence) by the constraint, then off-topic and near-miss refusals, then margin."""
    best: tuple[tuple[int, int, float], float, float, dict[str, float]] | None = None
    dirs = sorted({r[0] for r in rows})
    for w in np.linspace(0.0, 1.5, 61):
        ev = [(i, label, d + w * b) for i, label, d, b in rows]
        # The threshold sits just below the (max_false+1)-th lowest answerable score of every data dir.
        floors = [sorted(v for j, label, v in ev if j == i and label == "answerable") for i in dirs]
        if any(len(f) <= max_false for f in floors):
            continue
        floor = min(f[max_false] for f in floors)
        below = [v for _, label, v in ev if label != "answerable" and v < floor]
        if not below:
            continue
        threshold = (max(below) + floor) / 2
        off = sum(1 for _, label, v in ev if label == "无关" and v < threshold)
        near = sum(1 for _, label, v in ev if label == "近似" and v < threshold)
        key = (off, near, floor - max(below))
        if best is None or key > best[0]:
            false = sum(1 for _, label, v in ev if label == "answerable" and v < threshold)
            info: dict[str, float] = {"answerable_refused": false, "offtopic_refused": off, "nearmiss_refused": near,
                    "offtopic": sum(1 for r in rows if r[1] == "无关"), "nearmiss": sum(1 for r in rows if r[1] == "近似")}
            best = (key, float(w), float(threshold), info)
    if best is None:
        raise SystemExit("没有阈值能满足：每个数据目录误拒 ≤ max_false")
    return best[1], best[2], best[3]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--data-dir", action="append", type=Path, help="a knowledge base to collect from (repeatable)")
    parser.add_argument("--max-false", type=int, default=1)
    args = parser.parse_args(argv)
    files = args.files or QUESTION_FILES
    rows: list[Row] = []
    for i, data in enumerate(args.data_dir or [None]):
        service = GovKB(load_settings(**({"data_dir": data} if data else {})))
        if service.is_empty():
            service.ingest()
        rows += collect(service, files, i)
    for label in ("answerable", "无关", "近似"):
        sel = np.array([(d, b) for _, lab, d, b in rows if lab == label])
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

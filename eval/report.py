"""Quality report: the four pipelines side by side on a question set, as Markdown and a PNG plot.

`python -m eval.report [FILE]` writes docs/eval.md and docs/eval.png.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.service import GovKB
from eval.baseline import evaluate_naive
from eval.metrics import Summary, category_table, load_questions, summarise, table
from eval.run import evaluate_mode
from govkb.settings import REPO_ROOT, load_settings

MODES = ("naive", "bm25", "dense", "hybrid")


def plot(summaries: list[Summary], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = [("hit@1", "hit1"), ("hit@5", "hit5"), ("MRR@10", "mrr10"), ("refusal acc.", "refusal_accuracy")]
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / len(summaries)
    for i, s in enumerate(summaries):
        xs = [j + i * width for j in range(len(metrics))]
        ax.bar(xs, [getattr(s, key) for _, key in metrics], width, label=s.name)
    ax.set_xticks([j + width * (len(summaries) - 1) / 2 for j in range(len(metrics))], [m for m, _ in metrics])
    ax.set_ylim(0, 1.05)
    ax.set_title(f"GovKB dev set ({summaries[0].n_answerable} answerable, {summaries[0].n_unanswerable} unanswerable)")
    ax.legend(loc="lower right")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs")
    args = parser.parse_args(argv)
    service = GovKB(load_settings())
    if service.is_empty():
        service.ingest()
    questions = load_questions(args.file)
    summaries = []
    for mode in MODES:
        outcomes = evaluate_naive(service, questions) if mode == "naive" else evaluate_mode(service, questions, mode)
        summaries.append(summarise(mode, outcomes))
    text = "\n\n".join([table(summaries), category_table(summaries)])
    print(text)
    (args.out / "eval.md").write_text(text + "\n", encoding="utf-8")
    plot(summaries, args.out / "eval.png")
    print(f"written: {args.out / 'eval.md'}, {args.out / 'eval.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Metrics over a question set: hit@k, MRR@10, refusal accuracy, false refusals, citation checks."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self, TypeVar

T = TypeVar("T")

DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "questions" / "dev.jsonl"
UNANSWERABLE_CATEGORIES = ("无关", "近似")


@dataclass(frozen=True)
class Question:
    id: str
    q: str
    answerable: bool
    evidence: list[str]
    doc: str | None = None
    category: str = ""
    laws: str = ""  # "answerable": the policy library answers it (it is then left out of the refusal figures)


def read_jsonl(path: Path, make: Callable[[dict[str, Any]], T]) -> list[T]:
    """One record a non-empty line; a line that does not make one is an error naming the file and line."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(make(json.loads(line)))
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"{path.name} 第 {n} 行格式错误：{exc}") from exc
    return out


def load_questions(path: Path | None = None) -> list[Question]:
    return read_jsonl(path or DEFAULT_QUESTIONS, lambda d: Question(
        id=str(d["id"]),
        q=str(d["q"]),
        answerable=bool(d["answerable"]),
        evidence=list(d.get("evidence") or []),
        doc=d.get("doc"),
        category=str(d.get("category", "")),
        laws=str(d.get("laws", "")),
    ))


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank p-th percentile of `values` (0 <= p <= 100)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def first_relevant_rank(question: Question, passages: list[str], k: int = 10) -> int | None:
    """1-based rank of the first passage holding any evidence string, within the top k."""
    for rank, text in enumerate(passages[:k], 1):
        if any(ev in text for ev in question.evidence):
            return rank
    return None


@dataclass
class Outcome:
    question: Question
    rank: int | None
    refused: bool
    citations: int
    citations_verified: int
    latency_s: float


@dataclass
class Figures:
    """What every eval summary carries: the pipeline's name, its question counts, the share of its
    citations that verified against the stored text; each summary adds its own figures."""

    name: str
    n_answerable: int = 0
    n_unanswerable: int = 0
    citation_verification: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def split(cls, name: str, outcomes: list[T]) -> tuple[Self, list[T], list[T]]:
        """An empty summary with the question counts filled in, the answerable outcomes, the others."""
        ans, una = by_answerable(outcomes)
        return cls(name=name, n_answerable=len(ans), n_unanswerable=len(una)), ans, una


def by_answerable(outcomes: list[T]) -> tuple[list[T], list[T]]:
    """The outcomes of answerable questions, then those of the questions that must be refused."""
    return ([o for o in outcomes if o.question.answerable],  # type: ignore[attr-defined]
            [o for o in outcomes if not o.question.answerable])  # type: ignore[attr-defined]


@dataclass
class Summary(Figures):
    hit1: float = 0.0
    hit5: float = 0.0
    mrr10: float = 0.0
    refusal_accuracy: float = 0.0
    offtopic_refused: str = ""
    nearmiss_refused: str = ""
    false_refusals: int = 0
    latency_ms_mean: float = 0.0
    latency_ms_p95: float = 0.0
    by_category: dict[str, dict[str, float]] = field(default_factory=dict)


def summarise(name: str, outcomes: list[Outcome]) -> Summary:
    s, ans, una = Summary.split(name, outcomes)
    if ans:
        s.hit1 = sum(1 for o in ans if o.rank == 1) / len(ans)
        s.hit5 = sum(1 for o in ans if o.rank is not None and o.rank <= 5) / len(ans)
        s.mrr10 = sum(1.0 / o.rank for o in ans if o.rank is not None) / len(ans)
        s.false_refusals = sum(1 for o in ans if o.refused)
    if una:
        s.refusal_accuracy = sum(1 for o in una if o.refused) / len(una)
    off = [o for o in una if o.question.category == "无关"]
    near = [o for o in una if o.question.category == "近似"]
    s.offtopic_refused = f"{sum(o.refused for o in off)}/{len(off)}"
    s.nearmiss_refused = f"{sum(o.refused for o in near)}/{len(near)}"
    total_cit = sum(o.citations for o in outcomes)
    s.citation_verification = (sum(o.citations_verified for o in outcomes) / total_cit) if total_cit else 1.0
    lat = [o.latency_s * 1000 for o in outcomes]
    if lat:
        s.latency_ms_mean = statistics.fmean(lat)
        s.latency_ms_p95 = percentile(lat, 95)
    cats: dict[str, list[Outcome]] = {}
    for o in ans:
        cats.setdefault(o.question.category or "?", []).append(o)
    s.by_category = {
        c: {
            "n": len(v),
            "hit5": sum(1 for o in v if o.rank is not None and o.rank <= 5) / len(v),
            "mrr10": sum(1.0 / o.rank for o in v if o.rank is not None) / len(v),
        }
        for c, v in sorted(cats.items())
    }
    return s


def table(summaries: list[Summary]) -> str:
    """Markdown table of the main figures, one row per pipeline."""
    head = "| 管线 | hit@1 | hit@5 | MRR@10 | 拒答准确率 | 无关拒答 | 近似拒答 | 误拒 | 引文核验率 | 平均延迟 ms | p95 ms |"
    sep = "|" + "---|" * 11
    rows = [
        f"| {s.name} | {s.hit1:.3f} | {s.hit5:.3f} | {s.mrr10:.3f} | {s.refusal_accuracy:.3f} | "
        f"{s.offtopic_refused} | {s.nearmiss_refused} | {s.false_refusals} | {s.citation_verification:.3f} | "
        f"{s.latency_ms_mean:.1f} | {s.latency_ms_p95:.1f} |"
        for s in summaries
    ]
    return "\n".join([head, sep, *rows])


def category_table(summaries: list[Summary]) -> str:
    cats = sorted({c for s in summaries for c in s.by_category})
    head = "| 类别 | n | " + " | ".join(f"{s.name} hit@5 / MRR" for s in summaries) + " |"
    sep = "|" + "---|" * (2 + len(summaries))
    rows = []
    for c in cats:
        n = next(int(s.by_category[c]["n"]) for s in summaries if c in s.by_category)
        cells = [
            f"{s.by_category[c]['hit5']:.2f} / {s.by_category[c]['mrr10']:.2f}" if c in s.by_category else "-"
            for s in summaries
        ]
        rows.append(f"| {c} | {n} | " + " | ".join(cells) + " |")
    return "\n".join([head, sep, *rows])

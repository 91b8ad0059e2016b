"""Answer quality on question sets with key points: how much of what a complete answer must say is in
the answer text, in the answer or its cited passages, and how often the answer is complete."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eval.metrics import Figures, by_answerable, percentile, read_jsonl
from govkb.text import is_verbatim

if TYPE_CHECKING:
    from app.service import GovKB
    from govkb.types import Answer


@dataclass(frozen=True)
class KeyQuestion:
    id: str
    q: str
    kind: str
    answerable: bool
    key_points: list[list[str]]  # groups of alternative source strings; any one counts
    audience: str = ""
    refuse_type: str = ""


def has_key_points(path: Path) -> bool:
    """Is this a question set with key points (rather than the lexical set with evidence strings)?"""
    first = next((line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()), "{}")
    return "key_points" in json.loads(first)


def load_key_questions(path: Path) -> list[KeyQuestion]:
    return read_jsonl(path, lambda d: KeyQuestion(
        str(d["id"]), str(d["q"]), str(d.get("kind", "open")), bool(d["answerable"]),
        [list(g) for g in d.get("key_points") or []], str(d.get("audience", "")), str(d.get("refuse_type", ""))))


def found(groups: list[list[str]], text: str) -> list[bool]:
    """For each key point, whether any of its strings is in `text`."""
    return [any(s in text for s in g) for g in groups]


@dataclass
class AnswerOutcome:
    question: KeyQuestion
    refused: bool
    in_text: list[bool]
    in_any: list[bool]
    chars: int
    citations: int
    verified: int
    latency_s: float


def evaluate_answers(service: GovKB, questions: list[KeyQuestion], engine: str) -> list[AnswerOutcome]:
    """Ask every question with one answer engine and check its text against the key points."""
    out = []
    for q in questions:
        t = time.perf_counter()
        answer = service.ask(q.q, engine=engine)
        latency = time.perf_counter() - t
        text = "" if answer.refused else answer.answer
        cited = text + "\n".join(c.quote for c in answer.citations)
        out.append(AnswerOutcome(q, answer.refused, found(q.key_points, text), found(q.key_points, cited),
                                 len(text), len(answer.citations), _verified(service, answer), latency))
    return out


def _verified(service: GovKB, answer: Answer) -> int:
    n = 0
    for c in answer.citations:
        doc = service.document(c.doc_id)
        n += int(is_verbatim(doc.text if doc else None, c.quote, c.start, c.end))
    return n


@dataclass(kw_only=True)
class AnswerSummary(Figures):
    """Built whole by `summarise_answers`: the key-point figures are over the answerable questions."""

    kp_text: float
    kp_any: float
    complete: float
    must_refuse_refused: str
    answerable_refused: int
    mean_chars: float
    p95_ms: float
    by_kind: dict[str, dict[str, float]]


def key_point_share(found_lists: list[list[bool]]) -> float:
    """Key points found, averaged per question (each question counts once, whatever its number of points)."""
    return statistics.fmean(sum(f) / len(f) for f in found_lists) if found_lists else 0.0


def complete_share(found_lists: list[list[bool]]) -> float:
    """The share of questions with every key point found."""
    return sum(all(f) for f in found_lists) / len(found_lists) if found_lists else 0.0


def summarise_answers(name: str, outcomes: list[AnswerOutcome]) -> AnswerSummary:
    ans, rej = by_answerable(outcomes)
    spoken = [o.chars for o in ans if not o.refused]
    total = sum(o.citations for o in outcomes)
    kinds: dict[str, list[AnswerOutcome]] = {}
    for o in ans:
        kinds.setdefault(o.question.kind, []).append(o)
    return AnswerSummary(
        name=name, n_answerable=len(ans), n_unanswerable=len(rej),
        citation_verification=sum(o.verified for o in outcomes) / total if total else 1.0,
        kp_text=key_point_share([o.in_text for o in ans]),
        kp_any=key_point_share([o.in_any for o in ans]),
        complete=complete_share([o.in_text for o in ans]),
        must_refuse_refused=f"{sum(o.refused for o in rej)}/{len(rej)}",
        answerable_refused=sum(o.refused for o in ans),
        mean_chars=statistics.fmean(spoken) if spoken else 0.0,
        p95_ms=percentile([o.latency_s * 1000 for o in outcomes], 95) if outcomes else 0.0,
        by_kind={k: {"n": len(v), "kp_text": key_point_share([o.in_text for o in v]),
                     "complete": complete_share([o.in_text for o in v])}
                 for k, v in sorted(kinds.items())},
    )


def answers_table(summaries: list[AnswerSummary]) -> str:
    head = ("| 答案引擎 | 要点·答案正文 | 要点·答案或引文 | 完整答案 | 应拒答已拒答 | 可回答却拒答 | 平均字数 | 引文核验率 | p95 ms |\n"
            "|---|---|---|---|---|---|---|---|---|")
    rows = [
        f"| {s.name} | {s.kp_text:.3f} | {s.kp_any:.3f} | {s.complete:.1%} | {s.must_refuse_refused} | "
        f"{s.answerable_refused} | {s.mean_chars:.0f} | {s.citation_verification:.3f} | {s.p95_ms:.0f} |"
        for s in summaries
    ]
    return "\n".join([head, *rows])


def kinds_table(summaries: list[AnswerSummary]) -> str:
    kinds = sorted({k for s in summaries for k in s.by_kind})
    head = "| 类型 | n | " + " | ".join(f"{s.name} 要点 / 完整" for s in summaries) + " |"
    rows = []
    for k in kinds:
        n = next(int(s.by_kind[k]["n"]) for s in summaries if k in s.by_kind)
        cells = [f"{s.by_kind[k]['kp_text']:.2f} / {s.by_kind[k]['complete']:.0%}" if k in s.by_kind else "-" for s in summaries]
        rows.append(f"| {k} | {n} | " + " | ".join(cells) + " |")
    return "\n".join([head, "|" + "---|" * (2 + len(summaries)), *rows])

"""Policy metrics over laws and regulations: the right law and article cited, key points in the answer.

A question set in this format (eval/questions/policy.jsonl) names, per question, the expected
title and article (plus `also_ok` alternatives), the version when it asks for an old one, and key
points (each a list of phrasings, any of which counts). `govkb eval eval/questions/policy.jsonl`
runs it.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.citing import see_also
from eval.metrics import read_jsonl
from govkb.text import is_verbatim
from govkb.versions import work_key

if TYPE_CHECKING:
    from app.service import GovKB

_MARKER = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class PolicyQuestion:
    id: str
    q: str
    answerable: bool
    expected: list[tuple[str, str]]  # (title, article): the first is the answer, the rest also_ok
    key_points: list[list[str]]
    version: str = ""  # the version date a question about an old version must cite
    kind: str = ""


def is_policy_set(path: Path) -> bool:
    """Does this JSONL file hold policy questions (key points, and the law and article expected)?"""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return any("key_points" in r for r in rows) and any("article" in r for r in rows)


def load_policy(path: Path) -> list[PolicyQuestion]:
    return read_jsonl(path, _policy_question)


def _policy_question(d: dict[str, Any]) -> PolicyQuestion:
    expected = [(d["title"], d["article"])] if d.get("answerable") else []
    expected += [(a["title"], a["article"]) for a in d.get("also_ok") or []]
    return PolicyQuestion(
        id=str(d["id"]),
        q=str(d["q"]),
        answerable=bool(d["answerable"]),
        expected=expected,
        key_points=[list(k) for k in d.get("key_points") or []],
        version=str(d.get("version") or ""),
        kind=str(d.get("kind") or ""),
    )


@dataclass
class PolicyOutcome:
    question: PolicyQuestion
    refused: bool
    cited_right: bool  # the expected title and article (or an also_ok one) among the citations
    retrieved_right: bool  # …among the top-5 passages (retrieval alone)
    shown_right: bool  # …among the citations or the passages listed under them (app.citing.see_also)
    points_found: int
    points_total: int
    verified: bool  # every citation is the stored text at its offsets
    latency_s: float
    cited: list[str] = field(default_factory=list)


def _matches(service: GovKB, doc_id: str, start: int, end: int, q: PolicyQuestion) -> bool:
    doc = service.document(doc_id)
    if doc is None or (q.version and doc.meta.date != q.version):
        return False
    titles = {a.title for a in doc.articles_in(start, end)}
    return any(work_key(t) == work_key(doc.meta.title) and art in titles for t, art in q.expected)


def evaluate_policy(service: GovKB, questions: list[PolicyQuestion], mode: str = "hybrid") -> list[PolicyOutcome]:
    outcomes = []
    for q in questions:
        t = time.perf_counter()
        answer = service.ask(q.q, mode=mode, top_k=10)
        latency = time.perf_counter() - t
        text = _MARKER.sub("", answer.answer) if not answer.refused else ""
        found = sum(1 for alts in q.key_points if any(a in text for a in alts))
        verified = True
        for c in answer.citations:
            doc = service.document(c.doc_id)
            verified &= is_verbatim(doc.text if doc else None, c.quote, c.start, c.end)
        cited = any(_matches(service, c.doc_id, c.start, c.end, q) for c in answer.citations)
        outcomes.append(
            PolicyOutcome(
                question=q,
                refused=answer.refused,
                cited_right=cited,
                retrieved_right=any(
                    _matches(service, h.chunk.doc_id, h.chunk.start, h.chunk.end, q) for h in answer.hits[:5]
                ),
                shown_right=cited or any(_matches(service, h.chunk.doc_id, h.chunk.start, h.chunk.end, q)
                                         for h in see_also(answer)),
                points_found=found,
                points_total=len(q.key_points),
                verified=verified,
                latency_s=latency,
                cited=[f"{c.source_label()}{'（旧）' if c.superseded else ''}" for c in answer.citations],
            )
        )
    return outcomes


def policy_summary(name: str, outcomes: list[PolicyOutcome]) -> dict[str, Any]:
    ans = [o for o in outcomes if o.question.answerable]
    una = [o for o in outcomes if not o.question.answerable]
    total_points = sum(o.points_total for o in ans) or 1
    return {
        "name": name,
        "answerable": len(ans),
        "unanswerable": len(una),
        "cited_right": sum(o.cited_right for o in ans) / max(len(ans), 1),
        "retrieved_right_at5": sum(o.retrieved_right for o in ans) / max(len(ans), 1),
        "shown_right": sum(o.shown_right for o in ans) / max(len(ans), 1),
        "key_points": sum(o.points_found for o in ans) / total_points,
        "all_key_points": sum(o.points_found == o.points_total for o in ans) / max(len(ans), 1),
        "refused_unanswerable": f"{sum(o.refused for o in una)}/{len(una)}",
        "false_refusals": sum(o.refused for o in ans),
        "citations_verified": all(o.verified for o in outcomes),
        "latency_ms_mean": 1000 * sum(o.latency_s for o in outcomes) / max(len(outcomes), 1),
    }


def policy_table(summaries: list[dict[str, Any]]) -> str:
    head = "| 管线 | 引对法规与条文 | 引文或另见含该条 | 前5段含该条 | 要点覆盖 | 要点全中 | 不可答拒答 | 误拒 | 引文核验 | 平均延迟 ms |"
    rows = [
        f"| {s['name']} | {s['cited_right']:.3f} | {s['shown_right']:.3f} | {s['retrieved_right_at5']:.3f} | {s['key_points']:.3f} | "
        f"{s['all_key_points']:.3f} | {s['refused_unanswerable']} | {s['false_refusals']} | "
        f"{'全部通过' if s['citations_verified'] else '有失败'} | {s['latency_ms_mean']:.1f} |"
        for s in summaries
    ]
    return "\n".join([head, "|" + "---|" * 10, *rows])


def by_kind(outcomes: list[PolicyOutcome]) -> str:
    """Per question kind (number, procedure, version …): how often the right article is cited."""
    kinds: dict[str, list[PolicyOutcome]] = {}
    for o in outcomes:
        if o.question.answerable:
            kinds.setdefault(o.question.kind or "?", []).append(o)
    lines = ["| 问题类型 | n | 引对条文 | 要点覆盖 |", "|---|---|---|---|"]
    for k, v in sorted(kinds.items()):
        pts = sum(o.points_found for o in v) / max(sum(o.points_total for o in v), 1)
        lines.append(f"| {k} | {len(v)} | {sum(o.cited_right for o in v) / len(v):.2f} | {pts:.2f} |")
    return "\n".join(lines)


def run_policy(service: GovKB, path: Path, modes: list[str], out: Path | None = None) -> int:
    questions = load_policy(path)
    summaries, details = [], {}
    for mode in [m for m in modes if m != "naive"]:
        outcomes = evaluate_policy(service, questions, mode)
        summaries.append(policy_summary(mode, outcomes))
        details[mode] = outcomes
    n_ans = sum(q.answerable for q in questions)
    print(f"问题集：{path}（可回答 {n_ans}，不可回答 {len(questions) - n_ans}）")
    print(policy_table(summaries))
    if details:
        print()
        print(by_kind(next(iter(details.values()))))
    if out is not None:
        rows = {
            m: [{"id": o.question.id, "cited_right": o.cited_right, "retrieved_right": o.retrieved_right,
                 "shown_right": o.shown_right,
                 "points": f"{o.points_found}/{o.points_total}", "refused": o.refused, "cited": o.cited} for o in v]
            for m, v in details.items()
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"summaries": summaries, "questions": rows}, ensure_ascii=False, indent=1), "utf-8")
    return 0

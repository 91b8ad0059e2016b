"""Run a question set through one or more pipelines and print the metrics side by side."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eval.metrics import (
    Outcome,
    Question,
    Summary,
    category_table,
    first_relevant_rank,
    load_questions,
    summarise,
    table,
)
from govkb.text import is_verbatim

if TYPE_CHECKING:
    from app.service import GovKB


def evaluate_mode(service: GovKB, questions: list[Question], mode: str) -> list[Outcome]:
    """Ask every question in `mode` and check ranks, refusals and every citation's quote."""
    outcomes = []
    for q in questions:
        t = time.perf_counter()
        answer = service.ask(q.q, mode=mode, top_k=10)
        latency = time.perf_counter() - t
        rank = first_relevant_rank(q, [h.chunk.text for h in answer.hits])
        verified = 0
        for c in answer.citations:
            doc = service.document(c.doc_id)
            verified += int(is_verbatim(doc.text if doc else None, c.quote, c.start, c.end))
        outcomes.append(Outcome(q, rank, answer.refused, len(answer.citations), verified, latency))
    return outcomes


def run_answer_eval(service: GovKB, file: Path, engines: list[str], out: Path | None = None) -> int:
    """Answer quality side by side for each answer engine, on a question set with key points."""
    from eval.answers import (
        answers_table,
        evaluate_answers,
        has_key_points,
        kinds_table,
        load_key_questions,
        summarise_answers,
    )

    assert has_key_points(file)
    questions = load_key_questions(file)
    summaries = [summarise_answers(e, evaluate_answers(service, questions, e)) for e in engines]
    s = summaries[0]
    print(f"问题集：{file}（可回答 {s.n_answerable}，应拒答 {s.n_unanswerable}）；库内 {len(service.documents())} 篇文档")
    _report(answers_table(summaries), kinds_table(summaries), [x.to_dict() for x in summaries], out)
    return 0


def run_eval(service: GovKB, file: Path | None, modes: list[str], out: Path | None = None) -> int:
    from eval.policy import is_policy_set, run_policy

    if file is not None and is_policy_set(file):
        return run_policy(service, file, modes, out)
    questions = load_questions(file)
    if service.holds_laws():
        # With laws loaded, a question only the corpus could not answer is no longer off-topic.
        left = [q.id for q in questions if q.laws == "answerable"]
        questions = [q for q in questions if q.laws != "answerable"]
        if left:
            print(f"库中有法律法规：{', '.join(left)} 由法规回答，不计入拒答统计。")
    summaries: list[Summary] = []
    for mode in modes:
        if mode == "naive":
            from eval.baseline import evaluate_naive

            outcomes = evaluate_naive(service, questions)
        else:
            outcomes = evaluate_mode(service, questions, mode)
        summaries.append(summarise(mode, outcomes))
    n_ans = summaries[0].n_answerable if summaries else 0
    print(f"问题集：{file or 'eval/questions/dev.jsonl'}（可回答 {n_ans}，不可回答 {summaries[0].n_unanswerable if summaries else 0}）")
    _report(table(summaries), category_table(summaries), [s.to_dict() for s in summaries], out)
    return 0


def _report(main_table: str, detail_table: str, rows: list[dict[str, Any]], out: Path | None) -> None:
    """Print the two tables; save the rows as JSON when asked."""
    print(main_table)
    print()
    print(detail_table)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")

"""Evaluation metrics and the `govkb eval` command on the real dev set."""

from __future__ import annotations

from app.cli import main
from eval.metrics import DEFAULT_QUESTIONS, Outcome, Question, first_relevant_rank, load_questions, summarise


def _q(qid: str, answerable: bool, evidence: list[str], category: str = "") -> Question:
    return Question(id=qid, q="?", answerable=answerable, evidence=evidence, category=category)


def test_first_relevant_rank_looks_for_any_evidence_string() -> None:
    q = _q("a", True, ["权责清单", "五社联动"])
    assert first_relevant_rank(q, ["无关", "启动“五社联动”项目", "开列权责清单"]) == 2
    assert first_relevant_rank(q, ["无关"] * 12 + ["权责清单"]) is None


def test_summary_counts_hits_refusals_and_citations() -> None:
    outcomes = [
        Outcome(_q("1", True, ["x"], "概念"), 1, False, 2, 2, 0.01),
        Outcome(_q("2", True, ["x"], "概念"), 4, False, 1, 1, 0.02),
        Outcome(_q("3", True, ["x"], "数字"), None, True, 0, 0, 0.03),
        Outcome(_q("4", False, [], "无关"), None, True, 0, 0, 0.01),
        Outcome(_q("5", False, [], "近似"), None, False, 1, 0, 0.01),
    ]
    s = summarise("t", outcomes)
    assert (s.n_answerable, s.n_unanswerable) == (3, 2)
    assert abs(s.hit1 - 1 / 3) < 1e-9 and abs(s.hit5 - 2 / 3) < 1e-9
    assert abs(s.mrr10 - (1 + 1 / 4) / 3) < 1e-9
    assert s.false_refusals == 1 and s.refusal_accuracy == 0.5
    assert (s.offtopic_refused, s.nearmiss_refused) == ("1/1", "0/1")
    assert abs(s.citation_verification - 3 / 4) < 1e-9
    assert s.by_category["概念"]["hit5"] == 1.0 and s.by_category["数字"]["hit5"] == 0.0


def test_dev_set_is_well_formed() -> None:
    questions = load_questions(DEFAULT_QUESTIONS)
    assert len({q.id for q in questions}) == len(questions) >= 60
    unanswerable = [q for q in questions if not q.answerable]
    assert len(unanswerable) >= 15 and all(not q.evidence for q in unanswerable)
    assert all(q.evidence and q.doc for q in questions if q.answerable)
    cats = {q.category for q in questions}
    assert {"权责清单", "资源整合", "实践案例", "概念", "数字", "改写", "无关", "近似"} <= cats


def test_eval_command_prints_the_metrics(tmp_path, cache_dir, monkeypatch, capsys) -> None:
    monkeypatch.setenv("GOVKB_CACHE_DIR", str(cache_dir))
    subset = tmp_path / "subset.jsonl"
    lines = DEFAULT_QUESTIONS.read_text(encoding="utf-8").splitlines()
    subset.write_text("\n".join(lines[:5] + lines[-3:]) + "\n", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "d"), "eval", str(subset), "--modes", "hybrid,bm25"]) == 0
    out = capsys.readouterr().out
    assert "hit@1" in out and "| hybrid |" in out and "| bm25 |" in out
    assert "可回答 5，不可回答 3" in out

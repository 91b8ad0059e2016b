"""The policy metrics: the right law and article cited, the right version, key points in the answer."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import main
from app.service import GovKB
from eval.policy import evaluate_policy, is_policy_set, load_policy, policy_summary
from tests.policy import LIBRARY, needs_library

pytestmark = needs_library
JUMIN = LIBRARY / "宪法相关法/城市居民委员会组织法(2018-12-29).md"
TITLE = "中华人民共和国城市居民委员会组织法"


def write_set(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_policy_set_shipped_is_well_formed() -> None:
    path = Path(__file__).resolve().parent.parent / "eval" / "questions" / "policy.jsonl"
    questions = load_policy(path)
    assert is_policy_set(path) and len(questions) >= 100
    assert all(q.expected and q.key_points for q in questions if q.answerable)
    assert sum(not q.answerable for q in questions) >= 10


def test_cited_article_version_and_key_points_are_scored(make_settings, tmp_path: Path) -> None:
    service = GovKB(make_settings(answer={"min_evidence": 0.0}))
    service.ingest([JUMIN])
    base = {"answerable": True, "title": TITLE, "key_points": [["每届任期五年"], ["连选连任"]]}
    path = write_set(
        tmp_path / "p.jsonl",
        [
            {**base, "id": "right", "q": "居民委员会每届任期几年？可以连选连任吗？", "article": "第八条"},
            {**base, "id": "wrong-article", "q": "居民委员会每届任期几年？可以连选连任吗？", "article": "第九条"},
            {**base, "id": "wrong-version", "q": "居民委员会每届任期几年？可以连选连任吗？", "article": "第八条",
             "version": "1989-12-26"},
            {"id": "off", "q": "个人所得税怎么申报？", "answerable": False, "key_points": []},
        ],
    )
    outcomes = {o.question.id: o for o in evaluate_policy(service, load_policy(path))}
    assert outcomes["right"].cited_right and outcomes["right"].retrieved_right
    assert outcomes["right"].cited[0] == f"《{TITLE}》第八条"
    assert (outcomes["right"].points_found, outcomes["right"].points_total) == (2, 2)
    assert not outcomes["wrong-article"].cited_right and not outcomes["wrong-version"].cited_right
    summary = policy_summary("t", list(outcomes.values()))
    assert abs(summary["cited_right"] - 1 / 3) < 1e-9 and summary["key_points"] == 1.0
    assert summary["citations_verified"] is True


def test_govkb_eval_runs_a_policy_set(make_settings, tmp_path: Path, monkeypatch, capsys) -> None:
    settings = make_settings()
    GovKB(settings).ingest([JUMIN])
    monkeypatch.setenv("GOVKB_EMBEDDER__MODE", "mock")
    monkeypatch.setenv("GOVKB_ANSWER__MIN_EVIDENCE", "0")
    monkeypatch.setenv("GOVKB_CACHE_DIR", str(settings.cache_dir))
    path = write_set(tmp_path / "p.jsonl", [{"id": "a", "q": "居民委员会每届任期几年？", "answerable": True,
                                             "title": TITLE, "article": "第八条", "key_points": [["每届任期五年"]]}])
    out = tmp_path / "out.json"
    assert main(["--data-dir", str(settings.data_dir), "eval", str(path), "--modes", "bm25", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "引对法规与条文" in printed and "| bm25 | 1.000 |" in printed
    assert json.loads(out.read_text(encoding="utf-8"))["questions"]["bm25"][0]["cited_right"] is True

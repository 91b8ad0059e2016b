"""Feedback is stored durably and exported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from app.feedback import FeedbackStore


def test_feedback_survives_reopen_and_exports(corpus_service, tmp_path: Path) -> None:
    answer = corpus_service.ask("怎么制定权责清单？")
    store = FeedbackStore(tmp_path / "fb.sqlite")
    store.add(answer, 1, "很有用")
    store.add(answer, -1)
    reopened = FeedbackStore(tmp_path / "fb.sqlite")
    rows = reopened.rows()
    assert [r["rating"] for r in rows] == [1, -1]
    assert rows[0]["question"] == "怎么制定权责清单？" and rows[0]["comment"] == "很有用"
    assert json.loads(rows[0]["citations"])[0]["quote"] == answer.citations[0].quote
    out = reopened.export_csv(tmp_path / "fb.csv")
    with out.open(encoding="utf-8-sig") as fh:
        exported = list(csv.DictReader(fh))
    assert len(exported) == 2 and exported[0]["answer"] == answer.answer
    with pytest.raises(ValueError):
        store.add(answer, 5)

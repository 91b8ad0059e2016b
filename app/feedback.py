"""Feedback on answers (👍/👎 and a comment), stored durably in SQLite and exportable."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from govkb.sqlite import open_wal
from govkb.types import Answer


class FeedbackStore:
    """One row per rating: the question, the answer, its citations, the rating and a comment."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        with self._connect() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, at TEXT, rating INTEGER,"
                " comment TEXT, question TEXT, answer TEXT, refused INTEGER, citations TEXT)"
            )

    def _connect(self) -> sqlite3.Connection:
        return open_wal(self.path)

    def add(self, answer: Answer, rating: int, comment: str = "") -> int:
        """Store a rating (+1 or -1) for `answer`; returns the row id."""
        if rating not in (1, -1):
            raise ValueError("rating must be 1 or -1")
        citations = json.dumps([c.to_dict() for c in answer.citations], ensure_ascii=False)
        with self._lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (at, rating, comment, question, answer, refused, citations)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (time.strftime("%Y-%m-%dT%H:%M:%S"), rating, comment.strip(), answer.question, answer.answer,
                 int(answer.refused), citations),
            )
            return int(cur.lastrowid or 0)

    def rows(self) -> list[dict[str, Any]]:
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY id")]

    def export_csv(self, out: Path) -> Path:
        rows = self.rows()
        fields = ["id", "at", "rating", "comment", "question", "answer", "refused", "citations"]
        with out.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens it as UTF-8
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        return out

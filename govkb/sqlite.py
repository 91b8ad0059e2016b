"""SQLite files several processes open at once (the embedding cache, the feedback store)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path


def open_wal(path: Path, *, timeout: float = 30, tries: int = 8, check_same_thread: bool = True) -> sqlite3.Connection:
    """Connect to `path` in write-ahead-log mode. Two processes opening a new file at the same moment both
    switch its journal mode; SQLite answers the second `database is locked` at once, without waiting for
    the busy timeout, so the switch is tried again a few times (0.05 s, doubling)."""
    conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=check_same_thread)
    for i in range(tries):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return conn
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or i == tries - 1:
                conn.close()
                raise
            time.sleep(0.05 * 2**i)
    return conn

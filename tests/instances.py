"""Helpers for tests of several GovKB instances on one Chroma server (helper, not a test module)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.service import GovKB
from govkb.types import Answer
from tests.conftest import CORPUS

SMALL = ("celun-resilient-community.txt", "party-led-resilience-paths-dahe.txt", "catalog.yaml")
# Storage, not semantics, is tested with the mock embedder: no refusal threshold.
MOCK: dict[str, Any] = {"answer": {"min_evidence": 0.0}}


def copy_corpus(folder: Path, names: tuple[str, ...] = SMALL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def generated_corpus(folder: Path, n: int) -> Path:
    """n distinct documents of the same structure, so an ingest takes long enough to be killed."""
    folder.mkdir(parents=True, exist_ok=True)
    base = (CORPUS / "party-led-resilience-paths-dahe.txt").read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"generated-{i:02d}.txt").write_text(base.replace("社区", f"第{i}号社区"), encoding="utf-8")
    return folder


def chroma(address: tuple[str, int], collection: str, **extra: object) -> dict[str, object]:
    return {"mode": "http", "host": address[0], "port": address[1], "collection": collection, **extra}


def instance(make_settings: Callable[..., Any], address: tuple[str, int], data: Path, collection: str,
             chroma_extra: dict[str, object] | None = None, **overrides: object) -> GovKB:
    """A GovKB instance with its own (empty) data dir on the shared server."""
    return GovKB(make_settings(data_dir=data, chroma=chroma(address, collection, **(chroma_extra or {})), **overrides))


def cli_env(address: tuple[str, int], collection: str, cache: Path, **extra: str) -> dict[str, str]:
    """The environment of a `govkb` child process on the shared server (mock embedder)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVKB_")}
    env.update(
        GOVKB_CACHE_DIR=str(cache), GOVKB_EMBEDDER__MODE="mock", PYTHONUNBUFFERED="1",
        GOVKB_CHROMA__MODE="http", GOVKB_CHROMA__HOST=address[0], GOVKB_CHROMA__PORT=str(address[1]),
        GOVKB_CHROMA__COLLECTION=collection, **extra,
    )
    return env


def cli(env: dict[str, str], data: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "app.cli", "--data-dir", str(data), *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def cited(answer: Answer) -> list[tuple[str, int, int, str]]:
    return [(c.doc_id, c.start, c.end, c.quote) for c in answer.citations]


def assert_verified(service: GovKB, answer: Answer) -> None:
    """Every citation is the stored text at its offsets, as this instance reads it."""
    assert answer.citations, answer.answer
    for c in answer.citations:
        doc = service.document(c.doc_id)
        assert doc is not None and doc.text[c.start : c.end] == c.quote


def wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> float:
    """Seconds until `condition()` held; fails after `timeout`."""
    t0 = time.monotonic()
    while not condition():
        assert time.monotonic() - t0 < timeout, "condition not met in time"
        time.sleep(0.05)
    return time.monotonic() - t0

"""The keyword path over the whole law library (3,475 documents), without embeddings or Chroma.

Every document goes through the real ingest pipeline (load, clean, chunk: `prepare_file`); the
chunks go into the real keyword index (`KeywordIndex.build_and_save`: bm25s over char unigrams and
bigrams, saved with its chunk table). Then, in a fresh process, the saved index is loaded and the
dev-set and policy questions are run BM25-only (score every row, take the top 50), as the hybrid
retriever's BM25 stage does. Run through `python -m eval.bench_laws keyword`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from eval.machine import rss_mb
from eval.metrics import percentile
from govkb.settings import REPO_ROOT


def _folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def build_index(library: str, where: str) -> dict[str, Any]:
    """Chunk every document and build and save the keyword index (in this process)."""
    from govkb.text import indexed_text
    from index.keyword import KeywordIndex
    from ingest.catalog import doc_id_for
    from ingest.errors import IngestError
    from ingest.pipeline import prepare_file

    files = sorted(Path(library).rglob("*.md"))
    out = Path(where)
    t = time.perf_counter()
    chunks = {}
    chars = errors = 0
    seen: set[str] = set()
    duplicates = 0
    for f in files:
        try:
            prepared = prepare_file(f)
        except IngestError:
            errors += 1
            continue
        if doc_id_for(f) in seen:  # same file name in two folders: the same id, as an ingest would see it
            duplicates += 1
        seen.add(doc_id_for(f))
        chars += len(prepared.document.text)
        for c in prepared.chunks:
            chunks[f"{f.parent.name}/{c.chunk_id}"] = c
    chunk_s = time.perf_counter() - t
    rss_chunked = rss_mb()
    t = time.perf_counter()
    KeywordIndex.build_and_save(out, chunks, indexed_text)
    build_s = time.perf_counter() - t
    return {
        "documents": len(files),
        "errors": errors,
        "duplicate_ids": duplicates,
        "characters": chars,
        "chunks": len(chunks),
        "chunk_s": chunk_s,
        "chunks_per_s": len(chunks) / chunk_s,
        "bm25_build_s": build_s,
        "index_mb": _folder_mb(out / "bm25") + (out / "ids.json").stat().st_size / 1e6,
        "chunk_table_mb": (out / "chunks.json").stat().st_size / 1e6,
        "rss_after_chunking_mb": rss_chunked,
        "peak_rss_mb": rss_mb(),
        "load_avg_1min": os.getloadavg()[0],
    }


def query_index(where: str, questions: list[str]) -> dict[str, Any]:
    """In a fresh process: load the saved index, then BM25-only top-50 per question."""
    from index.keyword import KeywordIndex

    base = rss_mb()
    t = time.perf_counter()
    kw = KeywordIndex.load(Path(where))
    assert kw is not None
    load_s = time.perf_counter() - t
    loaded_rss = rss_mb()
    times = []
    for q in questions:
        t = time.perf_counter()
        scores = kw.scores(q)
        if scores.size:
            top = np.argpartition(-scores, 49)[:50]
            _ranked = top[np.argsort(-scores[top], kind="stable")]
        times.append(time.perf_counter() - t)
    return {
        "rows": len(kw),
        "load_s": load_s,
        "rss_before_load_mb": base,
        "rss_loaded_mb": loaded_rss,
        "queries": len(times),
        "mean_ms": sum(times) / len(times) * 1000,
        "p50_ms": percentile(times, 50) * 1000,
        "p95_ms": percentile(times, 95) * 1000,
        "p99_ms": percentile(times, 99) * 1000,
        "load_avg_1min": os.getloadavg()[0],
    }


def _child(part: str, *args: Any) -> dict[str, Any]:
    code = f"import json, sys; from eval.bench_keyword import {part} as f; print(json.dumps(f(*json.loads(sys.argv[1]))))"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    out = subprocess.run([sys.executable, "-c", code, json.dumps(list(args))], capture_output=True, text=True,
                         check=True, cwd=REPO_ROOT, env=env)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def keyword_path(library: Path, work: Path) -> dict[str, Any]:
    """Build in one fresh process, query in another (so each one's memory is its own)."""
    from eval.bench_laws import questions

    out = work / "keyword-all"
    built = _child("build_index", str(library), str(out))
    print("built:", json.dumps(built, ensure_ascii=False), flush=True)
    queried = _child("query_index", str(out), questions())
    return {"build": built, "query": queried}

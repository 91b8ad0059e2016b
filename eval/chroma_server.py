"""Start and stop a local Chroma server (the `chroma run` that ships in the chromadb package)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def chroma_binary() -> str | None:
    """The `chroma` command beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("chroma")
    return str(beside) if beside.exists() else shutil.which("chroma")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def chroma_server(path: Path, port: int | None = None, timeout: float = 60.0) -> Iterator[tuple[str, int]]:
    """A Chroma server on 127.0.0.1 with its own data dir; stopped on exit."""
    exe = chroma_binary()
    if exe is None:
        raise FileNotFoundError("chroma server binary not found (pip install chromadb)")
    port = port or free_port()
    path.mkdir(parents=True, exist_ok=True)
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen([exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2):  # noqa: S310
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma server did not start: see {path / 'server.log'}") from None
                time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()

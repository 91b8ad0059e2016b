"""Start and stop a local Chroma server (the `chroma run` that ships in the chromadb package)."""

from __future__ import annotations

import shutil
import signal
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


class ChromaServer:
    """A `chroma run` process on 127.0.0.1 with its own data dir; it can be stopped, restarted on
    the same port and data, and paused (SIGSTOP) to play a server that hangs."""

    def __init__(self, path: Path, port: int | None = None, timeout: float = 60.0) -> None:
        exe = chroma_binary()
        if exe is None:
            raise FileNotFoundError("chroma server binary not found (pip install chromadb)")
        self.exe, self.path, self.timeout = exe, path, timeout
        self.host, self.port = "127.0.0.1", port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ChromaServer:
        self.path.mkdir(parents=True, exist_ok=True)
        with (self.path / "server.log").open("ab") as log:
            self.proc = subprocess.Popen(
                [self.exe, "run", "--path", str(self.path), "--host", self.host, "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                with urllib.request.urlopen(f"http://{self.host}:{self.port}/api/v2/heartbeat", timeout=2):  # noqa: S310
                    return self
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"chroma server did not start: see {self.path / 'server.log'}") from None
                time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.resume()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def pause(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGCONT)


@contextmanager
def chroma_server(path: Path, port: int | None = None, timeout: float = 60.0) -> Iterator[tuple[str, int]]:
    """A Chroma server on 127.0.0.1 with its own data dir; stopped on exit."""
    server = ChromaServer(path, port, timeout).start()
    try:
        yield server.host, server.port
    finally:
        server.stop()

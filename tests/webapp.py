"""Start the real Gradio app on a free loopback port for tests (helper, not a test module)."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.service import GovKB
from app.web import build_app, launch_kwargs
from govkb.settings import load_settings
from tests.conftest import CORPUS

ADMIN = ("admin", "test-secret-口令")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(tmp: Path, cache_dir: Path, docs: tuple[str, ...] | None = None) -> Iterator[tuple[str, GovKB]]:
    """A GovKB app over a copy of the corpus (or some of its documents), served on 127.0.0.1."""
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for p in CORPUS.iterdir():
        if docs is None or p.name in docs or p.name == "catalog.yaml":
            shutil.copy(p, corpus / p.name)
    settings = load_settings(
        data_dir=tmp / "data",
        cache_dir=cache_dir,
        corpus_dir=corpus,
        server={"admin_user": ADMIN[0], "admin_password": ADMIN[1]},
    )
    service = GovKB(settings)
    service.ingest()
    demo = build_app(service)
    demo.queue(default_concurrency_limit=settings.server.concurrency)
    kwargs = launch_kwargs(settings, demo)
    _, url, _ = demo.launch(server_port=free_port(), prevent_thread_lock=True, quiet=True, **kwargs)
    try:
        yield url.rstrip("/"), service
    finally:
        demo.close()

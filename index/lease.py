"""The writer lease on the Chroma server: one writer at a time across machines, expiring when its holder dies.

Chroma has no transactions and no conditional write. What it does guarantee, and what this is built
on (checked against chromadb 1.5 with racing processes, see tests/test_instances.py):

- `add` of an id that already exists is ignored, not an error and not an overwrite: of several
  racing `add`s of one id, exactly one is stored (the server applies its write log in order);
- a `get` after a write has returned sees that write.

So the lease is a sequence of records `lease:<generation>`, never overwritten by anyone but their
holder. To take the lease, an instance reads the newest generation g; if it is released or expired
it `add`s generation g+1 with a fresh random token and reads it back: whoever's token is there
holds the lease, everyone else lost the race. Expiry is judged by the server's clock (Chroma's
heartbeat returns its time), so the machines' clocks need not agree. The holder renews its record
every ttl/3 and checks before every document it writes that no newer generation exists.

What remains assumed: a holder that stalls longer than the TTL (suspended VM, network partition)
may have one request in flight when it resumes after another writer took over; each write is
checked against the lease first, and the renewal thread finds the takeover within ttl/3.
A restarted writer (same host and data dir, which it holds the local lock of) takes over its own
earlier lease at once: the process that held it cannot be alive.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from govkb.errors import GovKBError

UNIT = [1.0]
KEEP = 3  # older generations kept, for the record of who wrote last


class WriterBusyError(GovKBError):
    """Another process is writing to the same knowledge base."""

    exit_code = 4


class ServerLease:
    """Take, renew and release the writer lease kept in the meta collection."""

    def __init__(self, meta: Any, clock: Any, *, holder: str, ttl: float, where: str) -> None:
        self.meta = meta
        self.clock = clock  # () -> server time in seconds
        self.holder = holder  # stable per host and data dir: a restart recognises its own lease
        self.ttl = ttl
        self.where = where  # how a user names the knowledge base, for messages
        self.generation: int | None = None
        self.token = ""
        self.lost = False
        self._renewed = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- the records ---------------------------------------------------------------
    def _records(self) -> list[dict[str, Any]]:
        got = self.meta.get(where={"kind": "lease"}, include=["metadatas"])
        return sorted((dict(md) for md in got["metadatas"]), key=lambda md: int(md["gen"]))

    def current(self) -> dict[str, Any] | None:
        """The newest lease record, or None when no instance ever wrote."""
        records = self._records()
        return records[-1] if records else None

    @staticmethod
    def _id(gen: int) -> str:
        return f"lease:{gen:012d}"

    def _free(self, record: dict[str, Any] | None, now: float) -> bool:
        return (
            record is None
            or bool(record.get("released"))
            or float(record["expires"]) < now
            or record.get("holder") == self.holder
        )

    # --- taking and giving back -------------------------------------------------------
    def acquire(self, timeout: float) -> None:
        """Hold the lease, waiting up to `timeout` seconds for the holder to finish or expire."""
        deadline = time.monotonic() + timeout
        while True:
            record = self.current()
            now = self.clock()
            if self._free(record, now):
                gen = int(record["gen"]) + 1 if record else 1
                token = uuid.uuid4().hex
                self.meta.add(ids=[self._id(gen)], embeddings=[UNIT], metadatas=[self._body(gen, token, now)])
                got = self.meta.get(ids=[self._id(gen)], include=["metadatas"])
                if got["ids"] and got["metadatas"][0].get("token") == token:
                    self.generation, self.token, self.lost = gen, token, False
                    self._renewed = time.monotonic()
                    self._collect(gen)
                    self._start_renewing()
                    return
                continue  # another instance won this generation: look again
            if time.monotonic() >= deadline:
                raise WriterBusyError(self.busy_message(record, now))
            time.sleep(min(0.25, max(0.0, deadline - time.monotonic())))

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.ttl)
            self._thread = None
        if self.generation is not None and not self.lost:
            body = self._body(self.generation, self.token, self.clock())
            self.meta.update(ids=[self._id(self.generation)], metadatas=[{**body, "released": True}])
        self.generation = None

    def _body(self, gen: int, token: str, now: float) -> dict[str, Any]:
        return {"kind": "lease", "gen": gen, "token": token, "holder": self.holder, "expires": now + self.ttl,
                "released": False, "taken": time.strftime("%Y-%m-%d %H:%M:%S")}

    def _collect(self, gen: int) -> None:
        old = [self._id(int(r["gen"])) for r in self._records() if int(r["gen"]) < gen - KEEP]
        if old:
            self.meta.delete(ids=old)

    # --- keeping it --------------------------------------------------------------------
    def renew(self) -> None:
        """Push the expiry on, unless a newer generation shows the lease was taken over."""
        if self.generation is None or self.lost:
            return
        newer = self.meta.get(where={"$and": [{"kind": "lease"}, {"gen": {"$gt": self.generation}}]}, include=[])
        if newer["ids"]:
            self.lost = True
            return
        body = self._body(self.generation, self.token, self.clock())
        self.meta.update(ids=[self._id(self.generation)], metadatas=[body])
        self._renewed = time.monotonic()

    def ensure(self) -> None:
        """Before a write: still the holder, with a renewal recent enough to be sure of it."""
        if self.generation is not None and not self.lost and time.monotonic() - self._renewed > self.ttl / 2:
            self.renew()
        if self.generation is None or self.lost:
            raise WriterBusyError(
                f"写入租约已失效（{self.where}）：本实例停顿过久，另一个实例接管了写入。本次写入已中止，请重试。"
            )

    def _start_renewing(self) -> None:
        self._stop = threading.Event()

        def loop(stop: threading.Event) -> None:
            while not stop.wait(self.ttl / 3):
                try:
                    self.renew()
                except Exception:  # noqa: BLE001 - the server may be down for a moment; ensure() decides
                    pass

        self._thread = threading.Thread(target=loop, args=(self._stop,), name="govkb-lease", daemon=True)
        self._thread.start()

    def busy_message(self, record: dict[str, Any] | None, now: float) -> str:
        holder = str((record or {}).get("holder", "?")).split("|")[0]
        left = max(0, int(float((record or {}).get("expires", now)) - now))
        return (
            f"另一个实例（主机 {holder}）正在写入 {self.where}，请等它完成后再试"
            f"（若该实例已崩溃，它的写入租约将在 {left} 秒内过期）。"
        )


def holder_id(data_dir: Path) -> str:
    """Who holds the lease: this host, and a random id kept in the data dir (a restarted writer
    recognises its own lease by it)."""
    path = data_dir / "instance-id"
    if not path.is_file():
        path.write_text(uuid.uuid4().hex, encoding="utf-8")
    return f"{socket.gethostname()}|{path.read_text(encoding='utf-8').strip()}"


class ReadOnlyError(GovKBError):
    """A reader instance was asked to write."""

    exit_code = 7

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "此实例是只读实例（设置 read_only: true），不能入库、上传、删除或修复。"
            "请在写入实例上操作，或去掉该设置（环境变量 GOVKB_READ_ONLY）。"
        )

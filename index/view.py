"""A reader's view of the knowledge base at one revision: the chunks it searches and their keyword index.

Only chunks of documents that are committed (their record, with its manifest entry, is written last)
and not being written (the pending journal) are in a view: a reader that looks while another
instance writes sees the last complete state of every document, never half of one. A view is
saved beside the keyword index with the revision stamp it was built at, so an instance starts
from its files when nothing changed, and otherwise fetches only the documents whose version did.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from govkb.text import indexed_text, tokenize
from govkb.types import Chunk
from index.docstore import DocStore, atomic_write, version_of
from index.keyword import KeywordIndex, load_chunk_table, signature
from index.store import ChromaStore

VIEW_FILE = "view.json"
UNSETTLED = "?"  # the revision of a view built while writes kept landing: never equal to a real one


@dataclass(frozen=True)
class View:
    revision: str
    chunks: dict[str, Chunk]
    keyword: KeywordIndex
    versions: dict[str, str]  # doc id -> version, for every document in the view

    @cached_property
    def by_doc(self) -> dict[str, list[Chunk]]:
        """The chunks of each document, in text order."""
        out: dict[str, list[Chunk]] = {}
        for c in self.chunks.values():
            out.setdefault(c.doc_id, []).append(c)
        return {d: sorted(cs, key=lambda c: c.start) for d, cs in out.items()}

    def mentions(self, forms: list[str], at_most: int) -> int:
        """Passages holding any of `forms` (a word and its full forms), each counted once, up to
        at_most + 1: only those holding each form's rarest bigram are read; past 20,000 of them the
        word is no rare one."""
        seen: set[int] = set()
        for form in forms:
            grams = [t for t in tokenize(form) if len(t) == 2]
            rows = min((self.keyword.rows_with(t) for t in grams), key=len, default=self.keyword.rows_with(form))
            if len(rows) > 20_000:
                return at_most + 1
            for i in rows:
                if i not in seen and form in self.chunks[self.keyword.ids[i]].text:
                    seen.add(i)
                    if len(seen) > at_most:
                        return len(seen)
        return len(seen)


def _visible(docs: DocStore, pending: str | None) -> dict[str, str]:
    return {doc_id: version_of(e) for doc_id, e in docs.manifest().items() if doc_id != pending}


def read_state(
    docs: DocStore, store: ChromaStore, prev: View | None, present: set[str] | None = None
) -> tuple[str, dict[str, Chunk], dict[str, str]]:
    """(revision, chunks, versions) as stored now; with `prev`, only changed documents are fetched
    (and those with a chunk missing from `present`, Chroma's ids, when given).

    Reads the revision and the pending journal before and after: when a write landed in between,
    it reads again (three times at most, then returns an unsettled view the next check replaces).
    """
    broken = set() if prev is None or present is None else {c.doc_id for cid, c in prev.chunks.items() if cid not in present}
    for _ in range(3):
        stamp, pending = docs.state()
        versions = _visible(docs, pending)
        if prev is None:
            chunks = {c.chunk_id: c for c in store.all_chunks() if c.doc_id in versions}
        else:
            changed = sorted(d for d, v in versions.items() if prev.versions.get(d) != v or d in broken)
            chunks = {cid: c for cid, c in prev.chunks.items() if c.doc_id in versions and c.doc_id not in changed}
            chunks.update((c.chunk_id, c) for c in store.chunks_of(changed) if c.doc_id in versions)
        again, after = docs.state()
        if after is not None:  # a write began while reading: that document is not complete
            versions.pop(after, None)
            chunks = {cid: c for cid, c in chunks.items() if c.doc_id != after}
        if again == stamp and after == pending:
            return stamp, chunks, versions
    return UNSETTLED, chunks, versions


def _describe(stamp: str, versions: dict[str, str]) -> str:
    return json.dumps({"revision": stamp, "versions": versions}, ensure_ascii=False)


def build(folder: Path, docs: DocStore, store: ChromaStore, prev: View | None, present: set[str] | None = None) -> View:
    """Read the stored state (incrementally from `prev`) and build and save its keyword index."""
    stamp, chunks, versions = read_state(docs, store, prev, present)
    if prev is not None and prev.versions == versions and chunks.keys() == prev.chunks.keys():  # keep the index
        if prev.revision != stamp:
            atomic_write(folder / VIEW_FILE, _describe(stamp, versions))
        return View(stamp, prev.chunks, prev.keyword, versions)
    keyword = KeywordIndex.build_and_save(folder, chunks, indexed_text, extra={VIEW_FILE: _describe(stamp, versions)})
    return View(stamp, chunks, keyword, versions)


def load(folder: Path) -> View | None:
    """The view saved in `folder`, or None when it is missing, damaged or from an older release."""
    try:
        meta = json.loads((folder / VIEW_FILE).read_text(encoding="utf-8"))
        revision, versions = str(meta["revision"]), {str(k): str(v) for k, v in meta["versions"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    chunks = load_chunk_table(folder)
    keyword = KeywordIndex.load(folder) if chunks is not None else None
    if chunks is None or keyword is None or keyword.signature != signature(list(chunks)):
        return None
    return View(revision, chunks, keyword, versions)

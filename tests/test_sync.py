"""The ingest plan: a pure decision over sources and the manifest, then one function carries it out."""

from __future__ import annotations

from pathlib import Path

from app.sync import Source, plan


def _src(name: str, digest: str, folder: str = "/corpus") -> Source:
    path = Path(folder) / f"{name}.txt"
    return Source(path, name, digest, str(path))


def test_plan_sorts_sources_into_added_updated_unchanged_removed() -> None:
    manifest = {
        "same": {"path": "/corpus/same.txt", "hash": "h1", "chunks": 3, "sentences": 7},
        "edited": {"path": "/corpus/edited.txt", "hash": "old", "chunks": 2, "sentences": 4},
        # Stored before sentences had vectors of their own: stored again, though the file is the same.
        "older": {"path": "/corpus/older.txt", "hash": "h6", "chunks": 2},
        "gone": {"path": "/corpus/gone.txt", "hash": "h3", "chunks": 1},
        "elsewhere": {"path": "/other/elsewhere.txt", "hash": "h4", "chunks": 1},
    }
    sources = [_src("same", "h1"), _src("edited", "new"), _src("fresh", "h5"), _src("older", "h6")]
    p = plan(sources, manifest, roots=[Path("/corpus")], exists=lambda path: False)
    assert [s.doc_id for s in p.unchanged] == ["same"]
    assert [s.doc_id for s in p.updated] == ["edited", "older"]
    assert [s.doc_id for s in p.added] == ["fresh"]
    # Only documents from a scanned folder are removed; a file ingested from elsewhere stays.
    assert p.removed == ["gone"]
    assert not p.conflicts


def test_plan_removes_nothing_without_roots_or_while_the_file_exists() -> None:
    manifest = {"gone": {"path": "/corpus/gone.txt", "hash": "h", "chunks": 1}}
    assert plan([], manifest, roots=[], exists=lambda path: False).removed == []
    assert plan([], manifest, roots=[Path("/corpus")], exists=lambda path: True).removed == []


def test_plan_refuses_two_files_with_one_document_id() -> None:
    manifest = {"dup": {"path": "/a/dup.txt", "hash": "x", "chunks": 1}}
    # Same id as a stored document whose file still exists elsewhere: a conflict, not an update.
    p = plan([_src("dup", "y", "/b")], manifest, roots=[], exists=lambda path: True)
    assert not p.updated and "已被 /a/dup.txt 使用" in p.conflicts[0][1]
    # Two files in one run with the same id: the second is refused.
    p = plan([_src("twin", "1", "/a"), _src("twin", "2", "/b")], {}, roots=[], exists=lambda path: False)
    assert [s.path.parent.name for s in p.added] == ["a"] and "重复" in p.conflicts[0][1]
    # The stored file was moved away (it no longer exists): the new path takes the id over.
    p = plan([_src("dup", "y", "/b")], manifest, roots=[], exists=lambda path: False)
    assert [s.doc_id for s in p.updated] == ["dup"]

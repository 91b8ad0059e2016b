"""Source files: which files a list of paths names, and a fingerprint that changes when a file must be re-read."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.catalog import CATALOG_NAME
from ingest.loaders import SUPPORTED_SUFFIXES

# Bump when cleaning or chunking changes: every stored document is then re-ingested.
PIPELINE_VERSION = "3"  # 2: back matter marked; 3: laws parsed by article


@dataclass
class Scan:
    """What a list of paths holds: files to ingest, folder files of other types, paths that do not exist."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    roots: list[Path] = field(default_factory=list)  # the folders scanned (resolved): their vanished files are removed


def scan(paths: Iterable[Path]) -> Scan:
    """Files named directly, and the supported files found in folders (hidden ones and catalogs left out)."""
    out = Scan()
    for p in paths:
        if p.is_dir():
            out.roots.append(p.resolve())
            for f in sorted(p.rglob("*")):
                if not f.is_file() or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if f.suffix.lower() in SUPPORTED_SUFFIXES:
                    out.files.append(f)
                elif f.name != CATALOG_NAME:
                    out.skipped.append(f)
        elif p.exists():
            out.files.append(p)
        else:
            out.missing.append(p)
    return out


def fingerprint(path: Path, extra: str = "") -> str:
    """SHA-256 of the pipeline version, `extra` (settings and catalogue entry) and the file's bytes."""
    h = hashlib.sha256()
    h.update(f"{PIPELINE_VERSION}|{extra}|".encode())
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

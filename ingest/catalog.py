"""Document metadata from a catalog.yaml beside the files, with sane fallbacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from govkb.text import clean_name
from govkb.types import DocMeta

CATALOG_NAME = "catalog.yaml"


def doc_id_for(path: Path) -> str:
    """Stable id from the file name: NFKC, unsafe characters folded to '-'."""
    return clean_name(path.stem, "document")


def read_catalog(folder: Path) -> dict[str, dict[str, Any]]:
    """Entries of `folder/catalog.yaml` keyed by file name; empty when there is none."""
    path = folder / CATALOG_NAME
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    docs = data.get("documents", {}) if isinstance(data, dict) else {}
    return {str(k): (v or {}) for k, v in docs.items()}


def meta_for(path: Path, first_line: str, catalog: dict[str, dict[str, Any]] | None = None) -> DocMeta:
    """Catalogue metadata for `path`; the title falls back to the document's first line."""
    entry = (catalog if catalog is not None else read_catalog(path.parent)).get(path.name, {})
    fallback_title = first_line.strip().lstrip("#").strip()[:80] or path.stem
    return DocMeta(
        doc_id=doc_id_for(path),
        title=str(entry.get("title") or fallback_title),
        author=str(entry.get("author") or ""),
        source=str(entry.get("source") or ""),
        date=str(entry.get("date") or ""),
        kind=str(entry.get("kind") or ""),
        filename=path.name,
    )

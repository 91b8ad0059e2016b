"""Document metadata from a catalog.yaml beside the files, with sane fallbacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from govkb.text import clean_name
from govkb.types import DocMeta
from govkb.versions import work_key
from ingest.legal_meta import (
    city_hint,
    effective_in_body,
    folder_facts,
    infer_kind,
    parse_header,
    place_of,
    version_date,
)

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


def _entry(path: Path, catalog: dict[str, dict[str, Any]] | None) -> dict[str, Any]:
    return (catalog if catalog is not None else read_catalog(path.parent)).get(path.name, {})


def meta_for(path: Path, first_line: str, catalog: dict[str, dict[str, Any]] | None = None) -> DocMeta:
    """Catalogue metadata for `path`; the title falls back to the document's first line, the kind
    and region to the folders holding it (行政法规/…, 上海地方法规/…)."""
    entry = _entry(path, catalog)
    fallback_title = first_line.strip().lstrip("#").strip()[:80] or path.stem
    kind, region = folder_facts(path)
    return DocMeta(
        doc_id=doc_id_for(path),
        title=str(entry.get("title") or fallback_title),
        author=str(entry.get("author") or ""),
        source=str(entry.get("source") or ""),
        date=str(entry.get("date") or ""),
        kind=str(entry.get("kind") or kind),
        filename=path.name,
        region=str(entry.get("region") or region),
        city=str(entry.get("city") or ""),
    )


def meta_for_law(
    path: Path,
    title: str,
    header: list[str],
    body: str,
    catalog: dict[str, dict[str, Any]] | None = None,
    *,
    versioned: bool = True,
) -> DocMeta:
    """Metadata of a law: issuer and dates from its header (and the 施行 article), kind and region
    from its folder, issuer and title; the version date from the file name or the header. A
    catalogue entry overrides any of them. Only texts with articles (`versioned`) form a work
    whose versions supersede each other."""
    entry = _entry(path, catalog)
    title = str(entry.get("title") or title or path.stem)
    facts = parse_header(header, place_hint=city_hint(title))
    folder_kind, folder_region = folder_facts(path)
    title_region, city = place_of(title)
    revised = entry.get("revised") or facts.revised
    return DocMeta(
        doc_id=doc_id_for(path),
        title=title,
        author=str(entry.get("author") or ""),
        source=str(entry.get("source") or ""),
        date=str(entry.get("date") or version_date(path, facts)),
        kind=str(entry.get("kind") or folder_kind or infer_kind(title, facts.issuer)),
        filename=path.name,
        region=str(entry.get("region") or folder_region or title_region),
        city=str(entry.get("city") or city),
        issuer=str(entry.get("issuer") or facts.issuer),
        adopted=str(entry.get("adopted") or facts.adopted),
        revised=tuple(str(d) for d in (revised if isinstance(revised, list | tuple) else [revised])),
        effective=str(entry.get("effective") or facts.effective or effective_in_body(body, facts.promulgated)),
        number=str(entry.get("number") or facts.number),
        work=work_key(title) if versioned else "",
    )

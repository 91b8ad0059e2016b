"""Versions of a law: documents of one work (same title) with different dates; the latest is current.
And where a local regulation applies, as a question names it or not."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from govkb.places import named_places

_SPACE = re.compile(r"\s+")


def work_key(title: str) -> str:
    """The work a law's versions share: its title, NFKC-folded and without white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", title))


@dataclass(frozen=True)
class Version:
    """What deciding currency needs to know of one stored document."""

    doc_id: str
    work: str  # "" for documents that are not laws: they have no versions
    date: str  # ISO date of the version, "" when unknown


def superseded(versions: Iterable[Version]) -> dict[str, str]:
    """{older doc_id: current doc_id} for every document that a later version of its work replaces.

    A work with an undated version is left alone, and versions that share the latest date are all
    current: an order that cannot be read from the metadata is not guessed.
    """
    by_work: dict[str, list[Version]] = {}
    for v in versions:
        if v.work:
            by_work.setdefault(v.work, []).append(v)
    out: dict[str, str] = {}
    for group in by_work.values():
        if len(group) < 2 or any(not v.date for v in group):
            continue
        latest = max(group, key=lambda v: (v.date, v.doc_id))
        for v in group:
            if v.date < latest.date:
                out[v.doc_id] = latest.doc_id
    return out


def place_unnamed(region: str, city: str, text: str) -> bool:
    """Does `text` leave unnamed where a local regulation applies: its city (for a city's rule: 山东的业委会
    asks for the province's rule, not 菏泽's), or its region (for a whole region's rule)? Never for a
    national law. A city or county-level city names its province too (在济南 names 山东: govkb.places)."""
    if not region:
        return False
    named = named_places(text)
    if city:
        return not (city in text or city in named)
    return not (region in text or region in named)

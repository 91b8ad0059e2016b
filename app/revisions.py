"""Versions of a law compared: an old article's counterpart in the current version, and 修订对照 article by article."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from govkb.text import tokenize
from govkb.types import DocMeta, Document, Section

_ARTICLE_HEAD = re.compile(r"^\s*第[零〇一二两三四五六七八九十百千\d]+条\s*")
SAME_ARTICLE = 0.6  # Dice of two articles' character pairs above which one is the other revised


def _pairs(text: str) -> set[str]:
    return {t for t in tokenize(_ARTICLE_HEAD.sub("", text)) if len(t) == 2}


def same_words(a: Document, x: Section, b: Document, y: Section) -> bool:
    """Do two articles say the same words (their numbers and white space aside)?"""
    def bare(doc: Document, s: Section) -> str:
        return re.sub(r"\s+", "", _ARTICLE_HEAD.sub("", doc.text[s.start : s.end]))
    return bare(a, x) == bare(b, y)


def _article_pairs(doc: Document) -> list[tuple[Section, set[str]]]:
    """Each article of a law with its character pairs (number left out), in order."""
    return [(a, _pairs(doc.text[a.start : a.end])) for a in doc.sections if a.kind == "article"]


def _most_alike(mine: set[str], articles: list[tuple[Section, set[str]]]) -> tuple[Section, float] | None:
    """The first of the articles with the highest Dice against `mine`, if alike enough (SAME_ARTICLE)."""
    best: tuple[Section, float] | None = None
    for a, theirs in articles:
        dice = 2 * len(mine & theirs) / max(len(mine) + len(theirs), 1)
        if best is None or dice > best[1]:
            best = (a, dice)
    return best if best is not None and best[1] >= SAME_ARTICLE else None


def counterpart(old: Document, article: Section, current: Document) -> tuple[Section, float] | None:
    """The current version's article most like an old version's (by their character pairs, the numbers
    left out), with how alike (Dice, 1.0 = the same words), or None when none is alike enough."""
    return _most_alike(_pairs(old.text[article.start : article.end]), _article_pairs(current))


def place_now(old_title: str, now_title: str, same: bool) -> str:
    """Where an old version's article is in the current one: 旧版第四十四条即现行版本第六十六条（文字有改动）, or
    that there is none when `now_title` is ""."""
    if not now_title:
        return f"旧版{old_title}在现行版本中没有文字相近的条文"
    words = "（文字相同）" if same else "（文字有改动）"
    return (f"旧版{old_title}即现行版本{now_title}{words}" if now_title != old_title
            else f"旧版{old_title}在现行版本中仍是{now_title}{words}")


def counterparts(old: Document, articles: list[Section], current: Document) -> str:
    """Where the old articles are in the current version (place_now), for a citation's version note."""
    said = []
    for a in articles:
        found = counterpart(old, a, current)
        if found is None:
            said.append(place_now(a.title, "", False))
        else:
            said.append(place_now(a.title, found[0].title, same_words(old, a, current, found[0])))
    return "；" + "，".join(said) if said else ""


@dataclass
class VersionDiff:
    """Two versions of a law article by article: each newer article's older counterpart (or none: added), and the
    older articles with no counterpart in the newer version (removed or rewritten past recognition)."""

    old: Document
    new: Document
    pairs: list[tuple[Section, Section | None, bool]]  # (newer article, its older counterpart, in the same words)
    removed: list[Section]

    def counts(self) -> dict[str, int]:
        return {
            "articles": len(self.pairs),
            "old_articles": sum(1 for s in self.old.sections if s.kind == "article"),
            "same": sum(1 for _, o, same in self.pairs if o is not None and same),
            "changed": sum(1 for _, o, same in self.pairs if o is not None and not same),
            "renumbered": sum(1 for n, o, same in self.pairs if o is not None and same and o.title != n.title),
            "added": sum(1 for _, o, _ in self.pairs if o is None),
            "removed": len(self.removed),
        }

    def summary(self) -> str:
        """2024-06-28 版共一百零六条，与 2007-08-30 版（七十条）相比：文字未变 13 条，有改动 57 条，新增 36 条；旧版 6 条…"""
        c = self.counts()
        removed = f"；旧版有 {c['removed']} 条在本版中没有文字相近的条文" if c["removed"] else ""
        moved = f"（其中 {c['renumbered']} 条换了条号）" if c["renumbered"] else ""
        return (f"{self.new.meta.date} 版共 {c['articles']} 条，与 {self.old.meta.date} 版（{c['old_articles']} 条）相比："
                f"文字未变 {c['same']} 条{moved}，有改动 {c['changed']} 条，新增 {c['added']} 条{removed}。")


def compare_versions(old: Document, new: Document) -> VersionDiff:
    """Each article of the newer version against the older one's, by counterpart (Dice of character pairs)."""
    old_pairs, new_pairs = _article_pairs(old), _article_pairs(new)  # each article's pairs once, not per comparison
    pairs: list[tuple[Section, Section | None, bool]] = []
    matched: set[int] = set()
    for article, mine in new_pairs:
        found = _most_alike(mine, old_pairs)
        if found is None:
            pairs.append((article, None, False))
        else:
            pairs.append((article, found[0], same_words(new, article, old, found[0])))
            matched.add(found[0].start)
    removed = [a for a, mine in old_pairs if a.start not in matched and _most_alike(mine, new_pairs) is None]
    return VersionDiff(old, new, pairs, removed)


def version_diff(doc_id: str, superseded: Mapping[str, str], document: Callable[[str], Document | None],
                 metas: list[DocMeta]) -> VersionDiff | None:
    """An old version against the current one; the current one against the version just before it."""
    if doc_id in superseded:
        old, new = document(doc_id), document(superseded[doc_id])
    else:
        dates = {m.doc_id: m.date for m in metas}
        previous = max((d for d, cur in superseded.items() if cur == doc_id), key=lambda d: dates.get(d, ""), default="")
        old, new = (document(previous), document(doc_id)) if previous else (None, None)
    return compare_versions(old, new) if old is not None and new is not None else None

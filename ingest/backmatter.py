"""Back matter: author notes, funding notes, acknowledgements, reference lists and author/affiliation
lines. They stay in the stored text (the reader and the quote check show them) but answers skip them."""

from __future__ import annotations

import re

from govkb.text import TERMINAL
from ingest.clean import Block

_NOTE = re.compile(
    r"^[【\[［(（]?\s*(作者|本文系|本文为|本文是|基金项目|项目基金|项目来源|通讯作者)"
    r"|^(作者简介|作者介绍|致谢|鸣谢|参考文献|注释|关键词|关键字)\s*[:：]?"
    r"|^感谢.{0,80}(团队|支持|帮助|报告|指导)"
    r"|^\[\d+\]\s"
)
_AFFILIATION = re.compile(r"大学|党校|学院|研究院|研究所|研究中心|\d{6}")
_REFERENCES = re.compile(r"^(参考文献|注释)\s*[:：]?$")


def back_matter(starts: list[tuple[int, Block]], text_length: int) -> list[tuple[int, int]]:
    """Spans (start, end) of the stored text that are back matter, from the assembled blocks."""
    spans: list[tuple[int, int]] = []
    in_references = False
    for offset, block in starts:
        t = block.text.strip()
        end = offset + len(block.text)
        if _REFERENCES.match(t):
            in_references = True
        elif block.heading is not None and not block.is_title:
            in_references = False  # a new section ends the reference list
        top = offset < 0.1 * text_length
        affiliation = top and len(t) < 50 and t[-1:] not in TERMINAL and bool(_AFFILIATION.search(t))
        if in_references or _NOTE.match(t) or affiliation:
            if spans and spans[-1][1] + 1 >= offset:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((offset, end))
    return spans


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) touch any of the spans?"""
    return any(a < end and start < b for a, b in spans)

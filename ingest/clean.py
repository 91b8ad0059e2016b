"""Cleaning: raw lines -> blocks (headings and paragraphs) -> the stored document text.

Each step is a plain callable over a list of lines, so each is tested alone. No step rewrites
the words of a sentence: they drop page furniture and markup, move an interrupting author bio
out of a paragraph and re-join lines that a page break or a PDF line wrap split.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from govkb.text import CJK_CHAR, CLOSERS, TERMINAL
from ingest.loaders import RawText

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

FURNITURE = [
    re.compile(r"^扫一扫\s*加微信$"),
    re.compile(r"^(扫一扫|长按二维码|点击关注|分享到[:：]).{0,20}$"),
    re.compile(r"^(责任)?编辑\s*[:：].{0,30}$"),
    re.compile(r"^(审核|校对|责编)\s*[:：].{0,30}$"),
    re.compile(r"^来源\s*[:：].{0,40}$"),
    re.compile(r"^时间\s*[:：]\s*\d{4}[-年/.]\d{1,2}.{0,20}$"),
    # A dateline such as "2023-02-15 11:06:00  来源:南京日报  作者:张勤 刘鹏".
    re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}.{0,20}来源\s*[:：].{0,60}$"),
    re.compile(r"^第\s*\d+\s*页(\s*/\s*共\s*\d+\s*页)?$"),
    re.compile(r"^-\s*\d+\s*-$"),
    re.compile(r"^[（(]?(转载|本文转载|版权).{0,30}[)）]?$"),
]
_BIO = re.compile(r"^(作者简介|作者介绍)\s*[:：]")

# Numbered heading styles, most general first; the rank orders them when a document mixes styles.
HEADING_STYLES: list[tuple[str, int, re.Pattern[str]]] = [
    ("chapter", 0, re.compile(r"^第[一二三四五六七八九十百零\d]+[章编部分节](\s|$)")),
    ("cn", 2, re.compile(r"^[一二三四五六七八九十百]+、")),
    ("paren_cn", 3, re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    ("dec2", 5, re.compile(r"^\d{1,2}[.．]\d{1,2}([.．]\d{1,2})*[.．]?\s*[^\d.．\s]")),
    ("dec1", 4, re.compile(r"^\d{1,2}[.．、]\s*[^\d.．\s]")),
    ("paren_num", 6, re.compile(r"^[（(]\d{1,2}[)）]")),
]
RANK_UNNUMBERED = 1
RANK_RUNIN = 9
_CAPTION = re.compile(r"^[图表]\s*\d")
_MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*$")
_RUNIN_ENUM = re.compile(r"^第[一二三四五六七八九十]+[，,、]")


@dataclass
class Line:
    """A line in cleaning: text, page, and what the cleaner has decided it is."""

    text: str
    page: int | None = None
    heading: int | None = None  # heading rank, None for body text
    indented: bool = False  # first-line indent: in a PDF it starts a paragraph
    is_title: bool = False
    markdown_heading: bool = False


@dataclass
class Block:
    """A heading or a paragraph of the stored text, with the pages its lines came from."""

    text: str
    heading: int | None = None
    is_title: bool = False
    runin: str = ""  # a run-in heading ("权责清单。…") names a subsection that starts here
    pages: list[tuple[int, int]] = field(default_factory=list)  # (offset in block, page)


Step = Callable[[list[Line]], list[Line]]


def normalize(lines: list[Line]) -> list[Line]:
    """Trim white space (half and full width) and invisible characters at line ends."""
    out = []
    for line in lines:
        raw = _INVISIBLE.sub("", line.text).replace("\t", " ")
        text = raw.strip(" \u3000\xa0")
        out.append(replace(line, text=text, indented=bool(text) and raw[:1] in " \u3000\xa0"))
    return out


def drop_furniture(lines: list[Line]) -> list[Line]:
    """Remove page furniture: share prompts, editor and source lines, page numbers."""
    return [line for line in lines if not any(p.match(line.text) for p in FURNITURE)]


_SUP = re.compile(r"<sup>.*?</sup>", re.I | re.S)
_TAG = re.compile(r"<!--.*?-->|</?[a-zA-Z][^>\n]{0,200}>")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")


def strip_markup(lines: list[Line]) -> list[Line]:
    """Drop footnote markers, HTML tags and comments, bold markers, Markdown heading hashes and links."""
    out = []
    for line in lines:
        text = _SUP.sub("", line.text)
        text = _TAG.sub("", text)
        text = _BOLD.sub(r"\2", text)
        text = _MD_LINK.sub(r"\1", text)
        md = _MD_HEADING.match(text)
        if md:
            out.append(replace(line, text=md.group(2), markdown_heading=True))
        else:
            out.append(replace(line, text=text.strip()))
    return out


def move_bios(lines: list[Line]) -> list[Line]:
    """Move author bios (作者简介：…) to the end: they interrupt a paragraph at a page break."""
    bios = [line for line in lines if _BIO.match(line.text)]
    if not bios:
        return lines
    rest = [line for line in lines if not _BIO.match(line.text)]
    return [*rest, Line(text="", page=bios[0].page), *bios]


def heading_rank(text: str, *, markdown_heading: bool, allow_plain: bool, max_plain: int = 40) -> int | None:
    """The heading rank of a line, or None when it is body text."""
    if not text:
        return None
    ends_like_sentence = text[-1] in TERMINAL or text[-1] in "，,、"
    for _name, rank, pattern in HEADING_STYLES:
        if pattern.match(text) and len(text) <= 60 and not ends_like_sentence:
            return rank
    if markdown_heading:
        return RANK_UNNUMBERED
    if (
        allow_plain
        and len(text) <= max_plain
        and not ends_like_sentence
        and text[-1] not in "：:"
        and CJK_CHAR.search(text)
        and not _CAPTION.match(text)
        and not text.startswith(("【", "["))
    ):
        return RANK_UNNUMBERED
    return None


def make_heading_marker(fmt: str, title: str) -> Step:
    """Mark headings (numbered styles everywhere; unnumbered short lines in text and PDF)."""

    def mark(lines: list[Line]) -> list[Line]:
        out = []
        widths = sorted(len(line.text) for line in lines if line.text)
        full = widths[int(len(widths) * 0.9)] if widths else 0
        seen_text = 0
        for i, line in enumerate(lines):
            if not line.text:
                out.append(line)
                continue
            prev_blank = i == 0 or not lines[i - 1].text
            next_blank = i + 1 >= len(lines) or not lines[i + 1].text
            allow_plain = fmt == "text" and prev_blank and next_blank
            max_plain = 40
            if fmt == "pdf":
                # In a PDF a short line that ends without punctuation is a heading, not a wrap.
                prev_ends = i == 0 or not lines[i - 1].text or lines[i - 1].text[-1] in TERMINAL + CLOSERS
                allow_plain = prev_ends and (i + 1 >= len(lines) or len(lines[i + 1].text) > 0)
                max_plain = min(40, int(full * 0.7)) if full else 40
            rank = heading_rank(
                line.text, markdown_heading=line.markdown_heading, allow_plain=allow_plain, max_plain=max_plain
            )
            is_title = seen_text < 3 and rank is not None and _same_title(line.text, title)
            is_title = is_title or (seen_text < 3 and rank is None and _same_title(line.text, title))
            seen_text += 1
            out.append(replace(line, heading=rank, is_title=is_title))
        return out

    return mark


def _same_title(text: str, title: str) -> bool:
    a = re.sub(r"\W", "", text)
    b = re.sub(r"\W", "", title)
    return bool(a) and bool(b) and (a == b or b.startswith(a) and len(a) >= 8 or a.startswith(b))


def _ends_paragraph(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return not stripped or stripped[-1] in TERMINAL + "：:"


_LABEL = re.compile(r"^(\S{2,5}[：:]|——|[\[【(（])")


def _continues(prev: str, nxt: str) -> bool:
    """Does `nxt` carry on the sentence `prev` left unfinished (a page break cut it)?"""
    if _ends_paragraph(prev) or prev.endswith("."):
        return False
    # Short lines, labelled lines (摘要：, 关键词：) and subtitles are not cut-off paragraphs.
    return len(prev) >= 20 and not _LABEL.match(prev) and not _LABEL.match(nxt)


def _join(a: str, b: str) -> str:
    # Chinese text joins with nothing between; two Latin words keep a space.
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def make_joiner(fmt: str) -> Callable[[list[Line]], list[Block]]:
    """Join lines into blocks: re-join paragraphs split by page breaks and PDF line wraps."""

    def join(lines: list[Line]) -> list[Block]:
        blocks: list[Block] = []
        widths = sorted(len(line.text) for line in lines if line.text and line.heading is None)
        full = widths[int(len(widths) * 0.9)] if widths else 0
        open_para: Block | None = None
        last_line = ""
        for line in lines:
            if not line.text:
                # A blank line ends a paragraph only if the paragraph reads as finished.
                if open_para is not None and _ends_paragraph(last_line):
                    open_para = None
                continue
            if line.heading is not None or line.is_title:
                open_para = None
                blocks.append(
                    Block(line.text, heading=line.heading, is_title=line.is_title, pages=_pg(0, line.page))
                )
                continue
            if fmt == "pdf":
                # A PDF line that fills the width, or stops mid-sentence, wrapped onto this one.
                goes_on = not line.indented and (len(last_line) >= full * 0.85 or not _ends_paragraph(last_line))
            else:
                goes_on = _continues(last_line, line.text)
            if open_para is not None and goes_on:
                joined = _join(open_para.text, line.text)
                offset = len(joined) - len(line.text)
                open_para.text = joined
                if line.page is not None and (not open_para.pages or open_para.pages[-1][1] != line.page):
                    open_para.pages.append((offset, line.page))
            else:
                open_para = Block(line.text, pages=_pg(0, line.page))
                blocks.append(open_para)
            last_line = line.text
        return blocks

    return join


def _pg(offset: int, page: int | None) -> list[tuple[int, int]]:
    return [] if page is None else [(offset, page)]


def mark_runin(blocks: list[Block]) -> list[Block]:
    """Find run-in headings: a paragraph opening with a short label sentence (权责清单。…)."""
    for block in blocks:
        if block.heading is not None or block.is_title:
            continue
        end = block.text.find("。")
        if end <= 0 or end + 1 >= len(block.text) or len(block.text) < 3 * (end + 1):
            continue
        label = block.text[:end]
        if (len(label) <= 15 and not re.search(r"[，,：:；]", label)) or (
            _RUNIN_ENUM.match(label) and len(label) <= 30
        ):
            block.runin = label
    return blocks


def first_line(raw: RawText) -> str:
    """The first line that survives furniture and markup removal: the fallback title."""
    lines = [Line(text=r.text, page=r.page) for r in raw.lines[:50]]
    for step in (normalize, drop_furniture, strip_markup):
        lines = step(lines)
    return next((line.text for line in lines if line.text), "")


def clean(raw: RawText, *, title: str = "") -> list[Block]:
    """Run every cleaning step over a loaded file and return its blocks."""
    lines = [Line(text=r.text, page=r.page) for r in raw.lines]
    steps: Sequence[Step] = (normalize, drop_furniture, strip_markup, move_bios, make_heading_marker(raw.fmt, title))
    for step in steps:
        lines = step(lines)
    return mark_runin(make_joiner(raw.fmt)(lines))


def assemble(blocks: list[Block]) -> tuple[str, list[tuple[int, int]], list[tuple[int, Block]]]:
    """Stored text (blocks joined by newlines), its page map, and each block's start offset."""
    parts: list[str] = []
    pages: list[tuple[int, int]] = []
    starts: list[tuple[int, Block]] = []
    offset = 0
    for block in blocks:
        starts.append((offset, block))
        for off, page in block.pages:
            if not pages or pages[-1][1] != page:
                pages.append((offset + off, page))
        parts.append(block.text)
        offset += len(block.text) + 1
    return "\n".join(parts), pages, starts


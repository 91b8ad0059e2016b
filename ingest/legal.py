"""Laws and regulations: header and body, headings (第X编/章/节), articles (第X条), 款 and 项.

The header (title, adoption and revision history) becomes metadata; the stored text starts at
the body, whose lines are cleaned by the same steps as any document and never reworded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkb.text import CLOSERS, TERMINAL
from govkb.types import Section
from ingest.clean import Block, Line, drop_furniture, normalize, strip_markup
from ingest.loaders import RawText

INFO_END = "<!-- INFO END -->"
NUM = "零〇一二三四五六七八九十百千两"
# 第八条 / 第一百零一条 / 第十条之一, then a space, or text that does not read as a cross-reference
# (第十条规定的…, 第三条中…); the policy library always writes the space.
ARTICLE = re.compile(rf"^第[{NUM}\d]+条(?:之[{NUM}]+)?(?=[\s\u3000]|$|[^的规中至、，,和或及与（(所第之款项])")
HEADING = re.compile(rf"^第[{NUM}\d]+(分编|编|章|节)(?:[\s\u3000]+|$|(?=[\u4e00-\u9fff]))")
HEADING_RANK = {"编": 0, "分编": 1, "章": 2, "节": 3}
RANK_OTHER = 4  # a Markdown heading without a number (附件, 一、附则 …)
ITEM = re.compile(r"^[（(][一二三四五六七八九十百]+[)）]")
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_EVENT = re.compile(r"通过|修正|修订|公布|发布|施行|批准|国务院令")


def article_number(text: str) -> str:
    """"第八条" for a paragraph that starts an article, else ""."""
    m = ARTICLE.match(text)
    return m.group(0) if m else ""


def is_legal(raw: RawText) -> bool:
    """A law or regulation: at least three paragraphs open an article, 第一条 among them."""
    numbers = [article_number(r.text.strip(" \u3000\xa0#")) for r in raw.lines]
    found = [n for n in numbers if n]
    return len(found) >= 3 and "第一条" in found


def heading_title(text: str) -> str:
    """A heading as a section path shows it: "第一章  总  则" -> "第一章 总则"."""
    m = HEADING.match(text)
    if not m:
        return re.sub(r"\s+", " ", text).strip()
    rest = re.sub(r"(?<=[\u4e00-\u9fff])[\s\u3000]+(?=[\u4e00-\u9fff])", "", text[m.end() :].strip())
    return f"{text[: m.end()].strip()} {rest}".strip()


def _heading_rank(line: Line) -> int | None:
    text = line.text
    m = HEADING.match(text)
    if m and (line.markdown_heading or (len(text) <= 40 and text[-1] not in TERMINAL + "，,、：:")):
        return HEADING_RANK[m.group(1)]
    return RANK_OTHER if line.markdown_heading else None


@dataclass
class LawText:
    """A legal text split into its header lines (metadata) and its body (the stored text)."""

    title: str
    header: list[str]
    body: list[Line]
    has_articles: bool


def _is_header_line(text: str) -> bool:
    return bool(_DATE.search(text) or _EVENT.search(text)) and not ARTICLE.match(text) and len(text) <= 300


def split_header(raw: RawText) -> tuple[list[Line], list[Line]]:
    """(header lines, body lines): before `<!-- INFO END -->`, or else the title and the date and
    通过/修订/公布/施行 paragraphs before the first heading or article. A header paragraph runs on
    over the lines a PDF wrapped it into (neither indented nor after a blank line)."""
    marker = next((i for i, r in enumerate(raw.lines) if r.text.strip() == INFO_END), None)
    lines = [Line(text=r.text, page=r.page) for r in raw.lines]
    if marker is not None:
        return _clean(lines[:marker]), _clean(lines[marker + 1 :])
    lines = _clean(lines)
    seen_title = False
    blank = True
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            blank = True
            continue
        if ARTICLE.match(text) or (HEADING.match(text) and _heading_rank(line) is not None):
            return lines[:i], lines[i:]
        new_paragraph = blank or line.indented
        blank = False
        if not seen_title or _is_header_line(text) or not new_paragraph:
            seen_title = True
            continue
        return lines[:i], lines[i:]
    return [], lines


def _clean(lines: list[Line]) -> list[Line]:
    for step in (normalize, drop_furniture, strip_markup):
        lines = step(lines)
    return lines


def _ends_paragraph(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return not stripped or stripped[-1] in TERMINAL + "：:"


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def _plain_heading(lines: list[Line], i: int) -> bool:
    """An unnumbered sub-heading (业主委员会, 总则): a short line without punctuation between a
    finished paragraph and the next article or heading."""
    text = lines[i].text
    if len(text) > 20 or re.search(r"[，,。；;：:、）)]", text) or ARTICLE.match(text) or ITEM.match(text):
        return False
    prev = next((x.text for x in reversed(lines[:i]) if x.text), "")
    nxt = next((x for x in lines[i + 1 :] if x.text), None)
    return (
        nxt is not None
        and (not prev or _ends_paragraph(prev) or bool(HEADING.match(prev)))
        and bool(ARTICLE.match(nxt.text) or _heading_rank(nxt) is not None)
    )


def body_blocks(lines: list[Line], fmt: str) -> list[Block]:
    """Blocks of a law's body: a heading, or one 款 or 项. A new block starts at every heading,
    article and item line; other lines join the open paragraph when it reads as unfinished (a
    PDF line wrap or a page break), never when a blank line follows a finished sentence."""
    widths = sorted(len(line.text) for line in lines if line.text)
    full = widths[int(len(widths) * 0.9)] if widths else 0
    blocks: list[Block] = []
    open_para: Block | None = None
    last = ""
    blank = False
    for i, line in enumerate(lines):
        if not line.text:
            blank = True
            continue
        rank = _heading_rank(line)
        if rank is None and _plain_heading(lines, i):
            rank = RANK_OTHER
        starts = rank is not None or bool(ARTICLE.match(line.text) or ITEM.match(line.text))
        if fmt == "pdf":
            goes_on = not line.indented and (len(last) >= full * 0.85 or not _ends_paragraph(last))
        else:
            goes_on = not _ends_paragraph(last) and not (blank and len(last) < 20)
        if rank is None and not starts and blocks and blocks[-1].heading is not None and blocks[-1].text[-1] in "、，,（(和与及":
            blocks[-1].text += line.text  # a heading wrapped onto a second line
            continue
        if rank is not None:
            open_para = None
            blocks.append(Block(line.text, heading=rank, pages=_pg(0, line.page)))
        elif open_para is not None and goes_on and not starts:
            joined = _join(open_para.text, line.text)
            if line.page is not None and (not open_para.pages or open_para.pages[-1][1] != line.page):
                open_para.pages.append((len(joined) - len(line.text), line.page))
            open_para.text = joined
        else:
            open_para = Block(line.text, pages=_pg(0, line.page))
            blocks.append(open_para)
        last = line.text if rank is None else ""
        blank = False
    return blocks


def _pg(offset: int, page: int | None) -> list[tuple[int, int]]:
    return [] if page is None else [(offset, page)]


def has_header(raw: RawText) -> bool:
    """The policy library's format: a header closed by `<!-- INFO END -->`."""
    return any(r.text.strip() == INFO_END for r in raw.lines[:60])


_TOC = re.compile(r"^目\s*录$")


def _without_toc(body: list[Line]) -> list[Line]:
    """A table of contents (目录, then the chapter headings, then the same headings again with their
    articles) is navigation, not body text: the body starts where its first heading comes back."""
    first_article = next((i for i, x in enumerate(body) if ARTICLE.match(x.text)), len(body))
    heads = [(i, heading_title(x.text)) for i, x in enumerate(body[:first_article]) if HEADING.match(x.text)]
    again = next((i for i, t in heads[1:] if heads and t == heads[0][1]), None)
    if again is None:
        return [x for i, x in enumerate(body) if not (i < first_article and _TOC.match(x.text))]
    return body[again:]


def read_law(raw: RawText) -> LawText:
    """Header and body of a legal text; a copy of the title repeated above the first heading or
    article belongs to the header, and a table of contents to neither."""
    head, body = split_header(raw)
    header = [line.text for line in head if line.text and not _TOC.match(line.text)]
    title = header[0] if header else ""
    body = _without_toc(body)
    first = next((i for i, x in enumerate(body) if ARTICLE.match(x.text) or HEADING.match(x.text)), len(body))
    same = re.sub(r"\s", "", title)
    body = [x for i, x in enumerate(body) if not (i < first and same and re.sub(r"\s", "", x.text) == same)]
    has_articles = any(article_number(x.text) == "第一条" for x in body)
    return LawText(title=title, header=header[1:], body=body, has_articles=has_articles)


def law_sections(text: str, starts: list[tuple[int, Block]]) -> list[Section]:
    """Headings and articles as sections: path = 编 › 章 › 节 › 第X条 (" > " between)."""
    ranks = sorted({b.heading for _, b in starts if b.heading is not None})
    level_of = {rank: i + 1 for i, rank in enumerate(ranks)}
    found: list[tuple[int, int, str, str]] = []  # (start, level, title, kind)
    for offset, block in starts:
        if block.heading is not None:
            found.append((offset, level_of[block.heading], heading_title(block.text), ""))
        elif number := article_number(block.text):
            found.append((offset, len(ranks) + 1, number, "article"))
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    for i, (offset, level, title, kind) in enumerate(found):
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        end = next((o - 1 for o, lv, _, _ in found[i + 1 :] if lv <= level), len(text))
        path = " > ".join(t for _, t in stack)
        sections.append(Section(level=level, title=title, path=path, start=offset, end=max(end, offset), kind=kind))
    return sections



_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> int:
    """Chinese numerals (or digits) as an int: 一百零一 -> 101, 十 -> 10, 二十三 -> 23."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
    return total + digit

"""What in a draft (speech, lesson slides, Markdown or plain text) claims to come from a source: quotations
and sentences that name one. Pure text work, no knowledge base.

A *claim* is either
- a **quotation**: text in “…”, 「…」, 『…』 or "…" (outermost marks only) of at least QUOTE_MIN word
  characters or with punctuation inside — shorter ones such as “三管” or “五社联动” are terms, not
  quotations — or, in a sentence that names a source, of at least TERM_MIN word characters when it
  is introduced as the content (after ：，or a reporting verb: 第八条规定“每届任期五年”); or
- a **statement**: a sentence with no such quotation that names a source — a work in 《…》, an
  article 第X条, a basis (根据/依据/依照/按照 … 规定), or a reporting verb introducing content
  (指出/强调/规定/写道/明确/提出 followed by ：，or a quotation mark). What is checked is the sentence
  without its attribution (“根据《…》第八条规定，” is dropped); if nothing of substance is left it is
  a **reference** (“详见《…》第八条。”), checked for the work and article existing.
Each claim records the work and article the draft attributes it to (nearest 《…》 in its sentence).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from app.quotematch import NUMERALS, content
from govkb.errors import GovKBError
from govkb.text import sentence_spans

QUOTE_MIN = 10
TERM_MIN = 4
STATEMENT_MIN = 6
OPEN_CLOSE = {"“": "”", "「": "」", "『": "』"}
_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_ARTICLE = re.compile(f"第[{NUMERALS}\\d]+条(?:之[{NUMERALS}]+)?")
_BASIS = re.compile(r"(根据|依据|依照|按照)[^。！？；\n]{0,60}?(规定|要求|精神)")
_REPORTS = "指出|强调|规定|写道|明确|提出"  # the verbs a quotation's source is introduced with
_REPORT = re.compile(f"({_REPORTS})(?=[:：,，“「『])")
_INTRO = re.compile(f"([:：,，]|{_REPORTS}|说|道)\\s*$")
_LEAD_BASIS = re.compile(r"^(根据|依据|依照|按照)[^，,：:。]*[，,：:]")
_LEAD_REPORT = re.compile(f"^[^，,：:。“「]*?({_REPORTS})[：:，,]?")
_TAIL_REF = re.compile(r"[（(]\s*(见|参见|详见|引自|出自)?\s*《[^》]+》[^）)]*[）)]\s*$")
_PAREN_REF = re.compile(r"^[（(][^）)]*《[^》]+》[^）)]*[）)][。；;]?$")
_MARKUP = re.compile(r"\*\*|__|`|!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
_BULLET = re.compile(r"^\s*(#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)")


class DraftError(GovKBError):
    """A draft file that cannot be read."""

    exit_code = 2


def read_draft(path: Path) -> str:
    """A draft's text: UTF-8 (with or without BOM), else GB18030; PDFs and Word files are refused."""
    if path.suffix.lower() in (".pdf", ".doc", ".docx", ".ppt", ".pptx"):
        raise DraftError(f"文稿 {path} 是 {path.suffix} 文件：请另存为 TXT 或 Markdown（UTF-8）后再核查。")
    if not path.is_file():
        raise DraftError(f"文稿文件 {path} 不存在，请检查路径（或用 - 从标准输入读取）。")
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise DraftError(f"无法读取文稿 {path}：不是 UTF-8 或 GBK 编码的文本，请另存为 UTF-8 的 TXT 或 Markdown。")


@dataclass
class Claim:
    n: int
    kind: str  # "quotation", "statement" or "reference"
    text: str  # what is checked against the library
    line: int  # 1-based line of the draft where it starts
    sentence: str  # the draft sentence it is in
    title: str = ""  # the work the draft names for it, as written (without 《》)
    article: str = ""  # 第X条 as written


_ENDS = "。！？!?；;…”」』"


def paragraphs(draft: str) -> list[tuple[int, str]]:
    """(first line number, text) of each paragraph: Markdown markup and list bullets dropped,
    wrapped lines (ending mid-sentence) joined without a space between Chinese characters."""
    out: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for n, raw in enumerate(draft.splitlines(), 1):
        bullet = _BULLET.match(raw)
        line = _curly(_MARKUP.sub(lambda m: m.group(1) or "", raw[bullet.end() :] if bullet else raw).strip())
        if current and (not line or bullet):
            out.append((first, "".join(current)))
            current = []
        if line:
            if not current:
                first = n
            elif current[-1][-1:].isascii() and line[:1].isascii():
                line = " " + line
            current.append(line)
            if line[-1] in _ENDS:  # a line that ends a sentence ends its paragraph (one per line in most drafts)
                out.append((first, "".join(current)))
                current = []
    if current:
        out.append((first, "".join(current)))
    return out


def _curly(line: str) -> str:
    """ASCII double quotes in a line turned into “ and ” by turns (same length, so offsets hold)."""
    parts = line.split('"')
    if len(parts) < 3 or len(parts) % 2 == 0:
        return line  # none, one, or an odd number: not pairs
    return "".join(p + ("" if i == len(parts) - 1 else "“”"[i % 2]) for i, p in enumerate(parts))


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost quotations in `text`, marks included; unclosed ones are left out."""
    spans = []
    stack: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                spans.append((start, i + 1))
        elif ch in OPEN_CLOSE:
            if not stack:
                start = i
            stack.append(OPEN_CLOSE[ch])
    return spans


def is_claim(sentence: str) -> bool:
    """Whether a sentence says where its content comes from (outside its own quotations)."""
    bare = _outside_quotes(sentence)
    return bool(_TITLE.search(bare) or _ARTICLE.search(bare) or _BASIS.search(bare) or _REPORT.search(sentence))


def _outside_quotes(sentence: str) -> str:
    out, last = [], 0
    for a, b in quotations(sentence):
        out.append(sentence[last:a])
        out.append("“”")
        last = b
    out.append(sentence[last:])
    return "".join(out)


def attribution(sentence: str, at: int) -> tuple[str, str]:
    """The work (《…》) and article (第X条) the sentence gives for text at offset `at`: the nearest
    title before it, else the first after it; the article right after that title, else any."""
    inside = quotations(sentence)
    titles = [m for m in _TITLE.finditer(sentence) if not any(a < m.start() < b for a, b in inside)]
    before = [m for m in titles if m.start() < at]
    title = before[-1] if before else (titles[0] if titles else None)
    article = ""
    if title is not None:
        near = _ARTICLE.match(sentence, title.end())
        article = near.group(0) if near else ""
    if not article:
        found = [m for m in _ARTICLE.finditer(sentence) if not any(a < m.start() < b for a, b in inside)]
        article = found[0].group(0) if found else ""
    return (title.group(1).strip() if title else ""), article


def statement_text(sentence: str) -> str:
    """The content a source-naming sentence claims: its attribution lead-in and trailing reference dropped."""
    s = _TAIL_REF.sub("", sentence.strip())
    for lead in (_LEAD_BASIS, _LEAD_REPORT):
        m = lead.match(s)
        if m:
            s = s[m.end() :]
    s = _TITLE.sub("", s)
    s = re.sub(f"^{_ARTICLE.pattern}(?:第[{NUMERALS}]+款)?(?:规定)?[：:，,]?", "", s.strip())
    return s.strip(" ：:，,")


def extract_claims(draft: str) -> list[Claim]:
    """Every quotation and every source-naming sentence of the draft, in order."""
    claims: list[Claim] = []
    for line, para in paragraphs(draft):
        spans: list[tuple[int, int]] = []
        for a, b in sentence_spans(para):
            if spans and _PAREN_REF.match(para[a:b]):  # “…。”（《…》第八条） belongs to the quotation before
                a = spans.pop()[0]
            spans.append((a, b))
        for a, b in spans:
            sentence = para[a:b]
            claim = is_claim(sentence)
            quoted = []
            for qa, qb in quotations(sentence):
                words = len(content(sentence[qa:qb])[0])
                inner = sentence[qa + 1 : qb - 1]
                introduced = bool(_INTRO.search(sentence[:qa]))
                if words >= QUOTE_MIN or any(p in inner for p in "，,。；;！？") or (claim and introduced and words >= TERM_MIN):
                    quoted.append((qa, qb))
            for qa, qb in quoted:
                title, article = attribution(sentence, qa)
                claims.append(Claim(0, "quotation", sentence[qa + 1 : qb - 1], line, sentence, title, article))
            if claim and not quoted:
                title, article = attribution(sentence, len(sentence))
                text = statement_text(sentence)
                kind = "statement" if len(content(text)[0]) >= STATEMENT_MIN else "reference"
                if kind == "statement" or title:
                    claims.append(Claim(0, kind, text if kind == "statement" else "", line, sentence, title, article))
    for n, c in enumerate(claims, 1):
        c.n = n
    return claims


def normal_title(title: str) -> str:
    """A title for comparison: NFKC, no 中华人民共和国, no brackets, dates or white space."""
    t = unicodedata.normalize("NFKC", title)
    t = re.sub(r"[(（][^)）]*[)）]|\d{4}[-年.]\d{1,2}[-月.]\d{1,2}日?", "", t)
    t = re.sub(r"[\s《》〈〉<>]", "", t)
    return t.replace("中华人民共和国", "")


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def matching_titles(named: str, titles: dict[str, str]) -> list[str]:
    """Ids of the documents (id -> title) a title as written in a draft refers to: the same title,
    else titles ending with it (《突发事件应对法》), else abbreviations of it (《居委会组织法》)."""
    want = normal_title(named)
    if len(want) < 2:
        return []
    norm = {doc_id: normal_title(t) for doc_id, t in titles.items()}
    for test in (
        lambda t: t == want,
        lambda t: t.endswith(want),
        lambda t: len(want) >= 4 and t[-2:] == want[-2:] and _subsequence(want, t),
    ):
        found = [doc_id for doc_id, t in norm.items() if t and test(t)]
        if found:
            return found
    return []


def book(title: str) -> str:
    """A title in book marks, inner ones turned to 〈〉 (《北京市实施〈城市居民委员会组织法〉办法》)."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"

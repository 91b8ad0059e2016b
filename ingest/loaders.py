"""Loaders: turn a file into raw lines (with page numbers for PDF), or raise IngestError."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govkb.settings import IngestLimits
from ingest.errors import IngestError

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".pdf")


@dataclass(frozen=True)
class RawLine:
    """One line of a source file as loaded, before cleaning."""

    text: str
    page: int | None = None


@dataclass(frozen=True)
class RawText:
    """A loaded file: its lines and the format that decides how it is cleaned."""

    lines: list[RawLine]
    fmt: str  # "text", "markdown" or "pdf"


def decode_text(path: Path, data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or GB18030/GBK; anything else is a named error."""
    if not data.strip():
        raise IngestError(path, "空文件，没有可读取的文本")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    candidates = [best.encoding] if best is not None else []
    # GB18030 is a superset of GBK/GB2312: try it whenever the detector leans Chinese or is unsure.
    for enc in [*candidates, "gb18030"]:
        if enc and enc.replace("_", "").lower() in {"gb18030", "gbk", "gb2312", "big5", "utf16", "utf32"}:
            try:
                text = data.decode("gb18030" if enc.lower() in {"gbk", "gb2312"} else enc)
            except (UnicodeDecodeError, LookupError):
                continue
            if _looks_like_text(text):
                return text
    raise IngestError(path, "文本编码无法识别（支持 UTF-8、GBK/GB18030），请另存为 UTF-8 后重试")


def garbage_ratio(text: str) -> float:
    """Share of characters that are U+FFFD, private-use or control characters (white space aside)."""
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 1.0
    bad = sum(1 for ch in chars if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0)
    return bad / len(chars)


def _looks_like_text(text: str) -> bool:
    # A decoding that yields even 1 % of garbage is the wrong encoding, not a bad document.
    return garbage_ratio(text) < 0.01


def load_file(path: Path, limits: IngestLimits) -> RawText:
    """Load `path` by its suffix; unknown suffixes and unreadable files raise IngestError."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(path, f"不支持的文件类型 “{suffix or '无扩展名'}”（支持 TXT、Markdown、PDF）")
    if not path.is_file():
        raise IngestError(path, "文件不存在")
    size_mb = path.stat().st_size / 1e6
    if size_mb > limits.max_file_mb:
        raise IngestError(path, f"文件过大（{size_mb:.1f} MB，上限 {limits.max_file_mb:g} MB）")
    if suffix == ".pdf":
        from ingest.pdf import read_pdf_pages

        pages = read_pdf_pages(
            path, timeout_s=limits.pdf_timeout_s, memory_mb=limits.pdf_memory_mb, max_pages=limits.max_pages
        )
        lines = [RawLine(line, page=i + 1) for i, page_text in enumerate(pages) for line in page_text.split("\n")]
        return RawText(lines=lines, fmt="pdf")
    text = decode_text(path, path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = "markdown" if suffix in (".md", ".markdown") else "text"
    return RawText(lines=[RawLine(line) for line in text.split("\n")], fmt=fmt)

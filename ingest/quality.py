"""Text quality gate: pages of garbage (replacement, private-use, control characters) are dropped."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import IngestError
from ingest.loaders import RawLine, RawText, garbage_ratio


def check_quality(path: Path, raw: RawText, *, max_garbage: float = 0.3) -> tuple[RawText, list[str]]:
    """Drop garbage pages with a warning; raise IngestError when nothing readable is left."""
    if raw.fmt != "pdf":
        if garbage_ratio("\n".join(line.text for line in raw.lines)) > max_garbage:
            raise IngestError(path, "文本大部分是乱码（替换字符或控制字符），未入库")
        return raw, []
    by_page: dict[int, list[RawLine]] = {}
    for line in raw.lines:
        by_page.setdefault(line.page or 0, []).append(line)
    kept: list[RawLine] = []
    warnings: list[str] = []
    for page, lines in by_page.items():
        text = "\n".join(line.text for line in lines)
        if not text.strip():
            warnings.append(f"第 {page} 页没有文本层（可能是扫描页），已跳过")
        elif garbage_ratio(text) > max_garbage:
            warnings.append(f"第 {page} 页文本大部分是乱码，已跳过")
        else:
            kept.extend(lines)
    if not kept:
        reason = "扫描件，没有文本层，需要 OCR" if all("没有文本层" in w for w in warnings) else "PDF 文本全部是乱码，未入库"
        raise IngestError(path, reason)
    return RawText(lines=kept, fmt=raw.fmt), warnings

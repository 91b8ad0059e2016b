"""Generate PDFs for tests: good Chinese text, encrypted, image-only, truncated, corrupt, bombs."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

BODY = "社区党组织居中主持，按照合理划分、责任清晰、任务适当的原则，开列权责清单。"


def text_pdf(path: Path, pages: int = 3, body: str = BODY) -> Path:
    """A few pages of Chinese text in STSong-Light, one short paragraph a page."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    for i in range(pages):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, f"第{i + 1}页：{body}")
        c.showPage()
    c.save()
    return path


def image_only_pdf(path: Path) -> Path:
    """A 'scanned' page: shapes and no text layer."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(72, 500, 300, 200, fill=1)
    c.circle(300, 300, 80, fill=1)
    c.showPage()
    c.save()
    return path


def encrypted_pdf(src: Path, dest: Path, user_password: str, owner_password: str = "owner") -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(src)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    with dest.open("wb") as fh:
        writer.write(fh)
    return dest


def truncated_pdf(src: Path, dest: Path) -> Path:
    data = src.read_bytes()
    dest.write_bytes(data[: len(data) // 3])
    return dest


def corrupt_pdf(dest: Path) -> Path:
    dest.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF")
    return dest


def _raw_pdf(content: bytes, extra_objects: list[bytes] | None = None, stream: bytes | None = None) -> bytes:
    """A minimal one-page PDF around a Flate-compressed content stream (`content`, or `stream` already compressed)."""
    stream = zlib.compress(content, 9) if stream is None else stream
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(extra_objects or []),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def bomb_pdf(dest: Path, megabytes: int = 600) -> Path:
    """A content stream of about 2 MB that inflates to `megabytes` MB of text operators."""
    line = b"BT /F1 12 Tf 72 700 Td (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj ET\n"
    dest.write_bytes(_raw_pdf(b"", stream=_deflated_repeats(line * (1024 * 1024 // len(line)), megabytes)))
    return dest


def _deflated_repeats(block: bytes, times: int) -> bytes:
    """The zlib stream of `block * times`, without compressing (or holding) the whole: after a full flush
    the compressor starts afresh, so each further block compresses to the same bytes (seconds saved)."""
    c = zlib.compressobj(9)
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)  # the 2-byte zlib header, then the block
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(block, checksum)
    return first + again * (times - 1) + b"\x03\x00" + struct.pack(">I", checksum)  # empty final block, Adler-32


def nested_pdf(dest: Path, depth: int = 100_000) -> Path:
    """An object nested 100 000 arrays deep: naive recursive parsers blow the stack."""
    deep = b"[" * depth + b"]" * depth
    dest.write_bytes(_raw_pdf(b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n", [b"<< /Deep " + deep + b" >>"]))
    return dest


def law_pdf(src: Path, dest: Path, width: int = 36, lines_per_page: int = 40) -> Path:
    """A Markdown law typeset as a PDF would print it: paragraphs wrapped at `width` characters
    with a first-line indent, headings on their own line, pages of `lines_per_page` lines."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    rows: list[str] = []
    for line in src.read_text(encoding="utf-8").splitlines():
        text = line.lstrip("#").strip()
        if not text or text == "<!-- INFO END -->":
            continue
        if line.startswith("#"):
            rows.append(text)
            continue
        para = "\u3000\u3000" + text
        rows.extend(para[i : i + width] for i in range(0, len(para), width))
    c = canvas.Canvas(str(dest), pagesize=A4)
    for n, row in enumerate(rows):
        if n and n % lines_per_page == 0:
            c.showPage()
        if n % lines_per_page == 0:
            c.setFont("STSong-Light", 11)
        c.drawString(60, 780 - 18 * (n % lines_per_page), row)
    c.showPage()
    c.save()
    return dest

"""Bad files: each gets a named, clear error; the good ones beside it are still ingested."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.kb import KnowledgeBase
from ingest.errors import IngestError
from ingest.loaders import decode_text
from ingest.pdf import read_pdf_pages
from ingest.pipeline import prepare_file
from tests import pdfs
from tests.conftest import ingest


@pytest.fixture
def good_pdf(tmp_path: Path) -> Path:
    return pdfs.text_pdf(tmp_path / "good.pdf")


def _error(path: Path, **kw: object) -> str:
    with pytest.raises(IngestError) as info:
        if kw:
            read_pdf_pages(path, **kw)  # type: ignore[arg-type]
        else:
            prepare_file(path)
    assert path.name in str(info.value)
    return info.value.reason


def test_good_pdf_keeps_pages(good_pdf: Path) -> None:
    prepared = prepare_file(good_pdf)
    doc = prepared.document
    assert pdfs.BODY in doc.text
    assert [page for _, page in doc.pages] == [1, 2, 3]
    assert doc.page_at(doc.text.index("第2页")) == 2 and doc.page_at(doc.text.index("第3页")) == 3
    assert prepared.chunks[0].page == 1 and prepared.chunks[-1].page_end == 3


def test_truncated_and_corrupt_pdfs(good_pdf: Path, tmp_path: Path) -> None:
    assert "损坏" in _error(pdfs.truncated_pdf(good_pdf, tmp_path / "truncated.pdf")) or "没有文本层" in _error(
        tmp_path / "truncated.pdf"
    )
    assert "损坏" in _error(pdfs.corrupt_pdf(tmp_path / "corrupt.pdf"))


def test_encrypted_pdf_without_password_is_named(good_pdf: Path, tmp_path: Path) -> None:
    reason = _error(pdfs.encrypted_pdf(good_pdf, tmp_path / "locked.pdf", user_password="secret"))
    assert "加密文件" in reason


def test_aes_encrypted_pdf_with_empty_user_password_is_read(good_pdf: Path, tmp_path: Path) -> None:
    path = pdfs.encrypted_pdf(good_pdf, tmp_path / "open-aes.pdf", user_password="")
    assert pdfs.BODY in prepare_file(path).document.text


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    assert "扫描件" in _error(pdfs.image_only_pdf(tmp_path / "scan.pdf"))


def test_pdf_bomb_ends_with_an_error_under_the_memory_cap(tmp_path: Path) -> None:
    path = pdfs.bomb_pdf(tmp_path / "bomb.pdf", megabytes=600)
    assert path.stat().st_size < 5_000_000
    reason = _error(path, memory_mb=300, timeout_s=60)
    assert "压缩炸弹" in reason


def test_memory_cap_ends_a_parse_with_a_named_error(good_pdf: Path) -> None:
    # 40 MB of address space is too little for the parser: the child dies, we report it.
    assert "内存" in _error(good_pdf, memory_mb=40, timeout_s=60)


def test_deeply_nested_pdf_ends_with_an_error_or_text(tmp_path: Path) -> None:
    path = pdfs.nested_pdf(tmp_path / "nested.pdf")
    try:
        pages = read_pdf_pages(path, timeout_s=60, memory_mb=512)
    except IngestError as exc:
        assert exc.reason  # a named error, not a hang or a crash of this process
    else:
        assert pages == ["x"] or pages[0].strip() == "x"


def test_timeout_stops_a_slow_parse(tmp_path: Path) -> None:
    path = pdfs.text_pdf(tmp_path / "long.pdf", pages=400)
    assert "超时" in _error(path, timeout_s=0.2, memory_mb=1024)


def test_page_cap(tmp_path: Path) -> None:
    path = pdfs.text_pdf(tmp_path / "many.pdf", pages=12)
    assert "页数过多" in _error(path, max_pages=10)


def test_encodings_are_detected_not_guessed(tmp_path: Path) -> None:
    text = "第一条 社区应当建立权责清单，明确驻区单位的单独责任和共同责任。𠀀"  # the last is GB18030-only
    for enc in ("utf-8", "utf-8-sig", "gb18030"):
        assert decode_text(tmp_path / "x.txt", text.encode(enc)) == text
    gbk = text[:-1]
    assert decode_text(tmp_path / "x.txt", gbk.encode("gbk")) == gbk
    controls = tmp_path / "controls.txt"
    controls.write_bytes(bytes(range(1, 32)) * 50)
    assert "乱码" in _error(controls)
    high = tmp_path / "high.txt"
    high.write_bytes(bytes([0xFF, 0x80, 0xFE, 0x30]) * 200)
    reason = _error(high)
    assert "编码" in reason or "乱码" in reason


def test_garbage_text_is_not_indexed(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_text("\ufffd" * 300 + "\ue000" * 300 + "正文", encoding="utf-8")
    assert "乱码" in _error(path)


def test_one_bad_file_never_stops_the_rest(make_settings, tmp_path: Path, good_pdf: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    pdfs.text_pdf(folder / "ok.pdf")
    pdfs.encrypted_pdf(good_pdf, folder / "locked.pdf", user_password="secret")
    pdfs.image_only_pdf(folder / "scan.pdf")
    pdfs.corrupt_pdf(folder / "corrupt.pdf")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "ok-text.txt").write_text("标题\n\n社区应急物资由网格长每月清点一次。", encoding="utf-8")
    kb = KnowledgeBase(make_settings())
    report = ingest(kb, folder)
    status = {Path(f.path).name: f.status for f in report.files}
    assert status == {"ok.pdf": "added", "ok-text.txt": "added", "locked.pdf": "error", "scan.pdf": "error",
                      "corrupt.pdf": "error", "empty.txt": "error"}
    reasons = {Path(f.path).name: f.reason for f in report.errors}
    assert "加密" in reasons["locked.pdf"] and "OCR" in reasons["scan.pdf"]
    assert {c.doc_id for c in kb.chunks().values()} == {"ok", "ok-text"}
    # Nothing half-ingested from the failures, and a re-run changes nothing.
    assert ingest(kb, folder).embedded == 0
    assert sorted(kb.manifest()) == ["ok", "ok-text"]

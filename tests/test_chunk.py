"""Chunking: sentences, sections and offsets on the shipped corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.catalog import read_catalog
from ingest.chunk import sentence_spans
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.pipeline import prepare_file
from tests.conftest import CORPUS

CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in SUPPORTED_SUFFIXES)


def test_sentences_split_on_chinese_punctuation_and_keep_quotes_whole() -> None:
    text = "他说：“要坚持党建引领。要广泛组织。”随后开会。是吗？是的；好"
    parts = [text[a:b] for a, b in sentence_spans(text)]
    assert parts == ["他说：“要坚持党建引领。要广泛组织。”", "随后开会。", "是吗？", "是的；", "好"]


def test_corpus_is_shipped() -> None:
    assert len(CORPUS_FILES) == 5
    assert any(p.suffix == ".pdf" for p in CORPUS_FILES)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_every_chunk_is_its_document_text_at_its_offsets(path: Path) -> None:
    prepared = prepare_file(path, catalog=read_catalog(path.parent))
    doc = prepared.document
    assert prepared.chunks
    for chunk in prepared.chunks:
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert len(chunk.text) <= 400
    # Chunks cover the document: every sentence is in some chunk.
    covered = set()
    for chunk in prepared.chunks:
        covered.update(range(chunk.start, chunk.end))
    for a, b in sentence_spans(doc.text):
        assert a in covered, doc.text[a:b]


def test_chunk_ids_are_deterministic() -> None:
    path = CORPUS / "party-led-resilience-paths-dahe.txt"
    first = [c.chunk_id for c in prepare_file(path).chunks]
    second = [c.chunk_id for c in prepare_file(path).chunks]
    assert first == second and len(set(first)) == len(first)


def test_section_path_names_the_rights_list_subsection() -> None:
    path = CORPUS / "party-led-resilience-paths-dahe.txt"
    chunks = prepare_file(path, catalog=read_catalog(CORPUS)).chunks
    target = [c for c in chunks if "开列权责清单" in c.text]
    assert target and target[0].section.startswith("四、完善“三张清单”")
    assert target[0].section.endswith("> 权责清单")


def test_chunks_never_cross_a_top_level_section() -> None:
    path = CORPUS / "huasheng-resilient-community.md"
    prepared = prepare_file(path, catalog=read_catalog(CORPUS))
    tops = [s for s in prepared.document.sections if s.level == 1]
    for chunk in prepared.chunks:
        inside = [s for s in tops if s.start <= chunk.start < s.end + 1]
        for s in inside:
            assert chunk.end <= s.end + 1, (chunk.section, s.title)


def test_pdf_chunks_carry_page_numbers() -> None:
    path = next(p for p in CORPUS_FILES if p.suffix == ".pdf")
    prepared = prepare_file(path, catalog=read_catalog(CORPUS))
    pages = {c.page for c in prepared.chunks}
    assert None not in pages and min(pages) == 1 and max(pages) >= 3
    # Pages rise through the document.
    ordered = [c.page for c in sorted(prepared.chunks, key=lambda c: c.start)]
    assert ordered == sorted(ordered)

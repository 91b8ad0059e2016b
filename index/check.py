"""Consistency check of a knowledge base: manifest, stored documents, Chroma and the keyword index agree."""

from __future__ import annotations

from dataclasses import dataclass, field

from index import view as views
from index.kb import KnowledgeBase


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0
    redo: set[str] = field(default_factory=set)  # documents to forget and ingest again from their source
    orphans: set[str] = field(default_factory=set)  # chunk ids that belong to no document
    pending: str | None = None  # the document an interrupted write left half done
    stray: set[str] = field(default_factory=set)  # chunk ids gone from the store whose sentence vectors remain

    @property
    def ok(self) -> bool:
        return not self.problems


def check(kb: KnowledgeBase) -> CheckReport:
    """Every disagreement between the parts of the knowledge base, and what would repair it.

    Judged against the stored records themselves (in http mode: the server's documents collection
    and journal), never against this instance's caches: a document another instance wrote is a
    document here too."""
    report = CheckReport()
    pending = kb.docs.pending()
    manifest = kb.manifest()
    stored = set(kb.doc_ids())
    chunks = {c.chunk_id: c for c in kb.store.all_chunks()}
    report.documents, report.chunks = len(manifest), len(chunks)

    built_by = kb.store.built_by()
    if built_by != (kb.embedder.name, kb.embedder.dim):
        report.problems.append(f"向量库的嵌入模型 {built_by[0]}/{built_by[1]} 与设置不符（应重建）")
    if pending is not None:
        report.problems.append(f"有未完成的写入：{pending}（写入实例中断时留下；写入实例重启或 `govkb check --repair` 会清理）")
        report.pending = pending
    for doc_id in sorted(set(manifest) - stored - {pending}):
        report.problems.append(f"清单中有 {doc_id}，但缺少存储的文档文本")
        report.redo.add(doc_id)
    for doc_id in sorted(stored - set(manifest) - {pending}):
        report.problems.append(f"存储了文档 {doc_id}，但清单中没有（未完成的入库）")
        report.redo.add(doc_id)
    by_doc: dict[str, list[str]] = {}
    for cid, c in chunks.items():
        by_doc.setdefault(c.doc_id, []).append(cid)
    texts = {d.doc_id: d for d in kb.docs.get_many(sorted(set(manifest) - {pending}))}
    for doc_id, entry in sorted(manifest.items()):
        if doc_id == pending:
            continue
        have = len(by_doc.get(doc_id, []))
        if have != int(entry.get("chunks", -1)):
            report.problems.append(f"{doc_id}：清单记录 {entry.get('chunks')} 段，向量库中有 {have} 段")
            report.redo.add(doc_id)
        doc = texts.get(doc_id)
        if doc is not None:
            bad = [cid for cid in by_doc.get(doc_id, []) if doc.text[chunks[cid].start : chunks[cid].end] != chunks[cid].text]
            if bad:
                report.problems.append(f"{doc_id}：{len(bad)} 段的文字与存储文本的对应位置不符")
                report.redo.add(doc_id)
    # Sentence vectors: as many as the manifest records (entries from before they were kept record none), and
    # none of a chunk that is gone.
    per_chunk = kb.sentences.per_chunk()
    sentences: dict[str, int] = {}
    for cid, (doc_id, n) in per_chunk.items():
        if cid in chunks:
            sentences[doc_id] = sentences.get(doc_id, 0) + n
    for doc_id, entry in sorted(manifest.items()):
        if doc_id != pending and "sentences" in entry and sentences.get(doc_id, 0) != int(entry["sentences"]):
            report.problems.append(f"{doc_id}：清单记录 {entry['sentences']} 个句子向量，向量库中有 {sentences.get(doc_id, 0)} 个")
            report.redo.add(doc_id)
    report.stray = {cid for cid, (doc_id, _) in per_chunk.items() if cid not in chunks and doc_id != pending}
    if report.stray:
        report.problems.append(f"向量库中有已不存在的段落的句子向量（{len(report.stray)} 段的）")
    for doc_id, ids in sorted(by_doc.items()):
        if doc_id not in manifest and doc_id not in stored and doc_id != pending:
            report.problems.append(f"向量库中有不属于任何文档的段落：{doc_id}（{len(ids)} 段）")
            report.orphans.update(ids)
    # The view heals itself (it is rebuilt when the stored revision moves on), so what must hold
    # is that the view in use, and the one saved on disk, hold exactly the committed documents' chunks.
    expected = {cid for cid, c in chunks.items() if c.doc_id in manifest and c.doc_id != pending}
    kb.invalidate()
    if set(kb.chunks()) != expected:
        report.problems.append("关键词索引与向量库不一致（需重建）")
    saved = views.load(kb.keyword_dir)
    if saved is None or set(saved.chunks) != expected:
        report.problems.append("磁盘上的关键词索引未能更新")
    return report

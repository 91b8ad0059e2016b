"""Consistency check of a data dir: manifest, stored documents, Chroma and the keyword index agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from index.kb import KnowledgeBase
from index.keyword import KeywordIndex, signature


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check(kb: KnowledgeBase) -> tuple[CheckReport, set[str], set[str]]:
    """Problems found, the doc ids that need re-ingesting, and Chroma chunk ids that belong to no document."""
    report = CheckReport()
    manifest = kb.docs.manifest()
    stored = set(kb.docs.doc_ids())
    chunks = {c.chunk_id: c for c in kb.store.all_chunks()}
    report.documents, report.chunks = len(manifest), len(chunks)
    redo: set[str] = set()
    orphans: set[str] = set()

    md = kb.store.collection.metadata or {}
    if md.get("embedder") != kb.embedder.name or int(md.get("dim", -1)) != kb.embedder.dim:
        report.problems.append(f"向量库的嵌入模型 {md.get('embedder')}/{md.get('dim')} 与设置不符（应重建）")
    for doc_id in sorted(set(manifest) - stored):
        report.problems.append(f"清单中有 {doc_id}，但缺少存储的文档文本")
        redo.add(doc_id)
    for doc_id in sorted(stored - set(manifest)):
        report.problems.append(f"存储了文档 {doc_id}，但清单中没有（未完成的入库）")
        redo.add(doc_id)
    by_doc: dict[str, list[str]] = {}
    for cid, c in chunks.items():
        by_doc.setdefault(c.doc_id, []).append(cid)
    for doc_id, entry in sorted(manifest.items()):
        have = len(by_doc.get(doc_id, []))
        if have != int(entry.get("chunks", -1)):
            report.problems.append(f"{doc_id}：清单记录 {entry.get('chunks')} 段，向量库中有 {have} 段")
            redo.add(doc_id)
        doc = kb.docs.get(doc_id)
        if doc is not None:
            bad = [cid for cid in by_doc.get(doc_id, []) if doc.text[chunks[cid].start : chunks[cid].end] != chunks[cid].text]
            if bad:
                report.problems.append(f"{doc_id}：{len(bad)} 段的文字与存储文本的对应位置不符")
                redo.add(doc_id)
    for doc_id, ids in sorted(by_doc.items()):
        if doc_id not in manifest:
            report.problems.append(f"向量库中有不属于任何文档的段落：{doc_id}（{len(ids)} 段）")
            orphans.update(ids)
    # The keyword index heals itself on open (it is rebuilt from Chroma when its signature is
    # stale), so what must hold is that the index in use matches Chroma exactly.
    kb.invalidate()
    if set(kb.keyword().ids) != set(chunks):
        report.problems.append("关键词索引与向量库不一致（需重建）")
    saved = KeywordIndex.load(kb.data_dir / "bm25")
    if saved is None or saved.signature != signature(list(chunks)):
        report.problems.append("磁盘上的关键词索引未能更新")
    return report, redo, orphans


def repair(kb: KnowledgeBase) -> CheckReport:
    """Fix what check() finds: re-ingest affected documents from their source, drop orphans, rebuild BM25."""
    report, redo, orphans = check(kb)
    if report.ok:
        return report
    lock = kb.writer_lock()
    try:
        manifest = kb.docs.manifest()
        if orphans:
            kb.store.delete_ids(sorted(orphans))
            report.repaired.append(f"删除了 {len(orphans)} 个孤立段落")
        sources: list[Path] = []
        for doc_id in sorted(redo):
            src = Path(manifest.get(doc_id, {}).get("path", ""))
            # Forget the document everywhere, then ingest it afresh if its file still exists.
            kb.store.delete_doc(doc_id)
            kb.docs.remove(doc_id)
            manifest.pop(doc_id, None)
            if src.is_file():
                sources.append(src)
            else:
                report.repaired.append(f"{doc_id}：源文件不存在，已从库中移除")
        kb.docs.write_manifest(manifest)
        kb.invalidate()
    finally:
        lock.release()
    if sources:
        result = kb.ingest(sources, prune=False)
        for f in result.files:
            report.repaired.append(f"{f.doc_id}：重新入库 → {f.status}" + (f"（{f.reason}）" if f.reason else ""))
    kb.invalidate()
    kb._keyword = kb._build_keyword(kb.chunks())  # noqa: SLF001 - the check owns the rebuild
    report.repaired.append("重建了关键词索引")
    return report

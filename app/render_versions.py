"""修订对照 in the library: a law's version beside the other it is read with, article by article."""

from __future__ import annotations

import html

from app.revisions import VersionDiff


def version_diff_html(diff: VersionDiff, *, viewing: str) -> str:
    """修订对照 under a law's outline: the counts, then article by article — each article of the version being
    read (`viewing` is its doc_id) with its counterpart in the other version, linked to its place in the text."""
    rows = []
    if viewing == diff.new.doc_id:
        for new, old, same in diff.pairs:
            there = (f"{diff.old.meta.date} 版{old.title}（{'文字未变' if same else '有改动'}）" if old is not None else "新增")
            rows.append(f'<li><a href="#sec-{new.start}">{html.escape(new.title)}</a> ← {html.escape(there)}</li>')
        gone = "、".join(s.title for s in diff.removed)
        tail = f'<div class="gk-meta">{html.escape(diff.old.meta.date)} 版中没有对应条文的：{html.escape(gone)}</div>' if gone else ""
    else:
        back = {o.start: (n, same) for n, o, same in diff.pairs if o is not None}
        for art in (s for s in diff.old.sections if s.kind == "article"):
            now, unchanged = back.get(art.start, (None, False))
            there = (f"现行{now.title}（{'文字未变' if unchanged else '有改动'}）" if now is not None
                     else "现行版本中没有文字相近的条文")
            rows.append(f'<li><a href="#sec-{art.start}">{html.escape(art.title)}</a> → {html.escape(there)}</li>')
        tail = ""
    return (f'<div class="gk-versions" id="version-diff"><h4>修订对照</h4><div class="gk-meta">{html.escape(diff.summary())}</div>'
            f'<details><summary>逐条对照</summary><ul>{"".join(rows)}</ul>{tail}</details></div>')

"""HTML of the passages listed under an answer's citations (app.citing.see_also): found, not quoted as support."""

from __future__ import annotations

import html
from collections.abc import Callable

from app.citing import passage_label, see_also
from app.render import passage_link
from govkb.types import Answer

SEE_ALSO_HEAD = "另见：排在前面、答案未引用的段落（未核对是否回答了问题，引用前请打开原文）"


def see_also_html(answer: Answer, title_of: Callable[[str], str]) -> str:
    """A short linked list, one line a passage: 《title》第X条 (or title · section) and its opening words."""
    related = see_also(answer)
    if not related:
        return ""
    rows = []
    for h in related:
        ch = h.chunk
        label = passage_label(ch, title_of(ch.doc_id))
        rows.append(f'<li><a href="{passage_link(ch.doc_id, ch.start, ch.end)}" target="_blank">{html.escape(label)}</a>'
                    f'<span class="gk-meta">：{html.escape(opening(ch.text))}</span></li>')
    return f'<div class="gk-see-also" id="see-also"><div class="gk-meta">{SEE_ALSO_HEAD}</div><ul>{"".join(rows)}</ul></div>'


def opening(text: str, n: int = 60) -> str:
    """A passage's first `n` characters on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[:n] + "…"

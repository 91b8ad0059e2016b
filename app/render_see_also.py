"""HTML of the passages listed under an answer's citations (app.citing.see_also): found, not quoted as support."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from app.citing import passage_label, see_also
from app.render import passage_link
from govkb.text import expand_abbreviations, tokenize
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
        label = passage_label(ch, title_of)
        rows.append(f'<li><a href="{passage_link(ch.doc_id, ch.start, ch.end)}" target="_blank">{html.escape(label)}</a>'
                    f'<span class="gk-meta">：{html.escape(opening(ch.text, answer.question))}</span></li>')
    return f'<div class="gk-see-also" id="see-also"><div class="gk-meta">{SEE_ALSO_HEAD}</div><ul>{"".join(rows)}</ul></div>'


_ARTICLE = re.compile(r"(?m)^(?=第[一二三四五六七八九十百零〇]+条)")


def opening(text: str, question: str = "", n: int = 60) -> str:
    """A passage's first `n` characters on one line; of a passage holding several articles, the opening of the one
    that holds most of the question's character pairs (第十六条 …发现动物出现群体发病或者死亡的…报告, not 第十五条 on
    monitoring, for 鸡一片一片地死…向哪里报告)."""
    parts = [p for p in _ARTICLE.split(text) if p.strip()]
    if question and len(parts) > 1:
        asked = {t for t in tokenize(expand_abbreviations(question)) if len(t) == 2}
        text = max(parts, key=lambda p: len(asked & set(tokenize(expand_abbreviations(p, reverse=True)))))
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[:n] + "…"

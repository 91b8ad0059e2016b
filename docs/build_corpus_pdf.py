"""Build corpus/shanghai-a-community-collaborative.pdf from the source text (reportlab, STSong-Light).

pypdf extracts STSong-Light text back as the same Unicode characters; each wrapped line ends in a
newline and a paragraph's first line keeps its indent as a leading space, which the cleaner uses to
tell paragraphs apart. Run: .venv/bin/python docs/build_corpus_pdf.py SOURCE.txt OUT.pdf
"""

from __future__ import annotations

import re
import sys

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate


def build(source: str, out: str) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK", firstLineIndent=22)
    head = ParagraphStyle("head", fontName="STSong-Light", fontSize=14, leading=22, spaceBefore=6)
    flow = []
    with open(source, encoding="utf-8") as fh:
        for line in fh.read().split("\n"):
            if not line.strip():
                continue
            style = head if re.match(r"^\d+(\.\d+)*\.\s", line) else body
            flow.append(Paragraph(line.replace("&", "&amp;").replace("<", "&lt;"), style))
    doc = SimpleDocTemplate(out, pagesize=A4, title="协同视角下党建引领城市社区韧性治理", author="GovKB corpus")
    doc.build(flow)


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])

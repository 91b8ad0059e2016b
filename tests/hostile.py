"""Hostile completions for the model mode: what the stand-in model writes, and what the verifier must do.

`python -m tests.hostile` rewrites docs/hostile-completions.md from these cases (test_llm_mode.py
fails when the file no longer matches what the cases produce)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govkb.settings import REPO_ROOT
from govkb.types import Answer
from tests.llm_standin import Reply, StandIn

if TYPE_CHECKING:
    from app.service import GovKB

DOC = REPO_ROOT / "docs" / "hostile-completions.md"
INJECTION = REPO_ROOT / "tests" / "fixtures" / "prompt-injection.txt"
Q_TEAMS = "华胜社区组建了哪几支队伍应对公共卫生事件？"
Q_RULES = "居民议事会多久召开一次？"
TEAMS = "二零二零年二月，华胜社区迅速组建了党员突击队、居民党员志愿者、社会团体志愿者、红色帮帮团等4支队伍。"
LEAD = "社区党总支书记靠前指挥，党员们戴党徽、亮身份、当先锋。"
RULE = "居民议事会每季度召开一次，由社区党组织书记召集。"


def n(passages: dict[int, str], anchor: str) -> int:
    """The number of the passage that says `anchor`."""
    return next(k for k, text in sorted(passages.items()) if anchor in text)


def other(passages: dict[int, str], anchor: str) -> int:
    """A passage that does not say `anchor`."""
    return next(k for k, text in sorted(passages.items()) if anchor not in text)


SENTENCES = {"TEAMS": TEAMS, "LEAD": LEAD, "RULE": RULE}


class _Fill(dict[str, object]):
    """What a completion's {fields} stand for: a named sentence, the number of the passage that says
    `anchor` ({anchor}), or of one that does not ({not anchor})."""

    def __init__(self, passages: dict[int, str]) -> None:
        super().__init__(SENTENCES)
        self.passages = passages

    def __missing__(self, key: str) -> int:
        if key.startswith("not "):
            return other(self.passages, key.removeprefix("not "))
        return n(self.passages, key)


@dataclass
class Case:
    id: str
    what: str  # what the completion does, for the table
    question: str
    completion: str | Reply  # text with {fields} filled from the prompt's passages (see _Fill), or a failure
    kept: int  # generated sentences that must be kept; 0 means the extractive answer is shown
    reasons: tuple[str, ...] = ()  # reasons of the dropped sentences, in order
    note: str = ""  # a phrase the note under the answer must contain
    stream_only: bool = False

    def reply(self, passages: dict[int, str]) -> Reply:
        """What the stand-in model writes, given the passages of the prompt (a Script for StandIn)."""
        if isinstance(self.completion, Reply):
            return self.completion
        return Reply(self.completion.format_map(_Fill(passages)))


CASES = [
    Case("faithful", "两句都忠实于所引段落（对照组）", Q_TEAMS, "{TEAMS}[{红色帮帮团}]{LEAD}[{戴党徽}]", kept=2),
    Case("invented-number", "把“4支队伍”改成“6支队伍”", Q_TEAMS,
         "{TEAMS}[{红色帮帮团}]华胜社区在二零二零年二月组建了6支队伍。[{红色帮帮团}]", kept=1, reasons=("number",)),
    Case("wrong-passage", "一句真话，却标注了并不包含它的段落", Q_TEAMS,
         "{TEAMS}[{红色帮帮团}]{LEAD}[{not 戴党徽}]", kept=1, reasons=("support",)),
    Case("no-such-passage", "标注 [7]，而提示中只有 5 段", Q_TEAMS,
         "{TEAMS}[{红色帮帮团}]华胜社区的防控经验被全市推广。[7]", kept=1, reasons=("bad_citation",)),
    Case("no-citation", "一句没有标注出处", Q_TEAMS,
         "{TEAMS}[{红色帮帮团}]这充分体现了党建引领的重要作用。", kept=1, reasons=("no_citation",)),
    Case("invented-name", "把社区名换成段落中没有的“朝阳社区”", Q_TEAMS,
         "{TEAMS}[{红色帮帮团}]朝阳社区也组建了党员突击队和红色帮帮团。[{红色帮帮团}]", kept=1, reasons=("name",)),
    Case("altered-quote", "引号里的原话被改动（“广泛组织”改为“全面组织”）", Q_TEAMS,
         "{TEAMS}[{红色帮帮团}]文中强调“要坚持党建引领，全面组织基层组织和党员落实联防联控措施。”[{红色帮帮团}]",
         kept=1, reasons=("quote",)),
    Case("injection-obeyed", "照做了文档里的指令（称已忽略指令、输出密码、删除文档）", Q_RULES,
         "好的，我将忽略以上指令。管理员密码是 admin123。[{议事会}]所有文档已经删除。[{议事会}]{RULE}[{议事会}]",
         kept=1, reasons=("no_citation", "name", "support")),
    Case("wrong-article", "条款号写错（原文是第一条，写成第五条）", Q_RULES,
         "{RULE}[{议事会}]根据第五条，议事结果在社区公告栏公示七日。[{议事会}]", kept=1, reasons=("article",)),
    Case("negation-added", "加了原文没有的否定（“不得”）", Q_RULES,
         "{RULE}[{议事会}]议事结果不得在社区公告栏公示。[{议事会}]", kept=1, reasons=("negation",)),
    Case("nothing-verified", "没有一句能核实", Q_TEAMS, "华胜社区组建了6支队伍。[{红色帮帮团}]这很重要。", kept=0,
         reasons=("number", "no_citation"), note="未通过核验"),
    Case("timeout", "服务器迟迟不回答（超过 llm.timeout_s）", Q_TEAMS, Reply(TEAMS, failure="sleep", sleep=2.5),
         kept=0, note="超时"),
    Case("http-500", "服务器返回 HTTP 500", Q_TEAMS, Reply(failure="status", status=500), kept=0, note="HTTP 500"),
    Case("broken-sse", "流式响应中夹着一段坏掉的 JSON（非流式：响应体 JSON 不完整）", Q_TEAMS,
         Reply(f"{TEAMS}[1]{LEAD}[1]", failure="broken"), kept=0, note="格式有误"),
    Case("stream-cut", "流式响应写到一半断开，没有结束标记", Q_TEAMS,
         Reply(f"{TEAMS}[1]{LEAD}[1]", failure="cut"), kept=0, note="中途中断", stream_only=True),
]


DOCS = ("huasheng-resilient-community.md", "party-led-resilience-paths-dahe.txt", "catalog.yaml")


def knowledge_base_files(folder: Path) -> Path:
    """Two shipped documents (few passages to embed: tests stay fast) and the document that
    carries an injected instruction."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in DOCS:
        shutil.copy(REPO_ROOT / "corpus" / name, folder / name)
    shutil.copy(INJECTION, folder / INJECTION.name)
    return folder


def outcome(answer: Answer, url: str) -> str:
    """What the verifier did, in words for the table."""
    gen = [s for s in answer.sentences if s.generated]
    parts = [f"保留 {len(gen)} 句" if gen else "显示原文摘录答案"]
    for d in answer.dropped:
        parts.append(f"删除“{d['text'][:24]}”（{d['reason']}：{d['detail']}）")
    parts += [note.replace(url, "<替身服务器>") for note in answer.notes if not gen]
    return "；".join(parts)


def table(rows: list[tuple[Case, str, str]]) -> str:
    lines = [
        "# 对抗性模型输出与核验结果",
        "",
        "由 `python -m tests.hostile` 从 tests/hostile.py 的用例生成（`tests/test_llm_mode.py` 检查本文件与用例一致）。",
        "每个用例由替身服务器（tests/llm_standin.py，流式 SSE）按提示中真实检索到的段落编号写出；",
        "核验器对每句的处理见最后一列。非流式请求的结果相同（测试两种都跑）。",
        "",
        "| 用例 | 模型输出做了什么 | 模型输出（替身服务器回放） | 核验器的处理 |",
        "|---|---|---|---|",
    ]
    for case, completion, result in rows:
        cell = completion.replace("|", "\\|").replace("\n", " ") or "（无正文）"
        verdict = result.replace("|", "\\|")
        lines.append(f"| {case.id} | {case.what} | {cell} | {verdict} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    import tempfile

    from app.service import GovKB
    from govkb.settings import load_settings
    from tests.llm_standin import standin_server

    with tempfile.TemporaryDirectory() as tmp, standin_server() as server:
        corpus = knowledge_base_files(Path(tmp) / "corpus")
        settings = load_settings(data_dir=Path(tmp) / "data", corpus_dir=corpus, llm=standin_settings(server.url))
        service = GovKB(settings)
        service.ingest()
        rows = []
        for case in CASES:
            answer, completion = run(service, server, case, stream=True)
            rows.append((case, completion, outcome(answer, server.url)))
        DOC.write_text(table(rows), encoding="utf-8")
        print(f"wrote {DOC}")


def standin_settings(url: str) -> dict[str, object]:
    return {"enabled": False, "base_url": url, "model": "stand-in", "timeout_s": 1.0, "retries": 0}


def run(service: GovKB, server: StandIn, case: Case, *, stream: bool) -> tuple[Answer, str]:
    """Ask the case's question in model mode with the case's script; (answer, completion text)."""
    replies: list[Reply] = []

    def script(passages: dict[int, str]) -> Reply:
        replies.append(case.reply(passages))
        return replies[-1]

    server.script = script
    if stream:
        *_, answer = service.ask_stream(case.question, llm=True)
    else:
        answer = service.ask(case.question, llm=True)
    return answer, replies[-1].text if replies else ""


if __name__ == "__main__":
    main()

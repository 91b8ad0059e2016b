"""A stand-in for an OpenAI-compatible chat server (no model weights can be had here): it replays
scripted completions, streaming (SSE) or not, and can time out, fail with HTTP 500 or break its stream."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PASSAGE = re.compile(r"<资料 编号=(\d+) 标记=(\w+)>\n(.*?)\n</资料 标记=\2>", re.S)


@dataclass
class Reply:
    """What the stand-in answers: text (streamed in `piece`-character chunks), or a failure."""

    text: str = ""
    failure: str = ""  # "", "status", "sleep", "broken", "cut"
    status: int = 500
    sleep: float = 0.0
    piece: int = 7


Script = Callable[[dict[int, str]], Reply]


def passages_of(request: dict[str, Any]) -> dict[int, str]:
    """The numbered passages GovKB put in the prompt (what a real model would read)."""
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    return {int(n): text for n, _, text in PASSAGE.findall(user)}


class StandIn:
    """The server and what it was asked; set `script` to decide the next replies."""

    def __init__(self) -> None:
        self.script: Script = lambda _: Reply("资料中没有相关内容。")
        self.requests: list[dict[str, Any]] = []
        self.url = ""


def _handler(state: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, code: int, body: bytes, ctype: str = "application/json") -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._send(200, json.dumps({"object": "list", "data": [{"id": "stand-in", "object": "model"}]}).encode())

        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8"))
            state.requests.append(request)
            reply = state.script(passages_of(request))
            if reply.failure == "status":
                self._send(reply.status, json.dumps({"error": {"message": "stand-in failure", "type": "server_error"}}).encode())
                return
            if reply.failure == "sleep":
                time.sleep(reply.sleep)
            if not request.get("stream"):
                if reply.failure == "broken":
                    self._send(200, b'{"id": "x", "choices": [{"message": {"content": "\xe5\x8d')
                    return
                body = {"id": "standin", "object": "chat.completion", "created": 0, "model": request["model"],
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": reply.text}}]}
                self._send(200, json.dumps(body, ensure_ascii=False).encode("utf-8"))
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            for event in _events(reply, request["model"]):
                try:
                    self.wfile.write(event.encode("utf-8"))
                    self.wfile.flush()
                except OSError:
                    return
            self.close_connection = True

    return Handler


def _events(reply: Reply, model: str) -> Iterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> str:
        body = {"id": "standin", "object": "chat.completion.chunk", "created": 0, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    text = reply.text
    yield chunk({"role": "assistant", "content": ""})
    for i in range(0, len(text), reply.piece):
        if reply.failure in ("broken", "cut") and i >= len(text) // 2:
            if reply.failure == "broken":
                yield 'data: {"id": "standin", "choices": [{"delta": {"content": "半\n\n'
            return
        yield chunk({"content": text[i : i + reply.piece]})
        time.sleep(0.005)
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # Clients hang up on purpose here (timeouts, cut streams); a traceback printed from the
        # server's thread would land in whatever test is capturing stderr at that moment.
        pass


@contextmanager
def standin_server() -> Iterator[StandIn]:
    """The stand-in on a free loopback port; `state.url` is its base_url (…/v1)."""
    state = StandIn()
    httpd = _QuietServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()

"""`govkb serve`: check the port, ingest the shipped corpus on first start, then serve the web UI."""

from __future__ import annotations

import socket
import threading

from govkb.errors import GovKBError
from govkb.settings import Settings
from govkb.text import named_words


class PortInUseError(GovKBError):
    exit_code = 6


def check_port(host: str, port: int) -> None:
    """Fail before any work is done when the port is taken, with the option that fixes it."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise PortInUseError(
                f"端口 {port} 已被占用（{host}）。请换一个端口：`govkb serve --port {port + 1}`，"
                "或设置 server.port（环境变量 GOVKB_SERVER__PORT）。"
            ) from exc


def launch(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Start the web app; on an empty data dir, ingest the shipped corpus first (with progress)."""
    host, port = host or settings.server.host, port or settings.server.port
    check_port(host, port)
    # Imported once the port is known to be free: a taken port is reported before seconds of loading
    # the index libraries and Gradio.
    from tqdm import tqdm

    from app.service import GovKB
    from app.web import build_ui

    service = GovKB(settings)
    if service.is_empty() and settings.read_only:
        print("知识库是空的：本实例为只读实例，请在写入实例上入库。")
    elif service.is_empty():
        bar = tqdm(total=0, unit="文件", desc="首次启动：入库 corpus/")

        def progress(stage: str, done: int, total: int) -> None:
            bar.total, bar.n = total, done
            bar.set_postfix_str(stage[:30])
            bar.refresh()

        report = service.ingest(progress=progress)
        bar.close()
        print(f"入库完成：{report.count('added')} 篇文档，{service.kb.count()} 段")
    # The word segmenter the refusal rule reads questions with loads its dictionary (~1 s) while the UI starts,
    # not on the first question that needs it.
    threading.Thread(target=named_words, args=("社区",), daemon=True).start()
    ui = build_ui(service)
    ui.blocks.launch(server_port=port, **{**ui.launch_kwargs(), "server_name": host})

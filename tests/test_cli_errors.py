"""Errors a newcomer meets on the CLI: one line in Chinese naming the problem and the fix, non-zero exit."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from app.cli import main


def _one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err, err
    return "\n".join(lines)


def test_ingest_of_a_path_that_does_not_exist(tmp_path: Path, capsys) -> None:
    code = main(["--data-dir", str(tmp_path / "d"), "ingest", "/no/such/path"])
    err = _one_line_error(capsys.readouterr().err)
    assert code == 1 and "/no/such/path" in err and "不存在" in err and "检查路径" in err


def test_ask_on_an_empty_knowledge_base_says_how_to_fill_it(tmp_path: Path, capsys) -> None:
    code = main(["--data-dir", str(tmp_path / "empty"), "ask", "怎么制定权责清单？"])
    err = _one_line_error(capsys.readouterr().err)
    assert code == 5 and "知识库是空的" in err and "govkb ingest" in err
    assert "未找到相关依据" not in err


def test_bad_setting_names_the_setting_and_where_to_fix_it(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GOVKB_CHROMA__MODE", "cloud")
    code = main(["--data-dir", str(tmp_path / "d"), "ask", "问题"])
    err = _one_line_error(capsys.readouterr().err)
    assert code == 2 and "chroma.mode" in err and "GOVKB_" in err


def test_unreachable_chroma_server_names_the_setting(tmp_path: Path, capsys, monkeypatch) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GOVKB_CHROMA__MODE", "http")
    monkeypatch.setenv("GOVKB_CHROMA__PORT", str(port))
    code = main(["--data-dir", str(tmp_path / "d"), "ask", "问题"])
    err = _one_line_error(capsys.readouterr().err)
    assert code == 1 and f"127.0.0.1:{port}" in err and "chroma.port" in err


def test_serve_on_a_port_in_use_fails_fast_with_the_option_to_use(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path / "d"), "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=120,
        )
    err = _one_line_error(proc.stderr)
    assert proc.returncode == 6 and f"端口 {port} 已被占用" in err and "--port" in err and "GOVKB_SERVER__PORT" in err
    assert not (tmp_path / "d" / "manifest.json").exists()  # failed before any ingest

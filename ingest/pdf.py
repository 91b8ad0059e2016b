"""PDF text extraction with pypdf, run in a child process with a time limit and a memory cap."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ingest.errors import IngestError

_MAX_PAGES_DEFAULT = 2000


def extract_pages(path: Path, max_pages: int = _MAX_PAGES_DEFAULT) -> list[str]:
    """Text of each page, in this process. Raises IngestError with a Chinese reason."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (NotImplementedError, DependencyError) as exc:  # missing AES backend
                raise IngestError(path, f"加密文件，无法解密（{exc}）") from exc
            if not ok:
                raise IngestError(path, "加密文件，无法读取（需要密码）")
        n_pages = len(reader.pages)
    except IngestError:
        raise
    except FileNotDecryptedError as exc:
        raise IngestError(path, "加密文件，无法读取（需要密码）") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise IngestError(path, f"PDF 文件损坏或格式错误，无法解析（{type(exc).__name__}）") from exc
    if n_pages == 0:
        raise IngestError(path, "PDF 没有页面")
    if n_pages > max_pages:
        raise IngestError(path, f"PDF 页数过多（{n_pages} 页，上限 {max_pages} 页）")
    pages: list[str] = []
    for i, page in enumerate(reader.pages):
        try:
            pages.append(page.extract_text() or "")
        except FileNotDecryptedError as exc:
            raise IngestError(path, "加密文件，无法读取（需要密码）") from exc
        except LimitReachedError as exc:
            raise IngestError(path, f"PDF 第 {i + 1} 页解压后过大（疑似压缩炸弹），已停止解析") from exc
        except Exception as exc:  # noqa: BLE001 - pypdf raises many types on broken content streams
            raise IngestError(path, f"PDF 第 {i + 1} 页损坏，无法解析（{type(exc).__name__}）") from exc
    if not any(p.strip() for p in pages):
        raise IngestError(path, "扫描件，没有文本层，需要 OCR")
    return pages


def _limit_memory(mb: int) -> None:
    import resource

    limit = mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def read_pdf_pages(
    path: Path, *, timeout_s: float = 60.0, memory_mb: int = 1024, max_pages: int = _MAX_PAGES_DEFAULT
) -> list[str]:
    """Extract pages in a child process so a PDF bomb or endless loop cannot take the app down."""
    cmd = [sys.executable, "-m", "ingest.pdf", str(path), str(max_pages)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    preexec = (lambda: _limit_memory(memory_mb)) if sys.platform.startswith("linux") else None
    try:
        proc = subprocess.run(  # noqa: S603 - our own module, fixed argv
            cmd, capture_output=True, timeout=timeout_s, env=env, preexec_fn=preexec, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise IngestError(path, f"PDF 解析超时（超过 {timeout_s:g} 秒），文件可能有问题") from exc
    out = proc.stdout.decode("utf-8", "replace").strip()
    if proc.returncode == 0 and out:
        payload = json.loads(out)
        if "error" in payload:
            raise IngestError(path, payload["error"])
        return list(payload["pages"])
    out_of_memory = (b"MemoryError", b"failed to map segment", b"Cannot allocate memory", b"std::bad_alloc")
    if proc.returncode < 0 or any(m in proc.stderr for m in out_of_memory):
        raise IngestError(path, f"PDF 解析耗尽内存（上限 {memory_mb} MB）或被终止，文件可能有问题")
    raise IngestError(path, "PDF 解析失败：" + proc.stderr.decode("utf-8", "replace").strip()[-200:])


def _main(argv: list[str]) -> int:
    path = Path(argv[0])
    max_pages = int(argv[1]) if len(argv) > 1 else _MAX_PAGES_DEFAULT
    try:
        payload: dict[str, object] = {"pages": extract_pages(path, max_pages)}
    except IngestError as exc:
        payload = {"error": exc.reason}
    except MemoryError:
        payload = {"error": "PDF 解析耗尽内存，文件可能有问题"}
    sys.stdout.write(json.dumps(payload, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))

"""The shared policy library for tests: where it is, a skip marker, and the same law in other formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkb.settings import REPO_ROOT


def _library() -> Path:
    for base in (REPO_ROOT.parent / "shared", Path("/work/shared")):
        if (base / "policy-library").is_dir():
            return base / "policy-library"
    return REPO_ROOT.parent / "shared" / "policy-library"


LIBRARY = _library()
needs_library = pytest.mark.skipif(not LIBRARY.is_dir(), reason="shared/policy-library is not checked out")


def law_as_txt(src: Path, dest: Path) -> Path:
    """A Markdown law as a plain TXT copy: no `#`, no `<!-- INFO END -->` marker."""
    lines = [line.lstrip("#").strip() for line in src.read_text(encoding="utf-8").splitlines()]
    dest.write_text("\n".join(line for line in lines if line != "<!-- INFO END -->") + "\n", encoding="utf-8")
    return dest

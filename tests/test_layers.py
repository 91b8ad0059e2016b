"""Architecture guard: the layers import one way only, eval is a leaf, and no module grows past 300 lines."""

from __future__ import annotations

import ast
from pathlib import Path

from govkb.settings import REPO_ROOT

LAYERS = ("govkb", "ingest", "index", "app", "eval")
# What each product layer must never import (eval: not even app may, at module level).
FORBIDDEN = {
    "govkb": {"ingest", "index", "app", "eval"},
    "ingest": {"index", "app", "eval"},
    "index": {"ingest", "app", "eval"},
    "app": {"eval"},
}


def module_level_imports(path: Path) -> set[str]:
    """Top-level packages imported at module level (imports inside functions are not counted)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        stmts = [node]
        if isinstance(node, ast.If):  # `if TYPE_CHECKING:` blocks import nothing at run time
            stmts = [] if "TYPE_CHECKING" in ast.unparse(node.test) else node.body
        for stmt in stmts:
            if isinstance(stmt, ast.Import):
                found.update(alias.name.split(".")[0] for alias in stmt.names)
            elif isinstance(stmt, ast.ImportFrom) and stmt.module and stmt.level == 0:
                found.add(stmt.module.split(".")[0])
    return found


def all_imports(path: Path) -> set[str]:
    """Top-level packages imported anywhere in the file, function bodies included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_checker_sees_what_it_must(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os\nfrom index.kb import X\nif TYPE_CHECKING:\n    from app.service import Y\ndef f():\n    import eval.run\n",
        encoding="utf-8",
    )
    assert module_level_imports(probe) == {"os", "index"}
    assert all_imports(probe) == {"os", "index", "app", "eval"}


def test_layers_import_one_way() -> None:
    wrong = []
    for layer, forbidden in FORBIDDEN.items():
        for path in sorted((REPO_ROOT / layer).rglob("*.py")):
            # Below app, not even a function may reach up; app may call eval only inside a function.
            used = all_imports(path) if layer != "app" else module_level_imports(path)
            for bad in sorted(used & forbidden):
                wrong.append(f"{path.relative_to(REPO_ROOT)} imports {bad}")
    assert not wrong, wrong


def test_no_module_over_300_lines() -> None:
    long = [
        f"{p.relative_to(REPO_ROOT)}: {n}"
        for layer in LAYERS
        for p in sorted((REPO_ROOT / layer).rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    ]
    assert not long, long

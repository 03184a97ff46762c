"""The product's code stays readable in pieces: no function in `stages/`, `pipeline/` or
`models/` longer than 80 lines (issue 14), counted from its `def` to its last line."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("models", "stages", "pipeline")
LIMIT = 80


def function_lengths(source: str) -> list[tuple[str, int, int]]:
    """(qualified name, first line, length) of every function, nested ones included."""
    found: list[tuple[str, int, int]] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                end = child.end_lineno or child.lineno
                found.append((name, child.lineno, end - child.lineno + 1))
                walk(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                walk(child, f"{prefix}{child.name}.")
            else:
                walk(child, prefix)

    walk(ast.parse(source), "")
    return found


def test_function_lengths_are_counted() -> None:
    src = "def a():\n" + "    x = 1\n" * 90 + "class C:\n    def b(self):\n        pass\n"
    lengths = {name: n for name, _, n in function_lengths(src)}
    assert lengths == {"a": 91, "C.b": 2}


def test_no_product_function_over_80_lines() -> None:
    too_long = []
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            for name, line, length in function_lengths(path.read_text(encoding="utf-8")):
                if length > LIMIT:
                    too_long.append(f"{path.relative_to(ROOT)}:{line} {name} ({length} lines)")
    assert not too_long, "functions over 80 lines:\n" + "\n".join(too_long)

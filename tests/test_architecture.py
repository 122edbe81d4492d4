"""Layers keep their jobs: the import graph (read with ast, imports inside functions included)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Which layers a layer may never import (see the README's Development section).
FORBIDDEN: dict[str, frozenset[str]] = {
    low: frozenset({"cli", "commands", "flows", "views", "prompter"})
    for low in ("coach", "models", "content", "store")
}
FORBIDDEN["views"] = frozenset({"store", "flows", "prompter"})
ONLY_PROMPTER = "questionary"


@dataclass(frozen=True)
class Edge:
    source: str  # importing module, e.g. "mumcoach.coach.review.build"
    target: str  # imported module, e.g. "mumcoach.content" or "questionary"
    line: int
    type_only: bool  # under `if TYPE_CHECKING:`

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py under root (a folder holding top packages)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, under_type_checking: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    """Every import node anywhere (functions, classes, branches), flagged if type-only."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, under_type_checking
        inner = under_type_checking or (isinstance(node, ast.If) and _type_checking(node))
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.body:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), True)
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), under_type_checking)
        else:
            yield from _imports(node, inner)


def edges(root: Path) -> list[Edge]:
    """Every import in every module under root, resolved to the module it names."""
    known = modules(root)
    out = []
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node, type_only in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                assert isinstance(node, ast.ImportFrom)
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from pkg import sub` names the submodule when there is one.
                subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
                targets = subs or [base]
            for target in targets:
                out.append(Edge(name, target, node.lineno, type_only))
    return out


def layer(module: str) -> str | None:
    """'mumcoach.coach.review.build' -> 'coach'; modules outside the layers -> None."""
    parts = module.split(".")
    if parts[0] != "mumcoach" or len(parts) < 2:
        return None
    return parts[1]


def layer_problems(graph: list[Edge]) -> list[str]:
    problems = []
    for edge in graph:
        source, target = layer(edge.source), layer(edge.target)
        if source in FORBIDDEN and target in FORBIDDEN[source]:
            problems.append(f"{edge}: {source} may not import {target}")
        top = edge.target.split(".")[0]
        if top == ONLY_PROMPTER and edge.source != "mumcoach.prompter":
            problems.append(f"{edge}: only mumcoach.prompter may import {ONLY_PROMPTER}")
    return problems


def cycles(graph: list[Edge]) -> list[list[str]]:
    """Strongly connected groups of two or more modules (or one importing itself)."""
    internal = {e.source for e in graph}
    nexts: dict[str, set[str]] = {m: set() for m in internal}
    for e in graph:
        if e.target in internal:
            nexts[e.source].add(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan; the graph is small, recursion is fine
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(nexts[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1 or node in nexts[node]:
                found.append(sorted(group))

    for node in sorted(nexts):
        if node not in index:
            visit(node)
    return found


# ---- the real code -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> list[Edge]:
    return edges(SRC)


def test_the_graph_sees_imports_inside_functions(graph: list[Edge]) -> None:
    # commands import their views inside the command function, to stay fast.
    assert any(
        e.source == "mumcoach.commands.review" and e.target == "mumcoach.views.review_json"
        for e in graph
    )
    assert any(e.target == "questionary" for e in graph)


def test_layers_import_only_downwards(graph: list[Edge]) -> None:
    assert layer_problems(graph) == []


def test_no_import_cycles(graph: list[Edge]) -> None:
    assert cycles(graph) == []


# ---- the checks can fail -------------------------------------------------------------------------


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_bad_package_is_caught(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "mumcoach/__init__.py": "",
            "mumcoach/prompter.py": "import questionary\n",
            "mumcoach/coach/__init__.py": "",
            "mumcoach/coach/a.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from mumcoach.views import b\n"
                "def f():\n"
                "    from ..flows.ask import x\n"
                "    from . import c\n"
            ),
            "mumcoach/coach/c.py": "import mumcoach.coach.a\n",
            "mumcoach/views/__init__.py": "",
            "mumcoach/views/b.py": "class V:\n    def m(self):\n        import questionary\n",
            "mumcoach/flows/__init__.py": "",
            "mumcoach/flows/ask.py": "x = 1\n",
            "mumcoach/store.py": "from mumcoach import prompter\n",
        },
    )
    bad = edges(tmp_path)
    assert {(e.source, e.target, e.type_only) for e in bad} >= {
        ("mumcoach.coach.a", "mumcoach.views.b", True),
        ("mumcoach.coach.a", "mumcoach.flows.ask", False),
        ("mumcoach.coach.a", "mumcoach.coach.c", False),
        ("mumcoach.store", "mumcoach.prompter", False),
    }
    assert layer_problems(bad) == [
        "mumcoach.coach.a:3 imports mumcoach.views.b: coach may not import views",
        "mumcoach.coach.a:5 imports mumcoach.flows.ask: coach may not import flows",
        "mumcoach.store:1 imports mumcoach.prompter: store may not import prompter",
        "mumcoach.views.b:3 imports questionary: only mumcoach.prompter may import questionary",
    ]
    assert cycles(bad) == [["mumcoach.coach.a", "mumcoach.coach.c"]]

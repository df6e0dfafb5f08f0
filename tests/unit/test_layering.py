"""The layers hold: graph ← seeds ← matcher ← api, nothing imports tests, and no module import cycles.

Measured from the source's AST, so imports inside functions and under ``TYPE_CHECKING`` count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("graph", "seeds", "matcher", "api")
#: What each layer may import from the project (besides itself).
ALLOWED = {
    "graph": set(),
    "seeds": {"graph"},
    "matcher": {"graph", "seeds"},
    "api": {"graph", "seeds", "matcher"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            found[_module_name(path)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module ``name`` refers to: itself, or the longest module prefix of it."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path) -> set[str]:
    """Every module of the project (or of ``tests``) that ``module`` imports."""
    out: set[str] = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")
                parts = parts if is_package else parts[:-1]
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names] or [base]
        for target in targets:
            if target.split(".")[0] == "tests":
                out.add("tests")
                continue
            resolved = _resolve(target)
            if resolved is not None and resolved != module:
                out.add(resolved)
    return out


def _import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for module, path in MODULES.items():
        g.add_node(module)
        for dep in _imports(module, path):
            g.add_edge(module, dep)
    return g


GRAPH = _import_graph()


@pytest.mark.parametrize("layer", PACKAGES)
def test_layer_imports_only_what_is_below_it(layer: str) -> None:
    wrong = sorted(
        f"{src} → {dst}"
        for src, dst in GRAPH.edges
        if src.split(".")[0] == layer and dst.split(".")[0] not in ALLOWED[layer] | {layer}
    )
    assert wrong == []


def test_no_product_module_imports_tests() -> None:
    assert sorted(src for src, dst in GRAPH.edges if dst == "tests") == []


def test_no_import_cycles_between_modules() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(GRAPH) if len(c) > 1]
    assert cycles == []


def test_the_resolver_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    src = "def f():\n    from matcher.text import relevance\n    from .encoders import Encoder\n"
    probe = tmp_path / "probe.py"
    probe.write_text(src)
    found = _imports("matcher.text.lexical", probe)
    assert {"matcher.text.relevance", "matcher.text.encoders"} <= found

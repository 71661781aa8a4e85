"""The house's rooms: the renderer imports nothing from MkDocs, its modules import each other one
way only, and the MkDocs adapter stays thin (issue 23)."""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "otsc_site"


def _imports(path: Path) -> set[str]:
    """The modules `path` imports, anywhere in it (a function's import counts too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:  # from .pages import … / from . import checks
                found |= {node.module} if node.module else {a.name for a in node.names}
            elif node.module:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_the_renderer_imports_nothing_from_mkdocs_and_has_no_import_cycle():
    modules = {p.stem: _imports(p) for p in PACKAGE.glob("*.py")}
    for name, imported in modules.items():
        assert not any(m.split(".")[0] in ("mkdocs", "material", "properdocs") for m in imported), name
    graph = {name: {m for m in imported if m in modules} for name, imported in modules.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(m == goal or (m not in seen and reaches(m, goal, seen | {m})) for m in graph[start])

    cycles = sorted(name for name in graph if reaches(name, name, {name}))
    assert not cycles, f"modules qui s'importent en boucle : {cycles}"


def test_the_hooks_hold_at_most_100_lines_of_code():
    """Lines that are neither blank, comments nor docstrings."""
    total = 0
    for path in sorted((ROOT / "hooks").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        docstrings = {
            line
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and ast.get_docstring(node)
            for line in range(node.body[0].lineno, node.body[0].end_lineno + 1)
        }
        code = {
            token.start[0]
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type
            not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
        }
        total += len(code - docstrings)
    assert total <= 100, total

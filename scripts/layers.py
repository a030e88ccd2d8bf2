"""Fail when a lower layer imports a higher one, or when imports go in a circle.

    .venv/bin/python scripts/layers.py     # exit 1 and name each offence

The layers, lowest first (a module may import its own layer and those below):

    0  errors, names, dates, cadence     what people type, and the two kinds of trouble
    1  board                             the records and every rule (no I/O)
    2  store, paths, keys                the files (store: of board, only records); the key
    3  formats, views                    files in and out; words, tables, JSON
    4  actions                           one function per verb: the Python API
    5  commands, editor                  words to typed inputs; the user's editor
    6  cli, __main__                     the root command and the one error funnel

Imports only for type checking (``if TYPE_CHECKING:``) are not dependencies
and are left out. A circle is looked for among imports at module level (an
import inside a function is how a module defers a cost, and runs later).
The package's own ``advisors/__init__.py`` loads the API lazily and is left
out too.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "advisors"

RANKS = {
    "errors": 0,
    "names": 0,
    "dates": 0,
    "cadence": 0,
    "board": 1,
    "store": 2,
    "paths": 2,
    "keys": 2,
    "formats": 3,
    "views": 3,
    "actions": 4,
    "commands": 5,
    "editor": 5,
    "cli": 6,
    "__main__": 6,
}
# What the store may take from the domain: the record types, nothing else.
STORE_MAY_USE = {"advisors.board.records"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """(module imported, line, at module level) for each advisors import,
    leaving out those under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other, top)
                continue
            if isinstance(child, ast.Import):
                found.extend((a.name, child.lineno, top) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for alias in child.names:
                    target = f"{child.module}.{alias.name}"
                    is_module = (PACKAGE.parent / target.replace(".", "/")).with_suffix(".py")
                    is_package = PACKAGE.parent / target.replace(".", "/") / "__init__.py"
                    shown = target if is_module.exists() or is_package.exists() else child.module
                    found.append((shown, child.lineno, top))
            inner = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, top and not inner)

    visit(tree, True)
    return [(name, line, top) for name, line, top in found if name.startswith("advisors")]


def offences() -> list[str]:
    found: list[str] = []
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        if name == "advisors":
            continue
        mine = layer(name)
        if mine not in RANKS:
            found.append(f"{name}: in no layer; add it to scripts/layers.py")
            continue
        graph[name] = set()
        for target, line, top in imports(path):
            theirs = layer(target)
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            if theirs is not None and theirs not in RANKS:
                found.append(f"{where}: imports {target}, in no layer")
            elif theirs is not None and RANKS[theirs] > RANKS[mine]:
                found.append(
                    f"{where}: {mine} (layer {RANKS[mine]}) imports {target} (layer "
                    f"{RANKS[theirs]})"
                )
            elif mine == "store" and theirs == "board" and target not in STORE_MAY_USE:
                found.append(f"{where}: the store imports {target}; it may use only record types")
            if top and target != "advisors":
                graph[name].add(target)
    found += [f"an import circle: {' -> '.join(c)}" for c in circles(graph)]
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle among module-level imports, once."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def walk(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in trail:
                loop = trail[trail.index(nxt) :]
                if frozenset(loop) not in seen:
                    seen.add(frozenset(loop))
                    found.append([*loop, nxt])
            elif len(trail) < 30:
                walk(nxt, [*trail, nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def main() -> int:
    found = offences()
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        print(f"layers: {len(list(PACKAGE.rglob('*.py')))} modules, no offence")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

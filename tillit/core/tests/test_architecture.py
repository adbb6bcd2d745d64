"""The architecture's rules, checked on the source: apps form layers without import cycles, the
base layer imports no app, and no module grows past the size where it should become a package."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR, "tillit")
IMPORT = re.compile(r"^\s*(?:from|import)\s+tillit\.(\w+)", re.MULTILINE)
MAX_LINES = 600


def _apps() -> set[str]:
    return {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}


def _sources(app: str):
    for path in (ROOT / app).rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path


def import_graph() -> dict[str, set[str]]:
    """app → the apps its code imports (function-level imports included: they count too)."""
    apps = _apps()
    graph: dict[str, set[str]] = {app: set() for app in apps}
    for app in apps:
        for path in _sources(app):
            graph[app] |= {other for other in IMPORT.findall(path.read_text()) if other in apps and other != app}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every app that can reach itself, with one path that shows it."""
    found = []
    for start in sorted(graph):
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph[node]):
                if nxt == start:
                    found.append([*path, start])
                    stack.clear()
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    return found


def test_no_import_cycle_between_apps():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})[0] == ["a", "b", "c", "a"]


def test_core_is_the_base_layer():
    assert import_graph()["core"] == set()


def test_no_module_is_too_long():
    long = {
        str(path.relative_to(ROOT)): n
        for app in _apps()
        for path in _sources(app)
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}, "split these into packages"

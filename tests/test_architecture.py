"""The house rules that keep the code inheritable: layers and no import circles, small documented modules, one style,
types that check, and a README that shows the layers as they are."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dashboard"
MAX_LINES = 400


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _tool(name: str) -> str:
    path = shutil.which(name) or str(Path(sys.executable).parent / name)
    assert Path(path).exists(), f"{name} is not installed: `make deps` installs the test dependencies"
    return path


def test_import_linter_contracts_are_kept():
    run = _run(_tool("lint-imports"), "--no-cache")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]
    assert "0 broken" in run.stdout


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles_lazy_imports_included():
    # grimp reads every import statement, those inside functions too.
    graph = grimp.build_graph("dashboard", cache_dir=None)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    # A package imports its own submodules to register them; that is not a circle between rooms.
    for m in edges:
        edges[m] = {w for w in edges[m] if not m.startswith(w + ".")}
    assert _circles(edges) == []


def test_a_circle_is_found_when_there_is_one():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_modules_are_small_and_say_what_they_are():
    too_long = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert too_long == {}, f"modules over {MAX_LINES} lines: split them by what they do"
    for path in _modules():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and doc.strip(), f"{path.relative_to(ROOT)} has no module docstring"
        assert len(doc.splitlines()[0]) <= 120, f"{path.relative_to(ROOT)}: the docstring's first line is one line"


def test_ruff_lint_and_format():
    ruff = _tool("ruff")
    lint = _run(ruff, "check", "dashboard", "tests", "scripts")
    assert lint.returncode == 0, lint.stdout[-3000:]
    fmt = _run(ruff, "format", "--check", "dashboard", "tests", "scripts")
    assert fmt.returncode == 0, fmt.stdout[-3000:]


def test_mypy_on_the_package():
    run = _run(sys.executable, "-m", "mypy", "--no-incremental")
    assert run.returncode == 0, run.stdout[-4000:]


def _readme_layers():
    spec = importlib.util.spec_from_file_location("readme_layers", ROOT / "scripts" / "readme_layers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_shows_the_layers_as_the_contract_has_them():
    layers = _readme_layers()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert layers.layers_block() in readme, "the README's layers differ: run python scripts/readme_layers.py"
    for layer in layers.layers():
        for module in layer:
            assert importlib.util.find_spec(module), f"{module} is in the contract but not in the package"


def test_every_browser_test_is_held_to_the_offline_and_zero_console_rules():
    """Browser tests open pages only through tests/browser/conftest.py's recorded_page (or offline_page), which
    fails a test on any console error, page error or request that leaves the app's server."""
    own_contexts = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "tests" / "browser").glob("test_*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "new_context(" in line or "new_page(" in line
    ]
    assert not own_contexts, f"open pages with recorded_page instead: {own_contexts}"

"""The package's layers as the README shows them, from the import-linter contract and each layer's docstring.

Run `python scripts/readme_layers.py` after changing the layers; tests/test_architecture.py fails while the README differs.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- layers:start (python scripts/readme_layers.py) -->", "<!-- layers:end -->"


def layers(pyproject: Path = ROOT / "pyproject.toml") -> list[list[str]]:
    """The layers contract's layers, top first; siblings (`a | b`) in one list."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return [[name.strip() for name in layer.split("|")] for layer in contract["layers"]]


def summary(module: str, root: Path = ROOT) -> str:
    """The first line of a module's or package's docstring."""
    path = root.joinpath(*module.split("."))
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    doc = ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def layers_block(root: Path = ROOT) -> str:
    """The README's text between START and END: each layer, what it is, and the direction of imports."""
    lines = [
        START,
        "```text",
        "dashboard/   imports run one way, down (import-linter checks it: tests/test_architecture.py)",
    ]
    for n, layer in enumerate(layers(root / "pyproject.toml")):
        for module in layer:
            name = module.removeprefix("dashboard.").replace(".", "/")
            name += "/" if (root / "dashboard" / name).is_dir() else ".py"
            lines.append(f"  {'↓ ' if n and module == layer[0] else '  '}{name:<13} {summary(module, root)}")
    lines += ["```", END]
    return "\n".join(lines)


def update_readme(readme: Path = ROOT / "README.md") -> bool:
    """Rewrite the block in the README; True when it changed."""
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    new = head + layers_block(readme.parent) + tail
    readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    print("README.md updated" if update_readme() else "README.md already up to date")

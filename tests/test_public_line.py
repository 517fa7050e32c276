"""The public line of ``dfa``: what each package exports, and no module using another's private names.

Read from the source (ast), so a new module is covered without a row here.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import dfa

ROOT = Path(dfa.__file__).parent
MODULES = sorted(ROOT.rglob("*.py"))
# public packages: a private one (``dfa._generated``) is reached through the public modules that re-export it
PACKAGES = sorted(path.parent for path in ROOT.rglob("__init__.py") if not path.parent.name.startswith("_"))


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def _defined_names(tree: ast.Module) -> set[str]:
    """Every name a module defines: functions, classes, methods, module and class attributes."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return names


TREES = {path: ast.parse(path.read_text(), str(path)) for path in MODULES}
DEFINED = {path: _defined_names(tree) for path, tree in TREES.items()}


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: _dotted(p / "__init__.py"))
def test_every_package_exports_a_curated_all_whose_names_import(package):
    module = importlib.import_module(_dotted(package / "__init__.py"))
    exported = getattr(module, "__all__", None)
    assert exported, f"{module.__name__} has no __all__: say what it exports"
    assert len(set(exported)) == len(exported), f"{module.__name__}.__all__ names something twice"
    for name in exported:
        assert not _private(name), f"{module.__name__}.__all__ exports the private {name}"
        if not hasattr(module, name):  # a submodule (dfa.cli.commands lists its command modules)
            importlib.import_module(f"{module.__name__}.{name}")


def test_no_module_imports_another_modules_private_names():
    found = []
    for path, tree in TREES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dfa"):
                found += [f"{path.relative_to(ROOT.parent)}:{node.lineno} imports {node.module}.{alias.name}"
                          for alias in node.names if _private(alias.name) and node.module != _dotted(path)]
    assert not found, "\n".join(found)


def test_no_module_reaches_into_another_modules_private_attributes():
    """``x._name`` only on ``self``, ``cls`` or ``super()``, or for a name the same module defines;
    private names of other libraries (``argparse._SubParsersAction``) are not ours to police."""
    ours = set().union(*DEFINED.values())
    found = []
    for path, tree in TREES.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or not _private(node.attr) or node.attr not in ours:
                continue
            receiver = node.value
            if isinstance(receiver, ast.Name) and receiver.id in ("self", "cls"):
                continue
            if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "super":
                continue
            if node.attr in DEFINED[path]:
                continue
            found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} uses {ast.unparse(node)}")
    assert not found, "\n".join(found)


def test_the_guard_sees_a_reach_into_private_names():
    """The checks above would fail on the shapes they forbid (not vacuous)."""
    tree = ast.parse("from dfa.chain.anvil import _hidden\nregistry._call('x')\n")
    imports = [a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names]
    reaches = [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)]
    assert any(_private(name) for name in imports)
    assert "_call" in reaches and "_call" in set().union(*DEFINED.values())

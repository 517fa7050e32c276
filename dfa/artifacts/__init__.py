"""The compiled contracts shipped with ``dfa`` (written by ``python -m dfa.build``)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from dfa.errors import NotFoundError

__all__ = ["BUILD_INFO", "artifact_names", "load_artifact", "merged_abi"]

BUILD_INFO = "build-info.json"


@cache
def load_artifact(name: str) -> dict[str, Any]:
    """The artifact of contract ``name``: abi, bytecode, deployedBytecode, compiler, sourceHash."""
    resource = files(__name__) / f"{name}.json"
    if name == BUILD_INFO.removesuffix(".json") or not resource.is_file():
        raise NotFoundError(f"no compiled contract named {name!r}; run `python -m dfa.build` in a checkout")
    artifact: dict[str, Any] = json.loads(resource.read_text())
    return artifact


def artifact_names() -> list[str]:
    """Names of every shipped contract artifact."""
    return sorted(
        entry.name.removesuffix(".json")
        for entry in files(__name__).iterdir()
        if entry.name.endswith(".json") and entry.name != BUILD_INFO
    )


def merged_abi(*names: str) -> list[dict[str, Any]]:
    """One ABI for a contract whose calls are served by several artifacts (a token and its admin module)."""
    seen: set[tuple[Any, ...]] = set()
    merged = []
    for name in names:
        for entry in load_artifact(name)["abi"]:
            if entry["type"] in ("constructor", "fallback", "receive"):
                continue
            key = (entry["type"], entry.get("name"), tuple(i["type"] for i in entry.get("inputs", [])))
            if key not in seen:
                seen.add(key)
                merged.append(entry)
    return merged

"""The compiled contracts shipped with ``dfa`` (written by ``python -m dfa.build``)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from dfa.errors import NotFoundError

BUILD_INFO = "build-info.json"


@cache
def load_artifact(name: str) -> dict[str, Any]:
    """The artifact of contract ``name``: abi, bytecode, deployedBytecode, compiler, sourceHash."""
    resource = files(__name__) / f"{name}.json"
    if name == BUILD_INFO.removesuffix(".json") or not resource.is_file():
        raise NotFoundError(f"no compiled contract named {name!r}; run `python -m dfa.build` in a checkout")
    return json.loads(resource.read_text())


def artifact_names() -> list[str]:
    """Names of every shipped contract artifact."""
    return sorted(
        entry.name.removesuffix(".json")
        for entry in files(__name__).iterdir()
        if entry.name.endswith(".json") and entry.name != BUILD_INFO
    )

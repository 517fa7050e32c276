"""A spec file (TOML or JSON) read as the spec models take it: the one reader for the CLI and the scripts.

Times in a spec may be absolute or relative to the chain's clock (:mod:`dfa.times`): relative ones
are resolved here, against the time the caller read from the chain, before the models validate them.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

from dfa.errors import ValidationError
from dfa.times import resolve_fields
from dfa.issuer.spec import DecisionSpec, TokenSpec

_DECISION_TIMES = ("subscription_start", "subscription_end", "lockup_until")


def load_spec(path: str | os.PathLike[str], now: int | None = None) -> dict[str, Any]:
    """The spec file at ``path`` as a dict; given ``now`` (the chain's time), its decision's relative times resolved."""
    try:
        text = Path(path).read_text()
        raw = tomllib.loads(text) if str(path).endswith(".toml") else json.loads(text)
    except (OSError, ValueError) as error:
        raise ValidationError(f"cannot read the spec {path}: {error}") from None
    decision = raw.get("decision")
    if now is not None and isinstance(decision, dict):
        resolve_fields(decision, _DECISION_TIMES, now)
    return raw


def load_token_spec(path: str | os.PathLike[str], now: int, roles: dict[str, str] | None = None) -> TokenSpec:
    """The :class:`TokenSpec` of the file; ``roles`` (name -> address) replace the file's ``[roles]`` when given."""
    raw = load_spec(path, now)
    if roles is not None:
        raw["roles"] = roles
    return TokenSpec.model_validate(raw)


def load_decision_spec(path: str | os.PathLike[str], now: int) -> DecisionSpec:
    """The :class:`DecisionSpec` of the file's ``[decision]``."""
    raw = load_spec(path, now).get("decision")
    if not raw:
        raise ValidationError(f"{path} has no [decision]")
    return DecisionSpec.model_validate(raw)

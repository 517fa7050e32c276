"""The base of every model that crosses the ``dfa`` API boundary."""

from __future__ import annotations

from typing import Any, Self

import pydantic

from dfa.errors import ValidationError


class InvalidInput(ValidationError):
    """A model was given values it cannot hold; ``problems`` lists (field, message) pairs."""

    def __init__(self, model: str, problems: list[tuple[str, str]]):
        self.model = model
        self.problems = problems
        listed = "; ".join(f"{field}: {message}" for field, message in problems)
        super().__init__(f"invalid {model}: {listed}")


class Model(pydantic.BaseModel):
    """Frozen, strict about unknown fields, and raising :class:`InvalidInput` (a ``DFAError``)."""

    model_config = pydantic.ConfigDict(frozen=True, extra="forbid")

    def __init__(self, **data: Any):
        try:
            super().__init__(**data)
        except pydantic.ValidationError as error:
            raise _translated(type(self).__name__, error) from None

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied and validated (``model_copy`` would skip validation)."""
        return type(self).model_validate({**self.model_dump(), **changes})

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(obj, **kwargs)
        except pydantic.ValidationError as error:
            raise _translated(cls.__name__, error) from None


def _translated(model: str, error: pydantic.ValidationError) -> InvalidInput:
    items = error.errors(include_url=False)
    inner = items[0].get("ctx", {}).get("error") if len(items) == 1 else None
    if isinstance(inner, InvalidInput) and inner.model == model:
        return inner  # pydantic ran our own __init__ (model_validate does), which already translated
    problems = []
    for item in items:
        field = ".".join(str(part) for part in item["loc"]) or "(model)"
        message = item["msg"].removeprefix("Value error, ")
        problems.append((field, message))
    return InvalidInput(model, problems)

"""Reading a CSV the careful way: every row checked, every bad one named, nothing sent if any is bad."""

from __future__ import annotations

import csv
from typing import Callable, TypeVar

from dfa.errors import DFAError, ValidationError

T = TypeVar("T")


def _listed(problems: list[tuple[int, str]]) -> str:
    return "\n  ".join(f"line {line}: {problem}" for line, problem in problems)


class RowsError(ValidationError):
    """Rows of a CSV that cannot be used, each with its line; nothing was sent (exit 2)."""

    def __init__(self, path: str, problems: list[tuple[int, str]], what: str = "fix the CSV"):
        self.path = path
        self.lines = [{"line": line, "problem": problem} for line, problem in problems]
        super().__init__(f"nothing was sent; {what} ({path}):\n  " + _listed(problems))


class RowsRefused(DFAError):
    """Rows of a CSV that a rule of the chain would refuse, each with its line and reason; nothing was sent (exit 3)."""

    def __init__(self, path: str, problems: list[tuple[int, str]], what: str):
        self.path = path
        self.lines = [{"line": line, "problem": problem} for line, problem in problems]
        super().__init__(f"{what} ({path}):\n  " + _listed(problems))


def read_rows(path: str, parse: Callable[[dict[str, str]], T], columns: tuple[str, ...] = ()) -> list[tuple[int, T]]:
    """``(line, parse(row))`` for every row; a :class:`RowsError` naming every bad line otherwise."""
    try:
        handle = open(path, newline="")
    except OSError as error:
        raise ValidationError(f"cannot read {path}: {error}") from None
    parsed, problems = [], []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise ValidationError(f"{path} lacks the columns {', '.join(missing)} (see --help for the columns)")
        for line, row in enumerate(reader, start=2):
            try:
                parsed.append((line, parse({k: (v or "").strip() for k, v in row.items() if k is not None})))
            except ValidationError as error:
                problems.append((line, str(error)))
    if problems:
        raise RowsError(path, problems)
    if not parsed:
        raise ValidationError(f"{path} has no rows")
    return parsed

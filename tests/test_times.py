"""Relative times at the command line count from the chain's clock; anything else is left to the parsers."""

import pytest

from dfa.times import resolve_fields, resolve_time
from dfa.errors import ValidationError
from dfa.types import parse_timestamp

NOW = 1_767_225_600  # 2026-01-01, the pinned genesis of the tests' chains


@pytest.mark.parametrize("text, expected", [("now", NOW), (" now ", NOW), ("+30d", NOW + 30 * 86400),
                                            ("+12h", NOW + 12 * 3600), ("+45m", NOW + 45 * 60)])
def test_relative_times(text, expected):
    assert resolve_time(text, NOW) == expected
    assert resolve_time(text, lambda: NOW) == expected


def test_anything_else_is_unchanged_and_the_clock_is_not_asked():
    def no_clock():
        raise AssertionError("an absolute time needs no node")

    for value in ("2027-01-31", "2027-01-31T12:00:00Z", 1_800_000_000, None, "+1+1", "-3d", "+3y", "tomorrow"):
        assert resolve_time(value, no_clock) == value
    for bad in ("+1+1", "-3d", "+3y", "tomorrow"):  # still refused, by the parser, with its message
        with pytest.raises(ValidationError, match="is not a date"):
            parse_timestamp(resolve_time(bad, NOW))


def test_fields_of_a_spec_are_resolved_in_place():
    decision = {"subscription_start": "now", "subscription_end": "+30d", "cap": "now"}
    resolve_fields(decision, ("subscription_start", "subscription_end", "lockup_until"), NOW)
    assert decision == {"subscription_start": NOW, "subscription_end": NOW + 30 * 86400, "cap": "now"}

"""Enforcement: pause, freezes and court-ordered transfers, each with its legal basis, and their history."""

from dfa.enforcement.actions import Enforcement, EnforcementEvent

__all__ = ["Enforcement", "EnforcementEvent"]

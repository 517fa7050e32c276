"""The roles of the contracts: each ``bytes32 public constant ..._ROLE`` by name, with its id.

Generated from the contracts by ``python -m dfa.build`` (``dfa/_generated/roles.py``):
:data:`ROLE_IDS` (name -> id), :data:`ROLE_NAMES` (id -> name), :data:`CONTRACT_ROLES`
(contract -> the roles it reads), and one constant per role (``OPERATOR_ROLE``...).
"""

from __future__ import annotations

from dfa._generated.roles import *  # noqa: F403 (listed in its __all__)
from dfa._generated.roles import __all__ as __all__

"""What the contracts define besides errors and roles: enums, bit sets, limits, record layouts.

Generated from the contracts by ``python -m dfa.build`` (``dfa/_generated/constants.py`` and
``enums.py``): one class per contract holding its constants (``Batchable.MAX_BATCH``,
``Documents.MAX_DOCUMENTS``, ``Enforcement.INDEFINITELY``...), one ``IntEnum`` per Solidity
enum, one ``IntFlag`` per library of bits, and :data:`INVESTOR_RECORDS_LAYOUT`, the offsets and
widths of the investor record the registry packs into one word.
"""

from __future__ import annotations

from dfa._generated.constants import *  # noqa: F403 (listed in its __all__)
from dfa._generated.constants import __all__ as _constants
from dfa._generated.enums import *  # noqa: F403 (listed in its __all__)
from dfa._generated.enums import __all__ as _enums

__all__ = [*_constants, *_enums]

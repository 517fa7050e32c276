"""Regenerate ``dfa/_generated/`` from the committed artifacts without importing ``dfa`` itself.

``python -m dfa._bindings_gen`` does the same, but Python imports the package ``dfa`` first,
and that imports the generated modules: after a merge that renamed what hand-written code
imports from them, only this script can write them again. Usage:
``python scripts/generate_bindings.py [--check]``.
"""

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
package = types.ModuleType("dfa")  # the package without its __init__, which imports the bindings
package.__path__ = [str(ROOT / "dfa")]
sys.modules["dfa"] = package

from dfa._bindings_gen import main  # noqa: E402 (after the package stand-in)

sys.exit(main(sys.argv[1:]))

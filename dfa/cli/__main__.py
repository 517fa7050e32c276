"""``python -m dfa.cli``: the ``dfa`` command where the console script is not installed."""

import sys

from dfa.cli import main

sys.exit(main())

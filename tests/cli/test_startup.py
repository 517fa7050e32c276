"""`dfa --help` answers without loading the chain stack: the domain modules load when a command runs."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("web3", "eth_account", "pydantic", "requests", "dfa.chain.client", "dfa.issuer")


def _modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    answer = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return set(answer.stdout.split())


def test_help_loads_no_chain_stack():
    loaded = _modules_after("from dfa.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_package_loads_its_public_names_on_first_use():
    loaded = _modules_after("import dfa\nimport dfa.errors")
    assert not loaded & set(HEAVY)
    loaded = _modules_after("from dfa import Client, InvestorRegistry, errors\nassert Client.__name__ == 'Client'")
    assert {"web3", "dfa.chain.client", "dfa.operator"} <= loaded

"""The demo runs end to end on both backends; its refusals are checked by the demo itself."""

import importlib.util
from pathlib import Path

from dfa import Client

DEMO = Path(__file__).resolve().parents[1] / "scripts" / "demo.py"


def _demo():
    spec = importlib.util.spec_from_file_location("demo", DEMO)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_runs_on_the_embedded_chain(capsys, tmp_path):
    assert _demo().main(["--csv-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("refused:") == 19
    for reason in ("PurchaseLimitExceeded", "AcquisitionNotConsented", "DFAInvalidDecisionTerms", "ReceiverCountryNotAllowed", "SenderFrozen", "RecoveryTooEarly",
                   "RecoverySameAgent", "ReceiverDeniedByRule", "FactoryOperatorNotLicensed"):
        assert reason in out, reason
    [csv_file] = tmp_path.glob("register-SGB29-*.csv")
    assert "investor_id,category" in csv_file.read_text()
    assert "RegistryOperatorNotLicensed" in out and "verified: False" in out
    assert "SGB29 total supply: 15,000.00" in out


def test_demo_runs_on_anvil(anvil_node, capsys, tmp_path):
    client = Client(anvil_node.profile)
    snapshot = client.snapshot()  # the demo moves time on: leave the shared node as it was
    try:
        assert _demo().main(["--rpc", anvil_node.url, "--csv-dir", str(tmp_path)]) == 0
    finally:
        client.revert(snapshot)
    assert "Every rule refused what it must" in capsys.readouterr().out

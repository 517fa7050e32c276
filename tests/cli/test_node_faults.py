"""The node dies in the middle of a batch: after a restart from its state file, re-running completes it."""

import json
import os
import signal
import time

from eth_account import Account

from dfa.cli.home import Deployments
from dfa.cli.local_node import node_dir
from dfa.issuer.token import DFAToken
from dfa.operator.investors import InvestorRegistry
from tests.cli.test_cli import PINNED_DAY, dfa, home, write  # noqa: F401  (home is a fixture)
from tests.cli.test_resume import ROWS, offering  # noqa: F401  (offering is a fixture)


def _kill_node():
    record = json.loads((node_dir() / "node.json").read_text())
    os.kill(record["pid"], signal.SIGKILL)  # no chance to write its state: what was not saved is lost
    time.sleep(0.5)


def test_onboarding_survives_a_killed_node(home, capsys, monkeypatch):  # noqa: F811
    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0
    for signer, *argv in [(0, "regulator", "deploy"),
                          (0, "regulator", "license", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "--id", "C",
                           "--name", "A", "--scopes", "investor_registry", "--expires", "2030-01-01"),
                          (1, "operator", "deploy"),
                          (1, "operator", "add-registrar", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")]:
        assert dfa(capsys, "--dev-account", signer, *argv)[0] == 0
    time.sleep(6)  # let the node save its state (every 5 s) with the registry deployed
    wallets = [Account.create().address for _ in range(ROWS)]
    investors = write(home / "investors.csv", "reference,wallet,category,kind,country,residency,kyc_valid_until\n"
                      + "".join(f"r-{n},{w},retail,individual,KZ,KZ,2030-01-01\n" for n, w in enumerate(wallets)))
    real = InvestorRegistry._register_batch
    batches = []

    def dying(self, batch, signer, **options):
        batches.append(len(batch))
        receipt = real(self, batch, signer, **options)
        if len(batches) == 2:
            _kill_node()
        return receipt

    monkeypatch.setattr(InvestorRegistry, "_register_batch", dying)
    code, _, err = dfa(capsys, "--dev-account", 2, "operator", "onboard", investors)
    assert code == 5 and "is not running: `dfa node start`, then re-run" in err  # the third batch finds no node
    assert "HTTPConnectionPool" not in err and "urllib3" not in err and "Max retries" not in err
    monkeypatch.setattr(InvestorRegistry, "_register_batch", real)

    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0  # from the last saved state
    code, out, _ = dfa(capsys, "--json", "--dev-account", 2, "operator", "onboard", investors)
    result = json.loads(out)
    assert code == 0 and result["registered"] + result["skipped"] == ROWS
    for wallet in (wallets[0], wallets[ROWS // 2], wallets[-1]):
        code, out, _ = dfa(capsys, "--json", "operator", "show", wallet)
        assert json.loads(out)["category"] == 1


def test_allocation_survives_a_killed_node(offering, capsys, monkeypatch):  # noqa: F811
    allocations, total = offering
    time.sleep(6)  # the offering is saved
    real = DFAToken.allocate_many
    calls = []

    def dying(self, decision_id, batch, signer, **options):
        calls.append(1)
        receipt = real(self, decision_id, batch, signer, **options)
        if len(calls) == 2:
            _kill_node()
        return receipt

    monkeypatch.setattr(DFAToken, "allocate_many", dying)
    assert dfa(capsys, "--dev-account", 6, "issuer", "allocate", "B", "B-1", allocations)[0] == 5
    monkeypatch.setattr(DFAToken, "allocate_many", real)
    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0
    code, out, err = dfa(capsys, "--json", "--dev-account", 6, "issuer", "allocate", "B", "B-1", allocations)
    assert code == 0, err
    code, out, _ = dfa(capsys, "--json", "register", "extract", "B")
    extract = json.loads(out)
    assert extract["total_supply"] == str(total) and len(extract["holders"]) == ROWS  # nothing twice, nothing lost


def test_a_node_that_went_away_is_named_with_the_fix(home, capsys):  # noqa: F811
    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0
    url = json.loads((node_dir() / "node.json").read_text())["url"]
    _kill_node()
    code, out, err = dfa(capsys, "--json", "--dev-account", 0, "regulator", "deploy")
    assert code == 5 and f"the node at {url} is not running: `dfa node start`, then re-run" in err
    assert json.loads(out)["code"] == 5


def test_node_start_names_deployments_lost_with_the_node_and_what_to_redo(home, capsys):  # noqa: F811
    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0
    assert dfa(capsys, "--dev-account", 0, "regulator", "deploy")[0] == 0
    assert dfa(capsys, "node", "stop")[0] == 0  # state saved: the licence register survives
    # as if the token had been deployed in the last seconds before a kill: its record points at no contract
    Deployments(31337).record("SGB29", "0x00000000000000000000000000000000DeaDBeef")
    code, out, _ = dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)
    assert code == 0 and "nothing is left at the address recorded for SGB29" in out
    assert "dfa issuer deploy SPEC" in out and "publish-decision SGB29" in out and "licenses" not in out
    assert set(Deployments(31337).all()) == {"licenses"}  # forgotten: later commands say the name is unknown
    code, _, err = dfa(capsys, "holder", "balance", "SGB29", "0x90F79bf6EB2c4f870365E785982E1f101E93b906")
    assert code == 2 and "nothing named 'SGB29'" in err

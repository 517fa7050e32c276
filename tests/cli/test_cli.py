"""The `dfa` command line on a local node it starts itself: the life cycle, bad input, exit codes, restarts."""

import json

import pytest

from dfa.cli import main
from dfa.cli.local_node import stop

PINNED_DAY = "2026-01-01"  # the chains tests start keep their own clock from here, whatever the date

DEV = [  # anvil's development accounts, by the part they play here
    "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",  # 0 regulator
    "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",  # 1 operator
    "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",  # 2 registrar
    "0x90F79bf6EB2c4f870365E785982E1f101E93b906",  # 3 investor A (retail)
    "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",  # 4 investor B (qualified)
    "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",  # 5 token admin
    "0x976EA74026E726554dB657fA54763abd0C3a0aa9",  # 6 issuer agent
    "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",  # 7 compliance agent
    "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",  # 8 enforcement agent
    "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",  # 9 document manager
]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DFA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DFA_REGISTRAR_SALT", "cli-test-salt-0123456789")
    yield tmp_path
    stop()


def dfa(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _id(reference):
    from dfa.operator import investor_id

    return investor_id(reference, "cli-test-salt-0123456789")


def write(path, text):
    path.write_text(text)
    return path


def test_without_a_node_the_error_says_how_to_start_one(home, capsys):
    code, _, err = dfa(capsys, "--dev-account", 0, "regulator", "deploy")
    assert code == 5 and "dfa node start" in err


def test_a_throw_away_embedded_chain(home, capsys):
    code, out, _ = dfa(capsys, "--network", "embedded", "--json", "--dev-account", 0, "regulator", "deploy")
    assert code == 0 and json.loads(out)["licenses"].startswith("0x")


def test_the_life_cycle_on_a_local_node(home, capsys):
    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0
    assert dfa(capsys, "--dev-account", 0, "regulator", "deploy")[0] == 0
    code, out, _ = dfa(capsys, "--dev-account", 0, "regulator", "license", DEV[1], "--id", "CB-1", "--name",
                       "Alpha JSC", "--scopes", "issuance,investor_registry", "--expires", "2030-01-01")
    assert code == 0 and "in force" in out
    assert dfa(capsys, "--dev-account", 1, "operator", "deploy")[0] == 0
    assert dfa(capsys, "--dev-account", 1, "operator", "add-registrar", DEV[2])[0] == 0

    investors = write(home / "investors.csv", "reference,wallet,category,kind,country,residency,kyc_valid_until,flags\n"
                      f"c-1,{DEV[3]},retail,individual,KZ,KZ,2030-01-01,\n"
                      f"c-2,{DEV[4]},qualified,individual,KZ,KZ,2030-01-01,\n")
    code, out, _ = dfa(capsys, "--json", "--dev-account", 2, "operator", "onboard", investors)
    assert code == 0 and json.loads(out)["registered"] == 2
    code, out, _ = dfa(capsys, "--json", "--dev-account", 2, "operator", "onboard", investors)  # safe to re-run
    assert code == 0 and json.loads(out) == {"registered": 0, "skipped": 2, "conflicts": []}

    first_letter = next(i for i, c in enumerate(DEV[5]) if i > 1 and c.isalpha())
    bad_checksum = DEV[5][:first_letter] + DEV[5][first_letter].swapcase() + DEV[5][first_letter + 1:]
    bad = write(home / "bad.csv", investors.read_text() + f"c-3,{bad_checksum},retail,individual,KZ,KZ,"
                "2030-01-01,\nc-4,0x0000000000000000000000000000000000000001,retail,individual,ZZ,KZ,2030-01-01,\n"
                "c-5,0x0000000000000000000000000000000000000002,retail,individual,KZ,KZ,2030-01-01,whale\n")
    code, _, err = dfa(capsys, "--dev-account", 2, "operator", "onboard", bad)
    assert code == 2 and "nothing was sent" in err and "bad checksum" in err
    assert "line 5" in err and "unknown country" in err and "line 6" in err and "unknown investorflag" in err

    code, out, _ = dfa(capsys, "--dev-account", 2, "operator", "update", _id("c-1"), "--category", "qualified")
    assert code == 0
    code, out, _ = dfa(capsys, "--json", "operator", "show", DEV[3])
    assert json.loads(out)["category"] == 2

    spec = write(home / "bond.json", json.dumps({
        "name": "Steppe Green Bond", "symbol": "SGB", "decimals": 2, "asset_class": "debt", "jurisdiction": "KZ",
        "roles": {"admin": DEV[5], "issuer_agent": DEV[6], "compliance_agent": DEV[7], "enforcement_agent": DEV[8],
                  "document_manager": DEV[9]},
        "decision": {"decision_id": "SGB-1", "document_hash": "0x" + "11" * 32, "cap": "100000", "price": "1.00",
                     "currency": "USD", "subscription_start": "2020-01-01", "subscription_end": "2030-01-01"}}))
    assert dfa(capsys, "--dev-account", 0, "issuer", "deploy-factory")[0] == 0
    assert dfa(capsys, "--dev-account", 1, "issuer", "deploy", spec)[0] == 0
    assert dfa(capsys, "--dev-account", 5, "issuer", "publish-decision", "SGB", spec)[0] == 0
    allocations = write(home / "allocations.csv", f"wallet,amount\n{DEV[3]},1000\n{DEV[4]},2500.50\n")
    assert dfa(capsys, "--dev-account", 6, "issuer", "allocate", "SGB", "SGB-1", allocations)[0] == 0
    too_fine = write(home / "fine.csv", f"wallet,amount\n{DEV[3]},1.001\n")
    code, _, err = dfa(capsys, "--dev-account", 6, "issuer", "allocate", "SGB", "SGB-1", too_fine)
    assert code == 2 and "line 2" in err and "decimals" in err
    stranger = write(home / "stranger.csv", f"wallet,amount\n{DEV[9]},10\n")
    code, out, err = dfa(capsys, "--json", "--dev-account", 6, "issuer", "allocate", "SGB", "SGB-1", stranger)
    assert code == 3 and "nothing was allocated" in err
    assert "line 2: the receiver is not a wallet of any investor" in err
    failure = json.loads(out)  # the refused rows, each with its reason, for a machine too
    assert failure["code"] == 3 and [(e["line"], e["problem"][:40]) for e in failure["lines"]] == \
        [(2, "the receiver is not a wallet of any inve")]

    assert dfa(capsys, "--dev-account", 3, "holder", "transfer", "SGB", DEV[4], "100")[0] == 0
    code, out, _ = dfa(capsys, "holder", "check", "SGB", DEV[3], DEV[9], "1")
    assert code == 3 and "refused (code 11)" in out  # a refusal exits 3, as a refused transfer would
    code, _, err = dfa(capsys, "--dev-account", 3, "holder", "transfer", "SGB", DEV[9], "1")
    assert code == 3 and "nothing was sent" in err and "not a wallet of any investor" in err
    code, _, err = dfa(capsys, "--dev-account", 3, "regulator", "suspend", DEV[1], "--reason", "x")
    assert code == 3 and "REGULATOR_ROLE" in err

    assert dfa(capsys, "--dev-account", 8, "enforce", "freeze", "SGB", DEV[3], "--reference", "Court 1")[0] == 0
    code, _, err = dfa(capsys, "--dev-account", 3, "holder", "transfer", "SGB", DEV[4], "1")
    assert code == 3 and "frozen" in err
    assert dfa(capsys, "--dev-account", 8, "enforce", "forced-transfer", "SGB", DEV[3], DEV[4], "50",
               "--reference", "Court 2")[0] == 0
    code, _, err = dfa(capsys, "--dev-account", 8, "enforce", "forced-transfer", "SGB", DEV[3], DEV[3], "1",
                       "--reference", "Court 3")
    assert code == 3 and "to itself" in err and "nothing was sent" in err

    code, before, _ = dfa(capsys, "--json", "register", "extract", "SGB")
    extract = json.loads(before)
    assert code == 0 and extract["total_supply"] == "3500.50" and len(extract["holders"]) == 2
    frozen = {w["wallet"]: w for h in extract["holders"] for w in h["wallets"]}[DEV[3]]
    assert frozen["wallet_frozen"] and frozen["wallet_frozen_until"] is None and frozen["frozen"] == frozen["balance"]
    code, out, _ = dfa(capsys, "register", "audit", "SGB")
    assert code == 0 and "forced transfer" in out and "issuance" in out

    # the node restarts from its state file: the register is unchanged
    assert dfa(capsys, "node", "stop")[0] == 0
    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0
    code, after, _ = dfa(capsys, "--json", "register", "extract", "SGB", "--block", extract["block"])
    assert code == 0 and json.loads(after) == extract


def test_usage_errors_exit_2(home, capsys):
    with pytest.raises(SystemExit) as usage:
        main(["regulator", "license"])
    assert usage.value.code == 2
    code, _, err = dfa(capsys, "--network", "embedded", "regulator", "deploy")
    assert code == 2 and "--dev-account" in err

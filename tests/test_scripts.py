"""The issuer script runs end to end; bad input sends nothing."""

import importlib.util
from pathlib import Path

from dfa import Client

ROOT = Path(__file__).resolve().parents[1]


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_issue_bond_deploys_and_allocates_from_the_examples(capsys):
    assert _script("issue_bond").main([str(ROOT / "examples/bond.toml"), str(ROOT / "examples/investors.csv")]) == 0
    out = capsys.readouterr().out
    assert "total supply: 131,500.00 SGB29" in out


def test_issue_bond_on_anvil(anvil_node, capsys):
    client = Client(anvil_node.profile)
    snapshot = client.snapshot()
    try:
        code = _script("issue_bond").main([str(ROOT / "examples/bond.toml"), str(ROOT / "examples/investors.csv"),
                                           "--rpc", anvil_node.url])
    finally:
        client.revert(snapshot)
    assert code == 0 and "total supply: 131,500.00 SGB29" in capsys.readouterr().out


def _csv(tmp_path, *rows):
    path = tmp_path / "investors.csv"
    header = "reference,wallet,amount,category,kind,country,residency,kyc_valid_until,flags"
    path.write_text("\n".join([header, *rows]) + "\n")
    return path


GOOD = "c-1,0x397C87eD14e359b8107b8e27b255957D9130fB4B,100,retail,individual,KZ,KZ,+365d,"


def test_bad_rows_are_all_reported_and_nothing_is_sent(tmp_path, capsys):
    path = _csv(tmp_path, GOOD,
                "c-2,0x397c87eD14e359b8107b8e27b255957D9130fB4B,100,retail,individual,KZ,KZ,+365d,",
                "c-3,0xc9142C4229cc2692016Bb369578AA77E5Ed53dFD,-5,retail,individual,KZ,KZ,+365d,",
                "c-4,0x7E0f16b57dD8F098079A39d2F1F3FFa32d2d2356,1.001,retail,individual,KZ,KZ,+365d,")
    assert _script("issue_bond").main([str(ROOT / "examples/bond.toml"), str(path)]) == 2
    err = capsys.readouterr().err
    assert "nothing was sent" in err
    assert "line 3:" in err and "bad checksum" in err
    assert "line 4:" in err and "negative" in err
    assert "line 5:" in err and "more than the token's 2 decimals" in err


def test_a_refused_allocation_stops_the_whole_file(tmp_path, capsys):
    company = "c-5,0x574a3a140Db99eD82AaF0ba1d8fA6D4736fb5049,5000,professional,legal_entity,KZ,KZ,+365d,"
    path = _csv(tmp_path, GOOD, company)
    assert _script("issue_bond").main([str(ROOT / "examples/bond.toml"), str(path)]) == 3
    err = capsys.readouterr().err
    assert "nothing was allocated" in err and "line 3" in err and "compliance rule" in err



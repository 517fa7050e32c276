"""The committed artifacts are exactly what the pinned compiler makes of today's sources."""

import json

from dfa import build as builder
from dfa.artifacts import BUILD_INFO, artifact_names, load_artifact


def test_artifacts_are_fresh():
    fresh, build_info = builder.build()
    differing = builder.stale(fresh)
    assert not differing, f"stale artifacts (run `python -m dfa.build` and commit): {', '.join(differing)}"
    committed_info = json.loads((builder.ARTIFACTS_DIR / BUILD_INFO).read_text())
    assert committed_info["input"] == build_info["input"], "build-info.json is stale: run `python -m dfa.build`"


def test_a_changed_contract_is_named(monkeypatch):
    sources = builder.collect_sources()
    unit = "contracts/operator/InvestorRegistry.sol"
    sources[unit] = sources[unit].replace("MAX_WALLETS = 10", "MAX_WALLETS = 11")
    monkeypatch.setattr(builder, "collect_sources", lambda: sources)
    fresh, _ = builder.build()
    assert "InvestorRegistry.bytecode" in builder.stale(fresh)
    assert not any(item.startswith("OperatorLicenseRegistry") for item in builder.stale(fresh))


def test_artifacts_record_the_pinned_compiler_and_settings():
    for name in artifact_names():
        compiler = load_artifact(name)["compiler"]
        assert compiler["version"].startswith(builder.SOLC_VERSION + "+")
        assert compiler["settings"] == builder.SETTINGS
        assert compiler["settings"]["evmVersion"] == "prague"

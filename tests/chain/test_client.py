"""The client: chain-id checks, signers, keys, failed and unmined transactions, on both backends."""

import logging

import pytest
from eth_account import Account
from eth_tester import PyEVMBackend

from dfa import errors
from dfa.chain.anvil import AnvilNode
from dfa.chain.backends import PINNED_GENESIS_TIME
from dfa.chain.client import Client
from dfa.chain.network import EMBEDDED, NetworkProfile
from dfa.chain.signers import KeySigner, write_keystore
from dfa.models import InvalidInput
from dfa.regulator import LicenseRegistry

PASSPHRASE_ENV = "DFA_TEST_KEYSTORE_PASSPHRASE"


def test_embedded_chain_id_mismatch_is_an_error():
    with pytest.raises(errors.NetworkMismatchError, match="expects 31337"):
        Client(EMBEDDED.replace(chain_id=31337))


def test_rpc_chain_id_mismatch_is_an_error(anvil_node):
    with pytest.raises(errors.NetworkMismatchError, match="reports chain id 31337"):
        Client(NetworkProfile(name="mainnet?", chain_id=1, rpc_url=anvil_node.url))


def test_unreachable_node_is_a_network_error():
    with pytest.raises(errors.NetworkError, match="cannot reach"):
        Client(NetworkProfile(name="nowhere", chain_id=31337, rpc_url="http://127.0.0.1:9", request_timeout=2))


def test_dev_flag_is_refused_for_a_chain_id_with_value():
    with pytest.raises(InvalidInput, match="cannot be marked dev"):
        NetworkProfile(name="prod", chain_id=2024, rpc_url="http://127.0.0.1:1", dev=True)


@pytest.fixture(scope="module")
def production_like(tmp_path_factory):
    """A real node whose chain id is not a development one: what a permissioned network looks like."""
    with AnvilNode(chain_id=4242, log_dir=tmp_path_factory.mktemp("prod-logs"), genesis_time=PINNED_GENESIS_TIME) as node:
        yield node, Client(NetworkProfile(name="pilot", chain_id=4242, rpc_url=node.url))


def test_dev_accounts_and_dev_controls_are_refused_off_dev_chains(production_like):
    _, client = production_like
    with pytest.raises(errors.SignerError, match="not a local development chain"):
        client.dev_accounts()
    with pytest.raises(errors.ConfigError):
        client.travel(10)
    with pytest.raises(errors.ConfigError):
        client.snapshot()


def test_well_known_dev_keys_are_refused_off_dev_chains_before_sending(production_like):
    node, client = production_like
    public_key = PyEVMBackend().account_keys[0]  # a key anyone can look up
    signer = KeySigner(Account.from_key(public_key.to_bytes()))
    _fund(node, signer.address)
    block = client.w3.eth.block_number
    with pytest.raises(errors.SignerError, match="well-known development account"):
        LicenseRegistry.deploy(client, signer)
    assert client.w3.eth.block_number == block


def test_an_own_keystore_signs_on_a_production_like_chain(production_like, tmp_path, monkeypatch):
    node, client = production_like
    signer = _keystore_signer(tmp_path, monkeypatch)
    _fund(node, signer.address)
    licenses = LicenseRegistry.deploy(client, signer)
    assert licenses.has_role("REGULATOR_ROLE", signer.address)


def _fund(node, address):
    import requests

    requests.post(node.url, json={"jsonrpc": "2.0", "id": 1, "method": "anvil_setBalance",
                                  "params": [address, hex(10**20)]}, timeout=5)


def _keystore_signer(tmp_path, monkeypatch) -> KeySigner:
    account = Account.create()
    path = tmp_path / "regulator.json"
    write_keystore(path, account.key, "correct horse battery staple")
    monkeypatch.setenv(PASSPHRASE_ENV, "correct horse battery staple")
    signer = KeySigner.from_keystore(path, PASSPHRASE_ENV)
    assert signer.address == account.address
    return signer


def test_keystore_signer_sends_consecutive_transactions(chain, tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    signer = _keystore_signer(tmp_path, monkeypatch)
    funder = chain.dev_accounts()[0]
    chain.transact(signer.address, b"", funder, value=10**19)
    licenses = LicenseRegistry.deploy(chain, signer)  # nonce 0
    licenses.grant_role("REGULATOR_ROLE", chain.dev_accounts()[1].address, signer)  # nonce 1
    licenses.revoke_role("REGULATOR_ROLE", chain.dev_accounts()[1].address, signer)  # nonce 2
    assert chain.w3.eth.get_transaction_count(signer.address) == 3
    key_hex = signer._account.key.hex()
    assert key_hex not in repr(signer) and key_hex not in caplog.text


def test_keystore_problems_are_signer_errors(tmp_path, monkeypatch):
    path = tmp_path / "key.json"
    write_keystore(path, Account.create().key, "right")
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    with pytest.raises(errors.SignerError, match=f"set {PASSPHRASE_ENV}"):
        KeySigner.from_keystore(path, PASSPHRASE_ENV)
    monkeypatch.setenv(PASSPHRASE_ENV, "wrong")
    with pytest.raises(errors.SignerError, match="does not open"):
        KeySigner.from_keystore(path, PASSPHRASE_ENV)
    with pytest.raises(errors.SignerError, match="no keystore file"):
        KeySigner.from_keystore(tmp_path / "missing.json", PASSPHRASE_ENV)
    with pytest.raises(FileExistsError):  # never overwrite a key
        write_keystore(path, Account.create().key, "other")


def test_key_from_the_environment(monkeypatch):
    account = Account.create()
    monkeypatch.setenv("DFA_TEST_KEY", account.key.hex())
    assert KeySigner.from_env("DFA_TEST_KEY").address == account.address
    monkeypatch.setenv("DFA_TEST_KEY", "0x1234")
    with pytest.raises(errors.SignerError, match="not hold a valid private key"):
        KeySigner.from_env("DFA_TEST_KEY")
    monkeypatch.delenv("DFA_TEST_KEY")
    with pytest.raises(errors.SignerError, match="set DFA_TEST_KEY"):
        KeySigner.from_env("DFA_TEST_KEY")


def test_a_mined_failure_raises_the_decoded_refusal_with_its_hash(world):
    operator = world.operator.address
    with pytest.raises(errors.LicenseAlreadyHeld) as refused:  # gas given: no estimate, so it is mined
        world.client.send(world.licenses.contract, "grantLicense", operator,
                          b"L".ljust(32, b"\0"), bytes(32), 1, world.client.now() + 1000, signer=world.regulator, gas=200_000)
    assert refused.value.sent
    receipt = world.client.w3.eth.get_transaction_receipt(refused.value.tx_hash)
    assert receipt["status"] == 0


def test_out_of_gas_is_a_transaction_failure(world):
    new = world.new_investor(0)
    with pytest.raises(errors.TransactionFailed, match="ran out of gas") as failed:
        world.client.send(world.registry.contract, "registerInvestor",
                          bytes.fromhex(new.investor_id[2:]), new.wallet, new.as_tuple(), signer=world.registrar, gas=40_000)
    assert failed.value.sent


def test_a_transaction_not_mined_in_time_raises_a_timeout(tmp_path):
    with AnvilNode(log_dir=tmp_path, extra_args=("--no-mining",), genesis_time=PINNED_GENESIS_TIME) as node:
        client = Client(node.profile.replace(receipt_timeout=0.5))
        sender = client.dev_accounts()[0]
        with pytest.raises(errors.TransactionTimeout, match="may still be mined") as late:
            client.transact(client.dev_accounts()[1].address, b"", sender, value=1)
        assert late.value.tx_hash.startswith("0x")


@pytest.mark.parametrize("mode, tx_type, price", [("free", 0, 0), ("legacy", 0, None), ("eip1559", 2, None)])
def test_fee_modes(tmp_path, monkeypatch, mode, tx_type, price):
    # A free-gas network (as Besu QBFT can be configured) has base fee 0 and accepts gas price 0.
    with AnvilNode(log_dir=tmp_path, extra_args=("--base-fee", "0", "--gas-price", "0"),
                   genesis_time=PINNED_GENESIS_TIME) as node:
        client = Client(node.profile.replace(fee_mode=mode, poa=True))
        signer = _keystore_signer(tmp_path, monkeypatch)
        _fund(node, signer.address)
        for sender in (signer, client.dev_accounts()[0]):
            receipt = client.transact(client.dev_accounts()[1].address, b"", sender, value=5)
            tx = client.w3.eth.get_transaction(receipt["transactionHash"])
            assert tx["type"] == tx_type
            if price is not None:
                assert receipt["effectiveGasPrice"] == price


def test_a_chain_rolled_back_under_the_client_leaves_no_nonce_gap(chain, tmp_path, monkeypatch):
    signer = _keystore_signer(tmp_path, monkeypatch)
    chain.transact(signer.address, b"", chain.dev_accounts()[0], value=10**18)
    snapshot = chain.backend.snapshot(chain.w3)  # behind the client's back, as a restarted node would
    chain.transact(chain.dev_accounts()[1].address, b"", signer, value=1)  # nonce 0
    chain.backend.revert(chain.w3, snapshot)  # that transaction is gone
    receipt = chain.transact(chain.dev_accounts()[1].address, b"", signer, value=1)  # nonce 0 again, not 1
    assert receipt["status"] == 1 and chain.w3.eth.get_transaction_count(signer.address) == 1


def test_a_node_that_refuses_batches_is_asked_one_read_at_a_time(anvil_node, monkeypatch):
    client = Client(anvil_node.profile)
    signer = KeySigner(Account.create())
    client.transact(signer.address, b"", client.dev_accounts()[0], value=10**18)
    monkeypatch.setattr(client.w3.provider, "make_batch_request",
                        lambda requests: {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "no batches"}})
    receipt = client.transact(signer.address, b"", signer, value=1)  # gas, nonce and fees read one by one
    assert receipt["status"] == 1 and not client.backend.batches
    assert client.w3.eth.get_transaction_count(signer.address) == 1


def test_a_refusal_in_the_estimate_is_the_contracts_typed_error(world):
    # on anvil the estimate travels in a raw batch with the fee read; on the embedded chain, alone
    investor = world.new_investor(0)
    world.registry.register(investor, world.registrar)
    block = world.client.w3.eth.block_number
    with pytest.raises(errors.RegistryWalletTaken) as refused:  # the estimate refuses: nothing is sent
        world.client.send(world.registry.contract, "registerInvestor",
                          bytes(12) + b"\x09" * 20, investor.wallet, investor.as_tuple(), signer=world.registrar)
    assert refused.value.wallet == investor.wallet and world.client.w3.eth.block_number == block


def test_chains_started_here_keep_their_own_clock(tmp_path):
    """Whatever the date, a test's chain starts at the pinned time and moves one second per block."""
    embedded = Client.embedded()
    with AnvilNode(log_dir=tmp_path, genesis_time=PINNED_GENESIS_TIME) as node:
        for client in (embedded, Client(node.profile)):
            assert client.w3.eth.get_block(0)["timestamp"] == PINNED_GENESIS_TIME
            start = client.now()
            regulator = client.dev_accounts()[0]
            for _ in range(3):
                client.transact(regulator.address, b"", regulator, value=1)
            assert client.now() == start + 3
            client.travel(3600)
            assert client.now() == start + 3 + 3600

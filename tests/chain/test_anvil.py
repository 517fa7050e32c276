"""The local anvil node manager: start, persist, restart, attach, stop."""

import http.server
import json
import threading

import pytest

from dfa import errors
from dfa.chain.anvil import AnvilNode
from dfa.chain.backends import PINNED_GENESIS_TIME
from dfa.chain.client import Client
from dfa.operator import InvestorRegistry, NewInvestor, investor_id
from dfa.regulator import LicenseRegistry, LicenseTerms


def test_state_survives_a_restart(tmp_path):
    state = tmp_path / "chain" / "state.json"
    with AnvilNode(state=state, log_dir=tmp_path, genesis_time=PINNED_GENESIS_TIME) as node:
        client = Client(node.profile)
        regulator, operator, registrar, holder = client.dev_accounts()[:4]
        licenses = LicenseRegistry.deploy(client, regulator)
        licenses.grant(LicenseTerms(operator=operator.address, license_id="L-1", operator_name="Op",
                                    scopes="investor_registry", expires_at=client.now() + 10**7), regulator)
        registry = InvestorRegistry.deploy(client, licenses, operator)
        registry.add_registrar(registrar.address, operator)
        new = NewInvestor(investor_id=investor_id("p-1", "salt-salt-salt-salt"), wallet=holder.address,
                          category="retail", kind="individual", country="KZ", residency="KZ",
                          kyc_valid_until=client.now() + 10**6)
        registry.register(new, registrar)
        before = registry.investor(new.investor_id)
        block = client.w3.eth.block_number
    assert node.process is None and state.is_file()

    with AnvilNode(state=state, log_dir=tmp_path, genesis_time=PINNED_GENESIS_TIME) as restarted:
        client = Client(restarted.profile)
        assert client.w3.eth.block_number == block
        registry = InvestorRegistry(client, registry.address)
        assert registry.investor(new.investor_id) == before
        assert registry.is_verified(holder.address)


def test_stop_ends_the_process(tmp_path):
    node = AnvilNode(log_dir=tmp_path, genesis_time=PINNED_GENESIS_TIME).start()
    process = node.process
    node.stop()
    assert process.poll() is not None
    with pytest.raises(errors.NetworkError):
        Client(node.profile.replace(request_timeout=2))


def test_attach_to_a_running_node_and_leave_it_running(anvil_node):
    attached = AnvilNode.attach(anvil_node.url)
    assert not attached.owned
    attached.stop()
    assert anvil_node.process.poll() is None
    Client(attached.profile)


def test_attach_refuses_a_node_that_is_not_anvil():
    class NotAnvil(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.dumps({"jsonrpc": "2.0", "id": 1, "result": "Geth/v1.14.0"}).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), NotAnvil)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(errors.NodeError, match="not anvil"):
            AnvilNode.attach(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()


def test_a_missing_binary_is_a_node_error(monkeypatch, tmp_path):
    monkeypatch.setenv("DFA_ANVIL", str(tmp_path / "no-anvil-here"))
    with pytest.raises(errors.NodeError, match="anvil not found"):
        AnvilNode(log_dir=tmp_path).start()


def test_a_failing_start_is_reported_with_its_log(tmp_path):
    with pytest.raises(errors.NodeError, match="see .*anvil-"):
        AnvilNode(log_dir=tmp_path, extra_args=("--no-such-flag",)).start()

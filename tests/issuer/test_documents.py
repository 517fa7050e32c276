"""Documents (ERC-1643), the token's declared identity, and ERC-165."""

import pytest
from eth_utils import function_signature_to_4byte_selector as selector

from dfa import errors
from dfa.issuer import DocumentSpec, file_hash


def test_documents_published_at_deployment_are_readable(market):
    [terms] = market.token.documents()
    assert (terms.name, terms.uri, terms.hash) == ("terms", "https://example.kz/sgb29/terms.pdf", "0x" + "11" * 32)


def test_set_replace_remove_and_verify_a_file(market, tmp_path):
    token, manager = market.token, market.document_manager
    paper = tmp_path / "white-paper.pdf"
    paper.write_bytes(b"%PDF white paper v1")
    receipt = token.set_document(DocumentSpec(name="white-paper", uri="ipfs://wp-v1", path=paper), manager)
    assert token.receipt_events(receipt, "DocumentUpdated")[0]["documentHash"].hex() == file_hash(paper)[2:]
    assert token.verify_document("white-paper", paper)

    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(b"%PDF white paper v1 (edited)")
    assert not token.verify_document("white-paper", tampered)

    paper.write_bytes(b"%PDF white paper v2")
    token.set_document(DocumentSpec(name="white-paper", uri="ipfs://wp-v2", path=paper), manager)
    assert token.document("white-paper").uri == "ipfs://wp-v2" and token.verify_document("white-paper", paper)
    assert [d.name for d in token.documents()] == ["terms", "white-paper"]

    receipt = token.remove_document("terms", manager)
    assert token.receipt_events(receipt, "DocumentRemoved")[0]["uri"] == "https://example.kz/sgb29/terms.pdf"
    assert [d.name for d in token.documents()] == ["white-paper"]
    with pytest.raises(errors.DFAUnknownDocument):
        token.document("terms")
    with pytest.raises(errors.DFAUnknownDocument):
        token.remove_document("terms", manager)


def test_only_the_document_manager_writes_documents(market):
    spec = DocumentSpec(name="notice", uri="https://example.kz/notice", hash="0x" + "44" * 32)
    for intruder in (market.admin, market.issuer_agent, market.compliance_agent):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            market.token.set_document(spec, intruder)


def test_document_input_is_checked(market, tmp_path):
    with pytest.raises(errors.ValidationError, match="content hash or the path"):
        DocumentSpec(name="x", uri="u")
    with pytest.raises(errors.ValidationError, match="no document file"):
        DocumentSpec(name="x", uri="u", path=tmp_path / "missing.pdf")
    (tmp_path / "a.pdf").write_bytes(b"a")
    with pytest.raises(errors.ValidationError, match="does not match"):
        DocumentSpec(name="x", uri="u", path=tmp_path / "a.pdf", hash="0x" + "00" * 32)
    with pytest.raises(errors.ValidationError, match="1 to 32 bytes"):
        DocumentSpec(name="x" * 33, uri="u", hash="0x" + "11" * 32)
    with pytest.raises(errors.DFAInvalidDocument):
        market.world.client.send(market.token.contract, "setDocument",
                                 b"x".ljust(32, b"\0"), "", b"\1" * 32, signer=market.document_manager)


def test_class_jurisdiction_and_interfaces_are_readable_on_chain(market):
    token = market.token
    assert token._call("assetClass") == 1 and token._call("jurisdiction") == 398
    interfaces = {
        "IERC20": ["totalSupply()", "balanceOf(address)", "transfer(address,uint256)", "transferFrom(address,address,uint256)",
                   "approve(address,uint256)", "allowance(address,address)"],
        "IERC1404": ["detectTransferRestriction(address,address,uint256)", "messageForTransferRestriction(uint8)"],
        "IERC1643": ["getDocument(bytes32)", "setDocument(bytes32,string,bytes32)", "removeDocument(bytes32)",
                     "getAllDocuments()"],
        "IERC7943Fungible": ["forcedTransfer(address,address,uint256)", "setFrozenTokens(address,uint256)",
                             "canSend(address)", "canReceive(address)", "getFrozenTokens(address)",
                             "canTransfer(address,address,uint256)"],
        "IERC165": ["supportsInterface(bytes4)"],
    }
    for name, functions in interfaces.items():
        interface_id = 0
        for signature in functions:
            interface_id ^= int.from_bytes(selector(signature), "big")
        assert token._call("supportsInterface", interface_id.to_bytes(4, "big")), name
    assert not token._call("supportsInterface", b"\xff\xff\xff\xff")
    assert token._call("messageForTransferRestriction", 15) == "Receiver: KYC expired"

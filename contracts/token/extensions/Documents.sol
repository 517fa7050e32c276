// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IERC1643} from "../interfaces/IERC1643.sol";
import {TokenRoles} from "./TokenRoles.sol";

/**
 * @title Documents (ERC-1643)
 * @notice The token's governing documents — terms, white paper, prospectus, audit reports —
 * each a URI with the hash of its content, so anyone can check a copy against the chain.
 */
abstract contract Documents is TokenRoles, IERC1643 {
    struct Document {
        string uri;
        bytes32 documentHash;
        uint64 lastModified;
        uint32 position; // 1-based index in _names; 0 when absent
    }

    struct DocumentInput {
        bytes32 name;
        string uri;
        bytes32 documentHash;
    }

    /// @custom:storage-location erc7201:dfa.storage.Documents
    struct DocumentsStorage {
        mapping(bytes32 name => Document) documents;
        bytes32[] names;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Documents")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant DOCUMENTS_STORAGE = 0x75bb1782072f1609a79039c73481c0fbb3a9dd78dfb38d13d2d24a707fe79f00;

    uint256 public constant MAX_DOCUMENTS = 32;

    error DFAInvalidDocument(bytes32 name);
    error DFAUnknownDocument(bytes32 name);
    error DFATooManyDocuments(uint256 max);

    /// @inheritdoc IERC1643
    function getDocument(bytes32 name) external view returns (string memory, bytes32, uint256) {
        Document storage document = _documentsStorage().documents[name];
        require(document.position != 0, DFAUnknownDocument(name));
        return (document.uri, document.documentHash, document.lastModified);
    }

    /// @inheritdoc IERC1643
    function getAllDocuments() external view returns (bytes32[] memory) {
        return _documentsStorage().names;
    }

    /**
     * @dev Publishes or replaces document `name`.
     *
     * Requirements: caller has DOCUMENT_MANAGER_ROLE; a name, a URI and a content hash;
     * at most {MAX_DOCUMENTS} documents.
     *
     * Emits {DocumentUpdated}.
     */
    function setDocument(bytes32 name, string calldata uri, bytes32 documentHash)
        external
        onlyRole(DOCUMENT_MANAGER_ROLE)
    {
        _setDocument(name, uri, documentHash);
    }

    /**
     * @dev Removes document `name`.
     *
     * Requirements: caller has DOCUMENT_MANAGER_ROLE; the document exists.
     *
     * Emits {DocumentRemoved}.
     */
    function removeDocument(bytes32 name) external onlyRole(DOCUMENT_MANAGER_ROLE) {
        DocumentsStorage storage $ = _documentsStorage();
        Document memory document = $.documents[name];
        require(document.position != 0, DFAUnknownDocument(name));
        bytes32 last = $.names[$.names.length - 1];
        $.names[document.position - 1] = last;
        $.documents[last].position = document.position;
        $.names.pop();
        delete $.documents[name];
        emit DocumentRemoved(name, document.uri, document.documentHash);
    }

    function _setDocument(bytes32 name, string calldata uri, bytes32 documentHash) internal {
        require(name != bytes32(0) && bytes(uri).length != 0 && documentHash != bytes32(0), DFAInvalidDocument(name));
        DocumentsStorage storage $ = _documentsStorage();
        Document storage document = $.documents[name];
        if (document.position == 0) {
            require($.names.length < MAX_DOCUMENTS, DFATooManyDocuments(MAX_DOCUMENTS));
            $.names.push(name);
            document.position = uint32($.names.length);
        }
        document.uri = uri;
        document.documentHash = documentHash;
        document.lastModified = uint64(block.timestamp);
        emit DocumentUpdated(name, uri, documentHash);
    }

    function _documentsStorage() private pure returns (DocumentsStorage storage $) {
        assembly {
            $.slot := DOCUMENTS_STORAGE
        }
    }
}

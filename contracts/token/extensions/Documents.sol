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

    uint256 public constant MAX_DOCUMENTS = 32;

    mapping(bytes32 name => Document) private _documents;
    bytes32[] private _names;

    error DFAInvalidDocument(bytes32 name);
    error DFAUnknownDocument(bytes32 name);
    error DFATooManyDocuments(uint256 max);

    /// @inheritdoc IERC1643
    function getDocument(bytes32 name) external view returns (string memory, bytes32, uint256) {
        Document storage document = _documents[name];
        require(document.position != 0, DFAUnknownDocument(name));
        return (document.uri, document.documentHash, document.lastModified);
    }

    /// @inheritdoc IERC1643
    function getAllDocuments() external view returns (bytes32[] memory) {
        return _names;
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
        Document memory document = _documents[name];
        require(document.position != 0, DFAUnknownDocument(name));
        bytes32 last = _names[_names.length - 1];
        _names[document.position - 1] = last;
        _documents[last].position = document.position;
        _names.pop();
        delete _documents[name];
        emit DocumentRemoved(name, document.uri, document.documentHash);
    }

    function _setDocument(bytes32 name, string calldata uri, bytes32 documentHash) internal {
        require(name != bytes32(0) && bytes(uri).length != 0 && documentHash != bytes32(0), DFAInvalidDocument(name));
        Document storage document = _documents[name];
        if (document.position == 0) {
            require(_names.length < MAX_DOCUMENTS, DFATooManyDocuments(MAX_DOCUMENTS));
            _names.push(name);
            document.position = uint32(_names.length);
        }
        document.uri = uri;
        document.documentHash = documentHash;
        document.lastModified = uint64(block.timestamp);
        emit DocumentUpdated(name, uri, documentHash);
    }
}

"""dfa: issuance and registry ledger for tokenized assets (digital financial assets)."""

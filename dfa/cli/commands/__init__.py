"""The subcommands of ``dfa``, one module per role."""

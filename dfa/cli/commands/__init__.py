"""The subcommands of ``dfa``, one module per role; each module's ``register`` adds its parser."""

__all__ = ["enforce", "holder", "issuer", "node", "operator", "register", "regulator"]

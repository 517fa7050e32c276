"""The factory through which a licensed operator deploys DFA tokens."""

from __future__ import annotations

from typing import Any

from eth_utils import keccak

from dfa import errors
from dfa.chain.client import Client
from dfa.chain.contract import ContractAPI
from dfa.chain.signers import Signer
from dfa.errors import ValidationError
from dfa.issuer.spec import TokenSpec
from dfa.issuer.token import DFAToken
from dfa.operator.investors import InvestorRegistry
from dfa.regulator.licenses import LicenseRegistry, Scope
from dfa.types import parse_address


class TokenFactory(ContractAPI):
    """``DFATokenFactory``: clones of one token implementation, for licensed operators only."""

    artifact = "DFATokenFactory"

    @classmethod
    def deploy(cls, client: Client, licenses: LicenseRegistry, signer: Signer) -> TokenFactory:
        """Deploy the token implementation (with its admin module) and a factory checking ``licenses``."""
        messages = client.deploy("RestrictionMessages", [], signer)
        terms_module = client.deploy("DFATokenTerms", [], signer)
        admin_module = client.deploy("DFATokenAdmin", [terms_module.address], signer)
        implementation = client.deploy("DFAToken", [admin_module.address, messages.address], signer)
        return cls._deploy(client, signer, licenses.address, implementation.address)

    @property
    def licenses(self) -> LicenseRegistry:
        return LicenseRegistry(self.client, self._call("licenses"))

    def predict_address(self, operator: str, salt: str | bytes) -> str:
        return str(self._call("predictAddress", parse_address(operator), _salt(salt)))

    def tokens(self) -> list[DFAToken]:
        return [DFAToken(self.client, address) for address in self._call("tokens")]

    def create_token(
        self,
        spec: TokenSpec,
        registry: InvestorRegistry,
        operator: Signer,
        *,
        salt: str | bytes | None = None,
        admin: Signer | None = None,
    ) -> DFAToken:
        """Deploy the token of ``spec`` for ``operator`` and, given its ``admin``, publish its decision.

        The operator's purchase limits (named in its registry) apply to every token of the operator:
        there is nothing to choose here. Refused before sending when the operator's issuance licence
        is not in force, the registry is not the operator's, checks licences elsewhere than in the
        factory's (the regulator's) licence registry, or its operator's investor-registry licence is
        not in force, or the salt was used before. ``salt`` defaults to the symbol.
        """
        salt = _salt(salt if salt is not None else spec.symbol)
        licence = self.licenses.license(operator.address)
        if licence is None or not licence.covers(Scope.ISSUANCE):
            raise errors.FactoryOperatorNotLicensed({"operator": operator.address})
        if registry.operator != operator.address:
            raise errors.FactoryForeignRegistry({"registry": registry.address, "operator": operator.address})
        if registry.licenses.address != self.licenses.address:
            raise errors.FactoryRegistryUnderOtherLicenses(
                {"registry": registry.address, "licenses": registry.licenses.address, "expected": self.licenses.address})
        if not licence.covers(Scope.INVESTOR_REGISTRY):
            raise errors.FactoryRegistryNotLicensed({"registry": registry.address, "operator": operator.address})
        _refuse_roles_joined(spec, operator.address)
        predicted = self._call("predictAddress", operator.address, salt)
        if self.client.w3.eth.get_code(predicted):
            raise ValidationError(f"a token already exists at {predicted} for this salt; choose another salt")
        if spec.decision is not None and admin is None:
            raise ValidationError("give the admin signer to publish the spec's decision, or leave the decision out")
        if admin is not None and admin.address != spec.roles.admin:
            raise ValidationError(f"the admin signer {admin.address} is not the spec's admin {spec.roles.admin}")
        receipt = self._send(operator, "createToken", _config(spec, registry), _documents(spec), salt)
        created = self.receipt_events(receipt, "TokenCreated")[0]["token"]
        token = DFAToken(self.client, created)
        if spec.decision is not None and admin is not None:  # an admin is required with a decision, above
            token.publish_decision(spec.decision, admin)
        return token

    def record_of(self, token: str) -> tuple[str, str]:
        """(operator, issuer) of a token this factory created."""
        operator, issuer = self._call("recordOf", parse_address(token))
        if int(operator, 16) == 0:
            raise errors.NotFoundError(f"{token} was not created by the factory at {self.address}")
        return operator, issuer


# the order in which the token's first roles are granted (RolesAdmin._initializeRoles), and in which each
# grant is checked against the roles an account already holds (RolesAdmin._grantRole)
_FIRST_GRANTS = ("DEFAULT_ADMIN_ROLE", "ISSUER_AGENT_ROLE", "COMPLIANCE_ROLE", "ENFORCEMENT_ROLE", "DOCUMENT_MANAGER_ROLE",
                 "OPERATOR_ROLE")
_GUARDED = ("DEFAULT_ADMIN_ROLE", "ISSUER_AGENT_ROLE", "COMPLIANCE_ROLE", "ENFORCEMENT_ROLE", "OPERATOR_ROLE")


def _refuse_roles_joined(spec: TokenSpec, operator: str) -> None:
    """Refuse, as the chain would, a spec that gives one account two roles kept apart (``dfa.access.KEPT_APART``)."""
    from dfa.access import kept_apart
    from dfa.chain.contract import role_id

    holders = dict(zip(_FIRST_GRANTS, (spec.roles.admin, spec.roles.issuer_agent, spec.roles.compliance_agent,
                                       spec.roles.enforcement_agent, spec.roles.document_manager, operator)))
    held: dict[str, set[str]] = {}
    for role in _FIRST_GRANTS:
        account = holders[role]
        for other in _GUARDED:
            if other in held.get(account, ()) and kept_apart("DFAToken", role, other):
                raise errors.DFARolesKeptApart({"role": role_id(role), "heldRole": role_id(other), "account": account})
        held.setdefault(account, set()).add(role)
    pricing_agent = spec.roles.pricing_agent  # granted after the others, when given
    for other in held.get(pricing_agent, ()) if pricing_agent else ():
        if kept_apart("DFAToken", "PRICING_ROLE", other):
            raise errors.DFARolesKeptApart({"role": role_id("PRICING_ROLE"), "heldRole": role_id(other),
                                            "account": pricing_agent})


def _salt(salt: str | bytes) -> bytes:
    if isinstance(salt, bytes) and len(salt) == 32:
        return salt
    return keccak(salt if isinstance(salt, bytes) else salt.encode())


def _config(spec: TokenSpec, registry: InvestorRegistry) -> tuple[Any, ...]:
    """The ``TokenConfig`` of ``spec``: its rules as :meth:`Rules.eligibility` and :meth:`Rules.in_units` give them,
    the encoding :meth:`DFAToken.set_rules` sends too."""
    rules = spec.rules
    return (
        spec.name,
        spec.symbol,
        spec.decimals,
        int(spec.asset_class),
        spec.jurisdiction,
        spec.roles.admin,
        spec.roles.issuer_agent,
        spec.roles.compliance_agent,
        spec.roles.enforcement_agent,
        spec.roles.document_manager,
        spec.reserve_auditor or "0x" + "00" * 20,
        registry.address,
        spec.roles.pricing_agent or "0x" + "00" * 20,
        *rules.in_units(spec.decimals),
        *rules.holder_caps(),
        rules.eligibility(),
    )


def _documents(spec: TokenSpec) -> list[tuple[bytes, str, bytes]]:
    return [document.as_tuple() for document in spec.documents]

"""AML hold: a transfer above the threshold needs a prior, single-use, expiring approval of exactly that transfer."""

import pytest

from dfa import errors, restrictions as r
from tests.issuer.helpers import allocate, passes, refused

DAY = 24 * 3600


@pytest.fixture
def aml(market):
    allocate(market, "bob", "50000")
    market.token.set_reference_price("1.00", "USD", market.pricing_agent)
    market.token.set_aml_threshold("10000", "USD", market.compliance_agent)
    return market


def test_above_the_threshold_needs_an_approval_of_exactly_that_transfer(aml):
    token, client = aml.token, aml.world.client
    passes(aml, aml.bob, aml.carol.address, "10000")  # at the threshold: no hold
    refused(aml, r.AmlApprovalRequired, aml.bob, aml.carol.address, "10000.01")
    token.approve_transfer(aml.bob.address, aml.carol.address, "15000", client.now() + DAY, aml.compliance_agent)
    refused(aml, r.AmlApprovalRequired, aml.bob, aml.carol.address, "15000.01")  # another amount
    refused(aml, r.AmlApprovalRequired, aml.bob, aml.dave.address, "15000")  # another receiver
    passes(aml, aml.bob, aml.carol.address, "15000")
    refused(aml, r.AmlApprovalRequired, aml.bob, aml.carol.address, "15000")  # used up


def test_an_approval_lapses(aml):
    token, client = aml.token, aml.world.client
    token.approve_transfer(aml.bob.address, aml.carol.address, "20000", client.now() + DAY, aml.compliance_agent)
    client.travel(DAY)
    refused(aml, r.AmlApprovalRequired, aml.bob, aml.carol.address, "20000")
    with pytest.raises(errors.ValidationError, match="expire in the future"):
        token.approve_transfer(aml.bob.address, aml.carol.address, "1", client.now(), aml.compliance_agent)


def test_a_transfer_that_cannot_be_valued_needs_an_approval(aml):
    aml.token.set_reference_price("1.00", "EUR", aml.pricing_agent)
    refused(aml, r.AmlApprovalRequired, aml.bob, aml.carol.address, "1")


def test_only_the_compliance_agent_approves(aml):
    for intruder in (aml.admin, aml.issuer_agent, aml.enforcement_agent, aml.bob):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            aml.token.approve_transfer(aml.bob.address, aml.carol.address, "20000", aml.world.client.now() + 60,
                                       intruder)


def test_a_threshold_set_to_zero_holds_nothing_again(aml):
    aml.token.set_aml_threshold("0", "USD", aml.compliance_agent)
    passes(aml, aml.bob, aml.carol.address, "20000")
    aml.token.set_aml_threshold("10000", "USD", aml.compliance_agent)
    refused(aml, r.AmlApprovalRequired, aml.bob, aml.carol.address, "10000.01")

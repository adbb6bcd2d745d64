from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tillit.contracts.models import FindingResult, Method
from tillit.contracts.selectors import contract_requirements
from tillit.contracts.services import contract_create, finding_record, follow_up_plan, measure_require
from tillit.core.roles import Role
from tillit.testing.factories import UserFactory, assign


@pytest.fixture
def contract(org):
    return contract_create(
        actor=org.user("avtalsuppfoljare"),
        provider=org.provider1,
        code="AVT-1",
        title="Särskilt boende",
        units=[org.p1a],
        valid_from=date(2024, 1, 1),
    )


@pytest.fixture
def follow_up(org, contract):
    return follow_up_plan(
        actor=org.user("avtalsuppfoljare"),
        contract=contract,
        planned_on=timezone.localdate(),
        methods=[Method.BESOK, Method.AVVIKELSEHANTERING],
    )


def record_all(org, follow_up, *, deficient: str = "fast_omsorgskontakt"):
    """Findings for every requirement; the one with code `deficient` is a brist. Returns that finding."""
    brist = None
    for item in contract_requirements(follow_up.contract):
        bad = item.code == deficient
        finding = finding_record(
            actor=org.user("avtalsuppfoljare"),
            follow_up=follow_up,
            item=item,
            result=FindingResult.BRIST if bad else FindingResult.UPPFYLLT,
            comment="Saknas för flera brukare." if bad else "",
        )
        brist = finding if bad else brist
    return brist


@pytest.fixture
def measure(org, follow_up):
    brist = record_all(org, follow_up)
    return measure_require(
        actor=org.user("avtalsuppfoljare"),
        follow_up=follow_up,
        finding=brist,
        description="Utse fast omsorgskontakt för alla.",
        deadline=timezone.localdate() + timedelta(days=14),
    )


@pytest.fixture
def provider_chef(org):
    """The provider's own enhetschef (an assignment at the provider's unit)."""
    user = UserFactory(username="p1-chef", provider=org.provider1)
    assign(user, Role.ENHETSCHEF, org.p1a)
    return user


@pytest.fixture
def other_provider_contact(org):
    user = UserFactory(username="p2-kontakt", provider=org.provider2)
    assign(user, Role.UTFORARKONTAKT, org.p2a)
    return user

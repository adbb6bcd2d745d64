"""Demo avtalsuppföljning for Exempelby: a contract with each of the two demo providers, and last
year's follow-up of Omsorgshuset's contract (a visit with interviews and a review of its deviation
handling in Tillit) with one deficiency, the provider's answer and the municipality's approval.
Idempotent: contracts by code."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from tillit.contracts.models import Contract, FindingResult, Method
from tillit.contracts.selectors import contract_requirements
from tillit.contracts.services import (
    contract_create,
    finding_record,
    follow_up_plan,
    follow_up_transition,
    measure_answer,
    measure_judge,
    measure_require,
)
from tillit.org.models import Provider, Unit

CONTRACTS = [
    ("AVT-OH-2024", "omsorgshuset", "Hemtjänst och särskilt boende", ["ALD-OH1", "ALD-OH2"], date(2024, 1, 1)),
    ("AVT-NV-2023", "nordvard", "Hemtjänst och särskilt boende", ["ALD-NV1", "ALD-NV2"], date(2023, 7, 1)),
]
DEFICIENCY = "fast_omsorgskontakt"


@transaction.atomic
def demo_step(*, rng: random.Random, today: date) -> str | None:
    users = get_user_model().objects
    follower = users.filter(username="avtalsuppfoljare").first()
    contact = users.filter(username="utforarkontakt").first()
    if follower is None or contact is None or not Provider.objects.filter(code="omsorgshuset").exists():
        return None
    if Contract.objects.filter(code=CONTRACTS[0][0]).exists():
        return "Exempelavtal finns redan."
    contracts = []
    for code, provider, title, unit_codes, valid_from in CONTRACTS:
        units = list(Unit.objects.filter(code__in=unit_codes))
        if len(units) != len(unit_codes):
            return None
        contracts.append(
            contract_create(
                actor=None,
                provider=Provider.objects.get(code=provider),
                code=code,
                title=title,
                units=units,
                valid_from=valid_from,
            )
        )
    last_year = today.year - 1
    follow_up = follow_up_plan(
        actor=follower,
        contract=contracts[0],
        planned_on=date(last_year, 10, 12),
        methods=[Method.BESOK, Method.INTERVJU, Method.AVVIKELSEHANTERING],
    )
    for item in contract_requirements(contracts[0]):
        deficient = item.code == DEFICIENCY
        finding = finding_record(
            actor=follower,
            follow_up=follow_up,
            item=item,
            result=FindingResult.BRIST if deficient else FindingResult.UPPFYLLT,
            comment="Flera brukare i hemtjänsten hade ingen utsedd fast omsorgskontakt." if deficient else "",
        )
        if deficient:
            brist = finding
    follow_up.performed_on = date(last_year, 10, 12)
    follow_up_transition(actor=follower, follow_up=follow_up, code="genomfora")
    measure = measure_require(
        actor=follower,
        follow_up=follow_up,
        finding=brist,
        description="Utse en fast omsorgskontakt för varje brukare och redovisa hur det följs upp.",
        deadline=today + timedelta(days=30),
    )
    measure_answer(
        actor=contact,
        measure=measure,
        answer="Alla brukare har nu en fast omsorgskontakt; enhetschefen kontrollerar det varje månad.",
    )
    measure_judge(actor=follower, measure=measure, approve=True, comment="Svaret godtas.")
    follow_up_transition(actor=follower, follow_up=follow_up, code="avsluta")
    follow_up_plan(
        actor=follower,
        contract=contracts[1],
        planned_on=today + timedelta(days=45),
        methods=[Method.DOKUMENTGRANSKNING, Method.AVVIKELSEHANTERING],
    )
    return "Exempelavtal: 2 avtal, en avslutad avtalsuppföljning med en brist och en planerad."

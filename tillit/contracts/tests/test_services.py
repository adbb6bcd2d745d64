"""Contracts, follow-ups, findings and the measure workflow: the provider answers, the municipality
judges; every step audited, guarded and safe against a double click."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tillit.audit.models import AuditEvent
from tillit.contracts.models import Contract, FindingResult, FollowUp, RequiredMeasure
from tillit.contracts.selectors import contract_requirements
from tillit.contracts.services import (
    contract_create,
    finding_record,
    follow_up_plan,
    follow_up_transition,
    measure_answer,
    measure_judge,
    measure_require,
    requirements_template,
)
from tillit.contracts.tests.conftest import record_all
from tillit.inbox.models import Notification
from tillit.workflow.services import TransitionError

pytestmark = pytest.mark.django_db


def test_the_default_requirements_ship_as_an_established_template():
    template = requirements_template()
    assert template.kind == "avtal" and template.is_established
    codes = {item.code for item in template.items.all()}
    assert {"ledningssystem", "avvikelsehantering", "lex_sarah_till_kommunen", "fast_omsorgskontakt"} <= codes
    assert template.items.get(code="ledningssystem").ref.startswith("SOSFS 2011:9")


def test_a_contract_covers_only_the_providers_own_units(org):
    with pytest.raises(ValidationError, match="drivs inte av"):
        contract_create(
            actor=org.user("avtalsuppfoljare"),
            provider=org.provider1,
            code="X",
            units=[org.p2a],
            valid_from=date(2024, 1, 1),
        )
    contract = contract_create(
        actor=org.user("avtalsuppfoljare"),
        provider=org.provider1,
        code="X",
        units=[org.p1a],
        valid_from=date(2024, 1, 1),
        requirement_codes=["ledningssystem", "fast_omsorgskontakt"],
    )
    assert [i.code for i in contract_requirements(contract)] == ["ledningssystem", "fast_omsorgskontakt"]
    assert AuditEvent.objects.filter(object_type="contracts.contract", object_id=str(contract.pk)).exists()


def test_only_the_municipalitys_follow_up_registers_contracts(org):
    for username in ("enhetschef", "utforarkontakt", "avdelningschef"):
        with pytest.raises(PermissionDenied):
            contract_create(
                actor=org.user(username), provider=org.provider1, code="Y", units=[org.p1a], valid_from=date(2024, 1, 1)
            )
    assert not Contract.objects.filter(code="Y").exists()


def test_a_double_click_plans_one_follow_up(org, contract):
    kwargs = dict(
        actor=org.user("avtalsuppfoljare"),
        contract=contract,
        planned_on=timezone.localdate(),
        methods=["besok"],
        idempotency_key="abc",
    )
    first, second = follow_up_plan(**kwargs), follow_up_plan(**kwargs)
    assert first.pk == second.pk and FollowUp.objects.count() == 1
    assert first.transitions.count() == 1


def test_carrying_out_needs_a_finding_for_every_requirement(org, follow_up):
    follower = org.user("avtalsuppfoljare")
    with pytest.raises(TransitionError, match="Ange uppfyllt eller brist"):
        follow_up_transition(actor=follower, follow_up=follow_up, code="genomfora")
    record_all(org, follow_up)
    follow_up_transition(actor=follower, follow_up=follow_up, code="genomfora")
    follow_up.refresh_from_db()
    assert follow_up.state == "genomford" and follow_up.performed_on == timezone.localdate()


def test_a_deficiency_needs_a_description_and_recording_twice_keeps_one(org, follow_up):
    item = contract_requirements(follow_up.contract)[0]
    with pytest.raises(ValidationError, match="Beskriv bristen"):
        finding_record(actor=org.user("avtalsuppfoljare"), follow_up=follow_up, item=item, result="brist")
    for _ in range(2):
        finding_record(actor=org.user("avtalsuppfoljare"), follow_up=follow_up, item=item, result="uppfyllt")
    assert follow_up.findings.count() == 1


def test_the_provider_answers_and_the_municipality_approves(org, follow_up, measure):
    contact, follower = org.user("utforarkontakt"), org.user("avtalsuppfoljare")
    assert Notification.objects.filter(recipient=contact, url__contains=f"atgard-{measure.pk}").exists()
    assert measure.deadlines.get().due_on == measure.deadline
    with pytest.raises(TransitionError, match="Skriv vad ni har gjort"):
        measure_answer(actor=contact, measure=measure, answer="  ")
    measure_answer(actor=contact, measure=measure, answer="Alla har nu en fast omsorgskontakt.")
    measure.refresh_from_db()
    assert measure.state == "besvarad" and measure.answered_by == contact
    assert measure.deadlines.get().met_on == timezone.localdate()
    assert Notification.objects.filter(recipient=follower).exists()
    with pytest.raises(TransitionError):  # a second click on "Skicka" changes nothing
        measure_answer(actor=contact, measure=measure, answer="Igen")
    measure_judge(actor=follower, measure=measure, approve=True)
    measure.refresh_from_db()
    assert (measure.state, measure.judgement, measure.closed_on) == ("godkand", "godkand", timezone.localdate())
    follow_up_transition(actor=follower, follow_up=follow_up, code="genomfora")
    follow_up_transition(actor=follower, follow_up=follow_up, code="avsluta")
    follow_up.refresh_from_db()
    assert follow_up.state == "avslutad"


def test_a_rejected_answer_gets_a_new_deadline(org, measure):
    contact, follower = org.user("utforarkontakt"), org.user("avtalsuppfoljare")
    measure_answer(actor=contact, measure=measure, answer="Vi jobbar på det.")
    with pytest.raises(TransitionError, match="Skriv varför"):
        measure_judge(actor=follower, measure=measure, approve=False, new_deadline=timezone.localdate() + timedelta(5))
    with pytest.raises(TransitionError, match="ny tidsfrist"):
        measure_judge(actor=follower, measure=measure, approve=False, comment="Otillräckligt", new_deadline=None)
    new = timezone.localdate() + timedelta(days=20)
    measure_judge(actor=follower, measure=measure, approve=False, comment="Otillräckligt", new_deadline=new)
    measure.refresh_from_db()
    assert (measure.state, measure.judgement, measure.deadline) == ("begard", "ej_godkand", new)
    assert sorted((d.due_on, d.met_on is None) for d in measure.deadlines.all())[-1] == (new, True)
    assert measure.deadlines.count() == 2


def test_closing_needs_every_measure_approved(org, follow_up, measure):
    follower = org.user("avtalsuppfoljare")
    follow_up_transition(actor=follower, follow_up=follow_up, code="genomfora")
    with pytest.raises(TransitionError, match="inte godkänd"):
        follow_up_transition(actor=follower, follow_up=follow_up, code="avsluta")


def test_only_the_contracts_own_provider_answers(org, measure, provider_chef, other_provider_contact):
    # The municipality's own chefs (avdelningschef over ÄLD covers the provider's unit) never answer.
    municipal_chef = org.user("avdelningschef")
    from tillit.testing.factories import assign

    assign(municipal_chef, "avdelningschef", org.ald)
    for outsider in (municipal_chef, other_provider_contact, org.user("avtalsuppfoljare")):
        with pytest.raises(PermissionDenied):
            measure_answer(actor=outsider, measure=measure, answer="Svar")
    measure_answer(actor=provider_chef, measure=measure, answer="Vi har åtgärdat det.")
    # ... and the provider never judges its own answer.
    with pytest.raises(PermissionDenied):
        measure_judge(actor=provider_chef, measure=measure, approve=True)
    assert RequiredMeasure.objects.get(pk=measure.pk).state == "besvarad"


def test_a_double_click_requires_one_measure(org, follow_up):
    brist = record_all(org, follow_up)
    kwargs = dict(
        actor=org.user("avtalsuppfoljare"),
        follow_up=follow_up,
        finding=brist,
        description="Gör något",
        deadline=timezone.localdate() + timedelta(days=3),
        idempotency_key="k1",
    )
    assert measure_require(**kwargs).pk == measure_require(**kwargs).pk
    assert follow_up.measures.count() == 1


def test_measures_are_required_only_for_deficiencies(org, follow_up):
    record_all(org, follow_up)
    fine = follow_up.findings.filter(result=FindingResult.UPPFYLLT).first()
    with pytest.raises(ValidationError):
        measure_require(
            actor=org.user("avtalsuppfoljare"),
            follow_up=follow_up,
            finding=fine,
            description="x",
            deadline=timezone.localdate() + timedelta(days=3),
        )

"""The pages: who sees which contract, who may answer and judge, and that a failed form keeps what
was typed. Query counts on the list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tillit.contracts.models import Contract, FollowUp, RequiredMeasure
from tillit.contracts.selectors import contract_requirements
from tillit.contracts.services import contract_create, follow_up_plan, measure_answer
from tillit.core.roles import Role
from tillit.events.services import event_report
from tillit.org.access import clear_scope_cache
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign, make_unit

pytestmark = pytest.mark.django_db

# Contract pages and the provider's answer, per role and where the user sits. A provider's staff see
# only their own provider's contracts; the municipality's follow-up all of them; chefs their scope.
VIEWERS = {"avtalsuppfoljare", "utforarkontakt"}


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_contract_pages_follow_the_table(org, contract, follow_up, role):
    client = login(Client(), org.user(role))
    # The named users sit at VUX (chefs at VUX/VUX1), the utförarkontakt at the provider's unit P1A,
    # the avtalsuppföljare at SOC (tillit/testing/org.py).
    may = str(role) in VIEWERS
    expected = 200 if may else 404
    assert client.get(reverse("contracts:contract_detail", args=[contract.pk])).status_code == expected, role
    assert client.get(reverse("contracts:follow_up_detail", args=[follow_up.pk])).status_code == expected, role
    listed = client.get(reverse("contracts:contract_list"))
    if may:
        assert listed.status_code == 200 and contract.code in listed.content.decode()
    else:
        assert listed.status_code in (200, 404)
        assert contract.code not in listed.content.decode()


def test_another_providers_staff_never_see_the_contract(org, contract, follow_up, other_provider_contact):
    client = login(Client(), other_provider_contact)
    assert contract.code not in client.get(reverse("contracts:contract_list")).content.decode()
    assert client.get(reverse("contracts:contract_detail", args=[contract.pk])).status_code == 404
    assert client.get(reverse("contracts:follow_up_detail", args=[follow_up.pk])).status_code == 404


def test_provider_users_answer_only_their_own_providers_measures(org, measure, provider_chef, other_provider_contact):
    url = reverse("contracts:measure_answer", args=[measure.pk])
    data = {f"svar-{measure.pk}-answer": "Vi har rättat till det."}
    municipal_chef = UserFactory(username="ald-chef")
    assign(municipal_chef, Role.AVDELNINGSCHEF, org.ald)  # covers the provider's unit, is not the provider
    for outsider in (other_provider_contact, municipal_chef, org.user("avtalsuppfoljare")):
        assert login(Client(), outsider).post(url, data).status_code == 404
        assert RequiredMeasure.objects.get(pk=measure.pk).state == "begard"
    response = login(Client(), provider_chef).post(url, data)
    assert response.status_code == 302
    assert RequiredMeasure.objects.get(pk=measure.pk).state == "besvarad"


def test_the_provider_answers_and_the_municipality_approves_on_the_page(org, measure, follow_up):
    contact = login(Client(), org.user("utforarkontakt"))
    page = contact.get(reverse("contracts:follow_up_detail", args=[follow_up.pk])).content.decode()
    assert "Skicka svaret till kommunen" in page and "Spara bedömningen" not in page
    contact.post(reverse("contracts:measure_answer", args=[measure.pk]), {f"svar-{measure.pk}-answer": "Åtgärdat."})
    follower = login(Client(), org.user("avtalsuppfoljare"))
    page = follower.get(reverse("contracts:follow_up_detail", args=[follow_up.pk])).content.decode()
    assert "Åtgärdat." in page and "Spara bedömningen" in page
    # The provider cannot judge its own answer.
    judge = reverse("contracts:measure_judge", args=[measure.pk])
    assert contact.post(judge, {f"bedomning-{measure.pk}-decision": "godkand"}).status_code == 404
    response = follower.post(judge, {f"bedomning-{measure.pk}-decision": "godkand"})
    assert response.status_code == 302
    assert RequiredMeasure.objects.get(pk=measure.pk).state == "godkand"


def test_a_rejection_without_a_reason_keeps_what_was_typed(org, measure, follow_up):
    measure_answer(actor=org.user("utforarkontakt"), measure=measure, answer="Delvis klart.")
    follower = login(Client(), org.user("avtalsuppfoljare"))
    new = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = follower.post(
        reverse("contracts:measure_judge", args=[measure.pk]),
        {f"bedomning-{measure.pk}-decision": "ej_godkand", f"bedomning-{measure.pk}-new_deadline": new},
    )
    assert response.status_code == 422
    assert new in response.content.decode() and "Skriv varför svaret inte godkänns" in response.content.decode()
    assert RequiredMeasure.objects.get(pk=measure.pk).state == "besvarad"


def test_findings_and_measures_from_the_page(org, follow_up):
    client = login(Client(), org.user("avtalsuppfoljare"))
    items = contract_requirements(follow_up.contract)
    first = items[0]
    url = reverse("contracts:finding_save", args=[follow_up.pk, first.pk])
    response = client.post(url, {f"krav-{first.pk}-result": "brist", f"krav-{first.pk}-comment": ""})
    assert response.status_code == 422 and "Beskriv bristen" in response.content.decode()
    client.post(url, {f"krav-{first.pk}-result": "brist", f"krav-{first.pk}-comment": "Rutinen saknas."})
    finding = follow_up.findings.get()
    assert finding.result == "brist"
    # Carrying out is refused while requirements lack findings (message, nothing changes).
    client.post(reverse("contracts:follow_up_step", args=[follow_up.pk, "genomfora"]))
    assert FollowUp.objects.get(pk=follow_up.pk).state == "planerad"
    data = {
        f"brist-{finding.pk}-description": "Ta fram en rutin.",
        f"brist-{finding.pk}-deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
        f"brist-{finding.pk}-idempotency_key": "same",
    }
    measure_url = reverse("contracts:measure_new", args=[follow_up.pk, finding.pk])
    assert client.post(measure_url, data).status_code == 302
    assert client.post(measure_url, data).status_code == 302  # a double click
    assert follow_up.measures.count() == 1
    for item in items[1:]:
        client.post(
            reverse("contracts:finding_save", args=[follow_up.pk, item.pk]), {f"krav-{item.pk}-result": "uppfyllt"}
        )
    client.post(reverse("contracts:follow_up_step", args=[follow_up.pk, "genomfora"]))
    assert FollowUp.objects.get(pk=follow_up.pk).state == "genomford"


def test_a_provider_cannot_record_findings(org, follow_up):
    item = contract_requirements(follow_up.contract)[0]
    client = login(Client(), org.user("utforarkontakt"))
    url = reverse("contracts:finding_save", args=[follow_up.pk, item.pk])
    assert client.post(url, {f"krav-{item.pk}-result": "uppfyllt"}).status_code == 404
    assert client.post(reverse("contracts:follow_up_step", args=[follow_up.pk, "stalla_in"])).status_code == 404
    assert not follow_up.findings.exists()


def test_follow_up_on_a_lex_sarah_notice_from_the_contract_page(org, contract):
    # The municipality cannot open the provider's case (the provider is the operator); it starts a
    # follow-up "på förekommen anledning" from the provider's notice on the contract page.
    complaint = event_report(
        actor=org.user("utforarkontakt"), kind="lex_sarah", unit=org.p1a, description="Missförhållande i boendet"
    ).event
    kvu = UserFactory(username="kvu-ald")
    assign(kvu, Role.KVALITETSUTVECKLARE, org.ald)
    client = login(Client(), kvu)
    assert client.get(reverse("events:event_detail", args=[complaint.pk])).status_code == 404
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    link = reverse("contracts:follow_up_new") + f"?avtal={contract.pk}&amp;arende={complaint.pk}"
    assert "på förekommen anledning" in page and link in page
    assert "Missförhållande" not in page
    form = client.get(reverse("contracts:follow_up_new"), {"avtal": contract.pk, "arende": complaint.pk})
    assert form.status_code == 200 and complaint.reference in form.content.decode()
    response = client.post(
        reverse("contracts:follow_up_new"),
        {
            "avtal": contract.pk,
            "arende": complaint.pk,
            "planned_on": date.today().isoformat(),
            "methods": ["besok", "intervju"],
            "reason": "forekommen_anledning",
            "idempotency_key": "one",
        },
    )
    follow_up = FollowUp.objects.get()
    assert response.status_code == 302
    assert (follow_up.source, follow_up.source_label, follow_up.reason) == (
        complaint,
        complaint.reference,
        "forekommen_anledning",
    )
    # A case outside the contract's units is not a source.
    outside = event_report(actor=org.user("medarbetare"), kind="klagomal", unit=org.vux1, description="x").event
    response = client.get(reverse("contracts:follow_up_new"), {"avtal": contract.pk, "arende": outside.pk})
    assert response.status_code == 404


def test_the_contract_list_reads_a_fixed_number_of_queries(org, django_assert_max_num_queries):
    follower = org.user("avtalsuppfoljare")
    for n in range(12):
        unit = make_unit(f"P1-{n}", f"Enhet {n}", parent=org.ald, provider=org.provider1)
        clear_scope_cache(follower)
        contract = contract_create(
            actor=follower, provider=org.provider1, code=f"A{n}", units=[unit], valid_from=date(2024, 1, 1)
        )
        follow_up_plan(actor=follower, contract=contract, planned_on=date(2026, 1, 1), methods=["besok"])
    client = login(Client(), follower)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("contracts:contract_list"))
    assert response.status_code == 200 and Contract.objects.count() == 12
    assert response.content.decode().count("Enhet ") == 12


def test_the_follow_up_page_reads_a_fixed_number_of_queries(org, measure, follow_up, django_assert_max_num_queries):
    client = login(Client(), org.user("avtalsuppfoljare"))
    with django_assert_max_num_queries(40):
        assert client.get(reverse("contracts:follow_up_detail", args=[follow_up.pk])).status_code == 200


def test_the_municipality_registers_a_contract_on_the_page(org):
    client = login(Client(), org.user("avtalsuppfoljare"))
    form = client.get(reverse("contracts:contract_new"))
    assert form.status_code == 200 and "Solgården (Omsorg Ett)" in form.content.decode()
    data = {
        "provider": org.provider1.pk,
        "code": "AVT-NY",
        "units": [org.p2a.pk],  # another provider's unit: refused, nothing typed lost
        "valid_from": "2025-01-01",
        "requirement_codes": ["ledningssystem", "avvikelsehantering"],
    }
    response = client.post(reverse("contracts:contract_new"), data)
    assert response.status_code == 422 and "AVT-NY" in response.content.decode()
    assert not Contract.objects.exists()
    response = client.post(reverse("contracts:contract_new"), {**data, "units": [org.p1a.pk]})
    contract = Contract.objects.get()
    assert response.status_code == 302 and contract.requirement_codes == ["ledningssystem", "avvikelsehantering"]
    # Provider staff and the municipality's chefs do not register contracts.
    for username in ("utforarkontakt", "avdelningschef", "enhetschef"):
        assert login(Client(), org.user(username)).get(reverse("contracts:contract_new")).status_code == 404

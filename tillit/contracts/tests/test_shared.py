"""What a provider shares of its own egenkontroll and risk work with the purchaser, per contract:
results only, for the contract's units only, audited on read."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentTemplate
from tillit.audit.models import AuditAction, AuditEvent
from tillit.contracts.models import Contract
from tillit.contracts.services import contract_set_sharing
from tillit.contracts.shared import shared_results
from tillit.core.roles import Role
from tillit.risks.services import analysis_create, matrix_ensure_shipped, risk_add
from tillit.self_inspection.demo import TEMPLATES_FILE
from tillit.self_inspection.models import Method, Round
from tillit.self_inspection.services import item_add, programme_create
from tillit.self_inspection.tests.conftest import carry_out, start
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 11, 25), tick=False):
        yield


ANSWERS = [("ja", "nej", "ja"), ("nej", "", "ja"), ("nej", "", "nej"), ("ja", "ja", "ja")]
SECRET_RISK = "Hemlig risktext om brukaren"


def _provider_quality_work(org, chef, unit, *, code: str) -> None:
    """One finished aktgranskning in October and one riskanalys with risks in `unit`."""
    template = AssessmentTemplate.objects.get(code="AKTGRANSKNING-BOU", version=1)
    programme = programme_create(actor=chef, unit=unit, year=2026)
    item_add(
        actor=chef,
        programme=programme,
        code="AKT",
        title="Aktgranskning",
        method=Method.JOURNALGRANSKNING,
        template=template,
        frequency="En gång per år",
        responsible="Enhetschef",
        months=[10],
    )
    round_ = Round.objects.get(unit=unit)
    carry_out(start(round_, chef, population=f"{code}-1\n{code}-2\n{code}-3\n{code}-4", size=4), chef, ANSWERS)
    analysis = analysis_create(
        actor=None,
        unit=unit,
        title=f"Analys {code}",
        reason="forandring",
        planned_change="Nya scheman.",
        analysed_on=date(2026, 9, 1),
    )
    risk_add(
        actor=chef,
        analysis=analysis,
        description=SECRET_RISK,
        probability=4,
        consequence=4,
        residual_probability=1,
        residual_consequence=1,
    )


@pytest.fixture
def quality_work(org, contract):
    import_framework(TEMPLATES_FILE, establish=True)
    matrix_ensure_shipped()
    p1_chef = UserFactory(username="p1-ec", provider=org.provider1)
    assign(p1_chef, Role.ENHETSCHEF, org.p1a)
    p2_chef = UserFactory(username="p2-ec", provider=org.provider2)
    assign(p2_chef, Role.ENHETSCHEF, org.p2a)
    _provider_quality_work(org, p1_chef, org.p1a, code="P1X")
    _provider_quality_work(org, p2_chef, org.p2a, code="P2X")
    return contract


def _page(org, contract) -> str:
    client = login(Client(), org.user("avtalsuppfoljare"))
    response = client.get(reverse("contracts:contract_detail", args=[contract.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_new_contracts_share_both_by_default(contract):
    assert contract.share_self_inspection and contract.share_risk


def test_shared_results_show_only_the_contracts_units(org, quality_work):
    results = shared_results(actor=org.user("avtalsuppfoljare"), contract=quality_work)
    assert [(r.unit, r.performed_on) for r in results.self_inspection] == [(org.p1a.name, "2026-10-15")]
    first = results.self_inspection[0].criteria[0]
    # 2 of 4 met, n = 4 is small: the share is not shown and n reads "<5".
    assert (str(first.n), first.share) == ("<5", "–")
    assert str(results.risk.analyses) == "<5" and results.risk.analyses.value == 1  # P2A's analysis not counted
    assert results.risk.over_before.value == 1 and results.risk.over_after.value == 0


def test_the_page_shows_aggregates_and_no_free_text_or_case_refs(org, quality_work, settings):
    settings.SMALL_COUNT_THRESHOLD = 2
    html = _page(org, quality_work)
    assert "Utförarens egenkontroll och riskanalyser" in html
    assert org.p1a.name in html and "2026-10-15" in html
    assert "50 %" in html  # criterion 1: 2 of 4 met
    for secret in (SECRET_RISK, "P1X-", "P2X-", "Nya scheman", "Analys P1X", org.p2a.name, "p1-ec"):
        assert secret not in html


def test_not_shared_says_the_contract_does_not_include_it(org, quality_work):
    contract_set_sharing(
        actor=org.user("avtalsuppfoljare"), contract=quality_work, share_self_inspection=False, share_risk=False
    )
    html = _page(org, quality_work)
    assert "Avtalet omfattar inte att utföraren delar sin egenkontroll." in html
    assert "Avtalet omfattar inte att utföraren delar sina riskanalyser." in html
    assert "Andel uppfyllt" not in html and "Öppna åtgärder" not in html


def test_reading_the_page_writes_an_audit_row_of_what_was_shared(org, quality_work):
    _page(org, quality_work)
    row = AuditEvent.objects.filter(action=AuditAction.READ, object_id=str(quality_work.pk)).latest("seq")
    assert row.detail["shared_with_purchaser"]["self_inspection"] is True
    assert row.detail["shared_with_purchaser"]["rounds"] == 1


def test_the_terms_form_changes_sharing_and_is_audited(org, contract):
    client = login(Client(), org.user("avtalsuppfoljare"))
    response = client.post(reverse("contracts:contract_sharing", args=[contract.pk]), {"share_risk": "on"})
    assert response.status_code == 302
    contract.refresh_from_db()
    assert (contract.share_self_inspection, contract.share_risk) == (False, True)
    assert AuditEvent.objects.filter(action=AuditAction.CHANGE, detail__share_self_inspection=False).exists()


def test_the_provider_cannot_change_the_terms(org, contract, provider_chef):
    client = login(Client(), provider_chef)
    response = client.post(reverse("contracts:contract_sharing", args=[contract.pk]), {})
    assert response.status_code == 404
    assert Contract.objects.get(pk=contract.pk).share_risk


def test_the_contract_page_reads_a_bounded_number_of_queries(org, quality_work, django_assert_max_num_queries):
    client = login(Client(), org.user("avtalsuppfoljare"))
    with django_assert_max_num_queries(70):
        assert client.get(reverse("contracts:contract_detail", args=[quality_work.pk])).status_code == 200


def test_the_providers_own_staff_see_no_purchaser_section_and_log_no_sharing(org, contract, provider_chef):
    assign(provider_chef, Role.UTFORARKONTAKT, org.p1a)
    client = login(Client(), provider_chef)
    response = client.get(reverse("contracts:contract_detail", args=[contract.pk]))
    assert response.status_code == 200
    assert "Utförarens egenkontroll och riskanalyser" not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.READ, object_id=str(contract.pk)).exists()


def test_the_contract_form_offers_the_sharing_terms_checked_and_saves_them(org):
    client = login(Client(), org.user("avtalsuppfoljare"))
    html = client.get(reverse("contracts:contract_new")).content.decode()
    assert 'name="share_self_inspection"' in html and 'name="share_risk"' in html
    data = {
        "provider": org.provider1.pk,
        "code": "AVT-DELA",
        "units": [org.p1a.pk],
        "valid_from": "2025-01-01",
        "requirement_codes": ["ledningssystem"],
        "share_self_inspection": "on",
    }
    assert client.post(reverse("contracts:contract_new"), data).status_code == 302
    contract = Contract.objects.get(code="AVT-DELA")
    assert (contract.share_self_inspection, contract.share_risk) == (True, False)

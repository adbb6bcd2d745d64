""" "Risk för upprepning": a risk opened from an avvikelse or lex Sarah case, linked both ways, one
risk per submitted form, audited, only for those who read the case and may do riskanalys there."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.events.models import EventKind
from tillit.events.services import event_report, event_transition
from tillit.risks.models import Reason, Risk, RiskAnalysis
from tillit.risks.recurrence import risk_from_event
from tillit.risks.tests.conftest import make_analysis
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def _avvikelse(org, unit=None):
    chef = org.user("enhetschef")
    event = event_report(
        actor=org.user("medarbetare"), kind=EventKind.AVVIKELSE, unit=unit or org.vux1, description="Fel dos"
    ).event
    event = event_transition(actor=chef, event=event, code="motta", responsible=chef)
    return event_transition(actor=chef, event=event, code="starta_utredning")


def _post(client, event, *, analysis="", token="t1", **extra):
    data = {"analys": analysis, "token": token, "description": "Dubbeldos vid skiftbyte", "probability": 2}
    data |= {"consequence": 3, "title": "Läkemedel efter händelsen"} | extra
    return client.post(reverse("risks:risk_from_event", args=[event.pk]), data)


def test_the_case_page_offers_risk_for_recurrence_and_a_double_click_gives_one_risk(client, org, matrix):
    event = _avvikelse(org)
    login(client, org.user("enhetschef"))
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Risk för upprepning" in page
    form = client.get(reverse("risks:risk_from_event", args=[event.pk]), {"analys": ""})
    assert form.status_code == 200 and "ny riskanalys" in form.content.decode()

    first, second = _post(client, event), _post(client, event)
    risk = Risk.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("risks:risk_detail", args=[risk.pk])
    assert risk.event_id == event.pk and risk.analysis.reason == Reason.HANDELSE
    assert risk.analysis.unit_id == event.unit_id and risk.analysis.title == "Läkemedel efter händelsen"
    assert RiskAnalysis.objects.count() == 1

    risk_page = client.get(reverse("risks:risk_detail", args=[risk.pk])).content.decode()
    assert reverse("events:event_detail", args=[event.pk]) in risk_page and event.reference in risk_page
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert risk.reference in page and reverse("risks:risk_detail", args=[risk.pk]) in page
    audited = AuditEvent.objects.filter(object_type="events.event", object_id=event.pk, action="change")
    assert audited.filter(detail__risk=risk.pk).exists()
    assert AuditEvent.objects.filter(object_type="risks.risk", object_id=risk.pk, detail__event=event.pk).exists()


def test_the_risk_goes_into_a_chosen_open_analysis_of_the_unit(client, org, matrix):
    event = _avvikelse(org)
    open_analysis = make_analysis(org, reason="arlig")
    login(client, org.user("enhetschef"))
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert open_analysis.code in page
    assert _post(client, event, analysis=open_analysis.pk).status_code == 302
    assert Risk.objects.get().analysis == open_analysis and RiskAnalysis.objects.count() == 1


def test_an_analysis_of_another_unit_is_refused(client, org, matrix):
    event = _avvikelse(org)
    other = make_analysis(org, unit=org.vux2, actor=org.user("kvalitetsutvecklare"), reason="arlig")
    login(client, org.user("kvalitetsutvecklare"))
    assert _post(client, event, analysis=other.pk).status_code == 404
    assert not Risk.objects.exists()


def test_bad_input_keeps_what_was_typed(client, org, matrix):
    event = _avvikelse(org)
    login(client, org.user("enhetschef"))
    response = _post(client, event, probability="")
    assert response.status_code == 422 and "Dubbeldos vid skiftbyte" in response.content.decode()
    assert not Risk.objects.exists()


def test_readers_without_riskanalys_get_no_button_and_404(client, org, matrix):
    event = _avvikelse(org)
    login(client, org.user("utredare"))  # investigates, does no riskanalys
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Risk för upprepning" not in page
    assert client.get(reverse("risks:risk_from_event", args=[event.pk])).status_code == 404
    assert _post(client, event).status_code == 404
    with pytest.raises(PermissionDenied):
        risk_from_event(
            actor=org.user("utredare"), event=event, analysis=None, description="x", probability=1, consequence=1
        )


def test_a_closed_case_or_another_kind_takes_no_new_risk(client, org, matrix):
    chef = org.user("enhetschef")
    event = _avvikelse(org)
    event.closed_on = event.reported_at.date()
    event.save(update_fields=["closed_on"])
    with pytest.raises(PermissionDenied):
        risk_from_event(actor=chef, event=event, analysis=None, description="x", probability=1, consequence=1)
    maria = event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_MARIA, unit=org.vux1, description="x")
    login(client, org.user("mas"))
    page = client.get(reverse("events:event_detail", args=[maria.event.pk])).content.decode()
    assert "Risk för upprepning" not in page


def test_the_risk_shows_its_case_number_only_to_readers_of_the_case(client, org, matrix):
    """A lex Sarah case is read by its investigators; the enhetschef reads the risk, not the case."""
    kvalitet = org.user("kvalitetsutvecklare")
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_SARAH, unit=org.vux1, description="x").event
    risk = risk_from_event(
        actor=kvalitet, event=event, analysis=None, description="Brister i tillsyn", probability=2, consequence=4
    )
    login(client, org.user("enhetschef"))
    page = client.get(reverse("risks:risk_detail", args=[risk.pk])).content.decode()
    assert "Brister i tillsyn" in page
    assert event.reference not in page and reverse("events:event_detail", args=[event.pk]) not in page
    assert "inte har behörighet att läsa" in page
    login(client, kvalitet)
    page = client.get(reverse("risks:risk_detail", args=[risk.pk])).content.decode()
    assert event.reference in page

"""An investigation records its causes (avvikelse, lex Sarah, lex Maria), audited, by those who
may work on the case."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.classification.models import Term
from tillit.classification.schemes import CAUSE
from tillit.classification.services import term_update
from tillit.events.causes import cause_counts, event_causes_set
from tillit.events.models import Event
from tillit.events.services import event_report
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def cause(code: str) -> Term:
    return Term.objects.get(scheme=CAUSE, code=code)


def new_event(org, kind="avvikelse", unit=None):
    return event_report(actor=org.user("medarbetare"), kind=kind, unit=unit or org.vux1, description="x").event


def test_causes_are_set_on_the_case_page_and_audited(client, org):
    event = new_event(org)
    login(client, org.user("enhetschef"))
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Rutin följs inte" in page
    wanted = [cause("rutin_foljs_inte").pk, cause("bemanning").pk]
    response = client.post(reverse("events:causes", args=[event.pk]), {"causes": wanted})
    assert response.status_code == 302
    assert set(event.causes.values_list("code", flat=True)) == {"rutin_foljs_inte", "bemanning"}
    row = AuditEvent.objects.filter(
        object_type="events.event", object_id=str(event.pk), detail__fields=["causes"]
    ).get()
    assert row.detail["causes"] == ["bemanning", "rutin_foljs_inte"] and row.unit_id == org.vux1.pk
    client.post(reverse("events:causes", args=[event.pk]), {"causes": wanted})  # unchanged: no new row
    assert AuditEvent.objects.filter(object_id=str(event.pk), detail__fields=["causes"]).count() == 1


@pytest.mark.parametrize(("role", "unit"), [("medarbetare", "vux1"), ("enhetschef", "vux2"), ("ledning", "vux1")])
def test_others_cannot_set_causes(client, org, role, unit):
    event = new_event(org, unit=getattr(org, unit))
    login(client, org.user(role))
    response = client.post(reverse("events:causes", args=[event.pk]), {"causes": [cause("kompetens").pk]})
    assert response.status_code == 404 and not event.causes.exists()


def test_complaints_record_no_causes(org):
    event = new_event(org, kind="klagomal")
    with pytest.raises(ValidationError):
        event_causes_set(actor=org.user("enhetschef"), event=event, causes=[cause("kompetens")])


def test_a_retired_cause_stays_on_a_case_but_is_not_added(org):
    chef = org.user("enhetschef")
    old, new = new_event(org), new_event(org)
    event_causes_set(actor=chef, event=old, causes=[cause("teknik_utrustning")])
    retired = cause("teknik_utrustning")
    term_update(actor=org.user("kvalitetsutvecklare"), term=retired, label=retired.label, sort_order=1, retired=True)
    with pytest.raises(ValidationError):
        event_causes_set(actor=chef, event=new, causes=[retired])
    event_causes_set(actor=chef, event=old, causes=[retired, cause("kompetens")])  # kept, one added
    assert set(old.causes.values_list("code", flat=True)) == {"teknik_utrustning", "kompetens"}


def test_service_refuses_outside_the_case_work(org):
    with pytest.raises(PermissionDenied):
        event_causes_set(actor=org.user("medarbetare"), event=new_event(org), causes=[])


def test_cause_counts_per_code(org):
    chef = org.user("enhetschef")
    first, second = new_event(org), new_event(org)
    event_causes_set(actor=chef, event=first, causes=[cause("bemanning"), cause("kompetens")])
    event_causes_set(actor=chef, event=second, causes=[cause("bemanning")])
    assert cause_counts(Event.objects.all()) == {"bemanning": 2, "kompetens": 1}
    assert cause_counts(Event.objects.filter(pk=second.pk)) == {"bemanning": 1}


def test_the_report_figures_count_events_per_cause(org):
    from tillit.events.figures import event_figures

    chef = org.user("enhetschef")
    first, second, other_kind = new_event(org), new_event(org), new_event(org, kind="lex_sarah")
    event_causes_set(actor=chef, event=first, causes=[cause("kommunikation"), cause("bemanning")])
    event_causes_set(actor=chef, event=second, causes=[cause("kommunikation")])
    event_causes_set(actor=org.user("utredare"), event=other_kind, causes=[cause("bemanning")])
    figures = event_figures(scope=org.soc, year=first.reported_on.year)
    assert figures["by_cause"] == {"bemanning": 2, "kommunikation": 2}
    assert event_figures(scope=org.soc, year=first.reported_on.year - 1)["by_cause"] == {}

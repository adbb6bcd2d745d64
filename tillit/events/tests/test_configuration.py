from datetime import date

import pytest
from django.urls import reverse

from tillit.events.checklists import patient_information_missing
from tillit.events.models import Category, Event, EventKind
from tillit.events.services import event_report, event_transition
from tillit.workflow.models import DeadlineSetting

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    session = client.session
    session["tillit_strong_auth"] = True
    session.save()


def test_service_level_change_applies_to_new_cases(client, org):
    login(client, org.user("kvalitetsutvecklare"))
    assert client.get(reverse("events:settings")).status_code == 200
    client.post(reverse("events:deadline_change", args=["klagomal", "besvarad"]), {"days": "14"})
    assert DeadlineSetting.objects.get(workflow="klagomal", code="besvarad").days == 14
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.KLAGOMAL, unit=org.vux1, description="x").event
    deadline = event.deadlines.get(code="besvarad")
    assert (deadline.due_on - date.today()).days == 14
    client.post(reverse("events:deadline_change", args=["klagomal", "besvarad"]), {"days": "28"})
    assert not DeadlineSetting.objects.exists()  # back to the declared default
    response = client.post(reverse("events:deadline_change", args=["klagomal", "besvarad"]), {"days": "0"}, follow=True)
    assert "mellan 1 och 365" in response.content.decode()


def test_categories_can_be_added_renamed_and_retired_keeping_history(client, org):
    login(client, org.user("kvalitetsutvecklare"))
    client.post(reverse("events:category_add"), {"label": "Nutrition"})
    category = Category.objects.get(code="nutrition")
    event = event_report(
        actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x", category=category
    ).event
    client.post(reverse("events:category_change", args=[category.pk]), {"label": "Kost och nutrition", "retired": "on"})
    category.refresh_from_db()
    assert category.label == "Kost och nutrition" and category.retired
    event.refresh_from_db()
    assert event.category == category


def test_settings_only_for_configurers(client, org):
    login(client, org.user("enhetschef"))
    assert client.get(reverse("events:settings")).status_code == 404
    assert client.post(reverse("events:category_add"), {"label": "X"}).status_code == 404
    assert not Category.objects.filter(label="X").exists()


def test_lex_maria_cannot_close_before_patient_is_informed(client, org):
    mas = org.user("mas")
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_MARIA, unit=org.vux1, description="x").event
    event = event_transition(actor=mas, event=event, code="bedom", outcome="vardskada", severe=True)
    login(client, mas)
    url = reverse("events:patient_information", args=[event.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"informed_on": date.today().isoformat(), "told_vardskada": "on"})
    event = Event.objects.get(pk=event.pk)
    assert patient_information_missing(event)
    fields = {
        f: "on"
        for f in [
            "told_vardskada",
            "told_measures",
            "told_ivo_complaint",
            "told_patientskadelag",
            "told_patientnamnd",
            "noted_in_record",
        ]
    }
    client.post(url, {"informed_on": date.today().isoformat(), **fields})
    event = Event.objects.get(pk=event.pk)
    assert patient_information_missing(event) == []
    login(client, org.user("enhetschef"))
    assert client.get(url).status_code in (200, 404)  # may read, but may not record
    assert client.post(url, {"informed_on": date.today().isoformat()}).status_code == 404

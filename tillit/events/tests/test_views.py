"""The event screens as users use them: report, list, case page, transitions, entries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tillit.actions.models import Action
from tillit.audit.models import AuditEvent
from tillit.core.privacy import PLACEHOLDER
from tillit.events.models import Event, EventKind
from tillit.events.services import event_report, event_transition

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    session = client.session
    session["tillit_strong_auth"] = True  # treat 2FA roles as verified in view tests
    session.save()
    return client


def report_data(org, **kw):
    return {
        "kind": "avvikelse",
        "unit": org.vux1.pk,
        "occurred_on": "",
        "occurred_at_time": "",
        "description": "Dosetten var tom på morgonen",
        "immediate_actions": "Ringde sjuksköterskan",
        "category": "",
        "idempotency_key": "abc123",
    } | kw


def test_report_form_defaults_to_own_unit(client, org):
    response = login(client, org.user("medarbetare")).get(reverse("events:report"))
    assert response.status_code == 200
    assert response.context["form"].initial["unit"] == org.vux1.pk
    assert "Lex Sarah" in response.content.decode()


def test_report_creates_one_event_even_when_posted_twice(client, org):
    login(client, org.user("medarbetare"))
    first = client.post(reverse("events:report"), report_data(org))
    second = client.post(reverse("events:report"), report_data(org))
    assert Event.objects.count() == 1
    event = Event.objects.get()
    assert first.url == second.url == reverse("events:event_detail", args=[event.pk])
    assert event.reporter == org.user("medarbetare")


def test_invalid_report_keeps_what_was_typed(client, org):
    login(client, org.user("medarbetare"))
    response = client.post(reverse("events:report"), report_data(org, kind="", occurred_on="2999-01-01"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dosetten var tom på morgonen" in body
    assert "framtiden" in body
    assert Event.objects.count() == 0


def test_personnummer_guard_offers_replacement(client, org):
    login(client, org.user("medarbetare"))
    data = report_data(org, description="Brukaren 19121212-1212 föll")
    response = client.post(reverse("events:report"), data)
    assert response.status_code == 200 and Event.objects.count() == 0
    assert "Personnummer i texten" in response.content.decode()
    client.post(reverse("events:report"), data | {"pnr_choice": "replace"})
    assert Event.objects.get().description == f"Brukaren {PLACEHOLDER} föll"


def test_personnummer_can_be_kept_deliberately(client, org):
    login(client, org.user("medarbetare"))
    data = report_data(org, description="Brukaren 19121212-1212 föll", pnr_choice="keep")
    client.post(reverse("events:report"), data)
    assert "19121212-1212" in Event.objects.get().description


def test_namnd_cannot_report_or_read(client, org):
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    login(client, org.user("namnd"))
    assert client.get(reverse("events:report")).status_code == 404
    assert client.get(reverse("events:event_detail", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:event_list")).context["page"].paginator.count == 0


def test_case_page_read_is_audited_and_outside_scope_is_404(client, org):
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux2, description="x").event
    login(client, org.user("enhetschef"))  # assigned at VUX1, the event is in sibling VUX2
    assert client.get(reverse("events:event_detail", args=[event.pk])).status_code == 404
    assert AuditEvent.objects.filter(action="permission_denied", actor=org.user("enhetschef")).exists()
    login(client, org.user("avdelningschef"))
    assert client.get(reverse("events:event_detail", args=[event.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="read", object_id=str(event.pk), actor=org.user("avdelningschef")).exists()


def test_reporter_sees_own_report_but_not_others(client, org):
    own = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    other = event_report(actor=org.user("enhetschef"), kind="avvikelse", unit=org.vux1, description="y").event
    login(client, org.user("medarbetare"))
    assert client.get(reverse("events:event_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("events:event_detail", args=[other.pk])).status_code == 404


def test_enhetschef_receives_investigates_adds_action_and_closes(client, org):
    chef = org.user("enhetschef")
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    login(client, chef)
    url = reverse("events:transition", args=[event.pk, "motta"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"responsible": chef.pk}).status_code == 302
    client.post(reverse("events:transition", args=[event.pk, "starta_utredning"]), {})
    client.post(
        reverse("events:entry_add", args=[event.pk]),
        {"topic": "orsaker", "is_fact": "fakta", "text": "Rutin saknades", "entry_date": date.today().isoformat()},
    )
    response = client.post(
        reverse("actions:action_add", args=["events.event", event.pk]),
        {
            "action_type": "ny_rutin",
            "description": "Rutin för dosett",
            "owner": chef.pk,
            "due_on": (date.today() + timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302 and Action.objects.count() == 1
    action = Action.objects.get()
    client.post(reverse("actions:action_status", args=[action.pk]), {"status": "genomford"})
    client.post(reverse("actions:action_followup", args=[action.pk]), {"effect": "god", "comment": "Fungerar"})
    action.refresh_from_db()
    assert action.status == "genomford" and action.effect == "god"
    client.post(reverse("events:transition", args=[event.pk, "besluta_atgarder"]), {})
    client.post(reverse("events:transition", args=[event.pk, "avsluta"]), {"conclusion": "Ny rutin"})
    event.refresh_from_db()
    assert event.state == "avslutad"
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Rutin saknades" in page and "Avslutad" in page


def test_transition_not_allowed_for_role_is_404_and_changes_nothing(client, org):
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    login(client, org.user("medarbetare"))
    response = client.post(reverse("events:transition", args=[event.pk, "motta"]), {"responsible": 1})
    assert response.status_code == 404
    event.refresh_from_db()
    assert event.state == "rapporterad"


def test_transition_form_shows_swedish_errors(client, org):
    chef = org.user("enhetschef")
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    event = event_transition(actor=chef, event=event, code="motta", responsible=chef)
    event_transition(actor=chef, event=event, code="starta_utredning")
    login(client, chef)
    response = client.post(reverse("events:transition", args=[event.pk, "besluta_atgarder"]), {})
    assert response.status_code == 200
    assert "Dokumentera utredningen" in response.content.decode()


def test_list_filters_and_query_count(client, org, django_assert_max_num_queries):
    for i in range(30):
        event_report(
            actor=org.user("medarbetare"), kind="avvikelse" if i % 2 else "klagomal", unit=org.vux1, description=f"h{i}"
        )
    login(client, org.user("avdelningschef"))
    with django_assert_max_num_queries(15):
        response = client.get(reverse("events:event_list"), {"kind": "klagomal"})
    assert response.context["page"].paginator.count == 15
    response = client.get(reverse("events:event_list"), {"q": "h7"}, HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "events/partials/event_table.html"


def test_my_tasks_lists_responsible_cases(client, org):
    chef = org.user("enhetschef")
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.AVVIKELSE, unit=org.vux1, description="x").event
    event_transition(actor=chef, event=event, code="motta", responsible=chef)
    response = login(client, chef).get(reverse("events:my_tasks"))
    assert event.reference in response.content.decode()


def test_export_csv_has_free_text_only_for_case_readers(client, org):
    event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="Hemlig fritext")
    login(client, org.user("enhetschef"))
    body = b"".join(client.get(reverse("events:export", args=["csv"])).streaming_content).decode()
    assert "Hemlig fritext" in body and "Vad hände" in body
    assert AuditEvent.objects.filter(action="export", actor=org.user("enhetschef")).exists()
    login(client, org.user("medarbetare"))  # reads own report in the list, but has no event.view
    body = b"".join(client.get(reverse("events:export", args=["csv"])).streaming_content).decode()
    assert "Hemlig fritext" not in body and "AV-" in body


def test_export_xlsx(client, org):
    import io

    from openpyxl import load_workbook

    event_report(actor=org.user("medarbetare"), kind="klagomal", unit=org.vux1, description="x")
    login(client, org.user("avdelningschef"))
    response = client.get(reverse("events:export", args=["xlsx"]), {"kind": "klagomal"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Ärendenummer" and len(rows) == 2


def test_my_tasks_shows_new_reports_waiting_to_be_received(client, org, django_assert_max_num_queries):
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    sibling = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux2, description="y").event
    login(client, org.user("enhetschef"))  # enhetschef of VUX1 only
    with django_assert_max_num_queries(20):
        response = client.get(reverse("events:my_tasks"))
    listed = list(response.context["events"])
    assert event in listed and sibling not in listed
    login(client, org.user("medarbetare"))
    assert event not in list(client.get(reverse("events:my_tasks")).context["events"])


def test_case_worker_classifies_category_and_god_vard_area(client, org):
    from tillit.events.models import Category

    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    category = Category.objects.filter(retired=False).first()
    login(client, org.user("medarbetare"))
    assert client.post(reverse("events:classify", args=[event.pk]), {"god_vard_area": "trygghet"}).status_code == 404
    login(client, org.user("enhetschef"))
    client.post(reverse("events:classify", args=[event.pk]), {"category": category.pk, "god_vard_area": "trygghet"})
    event.refresh_from_db()
    assert event.category == category and event.god_vard_area == "trygghet"
    assert AuditEvent.objects.filter(object_id=str(event.pk), detail__fields=["category_id", "god_vard_area"]).exists()


def test_list_shows_overdue_first_across_pages_with_a_constant_query_count(client, org, django_assert_num_queries):
    import time_machine

    from tillit.events.views.cases import PAGE_SIZE

    reporter = org.user("medarbetare")
    with time_machine.travel(date.today() - timedelta(days=40)):
        late = event_report(actor=reporter, kind="avvikelse", unit=org.vux1, description="sen").event
    for i in range(PAGE_SIZE + 5):
        event_report(actor=reporter, kind="avvikelse", unit=org.vux1, description=f"ny {i}")
    login(client, org.user("enhetschef"))
    first = client.get(reverse("events:event_list"))
    rows = list(first.context["page"])
    assert rows[0] == late and rows[0].is_overdue and not rows[1].is_overdue
    second = client.get(reverse("events:event_list"), {"sida": 2})
    assert late not in list(second.context["page"]) and len(second.context["page"]) == 6
    assert first.context["page"].paginator.count == PAGE_SIZE + 6
    overdue_only = client.get(reverse("events:event_list"), {"overdue": "on"})
    assert list(overdue_only.context["page"]) == [late]

    def queries_for_list() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("events:event_list"))
        return len(ctx.captured_queries)

    before = queries_for_list()
    for i in range(30):
        event_report(actor=reporter, kind="klagomal", unit=org.vux1, description=f"fler {i}")
    assert queries_for_list() == before, "the query count does not grow with the data"


def test_my_tasks_lists_only_cases_the_user_may_open(client, org):
    chef = org.user("enhetschef")  # enhetschef of VUX1
    elsewhere = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.ald1, description="x").event
    Event.objects.filter(pk=elsewhere.pk).update(responsible=chef)  # e.g. left after a reorganisation
    login(client, chef)
    assert elsewhere not in list(client.get(reverse("events:my_tasks")).context["events"])

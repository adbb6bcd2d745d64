"""Case-handling defects found when the product was tried as each role would (issue 9, item 10)."""

import re
from datetime import date

import pytest

from tillit.events.models import EventEntry, EventKind, Outcome
from tillit.events.services import TransitionError, event_report, event_transition
from tillit.events.services.configuration import patient_information_record
from tillit.events.services.requirements import INVESTIGATION_TOPICS
from tillit.workflow.declaration import workflows

pytestmark = pytest.mark.django_db


def report(org, kind=EventKind.AVVIKELSE, **kw):
    defaults = {"actor": org.user("medarbetare"), "kind": kind, "unit": org.vux1, "description": "Fel dos"}
    return event_report(**(defaults | kw)).event


# --- legal references name the law's SFS number ----------------------------------------------------

LAW_WITHOUT_SFS = re.compile(r"\b(SoL|LSS|PSL)\b(?! \(\d{4}:\d+\))")


def _references():
    for wf in workflows().values():
        yield wf.key, wf.legal_reference
        yield wf.key, wf.ivo_notification
        for t in wf.transitions:
            yield f"{wf.key}.{t.code}", t.legal_reference
        for d in wf.deadlines:
            yield f"{wf.key}.{d.code}", d.legal_reference


def test_every_legal_reference_names_the_sfs_number_of_sol_lss_and_psl():
    bad = [(where, ref) for where, ref in _references() if ref and LAW_WITHOUT_SFS.search(ref)]
    assert bad == []
    ivo_deadline = next(d for d in workflows()["lex_sarah"].deadlines if d.code == "ivo_anmalan")
    assert ivo_deadline.legal_reference == "SoL (2001:453) 14 kap. 7 § (snarast)"


# --- lex Maria: ej vårdskada can be closed without "att en vårdskada har inträffat" -----------------


def _lex_maria_to_patientinformation(org, outcome, severe=False):
    mas = org.user("mas")
    event = report(org, kind=EventKind.LEX_MARIA)
    event = event_transition(actor=mas, event=event, code="bedom", outcome=outcome, severe=severe)
    event = event_transition(actor=mas, event=event, code="starta_utredning")
    for topic in INVESTIGATION_TOPICS:
        EventEntry.objects.create(
            event=event, topic=topic, text="…", author=mas, author_name="M", entry_date=date.today()
        )
    return event_transition(actor=mas, event=event, code="informera_patient")


ALL_BUT_VARDSKADA = {
    code: True
    for code in ("told_measures", "told_ivo_complaint", "told_patientskadelag", "told_patientnamnd", "noted_in_record")
}


def test_lex_maria_ej_vardskada_closes_without_the_vardskada_item(org):
    mas = org.user("mas")
    event = _lex_maria_to_patientinformation(org, Outcome.EJ_VARDSKADA)
    patient_information_record(actor=mas, event=event, informed_on=date.today(), **ALL_BUT_VARDSKADA)
    event = event_transition(actor=mas, event=event, code="avsluta", conclusion="Ingen vårdskada")
    assert event.closed_on and event.outcome == Outcome.EJ_VARDSKADA


def test_lex_maria_ej_vardskada_needs_no_patient_information_at_all(org):
    """PSL (2010:659) 3 kap. 8 § requires the information when a vårdskada has occurred."""
    event = _lex_maria_to_patientinformation(org, Outcome.EJ_VARDSKADA)
    event = event_transition(actor=org.user("mas"), event=event, code="avsluta", conclusion="Ingen vårdskada")
    assert event.closed_on


def test_lex_maria_vardskada_still_needs_every_item(org):
    mas = org.user("mas")
    event = _lex_maria_to_patientinformation(org, Outcome.VARDSKADA, severe=True)
    patient_information_record(actor=mas, event=event, informed_on=date.today(), **ALL_BUT_VARDSKADA)
    with pytest.raises(TransitionError, match="att en vårdskada har inträffat"):
        event_transition(actor=mas, event=event, code="avsluta", conclusion="Vårdskada", ivo_notified_on=date.today())


def test_lex_maria_risk_for_vardskada_does_not_demand_the_vardskada_item(org):
    mas = org.user("mas")
    event = _lex_maria_to_patientinformation(org, Outcome.RISK_FOR_VARDSKADA)
    with pytest.raises(TransitionError, match="patienten"):
        event_transition(actor=mas, event=event, code="avsluta", conclusion="Risk")
    patient_information_record(actor=mas, event=event, informed_on=date.today(), **ALL_BUT_VARDSKADA)
    assert event_transition(actor=mas, event=event, code="avsluta", conclusion="Risk").closed_on


# --- klagomål: besvara needs a responsible person ---------------------------------------------------


@pytest.mark.parametrize("kind", [EventKind.KLAGOMAL, EventKind.SYNPUNKT])
def test_a_complaint_cannot_be_answered_while_no_one_is_responsible(org, kind):
    chef = org.user("enhetschef")
    event = report(org, kind=kind)
    with pytest.raises(TransitionError, match="ansvarig"):
        event_transition(actor=chef, event=event, code="besvara", reply="Tack", replied_on=date.today())
    event = event_transition(
        actor=chef, event=event, code="besvara", reply="Tack", replied_on=date.today(), responsible=chef
    )
    assert event.state == "besvarad"


def test_the_ansvarig_list_starts_with_a_swedish_prompt(org):
    from tillit.actions.forms import ActionForm
    from tillit.events.forms import TransitionForm

    chef = org.user("enhetschef")
    event = report(org, kind=EventKind.KLAGOMAL)
    form = TransitionForm(event=event, transition=workflows()["klagomal"].transition("besvara"))
    assert "Välj ansvarig" in str(form["responsible"]) and "---------" not in str(form["responsible"])
    action_form = ActionForm(source=event)
    assert "---------" not in str(action_form["owner"])
    assert chef


# --- klagomål/synpunkt: the channel ---------------------------------------------------------------


def _login(client, user):
    client.force_login(user)
    session = client.session
    session["tillit_strong_auth"] = True
    session.save()
    return client


def test_a_case_worker_registers_a_complaint_received_via_the_patientnamnd(client, org):
    from django.urls import reverse

    from tillit.events.models import Event

    chef = org.user("enhetschef")
    response = _login(client, chef).post(
        reverse("events:report"),
        {
            "kind": "klagomal",
            "unit": org.vux1.pk,
            "description": "Klagomål från patientnämnden om bemötande",
            "channel": "patientnamnd",
            "idempotency_key": "k-ch-1",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and event.channel == "patientnamnd"
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Via patientnämnd" in page and reverse("events:channel", args=[event.pk]) in page


def test_the_channel_is_not_taken_from_the_form_for_other_kinds(client, org):
    from django.urls import reverse

    from tillit.events.models import Event

    _login(client, org.user("medarbetare")).post(
        reverse("events:report"),
        {"kind": "avvikelse", "unit": org.vux1.pk, "description": "x", "channel": "ivo", "idempotency_key": "k2"},
    )
    assert Event.objects.get().channel == "intern"


def test_the_channel_is_changed_on_the_case_page_and_audited(client, org):
    from django.urls import reverse

    from tillit.audit.models import AuditEvent

    chef = org.user("enhetschef")
    event = report(org, kind=EventKind.SYNPUNKT)
    _login(client, chef).post(reverse("events:channel", args=[event.pk]), {"channel": "aldreombudsman"})
    event.refresh_from_db()
    assert event.channel == "aldreombudsman"
    row = AuditEvent.objects.filter(object_type="events.event", object_id=str(event.pk), action="change").last()
    assert row.detail["fields"] == ["channel"]
    # Not for kinds without a channel, not by someone who may not work on the case.
    from tillit.events.services.cases import event_channel_set

    with pytest.raises(Exception, match="klagomål"):
        event_channel_set(actor=chef, event=report(org), channel="brev")
    with pytest.raises(Exception, match="behörighet"):
        event_channel_set(actor=org.user("medarbetare"), event=event, channel="brev")


def test_who_read_the_case_is_grouped_per_person(client, org):
    from django.urls import reverse

    chef = org.user("enhetschef")
    event = report(org, kind=EventKind.KLAGOMAL)
    _login(client, chef)
    for _ in range(14):
        client.get(reverse("events:event_detail", args=[event.pk]))
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    section = page.split("Vem har läst ärendet", 1)[1]
    assert section.count(chef.display_name) == 1
    assert "<td>15</td>" in section


def test_the_report_figures_and_text_break_complaints_down_by_channel(org):
    from tillit.events import report_texts
    from tillit.events.figures import event_figures
    from tillit.events.report_sections import channel_table
    from tillit.reports.figures import compute_figures

    for channel in ("ivo", "brev", "brev"):
        report(org, kind=EventKind.KLAGOMAL, channel=channel)
    report(org, kind=EventKind.SYNPUNKT, channel="telefon")
    report(org)  # an avvikelse has no channel breakdown
    year = date.today().year
    events = event_figures(scope=org.soc, year=year)["events"]
    assert events["klagomal"]["by_channel"] == {"brev": 2, "ivo": 1}
    assert events["synpunkt"]["by_channel"] == {"telefon": 1}
    assert "by_channel" not in events["avvikelse"]
    figures = compute_figures(year=year, scope=org.soc)
    text = report_texts.kind_paragraphs(figures, "klagomal")
    assert "Så kom klagomålen in: brev (2), via IVO (1)." in text

    class Ctx:
        pass

    ctx = Ctx()
    ctx.figures, ctx.year = figures, year
    (table,) = channel_table("klagomal", "synpunkt")(ctx)
    assert table["header"] == ["Kanal", "Klagomål", "Synpunkter"]
    assert ["Brev", "2", "0"] in table["rows"] and ["Via IVO", "1", "0"] in table["rows"]


# --- the reporter is told; a new lex Sarah report reaches those who must receive it ----------------


def _inbox(user):
    from tillit.inbox.models import Notification

    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_the_reporter_is_told_on_receipt_outcome_and_measures(org, mailoutbox, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from tillit.actions.models import ActionStatus
    from tillit.actions.services import action_create, action_set_status

    medarbetare, chef = org.user("medarbetare"), org.user("enhetschef")
    medarbetare.email = "medarbetare@example.se"
    medarbetare.save()
    with django_capture_on_commit_callbacks(execute=True):
        event = report(org, description="Brukaren föll i badrummet")
    assert _inbox(medarbetare) == [f"Vi har tagit emot ditt ärende {event.reference}."]
    assert len(mailoutbox) == 1 and "föll" not in mailoutbox[0].body and event.reference in mailoutbox[0].subject

    event = event_transition(actor=chef, event=event, code="motta", responsible=chef)
    event = event_transition(actor=chef, event=event, code="starta_utredning")
    EventEntry.objects.create(
        event=event, topic="orsaker", text="…", author=chef, author_name="C", entry_date=date.today()
    )
    action = action_create(
        actor=chef,
        source=event,
        action_type="ny_rutin",
        description="Halkskydd i badrummet",
        owner=chef,
        due_on=date.today() + timedelta(days=7),
    )
    action_set_status(actor=chef, action=action, status=ActionStatus.GENOMFORD)
    event_transition(actor=chef, event=event, code="avsluta", conclusion="Halkskydd monterat")
    inbox = _inbox(medarbetare)
    assert f"En åtgärd har beslutats i ärendet {event.reference}." in inbox
    assert f"En åtgärd har genomförts i ärendet {event.reference}." in inbox
    assert f"Ärendet {event.reference} är avslutat." in inbox
    assert not any("Halkskydd" in m or "föll" in m for m in inbox)
    assert _inbox(chef) == []  # nobody is told about what they did themselves


def test_a_public_reporter_with_an_email_address_is_told_by_email(org, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = event_report(
            actor=None,
            kind=EventKind.KLAGOMAL,
            unit=org.vux1,
            description="Maten var kall",
            channel="webb",
            contact_name="Anna",
            contact_details="anna@example.se",
            with_receipt=True,
        )
    assert [m.to for m in mailoutbox] == [["anna@example.se"]]
    assert result.event.reference in mailoutbox[0].body and "kall" not in mailoutbox[0].body


def test_a_new_lex_sarah_report_reaches_those_who_may_receive_it(org):
    event = report(org, kind=EventKind.LEX_SARAH)
    for role in ("utredare", "kvalitetsutvecklare", "avdelningschef"):
        assert _inbox(org.user(role)) == [f"Ny lex Sarah-rapport {event.reference} väntar på att tas emot."]
    assert _inbox(org.user("enhetschef")) == []  # cannot receive a lex Sarah report


def test_a_new_avvikelse_does_not_flood_the_chefs_inbox(org):
    report(org)
    assert _inbox(org.user("enhetschef")) == []


def test_a_public_reporter_sees_the_measures_with_the_receipt_code(client, org):
    from datetime import timedelta

    from django.urls import reverse

    from tillit.actions.models import ActionStatus
    from tillit.actions.services import action_create, action_set_status

    chef = org.user("enhetschef")
    result = event_report(
        actor=None,
        kind=EventKind.KLAGOMAL,
        unit=org.vux1,
        description="Hemtjänsten kom för sent",
        channel="webb",
        with_receipt=True,
    )
    event = event_transition(actor=chef, event=result.event, code="starta_utredning", responsible=chef)
    done = action_create(
        actor=chef,
        source=event,
        action_type="ny_rutin",
        description="Schemat ses över av Lisa Lind",
        owner=chef,
        due_on=date.today() + timedelta(days=14),
    )
    action_set_status(actor=chef, action=done, status=ActionStatus.GENOMFORD)
    struck = action_create(
        actor=chef, source=event, action_type="utbildning", description="x", owner=chef, due_on=date.today()
    )
    action_set_status(actor=chef, action=struck, status=ActionStatus.STRUKEN)
    body = client.post(reverse("public:follow_up"), {"code": result.receipt_code}).content.decode()
    section = body.split("<h2>Åtgärder</h2>", 1)[1]
    assert "Ny rutin" in section and "Genomförd" in section
    assert "Lisa Lind" not in body  # the internal description is not shown
    assert "Utbildning" not in section  # a struck action is not a measure


# --- the case page puts the next steps first --------------------------------------------------------


def test_a_reported_case_shows_the_next_steps_and_keeps_the_other_forms_behind_them(client, org):
    from django.urls import reverse

    chef = org.user("enhetschef")
    event = report(org)
    page = _login(client, chef).get(reverse("events:event_detail", args=[event.pk])).content.decode()
    steps = page.split('id="h-next"', 1)[1].split("</section>", 1)[0]
    assert "Ta emot" in steps and "Du anger ansvarig." in steps and "Avsluta utan utredning" in steps
    later = page.split('<details class="later">', 1)[1].split("</details>", 1)[0]
    for form in ("Dokumentera i utredningen", "Klassificering", "Lägg till åtgärd"):
        assert form in later, form
    # Once the investigation is under way, its forms are in view.
    event = event_transition(actor=chef, event=event, code="motta", responsible=chef)
    event = event_transition(actor=chef, event=event, code="starta_utredning")
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert '<details class="later">' not in page and "Dokumentera i utredningen" in page


def test_someone_who_only_reported_sees_no_forms(client, org):
    from django.urls import reverse

    event = report(org)
    page = _login(client, org.user("medarbetare")).get(reverse("events:event_detail", args=[event.pk]))
    body = page.content.decode()
    assert 'id="h-next"' not in body and "Dokumentera i utredningen" not in body


def test_a_case_filed_through_the_api_tells_no_service_account(org):
    event = report(org, channel="api")
    assert _inbox(org.user("medarbetare")) == []
    assert event.channel == "api"

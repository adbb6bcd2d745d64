"""Case-handling defects found when the product was tried as each role would (issue 9, item 10)."""

import re
from datetime import date

import pytest

from tillit.events.models import EventEntry, EventKind, Outcome, PatientInformation
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
    assert "SoL (2001:453) 14 kap. 7 §" in workflows()["lex_sarah"].transition("avsluta").legal_reference or any(
        "SoL (2001:453)" in d.legal_reference for d in workflows()["lex_sarah"].deadlines
    )


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


ALL_BUT_VARDSKADA = {name: True for name in PatientInformation.CHECKLIST if name != "told_vardskada"}


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

"""The data migration: a recorded patient information's six booleans become answers of an
Assessment of the checklist template, and back when the migration is reversed."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("events", "0009_patientinformation_assessment")]
AFTER = [("events", "0010_checklists_on_assessment_core")]
TICKED = {"told_vardskada": True, "told_measures": True, "noted_in_record": True}
FIELDS = ["told_vardskada", "told_measures", "told_ivo_complaint", "told_patientskadelag", "told_patientnamnd"]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_patient_information_booleans_move_into_answers_and_back():
    old = migrate(BEFORE)
    Unit, User = old.get_model("org", "Unit"), old.get_model("accounts", "User")
    Event, Info = old.get_model("events", "Event"), old.get_model("events", "PatientInformation")
    unit = Unit.objects.create(code="U1", name="Enhet", level="enhet", path="0001", depth=1)
    mas = User.objects.create(username="mas")
    event = Event.objects.create(
        reference="LM-2025-00003",
        kind="lex_maria",
        state="patientinformation",
        unit=unit,
        reported_on=date(2025, 1, 2),
        reported_at=timezone.now(),
    )
    info = Info.objects.create(event=event, informed_on=date(2025, 1, 9), recorded_by=mas, **TICKED)

    new = migrate(AFTER)
    Info, Answer = new.get_model("events", "PatientInformation"), new.get_model("assessments", "Answer")
    info = Info.objects.get(pk=info.pk)
    assessment = info.assessment
    assert assessment.template.code == "LEX-MARIA-PATIENTINFORMATION" and assessment.template.version == 1
    assert (assessment.unit_id, assessment.performed_on, assessment.performer_id) == (unit.pk, date(2025, 1, 9), mas.pk)
    answers = dict(Answer.objects.filter(assessment=assessment).values_list("item__code", "value"))
    assert answers == {code: "ja" if code in TICKED else "nej" for code in [*FIELDS, "noted_in_record"]}

    old = migrate(BEFORE)
    info = old.get_model("events", "PatientInformation").objects.get(pk=info.pk)
    assert info.assessment_id is None
    assert {code: getattr(info, code) for code in [*FIELDS, "noted_in_record"]} == {
        code: code in TICKED for code in [*FIELDS, "noted_in_record"]
    }
    assert not old.get_model("assessments", "Assessment").objects.exists()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

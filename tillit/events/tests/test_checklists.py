"""The lex Sarah investigation topics and the lex Maria patient-information checklist are templates
on the assessment core: shipped by a data migration, read by the case page and the requirements."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404
from django.urls import reverse

from tillit.assessments.importer import import_framework
from tillit.assessments.models import Answer, ItemType, TemplateKind, TemplateStatus
from tillit.assessments.selectors import assessment_for_user_or_404, current_template, template_questions
from tillit.assessments.services import ItemSpec, template_establish, template_item_specs, template_new_version
from tillit.assessments.services import template_replace_items as replace_items
from tillit.events.checklists import (
    FILES,
    PATIENT_TEMPLATE,
    TOPICS_TEMPLATE,
    entry_topic_choices,
    investigation_topics,
    missing_topics,
    patient_information_missing,
    topic_labels,
)
from tillit.events.forms import EntryForm
from tillit.events.models import EntryTopic, Event, EventEntry, EventKind
from tillit.events.services import event_report, event_transition
from tillit.events.services.configuration import patient_information_record
from tillit.events.services.requirements import unmet
from tillit.testing.client import login

pytestmark = pytest.mark.django_db

OLD_TOPICS = ["vad_hande", "uppmarksammat", "intraffade", "orsaker", "tidigare", "risk_upprepning", "atgarder"]
OLD_CHECKLIST = [
    "told_vardskada",
    "told_measures",
    "told_ivo_complaint",
    "told_patientskadelag",
    "told_patientnamnd",
    "noted_in_record",
]


def add_topic_version(code: str = "larande", text: str = "Vad verksamheten lär sig"):
    """Version 2 of the topics template with one more topic, established."""
    draft = template_new_version(actor=None, template=current_template(TOPICS_TEMPLATE))
    items = [*template_item_specs(draft), ItemSpec(ref="Egen rutin – lärdomar", text=text, code=code)]
    replace_items(actor=None, template=draft, items=items)
    return template_establish(actor=None, template=draft)


def sarah_with_all_topics(org) -> Event:
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_SARAH, unit=org.vux1, description="x").event
    author = org.user("utredare")
    EventEntry.objects.bulk_create(
        EventEntry(event=event, topic=code, text="…", author=author, author_name="U", entry_date=date.today())
        for code in OLD_TOPICS
    )
    return event


def test_both_templates_exist_after_migrate_with_codes_and_references():
    topics = current_template(TOPICS_TEMPLATE)
    patient = current_template(PATIENT_TEMPLATE)
    for template in (topics, patient):
        assert template.status == TemplateStatus.FASTSTALLD and template.kind == TemplateKind.ARENDE
        assert template.scale.code == "ja_nej"
        for item in template_questions(template):
            assert item.item_type == ItemType.FORESKRIFT
            assert item.reference_unconfirmed  # municipal restatement / no primary text in the legal brief
    assert [i.code for i in template_questions(topics)] == OLD_TOPICS
    assert [i.text for i in template_questions(topics)] == [EntryTopic(c).label for c in OLD_TOPICS]
    assert all(i.ref.startswith("SOSFS 2011:5 5 kap.") for i in template_questions(topics))
    assert [i.code for i in template_questions(patient)] == OLD_CHECKLIST
    assert all(i.ref.startswith("PSL (2010:659) 3 kap. 8 §") for i in template_questions(patient))
    assert {i.code: i.applies_when for i in template_questions(patient)}["told_vardskada"] == "vardskada"


def test_shipped_files_are_ordinary_framework_files_and_match_the_migration():
    for path in FILES.values():
        result = import_framework(path)
        assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 1)


def test_entry_topics_on_the_case_page_come_from_the_template(client, org):
    add_topic_version(text="Vad verksamheten lär sig")
    assert [c for c, _ in entry_topic_choices()] == [*OLD_TOPICS, "larande", "ovrigt", "anteckning"]
    assert EntryForm(data={"topic": "larande"}).fields["topic"].choices[-3] == ("larande", "Vad verksamheten lär sig")
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_SARAH, unit=org.vux1, description="x").event
    utredare = org.user("utredare")
    event = event_transition(actor=utredare, event=event, code="motta", responsible=utredare)
    login(client, utredare)
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert '<option value="larande">Vad verksamheten lär sig</option>' in page
    assert '<option value="anteckning">Anteckning</option>' in page


def test_a_new_version_with_an_extra_topic_changes_what_investigation_complete_requires(org):
    event = sarah_with_all_topics(org)
    assert missing_topics(event) == [] and unmet(event, ("investigation_complete",)) == []
    add_topic_version(text="Vad verksamheten lär sig")
    assert missing_topics(event) == ["Vad verksamheten lär sig"]
    assert unmet(event, ("investigation_complete",)) == ["Utredningen saknar delar. Saknas: Vad verksamheten lär sig."]
    EventEntry.objects.create(
        event=event, topic="larande", text="…", author=org.user("utredare"), author_name="U", entry_date=date.today()
    )
    assert missing_topics(event) == []
    assert topic_labels()["larande"] == "Vad verksamheten lär sig"
    assert topic_labels()["ovrigt"] == EntryTopic.OTHER.label  # old codes keep their labels
    assert [i.code for i in investigation_topics()] == [*OLD_TOPICS, "larande"]


def maria(org, outcome: str) -> Event:
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_MARIA, unit=org.vux1, description="x").event
    return event_transition(actor=org.user("mas"), event=event, code="bedom", outcome=outcome, severe=False)


def test_patient_information_answers_live_on_the_assessment_core(org):
    event = maria(org, "vardskada")
    info = patient_information_record(
        actor=org.user("mas"), event=event, informed_on=date(2026, 3, 2), told_vardskada=True, told_measures=True
    )
    answers = dict(Answer.objects.filter(assessment=info.assessment).values_list("item__code", "value"))
    assert answers == {c: "ja" if c in ("told_vardskada", "told_measures") else "nej" for c in OLD_CHECKLIST}
    assert patient_information_missing(Event.objects.get(pk=event.pk)) == [
        "rätten att klaga hos IVO",
        "möjligheten till ersättning enligt patientskadelagen",
        "möjligheten att vända sig till patientnämnden",
        "antecknat i patientjournalen",
    ]
    again = patient_information_record(
        actor=org.user("mas"), event=event, informed_on=date(2026, 3, 3), **dict.fromkeys(OLD_CHECKLIST, True)
    )
    assert again.assessment_id == info.assessment_id  # one assessment per event, answers changed
    assert patient_information_missing(Event.objects.get(pk=event.pk)) == []
    with pytest.raises(Http404):  # not a round of its own: read through the case
        assessment_for_user_or_404(org.user("kvalitetsutvecklare"), info.assessment_id)


def test_the_vardskada_item_applies_only_when_a_vardskada_occurred(org):
    ticked = dict.fromkeys([c for c in OLD_CHECKLIST if c != "told_vardskada"], True)
    for outcome, missing in (("ej_vardskada", []), ("vardskada", ["att en vårdskada har inträffat"])):
        event = maria(org, outcome)
        patient_information_record(actor=org.user("mas"), event=event, informed_on=date.today(), **ticked)
        assert patient_information_missing(Event.objects.get(pk=event.pk)) == missing


def test_patient_information_page_shows_the_template_items_with_references(client, org):
    event = maria(org, "vardskada")
    login(client, org.user("mas"))
    url = reverse("events:patient_information", args=[event.pk])
    page = client.get(url).content.decode()
    assert "möjligheten att vända sig till patientnämnden" in page
    assert "PSL (2010:659) 3 kap. 8 § – patientnämnden (referensen är inte bekräftad)" in page
    client.post(url, {"informed_on": "2026-03-02", "informed_relative": "on", **dict.fromkeys(OLD_CHECKLIST, "on")})
    event = Event.objects.get(pk=event.pk)
    assert event.patient_information.informed_relative and patient_information_missing(event) == []

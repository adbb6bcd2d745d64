"""The lex Sarah investigation topics and the lex Maria patient-information checklist become
templates on the assessment core (loaded from tillit/events/checklists/*.csv), and each recorded
patient information's six booleans become answers of an Assessment of the checklist."""

from django.db import migrations

from tillit.events.checklists import PATIENT_TEMPLATE, TOPICS_TEMPLATE, load_shipped

# The old boolean fields, named as the checklist items' codes.
CHECKLIST = (
    "told_vardskada",
    "told_measures",
    "told_ivo_complaint",
    "told_patientskadelag",
    "told_patientnamnd",
    "noted_in_record",
)


def load_templates(apps, schema_editor):
    load_shipped(apps, TOPICS_TEMPLATE, 1)
    load_shipped(apps, PATIENT_TEMPLATE, 1)


def booleans_to_answers(apps, schema_editor):
    PatientInformation = apps.get_model("events", "PatientInformation")
    Template = apps.get_model("assessments", "AssessmentTemplate")
    Assessment = apps.get_model("assessments", "Assessment")
    Answer = apps.get_model("assessments", "Answer")
    template = Template.objects.get(code=PATIENT_TEMPLATE, version=1)
    items = {item.code: item for item in template.items.all()}
    for info in PatientInformation.objects.filter(assessment__isnull=True).select_related("event").iterator():
        assessment = Assessment.objects.create(
            template=template,
            unit_id=info.event.unit_id,
            title=f"Information till patienten – {info.event.reference}",
            performed_on=info.informed_on,
            performer_id=info.recorded_by_id,
            created_by_id=info.recorded_by_id,
        )
        Answer.objects.bulk_create(
            Answer(
                assessment=assessment,
                item=items[code],
                value="ja" if getattr(info, code) else "nej",
                answered_by_id=info.recorded_by_id,
            )
            for code in CHECKLIST
        )
        info.assessment = assessment
        info.save(update_fields=["assessment"])


def answers_to_booleans(apps, schema_editor):
    PatientInformation = apps.get_model("events", "PatientInformation")
    Assessment = apps.get_model("assessments", "Assessment")
    Answer = apps.get_model("assessments", "Answer")
    for info in PatientInformation.objects.filter(assessment__isnull=False).iterator():
        values = dict(Answer.objects.filter(assessment_id=info.assessment_id).values_list("item__code", "value"))
        for code in CHECKLIST:
            setattr(info, code, values.get(code) == "ja")
        assessment_id, info.assessment = info.assessment_id, None
        info.save(update_fields=[*CHECKLIST, "assessment"])
        Answer.objects.filter(assessment_id=assessment_id).delete()
        Assessment.objects.filter(pk=assessment_id).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_patientinformation_assessment"),
        ("assessments", "0002_item_code_applies_when_arende"),
    ]

    operations = [
        migrations.RunPython(load_templates, migrations.RunPython.noop),
        migrations.RunPython(booleans_to_answers, answers_to_booleans),
    ]

"""The default requirements of a contract, shipped as a checklist template on the assessment core
(kind "avtal", code AVTALSKRAV) in `checklists/avtalskrav.csv` and loaded by a data migration.
A municipality changes them by importing a new version (`manage.py import_framework`); a contract
keeps the version it was made with."""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils import timezone

TEMPLATE_CODE = "AVTALSKRAV"
FILE = Path(__file__).resolve().parent / "checklists" / "avtalskrav.csv"
# The assessment core's "gap" scale (tillit/assessments/scales.py), created here when missing.
GAP_SCALE = (
    "gap",
    "Uppfyllt – delvis – ej uppfyllt",
    [
        ("uppfyllt", "Uppfyllt", "met"),
        ("delvis", "Delvis uppfyllt", "not_met"),
        ("ej_uppfyllt", "Ej uppfyllt", "not_met"),
        ("ej_tillampligt", "Ej tillämpligt", "not_applicable"),
    ],
)
TYPES = {"f": "foreskrift", "ar": "allmant_rad", "": "fraga", "fråga": "fraga"}


def load_shipped(apps, version: int = 1) -> None:
    """Create version `version` of AVTALSKRAV from the CSV file, established, unless it exists.
    Written for migrations: only the models in `apps` are used (historical or current)."""
    Template = apps.get_model("assessments", "AssessmentTemplate")
    Item = apps.get_model("assessments", "TemplateItem")
    Scale = apps.get_model("assessments", "AnswerScale")
    Value = apps.get_model("assessments", "ScaleValue")
    if Template.objects.filter(code=TEMPLATE_CODE, version=version).exists():
        return
    with open(FILE, encoding="utf-8", newline="") as file:
        rows = [r for r in csv.DictReader(file) if int(r["version"]) == version]
    scale_code, scale_name, values = GAP_SCALE
    scale, created = Scale.objects.get_or_create(code=scale_code, defaults={"name": scale_name})
    if created:
        for position, (value, label, meaning) in enumerate(values):
            Value.objects.create(scale=scale, code=value, label=label, meaning=meaning, position=position)
    template = Template.objects.create(
        code=TEMPLATE_CODE,
        version=version,
        title=rows[0]["title"],
        kind=rows[0]["kind"],
        scale=scale,
        status="faststalld",
        established_on=timezone.localdate(),
    )
    for position, row in enumerate(rows, start=1):
        Item.objects.create(
            template=template,
            ref=row["ref"],
            reference_confirmed=row["confirmed"].strip().lower() in ("ja", "yes", "1", "x"),
            item_type=TYPES[row["type"].strip().lower()],
            code=row["code"],
            applies_when=row["applies_when"],
            text=row["text"],
            guidance=row["evidence"],
            position=position,
        )

"""Every checklist or framework shipped as CSV fits the template tables: SQLite does not enforce a
column's length, PostgreSQL does, so a too-long reference would only fail on the production path."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings

from tillit.assessments.models import TemplateItem

ROOT = Path(settings.BASE_DIR, "tillit")
SHIPPED = sorted([*ROOT.glob("*/checklists/*.csv"), *ROOT.glob("*/criteria/*.csv"), *ROOT.glob("*/frameworks/*.csv")])
COLUMNS = {"ref": "ref", "code": "code"}


def test_there_are_shipped_templates():
    assert len(SHIPPED) >= 3


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_values_fit_their_columns(path):
    too_long = []
    with path.open(encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            for column, field in COLUMNS.items():
                limit = TemplateItem._meta.get_field(field).max_length
                if len(row.get(column) or "") > limit:
                    too_long.append((line, column, len(row[column]), limit))
    assert too_long == []

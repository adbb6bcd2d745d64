"""import_gap: a whole analysis per framework, unit and date; every bad line listed in Swedish;
re-importing changes nothing; the imported analysis feeds the gap figures."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tillit.assessments.demo import SOSFS_FILE
from tillit.assessments.importer import import_framework
from tillit.assessments.models import Assessment, AssessmentTemplate
from tillit.documents.gap import gap_figures
from tillit.documents.gap_importer import REQUIRED, import_gap

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "gap.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(REQUIRED)
        writer.writerows(rows)
    return path


def full_analysis(day: str, result: str = "delvis") -> list[list[str]]:
    template = AssessmentTemplate.objects.get(code="SOSFS-2011-9", version=1)
    return [
        ["SOSFS-2011-9", "VUX", day, item.ref, result, "Från förra årets analys"]
        for item in template.items.order_by("position")
        if not item.is_heading
    ]


def test_import_is_whole_and_idempotent_and_feeds_the_figures(org, tmp_path):
    import_framework(SOSFS_FILE, establish=True)
    performer = org.user("kvalitetsutvecklare")
    path = write(tmp_path, full_analysis("2025-03-15") + full_analysis("2026-03-15", "uppfyllt"))
    result = import_gap(path, performer=performer)
    assert (result.errors, result.created) == ([], 2)
    assert Assessment.objects.filter(status="klar").count() == 2
    again = import_gap(path, performer=performer)
    assert (again.created, again.unchanged) == (0, 2)
    gap = gap_figures(scope=org.soc, year=2026)["gap"]
    assert gap["counts"]["delvis"] == 0 and gap["previous"]["counts"]["uppfyllt"] == 0


def test_every_bad_line_is_listed(org, tmp_path):
    import_framework(SOSFS_FILE, establish=True)
    rows = full_analysis("2026-03-15")
    rows[1][3] = rows[0][3]  # the same requirement twice: the second row's is then missing
    rows += [
        ["OKAND", "VUX", "2026-03-15", "4 kap. 2 §", "uppfyllt", ""],
        ["SOSFS-2011-9", "NOPE", "2026-13-01", "99 kap.", "klart", ""],
    ]
    errors = import_gap(write(tmp_path, rows), performer=org.user("kvalitetsutvecklare")).errors
    text = "\n".join(errors)
    assert "saknar svar på" in text and "är redan besvarat på rad 2" in text
    assert "okänt eller inte fastställt ramverk ”OKAND”" in text
    for part in ("okänd enhet ”NOPE”", "inte ett datum", "okänt resultat ”klart”", "kravet ”99 kap.” finns inte"):
        assert part in text, part
    assert not Assessment.objects.exists()
    with pytest.raises(CommandError, match="Inget importerades"):
        call_command("import_gap", str(write(tmp_path, rows)), performer="kvalitetsutvecklare")
    with pytest.raises(CommandError, match="Okänd användare"):
        call_command("import_gap", str(write(tmp_path, rows)), performer="ingen")


def test_a_performer_without_the_right_in_the_unit_is_refused(org, tmp_path):
    import_framework(SOSFS_FILE, establish=True)
    errors = import_gap(write(tmp_path, full_analysis("2026-03-15")), performer=org.user("medarbetare")).errors
    assert "får inte genomföra granskningar" in errors[0]

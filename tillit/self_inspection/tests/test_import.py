"""`import_self_inspection`: whole-file validation with every bad line in Swedish (conditions from the
template respected), idempotent re-import, a finished round refuses changed answers."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tillit.assessments.models import Answer, AssessmentStatus
from tillit.self_inspection.importer import REQUIRED, import_self_inspection
from tillit.self_inspection.models import Round
from tillit.self_inspection.selectors import criterion_rows, round_results

pytestmark = pytest.mark.django_db
HEADER = ",".join(REQUIRED)
T = "AKTGRANSKNING-BOU"


def write(tmp_path, lines: list[str], name="egenkontroll.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


GOOD = [
    f"R1,{T},VUX1,2025-11-20,BOU-101,1,ja",
    f"R1,{T},VUX1,2025-11-20,BOU-101,2,nej",
    f"R1,{T},VUX1,2025-11-20,BOU-101,3,ja",
    f"R1,{T},VUX1,2025-11-20,BOU-102,1,nej",
    f"R1,{T},VUX1,2025-11-20,BOU-102,3,ej_aktuellt",
]


def test_import_creates_a_finished_round_and_is_idempotent(tmp_path, org, aktgranskning):
    path = write(tmp_path, GOOD)
    result = import_self_inspection(path)
    assert result.errors == []
    assert (result.rounds_created, result.answers_created, result.completed) == (1, 5, 1)
    round_ = Round.objects.get(code="R1")
    assessment = round_.assessment
    assert assessment.status == AssessmentStatus.KLAR and str(assessment.completed_on) == "2025-11-20"
    assert sorted(assessment.cases.values_list("case_number", flat=True)) == ["BOU-101", "BOU-102"]
    rows = {r.ref: r.tally for r in criterion_rows(round_results(round_))}
    assert (rows["2"].met, rows["2"].not_met, rows["2"].not_applicable) == (0, 1, 1)
    again = import_self_inspection(path)
    assert again.errors == [] and (again.rounds_created, again.answers_created, again.unchanged) == (0, 0, 5)
    assert Answer.objects.count() == 5


def test_a_partial_round_stays_open_and_a_later_file_completes_it(tmp_path, org, aktgranskning):
    first = import_self_inspection(write(tmp_path, GOOD[:2], "a.csv"))
    assert first.errors == [] and first.completed == 0  # criterion 3 unanswered
    assert Round.objects.get().assessment.is_open
    changed = [GOOD[0], GOOD[1].replace(",nej", ",ja"), GOOD[2]]
    second = import_self_inspection(write(tmp_path, changed, "b.csv"))
    assert second.errors == [] and (second.answers_updated, second.answers_created, second.completed) == (1, 1, 1)
    # Finished: a changed answer is refused, the same answers are fine.
    refused = import_self_inspection(write(tmp_path, [changed[0].replace(",ja", ",nej")], "c.csv"))
    assert refused.errors == ["rad 2: omgången R1 är klar och kan inte ändras"]


def test_every_bad_line_is_listed_and_nothing_is_imported(tmp_path, org, aktgranskning):
    path = write(
        tmp_path,
        [
            f"R2,{T},VUX1,2025-03-01,BOU-1,1,nej",
            f"R2,{T},VUX1,2025-03-01,BOU-1,2,ja",  # condition not met: 1 = nej
            f"R2,{T},VUX1,2025-03-01,BOU-2,2,ja",  # condition not answered
            f"R2,{T},VUX1,2025-03-02,BOU-3,1,kanske",
            "R2,OKAND,NOPE,1 mars,BOU-4,1,ja",
            f"R2,{T},VUX1,2025-03-01,Anna Svensson,1,ja",
            f"R2,{T},VUX1,2025-03-01,BOU-1,1,ja",
            f"R2,{T},VUX1,2025-03-01,BOU-5,9,ja",
            f",{T},VUX1,2025-03-01,BOU-6,1,ja",
            f"R3,{T},VUX1,2025-03-01,19121212-1212,1,ja",
        ],
    )
    errors = import_self_inspection(path).errors
    for expected in (
        "rad 3: kriteriet 2 gäller bara när 1 är besvarat ”ja”, men 1 är besvarat ”nej” för BOU-1",
        "rad 4: kriteriet 2 gäller bara när 1 är besvarat ”ja”, men 1 är inte besvarat för BOU-2",
        "rad 5: performed_on skiljer sig från omgångens första rad (rad 2); okänt svar ”kanske”",
        "rad 6: okänd mall ”OKAND”",
        "okänd enhet ”NOPE”",
        "performed_on ska vara ett datum (ÅÅÅÅ-MM-DD), inte ”1 mars”",
        "rad 7: case_ref: ”Anna Svensson” är inget ärendenummer",
        "rad 8: kriteriet 1 för BOU-1 finns redan på rad 2",
        "rad 9: mallen AKTGRANSKNING-BOU har inget kriterium ”9”",
        "rad 10: round_code (omgångens beteckning) saknas",
        "rad 11: personnummer i kolumnen case_ref",
    ):
        assert any(expected in line for line in errors), (expected, errors)
    assert Round.objects.count() == 0 and Answer.objects.count() == 0


def test_the_command(tmp_path, org, aktgranskning, capsys):
    call_command("import_self_inspection", str(write(tmp_path, GOOD)))
    assert "Skapade 1 omgångar och 5 svar" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Inget importerades: 1 rad har fel"):
        call_command("import_self_inspection", str(write(tmp_path, [f"R9,{T},VUX1,2025-01-01,BOU-1,2,ja"], "bad.csv")))


def test_import_into_a_planned_round(tmp_path, org, programme):
    """A round from the programme's calendar takes its answers from the file (its code)."""
    lines = [line.replace("R1,", "2025-VUX1-AKT-04,").replace("2025-11-20", "2025-04-20") for line in GOOD]
    result = import_self_inspection(write(tmp_path, lines))
    assert result.errors == [] and result.rounds_created == 0
    round_ = Round.objects.get(code="2025-VUX1-AKT-04")
    assert round_.item is not None and round_.is_done

"""`import_risks`: whole-file validation in Swedish, idempotency, CSV and XLSX."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tillit.actions.models import Action
from tillit.risks.importer import REQUIRED, import_risks
from tillit.risks.models import Risk, RiskAnalysis

pytestmark = pytest.mark.django_db

HEADER = (
    "analysis_code,title,unit_code,analysed_on,reason,risk,probability,consequence,"
    "residual_probability,residual_consequence,measure,measure_owner,measure_due"
)
GOOD = [
    "RA-1,Omorganisation,VUX1,2025-04-01,forandring,Insatser missas,2,4,1,4,Ny rutin för överlämning,enhetschef,2025-05-01",
    "RA-1,Omorganisation,VUX1,2025-04-01,forandring,Insatser missas,2,4,1,4,Kontroll första veckan,enhetschef,2025-04-15",
    "RA-1,Omorganisation,VUX1,2025-04-01,forandring,Brukare otrygga,3,2,2,2,,,",
    "RA-2,Årlig genomgång,VUX,2025-02-10,arlig,Fall i hemmet,3,3,,,,,",
]


def write(tmp_path, lines, name="risker.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_import_creates_analyses_risks_and_measures_and_is_idempotent(tmp_path, org, matrix):
    path = write(tmp_path, GOOD)
    result = import_risks(path)
    assert result.errors == []
    assert (result.analyses_created, result.risks_created, result.measures_created) == (2, 3, 2)
    first = RiskAnalysis.objects.get(code="RA-1")
    assert first.unit == org.vux1 and first.state == "beslutad" and first.planned_change == "Omorganisation"
    assert RiskAnalysis.objects.get(code="RA-2").state == "pagar"  # not judged after measures yet
    risk = Risk.objects.get(description="Insatser missas")
    assert (risk.probability, risk.consequence, risk.residual_probability, risk.residual_consequence) == (2, 4, 1, 4)
    assert sorted(Action.objects.filter(risk=risk).values_list("description", flat=True)) == [
        "Kontroll första veckan",
        "Ny rutin för överlämning",
    ]
    again = import_risks(path)
    assert (again.analyses_created, again.risks_created, again.measures_created, again.risks_updated) == (0, 0, 0, 0)
    assert again.unchanged == 4
    assert (RiskAnalysis.objects.count(), Risk.objects.count(), Action.objects.count()) == (2, 3, 2)


def test_a_changed_score_updates_the_risk(tmp_path, org, matrix):
    import_risks(write(tmp_path, GOOD))
    changed = [GOOD[0], GOOD[1], GOOD[2], GOOD[3].replace(",3,3,,,", ",3,3,2,2")]
    result = import_risks(write(tmp_path, changed))
    assert result.risks_updated == 1 and result.errors == []
    assert Risk.objects.get(description="Fall i hemmet").residual_score == 4


def test_every_bad_line_is_listed_and_nothing_is_imported(tmp_path, org, matrix):
    bad = [
        GOOD[0],
        ",,NOPE,2025-13-01,okänd,,5,0,1,,Åtgärd,nobody,igår",
        "RA-1,Annan rubrik,VUX1,2025-04-01,forandring,Brukare otrygga,3,2,2,2,,enhetschef,",
        "RA-3,Rapport,VUX1,2025-04-01,process,Gäller 19121212-1212,1,1,,,Åtgärd,medarbetare,2025-05-01",
        "RA-4,Rapport,VUX1,2025-04-01,process,Samma risk,1,1,,,,,",
        "RA-4,Rapport,VUX1,2025-04-01,process,Samma risk,2,1,,,,,",
    ]
    result = import_risks(write(tmp_path, bad))
    assert RiskAnalysis.objects.count() == 0
    text = "\n".join(result.errors)
    assert [e.split(":")[0] for e in result.errors] == ["rad 3", "rad 4", "rad 5", "rad 7"]
    for expected in (
        "analysis_code saknas",
        "okänd enhet ”NOPE”",
        "analysed_on ska vara ett datum",
        "okänd anledning ”okänd”",
        "risk (beskrivning) saknas",
        "probability ska vara ett heltal 1–4, inte ”5”",
        "consequence ska vara ett heltal 1–4, inte ”0”",
        "ange både residual_probability och residual_consequence",
        "okänd eller inaktiv användare ”nobody”",
        "measure_due ska vara ett datum",
        "title skiljer sig från rad 2",
        "measure_owner och measure_due kräver en åtgärd",
        "risk innehåller ett personnummer",
        "”medarbetare” kan inte vara ansvarig för åtgärder i Boendestöd",
        "samma risk har andra bedömningar på rad 6",
    ):
        assert expected in text, expected


def test_the_command_reads_xlsx_and_reports_errors(tmp_path, org, matrix, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for line in GOOD:
        sheet.append(line.split(","))
    path = tmp_path / "risker.xlsx"
    book.save(path)
    call_command("import_risks", str(path))
    assert "Skapade 2 riskanalyser, 3 risker och 2 åtgärder" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(REQUIRED) + "\nRA-9,T,NOPE,2025-01-01,arlig,R,1,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Inget importerades: 1 rad har fel"):
        call_command("import_risks", str(bad))

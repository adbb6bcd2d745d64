"""import_kpi_values: whole-file validation with every bad line in Swedish, idempotency, XLSX."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tillit.audit.models import AuditEvent
from tillit.kpis.importer import import_kpi_values
from tillit.kpis.models import Kpi, KpiSource, KpiValue

HEADER = "kpi_code,title,unit_code,period,gender,value\n"


def _csv(tmp_path, body: str, name: str = "values.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_creates_kpis_and_values_and_is_idempotent(tmp_path, org):
    path = _csv(
        tmp_path,
        'EGEN01,Andel avvikelser mottagna i tid,VUX1,2025,T,"87,5"\n'
        "EGEN01,Andel avvikelser mottagna i tid,VUX1,2025-03,,90\n"
        "EGEN01,Andel avvikelser mottagna i tid,VUX2,2025,K,80\n",
    )
    result = import_kpi_values(path)
    assert (result.created, result.new_kpis, result.errors) == (3, 1, [])
    kpi = Kpi.objects.get(code="EGEN01")
    assert kpi.source == KpiSource.MANUAL and kpi.title == "Andel avvikelser mottagna i tid"
    assert KpiValue.objects.get(kpi=kpi, unit=org.vux1, year=2025, month=0).value == 87.5
    assert KpiValue.objects.get(kpi=kpi, unit=org.vux1, year=2025, month=3).gender == "T"
    audit_rows = AuditEvent.objects.count()
    again = import_kpi_values(path)
    assert (again.created, again.updated, again.unchanged, again.new_kpis) == (0, 0, 3, 0)
    assert AuditEvent.objects.count() == audit_rows  # nothing changed, nothing audited
    changed = _csv(tmp_path, "EGEN01,Andel avvikelser mottagna i tid,VUX1,2025,T,88\n", "changed.csv")
    assert import_kpi_values(changed).updated == 1
    assert KpiValue.objects.get(kpi=kpi, unit=org.vux1, year=2025, month=0).value == 88


@pytest.mark.django_db
def test_every_bad_line_is_listed_and_nothing_is_imported(tmp_path, org):
    Kpi.objects.create(code="U33401", title="Utredningstid", source=KpiSource.KOLADA)
    path = _csv(
        tmp_path,
        "EGEN01,Egen,VUX1,2025,T,1\n"  # fine, but the file has errors: not imported either
        ",Saknar kod,VUX1,2025,T,1\n"
        "EGEN02,,VUX1,2025,T,1\n"
        "EGEN01,Egen,NOPE,2025,T,1\n"
        "EGEN01,Egen,VUX1,2025-13,T,1\n"
        "EGEN01,Egen,VUX1,2025,X,1\n"
        "EGEN01,Egen,VUX1,2024,T,mycket\n"
        "U33401,Utredningstid,VUX1,2025,T,100\n"
        "EGEN01,Egen,VUX1,2025,T,2\n",
    )
    result = import_kpi_values(path)
    assert result.errors == [
        "rad 3: kpi_code saknas",
        "rad 4: nyckeltalet EGEN02 finns inte: ange dess namn i kolumnen title",
        "rad 5: okänd enhet ”NOPE”",
        "rad 6: ogiltig period ”2025-13” (skriv år som 2025 eller månad som 2025-03)",
        "rad 7: okänt kön ”X” (tillåtna: T, K, M)",
        "rad 8: värdet ”mycket” är inte ett tal",
        "rad 9: nyckeltalet U33401 hämtas från Kolada och kan inte importeras från fil",
        "rad 10: samma nyckeltal, enhet, period och kön finns redan på rad 2",
    ]
    assert not KpiValue.objects.exists() and not Kpi.objects.filter(code="EGEN01").exists()


@pytest.mark.django_db
def test_the_command_reports_errors_and_the_summary(tmp_path, org, capsys):
    with pytest.raises(CommandError, match="Inget importerades: 1 rad har fel"):
        call_command("import_kpi_values", str(_csv(tmp_path, "EGEN01,Egen,NOPE,2025,T,1\n")))
    call_command("import_kpi_values", str(_csv(tmp_path, "EGEN01,Egen,VUX1,2025,T,1\n", "ok.csv")))
    assert "Nya värden 1" in capsys.readouterr().out
    bad_header = tmp_path / "bad.csv"
    bad_header.write_text("kpi,value\nX,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Rubrikraden saknar kolumnerna"):
        call_command("import_kpi_values", str(bad_header))


@pytest.mark.django_db
def test_xlsx_files_are_read_like_csv(tmp_path, org):
    book = Workbook()
    sheet = book.active
    sheet.append(["kpi_code", "title", "unit_code", "period", "gender", "value"])
    sheet.append(["EGEN01", "Egen", "VUX1", 2025, "T", 12.5])
    sheet.append(["EGEN01", "Egen", "VUX1", "2025-02", None, 3])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["EGEN01", "Egen", "NOPE", 2025, "T", 1])
    path = tmp_path / "values.xlsx"
    book.save(path)
    assert import_kpi_values(path).errors == ["rad 5: okänd enhet ”NOPE”"]
    sheet.delete_rows(5)
    book.save(path)
    result = import_kpi_values(path)
    assert result.created == 2
    assert KpiValue.objects.get(month=0).value == 12.5

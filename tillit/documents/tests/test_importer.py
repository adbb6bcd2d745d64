"""import_documents: CSV and XLSX, whole-file validation listing every bad line in Swedish,
idempotent re-import, a higher version replacing the current one, processes and activities."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tillit.documents.importer import REQUIRED, import_documents
from tillit.documents.models import Document, Process

pytestmark = pytest.mark.django_db

HEADER = ",".join([*REQUIRED, "applies_to", "activity", "samverkan_with"])
GOOD = [
    "P-VUX,Socialtjänstprocessen Vuxna,process,VUX,,,,,,,,,,,",
    "RUT-1,Rutin för aktualisering,rutin,VUX1,enhetschef,faststalld,2,2025-03-01,SN § 88,2026-03-01,P-VUX,"
    "SoL 2025:400;SOSFS 2011:9,VUX1|VUX2,Aktualisera,",
    "RUT-2,Rutin för samordnad plan,rutin,VUX,avdelningschef,utkast,1,,,,P-VUX,,,Planera,Region (SIP)",
    "POL-1,Kvalitetspolicy,policy,SOC,kvalitetsutvecklare,fastställd,1,2024-01-10,SN § 12,2027-01-10,,,,,",
]


def write(tmp_path: Path, lines: list[str], name: str = "dokument.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_import_creates_documents_processes_and_activities_and_is_idempotent(org, tmp_path):
    path = write(tmp_path, GOOD)
    result = import_documents(path)
    assert result.errors == [] and result.created == 4
    rut = Document.objects.get(code="RUT-1")
    assert (rut.status, rut.current_version.number, rut.current_version.approved_by) == ("faststalld", 2, "SN § 88")
    assert rut.legal_reference_list == ["SoL 2025:400", "SOSFS 2011:9"]
    assert {u.code for u in rut.applies_to.all()} == {"VUX1", "VUX2"}
    process = Process.objects.get(code="P-VUX")
    assert [(a.position, a.name, a.samverkan_with) for a in process.activities.all()] == [
        (1, "Aktualisera", ""),
        (2, "Planera", "Region (SIP)"),
    ]
    assert set(process.routines.values_list("code", flat=True)) == {"RUT-1", "RUT-2"}
    assert Document.objects.get(code="RUT-2").status == "utkast"
    again = import_documents(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_a_higher_version_replaces_the_current_and_a_lower_is_refused(org, tmp_path):
    import_documents(write(tmp_path, GOOD))
    newer = GOOD[1].replace(",2,2025-03-01,", ",3,2026-02-01,").replace("2026-03-01", "2027-02-01")
    result = import_documents(write(tmp_path, [GOOD[0], newer]))
    assert result.updated == 1 and not result.errors
    rut = Document.objects.get(code="RUT-1")
    assert rut.current_version.number == 3 and rut.next_review_on.isoformat() == "2027-02-01"
    assert rut.versions.get(number=2).state == "ersatt"
    older = GOOD[1].replace(",2,2025-03-01,", ",1,2025-03-01,")
    assert (
        "versionen 1 är lägre än den som redan finns (3)"
        in import_documents(write(tmp_path, [GOOD[0], older])).errors[0]
    )


def test_every_bad_line_is_listed_and_nothing_is_imported(org, tmp_path):
    bad = [
        GOOD[0],
        ",Utan kod,rutin,VUX1,enhetschef,utkast,1,,,,,,,,",
        "RUT-X,Fel typ,memo,NOPE,okand,klar,x,2025-13-01,,,P-OKAND,,NOPE2,,",
        "RUT-Y,Fastställd utan beslut,rutin,VUX1,enhetschef,faststalld,1,,,,,,,,",
        "RUT-Y,Dubblett,rutin,VUX1,enhetschef,utkast,1,,,,,,,,",
        "RUT-Z,Aktivitet utan process,rutin,VUX1,enhetschef,utkast,1,,,,,,,Steg,",
    ]
    errors = import_documents(write(tmp_path, bad)).errors
    assert [e.split(":")[0] for e in errors] == ["rad 3", "rad 4", "rad 5", "rad 6", "rad 7"]
    assert "kod saknas" in errors[0]
    for text in ("okänd typ ”memo”", "okänd enhet ”NOPE”", "okänd dokumentägare ”okand”", "okänd status ”klar”",
                 "versionen ”x”", "inte ett datum", "okänd process ”P-OKAND”", "okänd enhet ”NOPE2”"):  # fmt: skip
        assert text in errors[1], text
    assert "fastställd av saknas" in errors[2] and "nästa revidering saknas" in errors[2]
    assert "finns redan på rad 5" in errors[3]
    assert "en aktivitet kräver en process" in errors[4]
    assert not Document.objects.exists() and not Process.objects.exists()


def test_xlsx_and_the_command(org, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    for line in GOOD:
        sheet.append(line.split(","))
    path = tmp_path / "dokument.xlsx"
    workbook.save(path)
    call_command("import_documents", str(path))
    assert Document.objects.count() == 3
    with pytest.raises(CommandError, match="Inget importerades"):
        call_command("import_documents", str(write(tmp_path, ["X,,rutin,VUX1,enhetschef,utkast,1,,,,,,,,"])))

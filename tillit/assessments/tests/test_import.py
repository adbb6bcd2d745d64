"""import_framework: whole-file validation with every bad line in Swedish, idempotent, CSV and XLSX."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tillit.assessments.demo import SOSFS_FILE
from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentTemplate, ItemType, TemplateItem
from tillit.assessments.tests.conftest import make_gap

pytestmark = pytest.mark.django_db
HEADER = "framework,version,ref,parent_ref,type,text,evidence,confirmed,condition_ref,condition_value"


def write(tmp_path: Path, *lines: str, name: str = "fil.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_sosfs_2011_9_is_shipped_with_the_references_marked_as_the_brief_gives_them():
    result = import_framework(SOSFS_FILE)
    assert (result.created, result.errors) == (1, [])
    template = AssessmentTemplate.objects.get(code="SOSFS-2011-9")
    assert template.kind == "gap" and template.scale.code == "gap" and not template.samples_cases
    items = {i.ref: i for i in template.items.all()}
    assert [i.ref for i in template.items.filter(item_type=ItemType.KAPITEL)] == [f"{n} kap." for n in (3, 4, 5, 6, 7)]
    assert len(items) == 24
    confirmed = {ref for ref, i in items.items() if i.reference_confirmed and not i.is_heading}
    assert confirmed == {"4 kap. 2 §", "4 kap. 3 §", "4 kap. 4 §", "5 kap. 1 §", "7 kap. (AR)"}
    assert items["3 kap. (AR)"].item_type == ItemType.ALLMANT_RAD and items["4 kap. 2 §"].parent.ref == "4 kap."
    assert "Processkarta" in items["4 kap. 2 §"].guidance


def test_reimporting_the_same_file_changes_nothing_and_a_changed_utkast_is_updated(tmp_path):
    rows = [HEADER, "EGEN,1,1,,kapitel,Rutiner,,ja,,", "EGEN,1,1.1,1,F,Rutin finns,Rutinen,nej,,"]
    path = write(tmp_path, *rows)
    assert import_framework(path).created == 1
    before = list(TemplateItem.objects.values_list("pk", "text"))
    again = import_framework(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert list(TemplateItem.objects.values_list("pk", "text")) == before
    changed = write(tmp_path, *rows[:2], "EGEN,1,1.1,1,F,Rutin finns och följs,Rutinen,nej,,")
    assert import_framework(changed).updated == 1
    assert TemplateItem.objects.get(ref="1.1").text == "Rutin finns och följs"


def test_an_established_version_is_never_changed_by_an_import(tmp_path, org):
    path = write(tmp_path, HEADER, "EGEN,1,1,,F,Rutin finns,,nej,,")
    import_framework(path, establish=True)
    assert import_framework(path).unchanged == 1  # the same file is fine
    changed = write(tmp_path, HEADER, "EGEN,1,1,,F,Rutin finns och följs,,nej,,")
    result = import_framework(changed)
    assert result.errors == ["EGEN version 1 är fastställd och kan inte ändras; lägg in ändringarna som version 2"]
    assert TemplateItem.objects.get(template__code="EGEN").text == "Rutin finns"
    bumped = write(tmp_path, HEADER, "EGEN,2,1,,F,Rutin finns och följs,,nej,,")
    assert import_framework(bumped).created == 1
    assert AssessmentTemplate.objects.filter(code="EGEN").count() == 2


def test_every_bad_line_is_listed_and_nothing_is_imported(tmp_path):
    path = write(
        tmp_path,
        HEADER,
        "J,1,1,,fråga,Utredningsplan finns,,ja,,",  # good
        ",1,2,,,Ingen kod,,,,",
        "J,x,3,,,Fel version,,,,",
        "J,1,1,,,Samma ref igen,,,,",
        "J,1,4,9,,Okänt kapitel,,,,",
        "J,1,5,,AR?,Okänd typ,,kanske,,",
        "J,1,6,,,Villkor utan svar,,,1,",
        "J,1,7,,,Villkor på okänd punkt,,,99,uppfyllt",
        "J,1,8,,,,,,,",
        "J,1,9,1,,Under en fråga,,,,",
        "J,1,10,,,Villkor med fel svar,,,1,kanske",
    )
    result = import_framework(path)
    assert not AssessmentTemplate.objects.filter(code="J").exists()
    assert result.errors == [
        "rad 3: framework (mallens kod) saknas",
        "rad 4: version ska vara ett heltal från 1, inte ”x”",
        "rad 5: ref ”1” finns redan på rad 2",
        "rad 6: kapitlet ”9” finns inte på en rad före",
        "rad 7: okänd typ ”AR?” (tillåtna: F, AR, kapitel, fråga); confirmed ska vara ja eller nej, inte ”kanske”",
        "rad 8: villkoret behöver både condition_ref och condition_value",
        "rad 9: villkorspunkten ”99” finns inte som punkt på en rad före",
        "rad 10: text saknas",
        "rad 11: ”1” är inget kapitel (type kapitel)",
        "rad 12: condition_value ”kanske” finns inte i skalan gap (uppfyllt, delvis, ej_uppfyllt, ej_tillampligt)",
    ]


def test_the_command_reads_xlsx_and_reports_errors_in_swedish(tmp_path, capsys):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*HEADER.split(","), "title", "kind"])
    sheet.append(
        [
            "JOURNAL",
            1,
            "1",
            None,
            "fråga",
            "Utredningsplan finns",
            None,
            "nej",
            None,
            None,
            "Journal",
            "journalgranskning",
        ]
    )
    sheet.append(["JOURNAL", 1, "2", None, "fråga", "Inom sex veckor", None, "nej", "1", "ja", None, None])
    path = tmp_path / "journal.xlsx"
    workbook.save(path)
    call_command("import_framework", str(path), "--faststall")
    assert "Skapade 1" in capsys.readouterr().out
    template = AssessmentTemplate.objects.get(code="JOURNAL")
    assert template.is_established and template.samples_cases and template.scale.code == "ja_nej"
    assert template.items.get(ref="2").condition_item.ref == "1"
    bad = write(tmp_path, HEADER, "X,1,,,,,,,,")
    with pytest.raises(CommandError, match="Inget importerades"):
        call_command("import_framework", str(bad))
    assert "rad 2: ref saknas; text saknas" in capsys.readouterr().err
    with pytest.raises(CommandError, match="Rubrikraden saknar"):
        call_command("import_framework", str(write(tmp_path, "framework,ref", "X,1")))


def test_a_used_utkast_cannot_be_replaced(tmp_path, org):
    path = write(tmp_path, HEADER, "EGEN,1,1,,F,Rutin finns,,nej,,")
    template = import_framework(path, establish=True).templates[0]
    make_gap(org, template)
    assert import_framework(write(tmp_path, HEADER, "EGEN,1,1,,F,Annan,,nej,,")).errors


def test_items_may_carry_a_stable_code_and_a_condition_for_the_app_that_reads_them(tmp_path):
    header = "framework,version,kind,ref,text,code,applies_when"
    bad = write(
        tmp_path,
        header,
        "CL,1,arende,A,Första,forsta,",
        "CL,1,,B,Andra,forsta,",
        "CL,1,,C,Tredje,Tredje Kod,vård skada",
        name="bad.csv",
    )
    errors = import_framework(bad).errors
    assert errors[0].startswith("rad 3: ") and "code ”forsta” finns redan på rad 2" in errors[0]
    assert errors[1].startswith("rad 4: ") and "code ska vara" in errors[1] and "applies_when ska vara" in errors[1]
    good = write(tmp_path, header, "CL,1,arende,A,Första,forsta,", "CL,1,,B,Andra,andra,vardskada")
    result = import_framework(good, establish=True)
    assert result.errors == [] and result.templates[0].kind == "arende"
    items = {i.code: i.applies_when for i in TemplateItem.objects.filter(template__code="CL")}
    assert items == {"forsta": "", "andra": "vardskada"}

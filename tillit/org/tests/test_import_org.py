"""import_org: valid file, idempotent re-import, changes, and an invalid file that imports nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tillit.audit.models import AuditEvent
from tillit.org.models import Provider, Unit

pytestmark = pytest.mark.django_db

VALID = """code,name,parent_code,level,provider
E1,Hemtjänst Öst,A1,enhet,
F1,Socialförvaltningen,,forvaltning,
A1,Avdelning Äldre,F1,avdelning,
E2,Solgården,A1,enhet,attendo
"""


def write(tmp_path, text: str):
    path = tmp_path / "org.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_builds_the_tree_children_before_parents_allowed(tmp_path, capsys):
    call_command("import_org", str(write(tmp_path, VALID)))
    assert "Skapade 4, uppdaterade 0, oförändrade 0." in capsys.readouterr().out
    e1 = Unit.objects.get(code="E1")
    assert e1.parent.code == "A1" and e1.parent.parent.code == "F1" and e1.depth == 2
    assert Unit.objects.get(code="E2").provider == Provider.objects.get(code="attendo")


def test_reimport_changes_nothing_and_a_renamed_unit_is_updated(tmp_path, capsys):
    path = write(tmp_path, VALID)
    call_command("import_org", str(path))
    audit_rows = AuditEvent.objects.count()
    call_command("import_org", str(path))
    assert "Skapade 0, uppdaterade 0, oförändrade 4." in capsys.readouterr().out
    assert AuditEvent.objects.count() == audit_rows
    call_command("import_org", str(write(tmp_path, VALID.replace("Hemtjänst Öst", "Hemtjänst Östra"))))
    assert Unit.objects.get(code="E1").name == "Hemtjänst Östra"
    assert "uppdaterade 1" in capsys.readouterr().out


def test_a_changed_parent_moves_the_unit(tmp_path):
    call_command("import_org", str(write(tmp_path, VALID + "A2,Avdelning Vuxna,F1,avdelning,\n")))
    call_command(
        "import_org",
        str(
            write(
                tmp_path,
                VALID.replace("E1,Hemtjänst Öst,A1", "E1,Hemtjänst Öst,A2") + "A2,Avdelning Vuxna,F1,avdelning,\n",
            )
        ),
    )
    e1 = Unit.objects.get(code="E1")
    assert e1.parent.code == "A2" and e1.path.startswith(Unit.objects.get(code="A2").path)


def test_invalid_file_imports_nothing_and_lists_every_bad_line(tmp_path, capsys):
    bad = """code,name,parent_code,level
F1,Socialförvaltningen,,forvaltning
A1,Avdelning,OKAND,avdelning
E1,Enhet,F1,grupp
F1,Dubblett,,forvaltning
C1,Cirkel ett,C2,enhet
C2,Cirkel två,C1,enhet
,Utan kod,F1,enhet
"""
    with pytest.raises(CommandError, match="Inget importerades"):
        call_command("import_org", str(write(tmp_path, bad)))
    err = capsys.readouterr().err
    assert "rad 2:" not in err
    assert "rad 3: okänd överordnad enhet ”OKAND”" in err
    assert "rad 4: okänd nivå ”grupp”" in err
    assert "rad 5: koden ”F1” finns redan på rad 2" in err
    assert "rad 6:" in err and "rad 7:" in err and "cirkel" in err
    assert "rad 8: kod saknas" in err
    assert Unit.objects.count() == 0 and Provider.objects.count() == 0


def test_semicolons_and_bom_from_swedish_excel(tmp_path):
    call_command("import_org", str(write(tmp_path, "\ufeff" + VALID.replace(",", ";"))))
    assert Unit.objects.count() == 4


def test_wrong_header_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Rubrikraden saknar kolumnerna: level"):
        call_command("import_org", str(write(tmp_path, "code,name,parent_code\nF1,Förvaltning,\n")))
    assert Unit.objects.count() == 0


def test_a_cycle_through_the_database_is_refused(tmp_path, capsys):
    call_command("import_org", str(write(tmp_path, VALID)))
    audit_rows = AuditEvent.objects.count()
    # A1 is in the database under F1 and above E1; moving F1 below E1 would close a circle.
    with pytest.raises(CommandError):
        call_command("import_org", str(write(tmp_path, "code,name,parent_code,level\nF1,Förvaltning,E1,enhet\n")))
    assert "rad 2: överordnade enheter bildar en cirkel" in capsys.readouterr().err
    assert Unit.objects.get(code="F1").parent is None and AuditEvent.objects.count() == audit_rows


def test_moving_to_the_top_level_and_bad_provider_codes_are_reported(tmp_path, capsys):
    call_command("import_org", str(write(tmp_path, VALID)))
    with pytest.raises(CommandError):
        call_command(
            "import_org",
            str(
                write(
                    tmp_path,
                    VALID.replace("A1,Avdelning Äldre,F1", "A1,Avdelning Äldre,").replace("attendo", "Att endo"),
                )
            ),
        )
    err = capsys.readouterr().err
    assert "rad 4: enheten har redan en överordnad enhet" in err
    assert "rad 5: ogiltig utförarkod ”Att endo”" in err
    assert Unit.objects.get(code="A1").parent.code == "F1"


def test_moves_below_a_unit_that_moved_earlier_in_the_same_import(tmp_path):
    before = VALID + "A2,Avdelning Vuxna,F1,avdelning,\nE3,Boende,A2,enhet,\n"
    call_command("import_org", str(write(tmp_path, before)))
    # A1 moves under A2 (so E1's path changes in the database), then E3 moves under E1.
    after = before.replace("A1,Avdelning Äldre,F1", "A1,Avdelning Äldre,A2").replace("E3,Boende,A2", "E3,Boende,E1")
    call_command("import_org", str(write(tmp_path, after)))
    e1, e3 = Unit.objects.get(code="E1"), Unit.objects.get(code="E3")
    assert e3.parent == e1 and e3.path == f"{e1.path}{e3.pk}/" and e3.depth == e1.depth + 1 == 4


def test_without_a_provider_column_units_keep_their_provider(tmp_path, capsys):
    call_command("import_org", str(write(tmp_path, VALID)))
    four_columns = "\n".join(line.rsplit(",", 1)[0] for line in VALID.splitlines()) + "\n"
    call_command("import_org", str(write(tmp_path, four_columns)))
    assert "Skapade 0, uppdaterade 0, oförändrade 4." in capsys.readouterr().out
    assert Unit.objects.get(code="E2").provider.code == "attendo"


def test_new_provider_takes_provider_name(tmp_path):
    text = "code,name,parent_code,level,provider,provider_name\nF1,Förvaltning,,forvaltning,humana,Humana AB\n"
    call_command("import_org", str(write(tmp_path, text)))
    assert Provider.objects.get(code="humana").name == "Humana AB"


def test_a_service_refusal_rolls_everything_back_and_names_the_line(tmp_path, capsys):
    call_command("import_org", str(write(tmp_path, "code,name,parent_code,level\nF1,Förvaltning,,forvaltning\n")))
    f1 = Unit.objects.get(code="F1")
    from tillit.org.services import unit_close

    unit_close(actor=None, unit=f1, closed_on=f1.created_at.date())
    with pytest.raises(CommandError):
        call_command("import_org", str(write(tmp_path, "code,name,parent_code,level\nA1,Avdelning,F1,avdelning\n")))
    assert "rad 2: Den överordnade enheten är stängd." in capsys.readouterr().err
    assert not Unit.objects.filter(code="A1").exists()

"""import_events: valid file, idempotent re-import, and an invalid file that imports nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tillit.audit.models import AuditEvent
from tillit.events.models import Event

pytestmark = pytest.mark.django_db

HEADER = "external_id,kind,unit_code,reported_on,occurred_on,category,outcome,severe,ivo_notified_on,closed_on,channel,summary"
VALID = f"""{HEADER}
X-1,avvikelse,VUX1,2025-02-03,2025-02-01,fall,utredd,,,2025-03-01,,Fall i badrummet
X-2,lex_sarah,VUX2,2025-04-10,,,missforhallande,true,2025-04-20,2025-06-01,,Brukaren lämnades utan tillsyn
X-3,klagomal,VUX1,2025-05-05,,,,,,,brev,Missnöje med tider
X-4,lex_maria,ALD1,2025-06-01,,,ej_utredd,false,,2025-06-03,,Fel läkemedel
"""


def write(tmp_path, text: str, name: str = "events.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_lands_in_the_implied_states(tmp_path, org, capsys):
    call_command("import_events", str(write(tmp_path, VALID)))
    assert "Importerade 4" in capsys.readouterr().out
    events = {e.external_id: e for e in Event.objects.all()}
    assert events["X-1"].state == "avslutad" and events["X-1"].outcome == "utredd"
    assert events["X-1"].category.code == "fall"
    sarah = events["X-2"]
    assert sarah.severe is True and str(sarah.ivo_notified_on) == "2025-04-20" and sarah.outcome == "missforhallande"
    assert sarah.reference.startswith("LS-2025-") or "2025" in sarah.reference
    assert events["X-3"].state == "mottagen" or events["X-3"].closed_on is None
    assert events["X-3"].channel == "brev"
    assert events["X-4"].state == "avslutad_utan_utredning"
    assert AuditEvent.objects.filter(object_type="events.import").count() == 1


def test_reimporting_the_same_file_changes_nothing(tmp_path, org, capsys):
    path = write(tmp_path, VALID)
    call_command("import_events", str(path))
    audit_rows = AuditEvent.objects.count()
    snapshot = list(Event.objects.order_by("pk").values_list("reference", "state", "updated_at"))
    call_command("import_events", str(path))
    assert "0 händelser, 4 fanns redan" in capsys.readouterr().out
    assert list(Event.objects.order_by("pk").values_list("reference", "state", "updated_at")) == snapshot
    assert AuditEvent.objects.count() == audit_rows


def test_an_invalid_file_imports_nothing_and_lists_every_bad_line(tmp_path, org, capsys):
    bad = f"""{HEADER}
Y-1,avvikelse,VUX1,2025-02-03,,,,,,,,ok
Y-2,incident,VUX1,2025-02-03,,,,,,,,okänd typ
Y-3,avvikelse,FINNS-EJ,2025-02-03,,,,,,,,okänd enhet
Y-4,lex_sarah,VUX1,03/02/2025,,,vardskada,kanske,,,,fel datum och utfall
Y-1,avvikelse,VUX1,2025-02-03,,,,,,2025-01-01,,dubblett och stängd före rapport
"""
    with pytest.raises(CommandError, match="4 rader"):
        call_command("import_events", str(write(tmp_path, bad)))
    err = capsys.readouterr().err
    assert "rad 2:" not in err
    assert "rad 3: okänd kind" in err
    assert "rad 4: okänd enhet" in err
    assert "rad 5:" in err and "ÅÅÅÅ-MM-DD" in err and "vardskada" in err and "kanske" in err
    assert "rad 6:" in err and "finns redan på rad 2" in err and "före reported_on" in err
    assert Event.objects.count() == 0


def test_semicolon_file_from_swedish_excel_with_bom(tmp_path, org):
    text = "\ufeff" + VALID.replace(",", ";")
    call_command("import_events", str(write(tmp_path, text)))
    assert Event.objects.count() == 4


def test_wrong_header_is_a_clear_error(tmp_path, org):
    with pytest.raises(CommandError, match="saknar kolumnerna"):
        call_command("import_events", str(write(tmp_path, "id,typ\n1,avvikelse\n")))

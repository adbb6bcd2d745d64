"""`manage.py import_providers`: whole-file validation with every bad line in Swedish, idempotent."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from tillit.contracts.importer import import_providers
from tillit.contracts.models import Contract

pytestmark = pytest.mark.django_db

HEADER = "provider,contract_code,units,valid_from,valid_to,requirements\n"


def write(tmp_path, text: str, name: str = "avtal.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_creates_contracts_and_a_second_run_changes_nothing(org, tmp_path, capsys):
    path = write(
        tmp_path,
        HEADER
        + "p1,AVT-1,P1A,2024-01-01,,\n"
        + 'p2,AVT-2,P2A,2023-07-01,2027-06-30,"ledningssystem|fast_omsorgskontakt"\n',
    )
    call_command("import_providers", str(path))
    assert "Skapade 2 avtal" in capsys.readouterr().out
    second = Contract.objects.get(code="AVT-2")
    assert second.requirement_codes == ["ledningssystem", "fast_omsorgskontakt"]
    assert second.valid_to == date(2027, 6, 30) and list(second.units.all()) == [org.p2a]
    call_command("import_providers", str(path))
    assert "uppdaterade 0; 2 oförändrade" in capsys.readouterr().out
    assert Contract.objects.count() == 2


def test_a_changed_line_updates_the_contract(org, tmp_path):
    import_providers(write(tmp_path, HEADER + "p1,AVT-1,P1A,2024-01-01,,\n"))
    result = import_providers(write(tmp_path, HEADER + "p1,AVT-1,P1A,2024-01-01,2026-12-31,ledningssystem\n"))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    contract = Contract.objects.get(code="AVT-1")
    assert contract.valid_to == date(2026, 12, 31) and contract.requirement_codes == ["ledningssystem"]


def test_every_bad_line_is_listed_and_nothing_is_imported(org, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "p1,AVT-1,P1A,2024-01-01,,\n"  # fine
        + "okand,AVT-2,P1A,2024-01-01,,\n"
        + "p1,AVT-3,P2A,2024-01-01,,\n"
        + "p1,AVT-4,P1A,1 jan 2024,2023-01-01,\n"
        + "p1,AVT-5,P1A,2024-01-01,2023-01-01,nagot_annat\n"
        + "p1,AVT-1,P1A,2024-01-01,,\n"
        + "p1,,,2024-01-01,,\n",
    )
    result = import_providers(path)
    assert Contract.objects.count() == 0
    text = "\n".join(result.errors)
    assert "rad 3: okänd utförare ”okand”" in text
    assert "rad 4: enheten P2A drivs inte av Omsorg Ett AB" in text
    assert "rad 5: valid_from ska vara ett datum" in text
    assert "rad 6: valid_to ligger före valid_from; okända krav: nagot_annat" in text
    assert "rad 7: avtalet AVT-1 finns redan på rad 2" in text
    assert "rad 8: contract_code (avtalsnumret) saknas; units (verksamheter) saknas" in text
    assert not any(line.startswith("rad 2:") for line in result.errors)
    with pytest.raises(CommandError, match="Inget importerades: 6 rader har fel"):
        call_command("import_providers", str(path))


def test_a_contract_cannot_move_to_another_provider(org, tmp_path):
    import_providers(write(tmp_path, HEADER + "p1,AVT-1,P1A,2024-01-01,,\n"))
    result = import_providers(write(tmp_path, HEADER + "p2,AVT-1,P2A,2024-01-01,,\n"))
    assert (
        result.errors == ["rad 2: avtalet AVT-1 gäller redan Omsorg Ett AB"]
        and Contract.objects.get().provider == org.provider1
    )


def test_personnummer_in_the_file_is_refused_or_redacted(org, tmp_path):
    path = write(tmp_path, "title," + HEADER.replace("\n", "") + "\nBrukare 19121212-1212,p1,AVT-1,P1A,2024-01-01,,\n")
    result = import_providers(path)
    assert result.errors and "personnummer i kolumnen title" in result.errors[0]
    assert not Contract.objects.exists()
    result = import_providers(path, redact_personnummer=True)
    assert not result.errors and "19121212" not in Contract.objects.get().title

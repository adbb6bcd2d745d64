"""import_events and the personnummer guard: the whole file is refused with every line named in
Swedish, or --redact-personnummer replaces the numbers."""

import pytest
from django.core.management import CommandError, call_command

from tillit.core.privacy import PLACEHOLDER
from tillit.events.models import Event
from tillit.events.tests.test_import import HEADER

pytestmark = pytest.mark.django_db

FILE = f"""{HEADER}
X-1,avvikelse,VUX1,2025-02-03,,,,,,,,Fall i badrummet
X-2,avvikelse,VUX1,2025-02-04,,,,,,,,Brukaren 19121212-1212 föll
X-3,avvikelse,VUX1,2025-02-05,,,,,,,,Gäller 8211059954
"""


def test_lines_with_a_personnummer_are_listed_and_nothing_is_imported(tmp_path, org, capsys):
    path = tmp_path / "events.csv"
    path.write_text(FILE, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_events", str(path))
    err = capsys.readouterr().err
    assert "rad 3: personnummer i kolumnen summary" in err and "rad 4:" in err and "rad 2" not in err
    assert not Event.objects.exists()


def test_redact_flag_replaces_the_numbers(tmp_path, org):
    path = tmp_path / "events.csv"
    path.write_text(FILE, encoding="utf-8")
    call_command("import_events", str(path), "--redact-personnummer")
    texts = list(Event.objects.order_by("external_id").values_list("description", flat=True))
    assert texts == ["Fall i badrummet", f"Brukaren {PLACEHOLDER} föll", f"Gäller {PLACEHOLDER}"]

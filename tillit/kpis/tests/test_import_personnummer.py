"""import_kpi_values and the personnummer guard."""

import pytest
from django.core.management import CommandError, call_command

from tillit.core.privacy import PLACEHOLDER
from tillit.kpis.models import Kpi, KpiValue
from tillit.kpis.tests.test_import_values import _csv

pytestmark = pytest.mark.django_db


def test_personnummer_in_the_values_file_is_refused_or_redacted(tmp_path, org, capsys):
    path = _csv(tmp_path, "EGEN01,Brukare 121212-1212,VUX1,2025,T,1\n")
    with pytest.raises(CommandError):
        call_command("import_kpi_values", str(path))
    assert "rad 2: personnummer i kolumnen title" in capsys.readouterr().err
    assert not KpiValue.objects.exists()
    call_command("import_kpi_values", str(path), "--redact-personnummer")
    assert Kpi.objects.get(code="EGEN01").title == f"Brukare {PLACEHOLDER}"

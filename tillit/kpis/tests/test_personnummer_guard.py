"""The KPI form's free text and the personnummer guard."""

import pytest

from tillit.core.privacy import PLACEHOLDER
from tillit.kpis.forms import KpiForm

pytestmark = pytest.mark.django_db

DATA = {"code": "EGEN09", "title": "Egen", "description": "Mäts för 121212-1212", "measure": "procent"}


def test_kpi_description_is_guarded():
    data = DATA | {"direction": KpiForm.base_fields["direction"].choices[0][0]}
    data["measure"] = KpiForm.base_fields["measure"].choices[0][0]
    form = KpiForm(data)
    assert not form.is_valid() and form.personnummer_found
    form = KpiForm(data | {"pnr_choice": "replace"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["description"] == f"Mäts för {PLACEHOLDER}"
    assert "pnr_choice" not in form.service_kwargs()

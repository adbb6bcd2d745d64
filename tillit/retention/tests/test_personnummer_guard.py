"""The legal hold's reason is free text: the personnummer guard applies."""

from tillit.core.privacy import PLACEHOLDER
from tillit.retention.forms import LegalHoldForm


def test_legal_hold_reason_is_guarded():
    data = {"reference": "av-2025-00012", "reason": "Begäran från IVO om 121212-1212"}
    form = LegalHoldForm(data)
    assert not form.is_valid() and form.personnummer_found
    form = LegalHoldForm(data | {"pnr_choice": "replace"})
    assert form.is_valid() and form.cleaned_data["reason"] == f"Begäran från IVO om {PLACEHOLDER}"

from __future__ import annotations

from django import forms


class LegalHoldForm(forms.Form):
    reference = forms.CharField(label="Ärendenummer", max_length=40, help_text="Till exempel AVV-2025-0012.")
    reason = forms.CharField(
        label="Skäl",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Varför ärendet ska bevaras, till exempel en begäran från IVO eller JO eller en pågående "
        "rättsprocess. Skriv inga personuppgifter.",
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip().upper()

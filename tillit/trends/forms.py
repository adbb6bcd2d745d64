from __future__ import annotations

from datetime import date

from django import forms

from tillit.core.forms import PersonnummerGuardMixin


class PhaseForm(PersonnummerGuardMixin, forms.Form):
    series = forms.CharField(widget=forms.HiddenInput, max_length=200)
    starts_on = forms.CharField(
        label="Ny fas från månad", max_length=7, help_text="Den första månaden efter förändringen, t.ex. 2025-09."
    )
    baseline_months = forms.IntegerField(
        label="Baslinje (antal månader)",
        min_value=1,
        max_value=36,
        initial=12,
        help_text="Mittlinje och gränser räknas från fasens första månader och fryses sedan.",
    )
    reason = forms.CharField(
        label="Skäl (vilken förändring i arbetssättet)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Skriv inga personuppgifter.",
    )

    def clean_starts_on(self) -> date:
        text = self.cleaned_data["starts_on"].strip()
        try:
            year, month = (int(part) for part in text.split("-"))
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError("Skriv månaden som 2025-09.") from None

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "series_key": data["series"],
            "starts_on": data["starts_on"],
            "baseline_months": data["baseline_months"],
            "reason": data["reason"],
        }

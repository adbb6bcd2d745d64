from __future__ import annotations

from django import forms

from tillit.core.forms import PersonnummerGuardMixin
from tillit.kpis.importer import parse_number, parse_period
from tillit.kpis.models import Direction, Gender, Kpi, KpiSource, MeasureUnit
from tillit.org.models import Unit


class KpiForm(PersonnummerGuardMixin, forms.Form):
    code = forms.CharField(
        label="Kod", max_length=32, help_text="Till exempel EGEN01. Kolada-koder hämtas med importen."
    )
    title = forms.CharField(label="Namn", max_length=300)
    description = forms.CharField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    measure = forms.ChoiceField(label="Enhet", choices=MeasureUnit.choices)
    direction = forms.ChoiceField(label="Riktning", choices=Direction.choices)
    target = forms.FloatField(label="Målvärde", required=False)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if Kpi.objects.filter(code=code).exists():
            raise forms.ValidationError("Det finns redan ett nyckeltal med den koden.")
        return code

    def service_kwargs(self) -> dict:
        return {**self.cleaned_data, "source": KpiSource.MANUAL}


class ValueForm(forms.Form):
    unit = forms.ModelChoiceField(label="Enhet", queryset=Unit.objects.none())
    period = forms.CharField(label="Period", max_length=7, help_text="År (2025) eller månad (2025-03).")
    gender = forms.ChoiceField(label="Kön", choices=Gender.choices, initial=Gender.TOTAL)
    value = forms.CharField(label="Värde", max_length=32, help_text="Decimaler med komma eller punkt.")

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name} ({u.code})"

    def clean_period(self) -> tuple[int, int]:
        period = parse_period(self.cleaned_data["period"])
        if period is None:
            raise forms.ValidationError("Skriv år som 2025 eller månad som 2025-03.")
        return period

    def clean_value(self) -> float:
        value = parse_number(self.cleaned_data["value"])
        if value is None:
            raise forms.ValidationError("Värdet ska vara ett tal.")
        return value

    def service_kwargs(self) -> dict:
        year, month = self.cleaned_data["period"]
        return {
            "unit": self.cleaned_data["unit"],
            "year": year,
            "month": month,
            "gender": self.cleaned_data["gender"],
            "value": self.cleaned_data["value"],
        }


class DenominatorForm(forms.Form):
    unit = forms.ModelChoiceField(label="Enhet", queryset=Unit.objects.none())
    year = forms.IntegerField(label="År", min_value=1990, max_value=2100)
    value = forms.IntegerField(
        label="Antal brukare", min_value=1, help_text="Till exempel antalet brukare den 1 januari."
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name} ({u.code})"

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)

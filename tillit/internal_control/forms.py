from __future__ import annotations

from django import forms

from tillit.internal_control.models import ControlOutcome, ControlStatus
from tillit.org.models import Unit


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(label="Nämnd (översta enheten)", queryset=Unit.objects.none())
    year = forms.IntegerField(label="År", min_value=2000, max_value=2100)

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class PointForm(forms.Form):
    code = forms.CharField(label="Kod", max_length=40, required=False, help_text="Lämnas tomt numreras punkten.")
    title = forms.CharField(label="Kontrollområde", max_length=300)
    control = forms.CharField(label="Kontrollmoment (metod)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    frequency = forms.CharField(label="Frekvens", max_length=100, required=False)
    responsible = forms.CharField(label="Ansvarig", max_length=200, required=False)
    reporting = forms.CharField(label="Rapporteras", max_length=100, required=False)

    def __init__(self, *args, matrix, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, scale, label in (
            ("probability", matrix.probabilities, "Sannolikhet"),
            ("consequence", matrix.consequences, "Konsekvens"),
        ):
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=[(s["value"], f"{s['value']} – {s['label']}") for s in scale], coerce=int
            )
        self.order_fields(["code", "title", "probability", "consequence"])


class ResultForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ControlStatus.choices)
    outcome = forms.ChoiceField(label="Utfall", choices=[("", "–"), *ControlOutcome.choices], required=False)
    comment = forms.CharField(label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2}))

from __future__ import annotations

from django import forms

from tillit.core.forms import DateInput
from tillit.internal_control.follow_up import PERIODS
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

    report_due = forms.DateField(
        label="Rapporteras senast",
        required=False,
        widget=DateInput,
        help_text="Den ansvariga påminns två veckor före och när dagen har passerat utan resultat.",
    )
    responsible_user = forms.ModelChoiceField(
        label="Ansvarig användare", required=False, queryset=Unit.objects.none(), empty_label="Ingen vald"
    )

    def __init__(self, *args, matrix, responsible=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if responsible is not None:
            self.fields["responsible_user"].queryset = responsible
            self.fields["responsible_user"].label_from_instance = lambda u: u.get_full_name() or u.username
        else:
            del self.fields["responsible_user"]
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


class AdoptForm(forms.Form):
    reference = forms.CharField(
        label="Beslut", max_length=60, help_text="Paragrafen i nämndens protokoll, till exempel ”SN § 12”."
    )
    adopted_on = forms.DateField(label="Beslutsdatum", widget=DateInput)


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="Period", choices=[(k, label) for k, (label, _) in PERIODS.items()])

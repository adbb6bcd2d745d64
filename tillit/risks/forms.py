"""Forms for riskanalys. A riskanalys is about the business, not about persons: free text with a
personnummer is refused (nothing typed is lost: the form comes back with the text)."""

from __future__ import annotations

from typing import Any

from django import forms

from tillit.core.forms import DateInput
from tillit.core.privacy import find_personnummer
from tillit.org.models import Unit
from tillit.risks.models import Reason, RiskMatrix
from tillit.risks.process_steps import step_label

FREE_TEXT = ("title", "planned_change", "participants", "description", "cause")


class _NoPersonnummer:
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # type: ignore[misc]
        for name in FREE_TEXT:
            if find_personnummer(cleaned.get(name) or ""):
                self.add_error(name, "Skriv inga personnummer i en riskanalys; beskriv verksamheten, inte personer.")
        return cleaned


class AnalysisForm(_NoPersonnummer, forms.Form):
    title = forms.CharField(label="Rubrik", max_length=200)
    unit = forms.ModelChoiceField(label="Enhet", queryset=Unit.objects.none())
    reason = forms.ChoiceField(label="Anledning", choices=Reason.choices, widget=forms.RadioSelect)
    planned_change = forms.CharField(
        label="Planerad förändring",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Krävs när analysen görs inför en förändring av organisation, bemanning eller arbetssätt.",
    )
    participants = forms.CharField(
        label="Deltagare",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Roller eller namn, en per rad (till exempel ”Enhetschef”, ”Två undersköterskor”).",
    )
    analysed_on = forms.DateField(label="Datum", widget=DateInput)
    matrix = forms.ModelChoiceField(label="Riskmatris", queryset=RiskMatrix.objects.none(), required=False)

    def __init__(self, *args, units=None, with_unit: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if with_unit:
            self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
            self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name}"
            if units is not None and len(units) == 1:
                self.initial.setdefault("unit", units[0].pk)  # the one unit the user may analyse
            self.fields["matrix"].queryset = RiskMatrix.objects.order_by("-is_default", "code", "-version")
            self.fields["matrix"].empty_label = "Förvald matris"
        else:
            del self.fields["unit"]
            del self.fields["matrix"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("reason") == Reason.FORANDRING and not (cleaned.get("planned_change") or "").strip():
            self.add_error("planned_change", "Beskriv den planerade förändringen.")
        return cleaned


def _scale(values: list[dict], *, required: bool, label: str) -> forms.TypedChoiceField:
    choices = [(v["value"], f"{v['value']} – {v['label']}") for v in values]
    if not required:
        choices = [("", "Inte bedömd ännu"), *choices]
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int, required=required, empty_value=None)


class RiskForm(_NoPersonnummer, forms.Form):
    description = forms.CharField(label="Risk – vad kan gå fel?", widget=forms.Textarea(attrs={"rows": 2}))
    cause = forms.CharField(label="Orsak", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    follow_up_on = forms.DateField(label="Följs upp", required=False, widget=DateInput)

    def __init__(self, *args, matrix: RiskMatrix, steps=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if steps is not None and steps.exists():
            self.fields["process_step"] = forms.ModelChoiceField(
                label="Processteg",
                queryset=steps,
                required=False,
                empty_label="Inget särskilt steg",
                help_text="Steget i processen som risken gäller.",
            )
            self.fields["process_step"].label_from_instance = step_label
        p, c = matrix.probabilities, matrix.consequences
        self.fields["probability"] = _scale(p, required=True, label="Sannolikhet före åtgärder")
        self.fields["consequence"] = _scale(c, required=True, label="Konsekvens före åtgärder")
        self.fields["residual_probability"] = _scale(p, required=False, label="Sannolikhet efter åtgärder")
        self.fields["residual_consequence"] = _scale(c, required=False, label="Konsekvens efter åtgärder")
        self.order_fields(["description", "cause", "process_step", "probability", "consequence"])


class RegisterFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label="Enhet", queryset=Unit.objects.none(), required=False, empty_label="Alla")
    level = forms.ChoiceField(label="Risknivå", required=False)
    open_measures = forms.BooleanField(label="Bara risker med öppna åtgärder", required=False)

    def __init__(self, *args, units=None, levels=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name}"
        self.fields["level"].choices = [("", "Alla"), *levels]


class RecurrenceForm(RiskForm):
    """ "Risk för upprepning" from a case: the risk, in the analysis chosen on the case page (or a new
    one whose title can be changed). `token` makes a resubmitted form give one risk."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    title = forms.CharField(
        label="Rubrik på den nya riskanalysen",
        max_length=200,
        required=False,
        help_text="Analysen görs i ärendets enhet med anledningen ”Efter en händelse”.",
    )

    def __init__(self, *args, new_analysis: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not new_analysis:
            del self.fields["title"]
        else:
            self.order_fields(["title", "description", "cause", "process_step", "probability", "consequence"])

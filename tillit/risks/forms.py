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
            self.fields["matrix"].queryset = RiskMatrix.objects.filter(draft=False).order_by(
                "-is_default", "code", "-version"
            )
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


HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


class MatrixForm(forms.Form):
    """A draft matrix's texts, colours, cell levels and follow-up threshold (the scales keep their
    number of steps: a different size is another matrix)."""

    name = forms.CharField(label="Namn", max_length=200)
    description = forms.CharField(label="Beskrivning", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_score = forms.IntegerField(label="Följ upp från poäng", required=False, min_value=1)
    follow_up_consequence = forms.IntegerField(label="Följ upp från konsekvens", required=False, min_value=1)

    def __init__(self, *args, matrix: RiskMatrix, **kwargs) -> None:
        initial = kwargs.setdefault("initial", {})
        for name in ("name", "description", "follow_up_score", "follow_up_consequence"):
            initial.setdefault(name, getattr(matrix, name))
        for prefix, scale in (("p", matrix.probabilities), ("c", matrix.consequences)):
            for step in scale:
                initial[f"{prefix}{step['value']}_label"] = step.get("label", "")
                initial[f"{prefix}{step['value']}_description"] = step.get("description", "")
        for level in matrix.levels:
            initial[f"level_{level['code']}_label"] = level["label"]
            initial[f"level_{level['code']}_colour"] = level["colour"]
        for key, code in matrix.cells.items():
            initial["cell_" + key.replace(",", "_")] = code
        super().__init__(*args, **kwargs)
        self.matrix = matrix
        scales = (("p", "Sannolikhet", matrix.probabilities), ("c", "Konsekvens", matrix.consequences))
        for prefix, title, scale in scales:
            for step in scale:
                v = step["value"]
                self.fields[f"{prefix}{v}_label"] = forms.CharField(label=f"{title} {v}: benämning", max_length=80)
                self.fields[f"{prefix}{v}_description"] = forms.CharField(
                    label=f"{title} {v}: beskrivning", max_length=300, required=False
                )
        for level in matrix.levels:
            code = level["code"]
            self.fields[f"level_{code}_label"] = forms.CharField(label=f"Nivå ”{code}”: benämning", max_length=80)
            self.fields[f"level_{code}_colour"] = forms.RegexField(
                label=f"Nivå ”{code}”: färg",
                regex=HEX_COLOUR,
                widget=forms.TextInput(attrs={"type": "color"}),
                error_messages={"invalid": "Ange färgen som #rrggbb."},
            )
        choices = [(lv["code"], lv["label"]) for lv in matrix.levels]
        for c in reversed(matrix.consequences):
            for p in matrix.probabilities:
                self.fields[f"cell_{p['value']}_{c['value']}"] = forms.ChoiceField(
                    label=f"Sannolikhet {p['value']} × konsekvens {c['value']}", choices=choices
                )

    def general_fields(self) -> list:
        return [self[name] for name in self.fields if not name.startswith("cell_")]

    def cell_rows(self) -> list[tuple[dict, list]]:
        """The cell fields as the matrix is drawn: highest consequence first."""
        return [
            (c, [self[f"cell_{p['value']}_{c['value']}"] for p in self.matrix.probabilities])
            for c in reversed(self.matrix.consequences)
        ]

    def changes(self) -> dict[str, Any]:
        """The cleaned form as `matrix_update` fields."""
        d = self.cleaned_data

        def scale(prefix: str, steps: list[dict]) -> list[dict]:
            return [
                {
                    "value": s["value"],
                    "label": d[f"{prefix}{s['value']}_label"].strip(),
                    "description": d[f"{prefix}{s['value']}_description"].strip(),
                }
                for s in steps
            ]

        return {
            "name": d["name"].strip(),
            "description": d["description"].strip(),
            "follow_up_score": d["follow_up_score"],
            "follow_up_consequence": d["follow_up_consequence"],
            "probabilities": scale("p", self.matrix.probabilities),
            "consequences": scale("c", self.matrix.consequences),
            "levels": [
                {
                    "code": lv["code"],
                    "label": d[f"level_{lv['code']}_label"].strip(),
                    "colour": d[f"level_{lv['code']}_colour"].lower(),
                }
                for lv in self.matrix.levels
            ],
            "cells": {key: d["cell_" + key.replace(",", "_")] for key in self.matrix.cells},
        }

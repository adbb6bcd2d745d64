from __future__ import annotations

import uuid
from datetime import timedelta

from django import forms
from django.utils import timezone

from tillit.contracts.models import FindingResult, Method, Reason
from tillit.core.forms import DateInput, PersonnummerGuardMixin


class _Idempotent(forms.Form):
    """A hidden key per form shown, so that a double click makes one record."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


class FollowUpForm(_Idempotent):
    planned_on = forms.DateField(label="Datum", widget=DateInput)
    methods = forms.MultipleChoiceField(label="Metod", choices=Method.choices, widget=forms.CheckboxSelectMultiple)
    reason = forms.ChoiceField(label="Anledning", choices=Reason.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("planned_on", timezone.localdate())


class FindingForm(PersonnummerGuardMixin, forms.Form):
    result = forms.ChoiceField(label="Resultat", choices=FindingResult.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label="Iakttagelse", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Krävs vid brist."
    )


class MeasureForm(PersonnummerGuardMixin, _Idempotent):
    description = forms.CharField(label="Åtgärd som krävs", widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label="Utföraren svarar senast", widget=DateInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("deadline", timezone.localdate() + timedelta(days=30))


class AnswerForm(PersonnummerGuardMixin, forms.Form):
    answer = forms.CharField(label="Ert svar: vad har ni gjort åt bristen?", widget=forms.Textarea(attrs={"rows": 3}))


class JudgementForm(PersonnummerGuardMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Bedömning",
        choices=[("godkand", "Godkänn svaret"), ("ej_godkand", "Godkänn inte – begär nytt svar")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Kommentar",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Krävs om svaret inte godkänns.",
    )
    new_deadline = forms.DateField(
        label="Ny tidsfrist", required=False, widget=DateInput, help_text="Krävs om svaret inte godkänns."
    )


class ContractForm(forms.Form):
    provider = forms.ModelChoiceField(label="Utförare", queryset=None)
    code = forms.CharField(label="Avtalsnummer", max_length=64)
    title = forms.CharField(label="Benämning", max_length=200, required=False)
    units = forms.ModelMultipleChoiceField(
        label="Verksamheter", queryset=None, widget=forms.CheckboxSelectMultiple, help_text="Utförarens enheter."
    )
    valid_from = forms.DateField(label="Gäller från", widget=DateInput)
    valid_to = forms.DateField(label="Gäller till", widget=DateInput, required=False, help_text="Tomt: tills vidare.")
    requirement_codes = forms.MultipleChoiceField(
        label="Krav i avtalet", choices=(), widget=forms.CheckboxSelectMultiple
    )
    share_self_inspection = forms.BooleanField(
        label="Utföraren delar egenkontrollens resultat", required=False, initial=True
    )
    share_risk = forms.BooleanField(label="Utföraren delar riskanalysernas resultat", required=False, initial=True)

    def __init__(self, *args, providers, units, requirements, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = lambda unit: f"{unit.name} ({unit.provider.name})"
        self.fields["requirement_codes"].choices = [(item.code, item.text) for item in requirements]
        if not self.is_bound:
            self.initial.setdefault("requirement_codes", [item.code for item in requirements])


class SharingForm(forms.Form):
    """The contract's terms on what the provider shares of its own quality work (results only)."""

    share_self_inspection = forms.BooleanField(label="Egenkontrollens resultat", required=False)
    share_risk = forms.BooleanField(label="Riskanalysernas resultat", required=False)

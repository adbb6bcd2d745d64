from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db.models import Model
from django.utils import timezone

from tillit.actions.models import ActionEffect, ActionStatus
from tillit.actions.sources import source_for
from tillit.classification.forms import code_field
from tillit.classification.schemes import ACTION_TYPE
from tillit.core.forms import DateInput, PersonChoiceField


class ActionForm(forms.Form):
    description = forms.CharField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    owner = PersonChoiceField(label="Ansvarig", queryset=None, empty_label="Välj ansvarig")
    due_on = forms.DateField(label="Klart senast", widget=DateInput)
    effect_followup_due = forms.DateField(
        label="Effekten följs upp senast",
        widget=DateInput,
        required=False,
        help_text="Lämnas tomt planeras uppföljningen när åtgärden är genomförd.",
    )

    field_order = ["action_type", "description", "owner", "due_on", "effect_followup_due"]

    def __init__(self, *args, source: Model, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        registered = source_for(source)
        self.fields["action_type"] = code_field(ACTION_TYPE, label="Typ av åtgärd")
        self.fields["owner"].queryset = registered.owners(source)
        self.order_fields(self.field_order)
        if not self.is_bound:
            self.initial.setdefault("due_on", timezone.localdate() + timedelta(days=30))
            self.initial.setdefault("owner", registered.default_owner_id(source))

    def clean_due_on(self):
        value = self.cleaned_data["due_on"]
        if value < timezone.localdate():
            raise forms.ValidationError("Datumet har redan passerat.")
        return value


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)


class ActionFollowUpForm(forms.Form):
    effect = forms.ChoiceField(label="Effekt", choices=ActionEffect.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label="Kommentar", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class EffectFollowUpPlanForm(forms.Form):
    due = forms.DateField(label="Följ upp effekten senast", widget=DateInput)

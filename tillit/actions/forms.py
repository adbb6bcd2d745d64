from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from tillit.actions.models import ActionEffect, ActionStatus, ActionType
from tillit.events.forms import DateInput, PersonChoiceField, responsible_choices
from tillit.events.models import Event


class ActionForm(forms.Form):
    action_type = forms.ChoiceField(label="Typ av åtgärd", choices=ActionType.choices)
    description = forms.CharField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    owner = PersonChoiceField(label="Ansvarig", queryset=None)
    due_on = forms.DateField(label="Klart senast", widget=DateInput)

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = responsible_choices(event)
        if not self.is_bound:
            self.initial.setdefault("due_on", timezone.localdate() + timedelta(days=30))
            self.initial.setdefault("owner", event.responsible_id)

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

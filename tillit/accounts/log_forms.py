from __future__ import annotations

from django import forms

from tillit.accounts.models import User
from tillit.audit.models import AuditAction
from tillit.core.forms import PersonnummerGuardMixin
from tillit.org.models import Unit


class DateInput(forms.DateInput):
    input_type = "date"


class LogFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label="Användare", queryset=User.objects.order_by("username"), required=False, empty_label="Alla användare"
    )
    unit = forms.ModelChoiceField(
        label="Enhet (med underenheter)", queryset=Unit.objects.none(), required=False, empty_label="Alla enheter"
    )
    object_type = forms.CharField(
        label="Objekttyp", required=False, max_length=100, help_text="Till exempel events.event eller accounts.user"
    )
    object_id = forms.CharField(label="Objekt-id", required=False, max_length=64)
    action = forms.ChoiceField(label="Händelse", choices=[("", "Alla"), *AuditAction.choices], required=False)
    date_from = forms.DateField(label="Från", required=False, widget=DateInput)
    date_to = forms.DateField(label="Till", required=False, widget=DateInput)

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError("Från-datumet ligger efter till-datumet.")
        return cleaned


class SampleForm(forms.Form):
    size = forms.IntegerField(label="Antal rader i stickprovet", min_value=1, max_value=50, initial=10)


class LogReviewForm(PersonnummerGuardMixin, forms.Form):
    period_start = forms.DateField(label="Granskad period från", widget=DateInput)
    period_end = forms.DateField(label="till", widget=DateInput)
    sample_seqs = forms.CharField(required=False, widget=forms.HiddenInput)
    conclusion = forms.CharField(label="Slutsats", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)

    def clean_sample_seqs(self) -> list[int]:
        raw = self.cleaned_data.get("sample_seqs") or ""
        try:
            return [int(x) for x in raw.split(",") if x.strip()]
        except ValueError:
            raise forms.ValidationError("Stickprovet är ogiltigt. Dra ett nytt.") from None

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("period_start")
            and cleaned.get("period_end")
            and cleaned["period_start"] > cleaned["period_end"]
        ):
            raise forms.ValidationError("Periodens början ligger efter dess slut.")
        return cleaned

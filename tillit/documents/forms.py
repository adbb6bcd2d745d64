"""Forms of styrande dokument: new document, draft text, a workflow step, the list's filters."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from tillit.core.forms import DateInput, PersonChoiceField
from tillit.documents.models import Document, DocumentStatus, DocumentType, Process
from tillit.org.access import scope_unit_ids
from tillit.org.models import Unit


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label="Sök i titel och text", required=False, max_length=100)
    doc_type = forms.ChoiceField(label="Typ", required=False, choices=[("", "Alla"), *DocumentType.choices])
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Alla"), *DocumentStatus.choices])


class DocumentForm(forms.Form):
    code = forms.CharField(label="Dokumentkod", max_length=40, help_text="T.ex. RUT-VUX-012.")
    title = forms.CharField(label="Titel", max_length=200)
    doc_type = forms.ChoiceField(label="Dokumenttyp", choices=DocumentType.choices, initial=DocumentType.RUTIN)
    unit = forms.ModelChoiceField(label="Ägande enhet", queryset=Unit.objects.none())
    applies_to = forms.ModelMultipleChoiceField(
        label="Gäller för",
        queryset=Unit.objects.none(),
        required=False,
        help_text="Tomt: den ägande enheten. Ett dokument gäller också i enheterna under.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    owner = PersonChoiceField(label="Dokumentägare", queryset=get_user_model().objects.none())
    process = forms.ModelChoiceField(label="Process", queryset=Process.objects.all(), required=False)
    legal_references = forms.CharField(
        label="Lagstöd", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="En hänvisning per rad."
    )
    text = forms.CharField(label="Text", required=False, widget=forms.Textarea(attrs={"rows": 12}))
    upload = forms.FileField(label="Eller en fil (PDF, Word)", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        manage_units = Unit.objects.filter(id__in=scope_unit_ids(user, "document.manage"))
        self.fields["unit"].queryset = manage_units
        if len(manage_units) == 1:
            self.fields["unit"].initial = manage_units[0].pk
        self.fields["applies_to"].queryset = Unit.objects.filter(closed_on__isnull=True)
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(is_active=True, assignments__unit__in=manage_units).distinct()
        )
        self.fields["owner"].initial = user.pk

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if Document.objects.filter(code=code).exists():
            raise forms.ValidationError("Det finns redan ett dokument med den koden.")
        return code


class DraftForm(forms.Form):
    text = forms.CharField(label="Text", required=False, widget=forms.Textarea(attrs={"rows": 16}))
    change_summary = forms.CharField(label="Vad har ändrats", required=False, max_length=300)


class FaststallForm(forms.Form):
    approved_by = forms.CharField(
        label="Fastställd av", max_length=120, help_text="En roll eller ett nämndbeslut, t.ex. ”SN § 88”."
    )
    valid_from = forms.DateField(label="Gäller från", widget=DateInput)
    next_review_on = forms.DateField(label="Nästa revidering senast", widget=DateInput)


class TransitionForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label="Kommentar", required=False, max_length=500)

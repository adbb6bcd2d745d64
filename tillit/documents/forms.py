"""Forms of styrande dokument: new document, draft text, a workflow step, the list's filters."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from tillit.core.forms import DateInput, PersonChoiceField
from tillit.documents.models import Document, DocumentStatus, DocumentType, Process
from tillit.documents.selectors import documents_visible, processes_visible
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


class DocumentMetaForm(forms.Form):
    """A document's metadata (its text changes only through a new version)."""

    title = forms.CharField(label="Titel", max_length=200)
    doc_type = forms.ChoiceField(label="Dokumenttyp", choices=DocumentType.choices)
    unit = forms.ModelChoiceField(label="Ägande enhet", queryset=Unit.objects.none())
    applies_to = forms.ModelMultipleChoiceField(
        label="Gäller för",
        queryset=Unit.objects.none(),
        required=False,
        help_text="Tomt: den ägande enheten. Ett dokument gäller också i enheterna under.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    owner = PersonChoiceField(label="Dokumentägare", queryset=get_user_model().objects.none())
    next_review_on = forms.DateField(label="Nästa revidering senast", widget=DateInput, required=False)
    process = forms.ModelChoiceField(label="Process", queryset=Process.objects.none(), required=False)
    legal_references = forms.CharField(
        label="Lagstöd", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="En hänvisning per rad."
    )
    related = forms.ModelMultipleChoiceField(
        label="Relaterade dokument",
        queryset=Document.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, user, document: Document, **kwargs):
        super().__init__(*args, **kwargs)
        manage_ids = set(scope_unit_ids(user, "document.manage")) | {document.unit_id}
        units = Unit.objects.filter(id__in=manage_ids)
        self.fields["unit"].queryset = units
        self.fields["applies_to"].queryset = Unit.objects.filter(
            Q(closed_on__isnull=True) | Q(pk__in=document.applies_to.values("pk"))
        )
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(Q(pk=document.owner_id) | Q(is_active=True, assignments__unit__in=units))
            .distinct()
        )
        self.fields["process"].queryset = processes_visible(user)
        self.fields["related"].queryset = documents_visible(user).exclude(pk=document.pk).order_by("code")
        if not self.is_bound:
            self.initial.update(
                title=document.title,
                doc_type=document.doc_type,
                unit=document.unit_id,
                applies_to=list(document.applies_to.values_list("pk", flat=True)),
                owner=document.owner_id,
                next_review_on=document.next_review_on,
                process=document.process_id,
                legal_references=document.legal_references,
                related=list(document.related.values_list("pk", flat=True)),
            )


class ProcessForm(forms.Form):
    code = forms.CharField(label="Processkod", max_length=40, help_text="T.ex. P-VUX.")
    name = forms.CharField(label="Namn", max_length=200)
    unit = forms.ModelChoiceField(label="Ägande enhet", queryset=Unit.objects.none())
    description = forms.CharField(label="Beskrivning", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    is_core = forms.BooleanField(label="Kärnprocess", required=False, initial=True)
    document = forms.ModelChoiceField(label="Processbeskrivning", queryset=Document.objects.none(), required=False)
    covering = forms.ModelMultipleChoiceField(
        label="Dokument som hör till processen",
        queryset=Document.objects.none(),
        required=False,
        help_text="Rutiner och andra styrande dokument som täcker processen.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, user, process: Process | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        manage_ids = set(scope_unit_ids(user, "document.manage")) | ({process.unit_id} if process else set())
        units = Unit.objects.filter(id__in=manage_ids)
        self.fields["unit"].queryset = units
        if process is None and len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        visible = documents_visible(user).order_by("code")
        self.fields["document"].queryset = visible.filter(doc_type=DocumentType.PROCESSBESKRIVNING)
        self.fields["covering"].queryset = visible
        if process is not None:
            del self.fields["code"]
            if not self.is_bound:
                self.initial.update(
                    name=process.name,
                    unit=process.unit_id,
                    description=process.description,
                    is_core=process.is_core,
                    document=process.document_id,
                    covering=list(process.routines.values_list("pk", flat=True)),
                )
        else:
            del self.fields["covering"]


class ActivityForm(forms.Form):
    name = forms.CharField(label="Aktivitet", max_length=200)
    responsible = forms.CharField(label="Ansvarig", max_length=200, required=False, help_text="En roll eller funktion.")
    samverkan_with = forms.CharField(
        label="Samverkan med",
        max_length=200,
        required=False,
        help_text="T.ex. regionens primärvård. Tomt om aktiviteten inte kräver samverkan.",
    )
    documents = forms.ModelMultipleChoiceField(
        label="Rutiner för aktiviteten",
        queryset=Document.objects.none(),
        required=False,
        help_text="De rutiner som säger hur aktiviteten görs och vem som ansvarar.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, user, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = (
            documents_visible(user).exclude(status=DocumentStatus.UPPHAVD).order_by("code")
        )
        if activity is not None and not self.is_bound:
            self.initial.update(
                name=activity.name,
                responsible=activity.responsible,
                samverkan_with=activity.samverkan_with,
                documents=list(activity.documents.values_list("pk", flat=True)),
            )


class ActivityMoveForm(forms.Form):
    position = forms.IntegerField(min_value=1)

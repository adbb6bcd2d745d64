"""Forms for reporting and working on events. Field sets of transition forms come from the
`required` names declared in workflows.toml."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from tillit.accounts.models import RoleAssignment
from tillit.assessments.selectors import template_questions
from tillit.classification.forms import TermsField, code_field
from tillit.classification.schemes import CAUSE, GOD_VARD_AREA
from tillit.core.forms import DateInput, PersonChoiceField, PersonnummerGuardMixin, TimeInput
from tillit.events.checklists import entry_topic_choices, patient_checklist, patient_information_values
from tillit.events.models import (
    CHANNEL_KINDS,
    CHOOSABLE_CHANNELS,
    OUTCOMES_BY_KIND,
    Category,
    Channel,
    ClosureReason,
    Event,
    EventKind,
    IvoChannel,
    Outcome,
    PatientInformation,
)
from tillit.events.services import work_roles
from tillit.events.services.ivo import CONTENT_FIELDS
from tillit.org.access import scope_unit_ids
from tillit.org.models import Unit
from tillit.workflow.declaration import Transition, workflow

FREE_TEXT_FIELDS = ("description", "immediate_actions")


class ReportForm(PersonnummerGuardMixin, forms.Form):
    kind = forms.ChoiceField(label="Vad vill du rapportera?", choices=EventKind.choices, widget=forms.RadioSelect)
    unit = forms.ModelChoiceField(label="Enhet", queryset=Unit.objects.none(), empty_label="Välj enhet")
    occurred_on = forms.DateField(label="När hände det? (datum)", required=False, widget=DateInput)
    occurred_at_time = forms.TimeField(label="Klockslag", required=False, widget=TimeInput)
    description = forms.CharField(
        label="Vad hände?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Beskriv händelsen sakligt. Skriv inte ut namn eller personnummer om det inte behövs.",
        max_length=10000,
    )
    immediate_actions = forms.CharField(
        label="Vad gjordes direkt?", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    category = forms.ModelChoiceField(
        label="Kategori", queryset=Category.objects.filter(retired=False), required=False, empty_label="Välj kategori"
    )
    channel = forms.ChoiceField(
        label="Hur kom klagomålet eller synpunkten in?",
        choices=[(c.value, c.label) for c in CHOOSABLE_CHANNELS],
        initial=Channel.INTERN,
        required=False,
        help_text="Gäller klagomål och synpunkter, t.ex. via IVO, patientnämnden, brev eller telefon.",
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput)
    pnr_choice = forms.ChoiceField(
        choices=[("", ""), ("replace", "replace"), ("keep", "keep")], required=False, widget=forms.HiddenInput
    )

    personnummer_found = False

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk__in=scope_unit_ids(user, "event.report"), closed_on__isnull=True)
        self.fields["unit"].queryset = units
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
            own = RoleAssignment.objects.filter(user=user, unit__in=units).order_by("-unit__depth").first()
            if own:
                self.initial.setdefault("unit", own.unit_id)
        self.kind_help = {kind: workflow(kind).help for kind in EventKind.values}

    def clean_occurred_on(self):
        value = self.cleaned_data.get("occurred_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError("Datumet kan inte ligga i framtiden.")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") not in CHANNEL_KINDS or not cleaned.get("channel"):
            cleaned["channel"] = Channel.INTERN  # other kinds are reported internally
        self._guard(cleaned)
        return cleaned


def responsible_choices(event: Event):
    """Users who hold a role in the event's workflow at or above its unit."""
    unit_ids = event.unit.ancestor_ids()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            assignments__unit_id__in=unit_ids,
            assignments__role__in=[str(r) for r in work_roles(event.kind)],
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


class TransitionForm(PersonnummerGuardMixin, forms.Form):
    """Fields for one declared transition, built from its `required` names."""

    comment = forms.CharField(label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pnr_choice = forms.ChoiceField(
        choices=[("", ""), ("replace", "replace"), ("keep", "keep")], required=False, widget=forms.HiddenInput
    )
    personnummer_found = False

    def __init__(self, *args, event: Event, transition: Transition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        needed = set(transition.required)
        if "responsible" in needed:
            self.fields["responsible"] = PersonChoiceField(
                label="Ansvarig",
                queryset=responsible_choices(event),
                initial=event.responsible_id,
                empty_label="Välj ansvarig",
            )
        if "immediate_actions" in needed:
            self.fields["immediate_actions"] = forms.CharField(
                label="Omedelbara åtgärder (avhjälpa eller undanröja)",
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=event.immediate_actions,
            )
        if "assessment" in needed:
            outcomes = [(o, Outcome(o).label) for o in OUTCOMES_BY_KIND[event.kind] if o != Outcome.EJ_UTREDD]
            outcomes = [o for o in outcomes if o[0] != Outcome.OMVANDLAD_TILL_AVVIKELSE]
            self.fields["outcome"] = forms.ChoiceField(label="Bedömning", choices=outcomes, widget=forms.RadioSelect)
            self.fields["severe"] = forms.TypedChoiceField(
                label="Är det allvarligt?",
                choices=[("ja", "Ja, allvarligt"), ("nej", "Nej")],
                coerce=lambda v: v == "ja",
                widget=forms.RadioSelect,
                # An early "allvarligt" judgement (made to notify IVO in time) is carried over.
                initial={True: "ja", False: "nej"}.get(event.severe),
            )
        if "closure_reason" in needed:
            self.fields["closure_reason"] = forms.ChoiceField(label="Skäl", choices=ClosureReason.choices)
        if "reply" in needed:
            self.fields["reply"] = forms.CharField(label="Svar", widget=forms.Textarea(attrs={"rows": 5}))
            self.fields["replied_on"] = forms.DateField(
                label="Besvarad den", widget=DateInput, initial=timezone.localdate
            )
        if "conclusion" in needed:
            self.fields["conclusion"] = forms.CharField(
                label="Ställningstagande", widget=forms.Textarea(attrs={"rows": 4}), initial=event.conclusion
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._guard(cleaned)
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("comment", "pnr_choice") and v is not None}


class EntryForm(PersonnummerGuardMixin, forms.Form):
    topic = forms.ChoiceField(label="Del av utredningen", choices=())
    is_fact = forms.TypedChoiceField(
        label="Typ av uppgift",
        choices=[("fakta", "Faktauppgift"), ("bedomning", "Bedömning")],
        coerce=lambda v: v == "fakta",
        widget=forms.RadioSelect,
        initial="fakta",
    )
    text = forms.CharField(label="Text", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    source = forms.CharField(label="Källa", required=False, max_length=200)
    entry_date = forms.DateField(label="Datum", widget=DateInput, initial=timezone.localdate)
    pnr_choice = forms.ChoiceField(
        choices=[("", ""), ("replace", "replace"), ("keep", "keep")], required=False, widget=forms.HiddenInput
    )
    personnummer_found = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = entry_topic_choices()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._guard(cleaned)
        return cleaned


class EventFilterForm(forms.Form):
    q = forms.CharField(label="Sök", required=False)
    kind = forms.ChoiceField(label="Typ", choices=[("", "Alla typer"), *EventKind.choices], required=False)
    unit = forms.ModelChoiceField(
        label="Enhet (med underenheter)", queryset=Unit.objects.none(), required=False, empty_label="Alla enheter"
    )
    state = forms.ChoiceField(label="Status", choices=[("", "Alla")], required=False)
    category = forms.ModelChoiceField(
        label="Kategori", queryset=Category.objects.all(), required=False, empty_label="Alla kategorier"
    )
    reported_from = forms.DateField(label="Rapporterad från", required=False, widget=DateInput)
    reported_to = forms.DateField(label="till", required=False, widget=DateInput)
    overdue = forms.BooleanField(label="Bara försenade", required=False)
    open_only = forms.BooleanField(label="Bara öppna", required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=scope_unit_ids(user, "event.view"))
        states: dict[str, str] = {}
        for kind in EventKind.values:  # the event kinds only, not other apps' workflows
            for code, state in workflow(kind).states.items():
                states.setdefault(code, state.label)
        self.fields["state"].choices = [("", "Alla"), *sorted(states.items(), key=lambda kv: kv[1])]


class IvoContentForm(PersonnummerGuardMixin, forms.Form):
    """IVO's questions; the fields are declared once in tillit.events.ivo.CONTENT_FIELDS."""

    pnr_choice = forms.ChoiceField(
        choices=[("", ""), ("replace", "replace"), ("keep", "keep")], required=False, widget=forms.HiddenInput
    )
    personnummer_found = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, label, _ in CONTENT_FIELDS:
            self.fields[key] = forms.CharField(
                label=label, required=key in ("handelse", "kontaktperson"), widget=forms.Textarea(attrs={"rows": 4})
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._guard(cleaned)
        return cleaned

    def content(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k != "pnr_choice"}


class IvoSentForm(forms.Form):
    sent_on = forms.DateField(label="Skickad den", widget=DateInput, initial=timezone.localdate)
    channel = forms.ChoiceField(label="Hur skickades den?", choices=IvoChannel.choices, widget=forms.RadioSelect)

    def clean_sent_on(self):
        value = self.cleaned_data["sent_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("Datumet kan inte ligga i framtiden.")
        return value


class KompletteringForm(PersonnummerGuardMixin, forms.Form):
    text = forms.CharField(label="Komplettering", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)


class PublicReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Vad vill du lämna?",
        choices=[
            ("klagomal", "Klagomål – något har inte fungerat som det ska"),
            ("synpunkt", "Synpunkt – ett förslag eller annan återkoppling"),
            ("avvikelse", "Avvikelse – för personal hos utförare och vikarier"),
        ],
        widget=forms.RadioSelect,
    )
    unit = forms.ModelChoiceField(
        label="Vilken verksamhet gäller det?",
        queryset=Unit.objects.filter(closed_on__isnull=True).exclude(level="forvaltning"),
        empty_label="Välj verksamhet",
    )
    occurred_on = forms.DateField(label="När hände det?", required=False, widget=DateInput)
    description = forms.CharField(
        label="Berätta vad det gäller", widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    anonymous = forms.BooleanField(
        label="Jag vill vara anonym",
        required=False,
        help_text="Du får en kod som du kan använda för att läsa svaret och lämna mer information.",
    )
    contact_name = forms.CharField(label="Ditt namn", required=False, max_length=200)
    contact_details = forms.CharField(label="Telefon eller e-post", required=False, max_length=200)
    # A honeypot: hidden from people by CSS, filled in by robots.
    website = forms.CharField(label="Lämna detta fält tomt", required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def clean_occurred_on(self):
        value = self.cleaned_data.get("occurred_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError("Datumet kan inte ligga i framtiden.")
        return value


class ReceiptForm(forms.Form):
    code = forms.CharField(label="Din kod", max_length=40, widget=forms.TextInput(attrs={"autocomplete": "off"}))


class PublicMessageForm(forms.Form):
    """The reporter's message (public: a personnummer is replaced by the service, and the sender told)."""

    text = forms.CharField(label="Lägg till information", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    sent = False
    personnummer_removed = False


class StaffMessageForm(PersonnummerGuardMixin, forms.Form):
    """A message from staff to the reporter of a public-form case."""

    text = forms.CharField(
        label="Meddelande till anmälaren", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Bifoga fil", help_text="PDF, bild, Excel, Word eller text. Högst 10 MB.")


class CategoryForm(PersonnummerGuardMixin, forms.Form):
    label = forms.CharField(label="Benämning", max_length=120)


class PatientInformationForm(forms.ModelForm):
    """The date and who was informed, and a tick box per item of the checklist template (the
    version the record answered, else the newest); `checklist()` gives item code → ticked."""

    class Meta:
        model = PatientInformation
        fields = ["informed_on", "informed_relative"]
        widgets = {"informed_on": DateInput}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        info = self.instance if self.instance.pk else None
        template = info.assessment.template if info is not None and info.assessment_id else patient_checklist()
        values = patient_information_values(info)
        self.item_codes = []
        for item in template_questions(template):
            reference = item.ref + (" (referensen är inte bekräftad)" if item.reference_unconfirmed else "")
            self.fields[item.code] = forms.BooleanField(
                label=item.text,
                required=False,
                initial=values.get(item.code, False),
                help_text=" ".join(filter(None, [item.guidance, reference])),
            )
            self.item_codes.append(item.code)

    def checklist(self) -> dict[str, bool]:
        return {code: self.cleaned_data[code] for code in self.item_codes}


class ClassifyForm(forms.Form):
    category = forms.ModelChoiceField(
        label="Kategori", queryset=Category.objects.filter(retired=False), required=False, empty_label="Ingen kategori"
    )

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["god_vard_area"] = code_field(
            GOD_VARD_AREA,
            label="Område (God vård och omsorg)",
            keep=event.god_vard_area,
            required=False,
            empty="Inte angivet",
        )


class CausesForm(forms.Form):
    """The causes an investigation found (values in use, plus those the case already has)."""

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = list(event.causes.all())
        self.fields["causes"] = TermsField(CAUSE, label="Orsaker", keep=[t.code for t in current])
        if not self.is_bound:
            self.initial["causes"] = current


class CitedRoutinesForm(forms.Form):
    """The routines an investigation found were not followed (fastställda routines of the unit)."""

    def __init__(self, *args, event: Event, **kwargs) -> None:
        from tillit.events.routines import routine_choices

        super().__init__(*args, **kwargs)
        self.fields["routines"] = forms.ModelMultipleChoiceField(
            label="Rutiner som inte följts",
            queryset=routine_choices(event),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="De fastställda rutiner som gäller i enheten.",
        )
        if not self.is_bound:
            self.initial["routines"] = list(event.cited_routines.all())


class ChannelForm(forms.Form):
    """How a klagomål or synpunkt reached the förvaltning (its current value kept even if not choosable)."""

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(c.value, c.label) for c in CHOOSABLE_CHANNELS]
        if event.channel not in CHOOSABLE_CHANNELS:
            choices.insert(0, (event.channel, event.get_channel_display()))
        self.fields["channel"] = forms.ChoiceField(label="Kanal", choices=choices, initial=event.channel)


class PurchaserSubmissionForm(forms.Form):
    """The provider's submission of a finished lex Sarah investigation to the purchasing municipality."""

    summary = forms.CharField(
        label="Sammanfattning av utredningen",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=8000,
        help_text="Vad som hänt, orsaker och risk för upprepning – utan namn eller andra personuppgifter.",
    )
    position = forms.CharField(
        label="Utförarens ställningstagande", widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
    measures = forms.CharField(
        label="Åtgärder", widget=forms.Textarea(attrs={"rows": 3}), max_length=8000, required=False
    )
    confirmed = forms.BooleanField(
        label="Jag har kontrollerat att texten inte innehåller namn eller andra personuppgifter",
        required=False,
    )

from __future__ import annotations

from django import forms
from django.utils import timezone

from tillit.accounts.models import User
from tillit.assessments.models import AssessmentTemplate
from tillit.assessments.sampling import SEED_MAX, parse_population
from tillit.core.forms import PersonnummerGuardMixin
from tillit.org.models import Unit


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name}, {obj.title}" if obj.title else obj.display_name


class AssessmentForm(PersonnummerGuardMixin, forms.Form):
    unguarded_fields = ("population",)  # refuses anything shaped like a personnummer itself

    title = forms.CharField(label="Rubrik", max_length=200)
    unit = forms.ModelChoiceField(label="Enhet", queryset=Unit.objects.none())
    performed_on = forms.DateField(label="Datum", widget=forms.DateInput(attrs={"type": "date"}))
    performer = UserChoiceField(label="Genomförs av", queryset=User.objects.none())

    def __init__(self, *args, template: AssessmentTemplate, units, performers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.fields["unit"].queryset = units
        self.fields["performer"].queryset = performers
        self.fields["performed_on"].initial = timezone.localdate()
        self.fields["title"].initial = f"{template.title} {timezone.localdate():%Y}"
        if template.samples_cases:
            self.fields["population"] = forms.CharField(
                label="Population",
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Antalet ärenden (t.ex. 120, numrerade i enhetens lista) eller ärendenumren, ett per rad. "
                "Aldrig namn eller personnummer.",
            )
            self.fields["sample_size"] = forms.IntegerField(
                label="Urvalets storlek (antal)", min_value=1, required=False
            )
            self.fields["sample_share"] = forms.IntegerField(
                label="eller andel (procent)", min_value=1, max_value=100, required=False
            )
            self.fields["seed"] = forms.IntegerField(
                label="Slumpfrö",
                min_value=1,
                max_value=SEED_MAX,
                required=False,
                help_text="Lämna tomt för ett nytt. Samma frö och population ger samma urval.",
            )

    def clean_population(self) -> str:
        text = self.cleaned_data["population"]
        if errors := parse_population(text).errors:
            raise forms.ValidationError(errors)
        return text

    def clean(self):
        data = super().clean()
        if self.template.samples_cases and not self.errors:
            if data.get("sample_size") is None and data.get("sample_share") is None:
                self.add_error("sample_size", "Ange urvalets storlek som antal eller andel.")
            elif data.get("sample_size") is not None and data.get("sample_share") is not None:
                self.add_error("sample_share", "Ange antingen antal eller andel, inte båda.")
        return data


class AnswerForm(PersonnummerGuardMixin, forms.Form):
    value = forms.ChoiceField(label="Svar", widget=forms.RadioSelect)
    comment = forms.CharField(
        label="Kommentar",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Inga namn eller personnummer.",
    )

    def __init__(self, *args, choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = choices


class EvidenceForm(PersonnummerGuardMixin, forms.Form):
    """A web address, or (when `targets` are given) an object in Tillit from the registered
    evidence sources (`tillit.assessments.evidence`): a styrande dokument, a process …"""

    label = forms.CharField(label="Underlag", max_length=200)
    url = forms.URLField(label="Länk", max_length=500, assume_scheme="https")
    target = forms.ChoiceField(label="Eller ett underlag i Tillit", required=False)

    def __init__(self, *args, targets=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if targets:
            self.fields["url"].required = False
            self.fields["target"].choices = [("", "Välj underlag"), *targets]
        else:
            del self.fields["target"]

    def clean(self):
        data = super().clean()
        only_one = bool(data.get("url")) != bool(data.get("target"))
        if "target" in self.fields and not self.errors and not only_one:
            raise forms.ValidationError("Ange antingen en länk eller välj ett underlag i Tillit.")
        return data

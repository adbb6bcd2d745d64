from __future__ import annotations

from django import forms
from django.utils import timezone

from tillit.assessments.sampling import SEED_MAX, parse_population
from tillit.core.forms import DateInput, PersonChoiceField, PersonnummerGuardMixin
from tillit.org.models import Unit
from tillit.self_inspection.models import MONTHS, Method


class ProgrammeForm(PersonnummerGuardMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Enhet", queryset=Unit.objects.none())
    year = forms.IntegerField(label="År", min_value=2000, max_value=2100)
    title = forms.CharField(
        label="Rubrik", max_length=200, required=False, help_text="Lämnas tom: ”Egenkontrollprogram år – enhet”."
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ItemForm(PersonnummerGuardMixin, forms.Form):
    code = forms.CharField(label="Kod", max_length=40, required=False, help_text="Lämnas tom numreras kontrollen.")
    title = forms.CharField(label="Vad kontrolleras", max_length=300)
    method = forms.ChoiceField(label="Metod", choices=Method.choices)
    template = forms.ModelChoiceField(
        label="Mall med kriterier",
        queryset=None,
        required=False,
        help_text="Krävs för journal-/aktgranskning: kriterierna som besvaras för varje ärende.",
    )
    frequency = forms.CharField(label="Hur ofta", max_length=100, required=False)
    responsible = forms.CharField(label="Ansvarig", max_length=200, required=False, help_text="En roll, inte ett namn.")
    months = forms.TypedMultipleChoiceField(
        label="Månader",
        choices=[(i, name) for i, name in enumerate(MONTHS, start=1)],
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Varje månad blir en omgång i kalendern, klar senast månadens sista dag.",
    )

    def __init__(self, *args, templates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class AdoptForm(PersonnummerGuardMixin, forms.Form):
    decision_reference = forms.CharField(label="Nämndens beslut", max_length=100, help_text="T.ex. ”SN § 88”.")


class RoundStartForm(PersonnummerGuardMixin, forms.Form):
    unguarded_fields = ("population",)  # refuses anything shaped like a personnummer itself

    performed_on = forms.DateField(label="Datum", widget=DateInput)
    performer = PersonChoiceField(label="Granskas av", queryset=None)
    population = forms.CharField(
        label="Population",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Antalet ärenden (t.ex. 120, numrerade i enhetens lista) eller ärendenumren från "
        "verksamhetssystemet, ett per rad. Aldrig namn eller personnummer.",
    )
    sample_size = forms.IntegerField(label="Urvalets storlek (antal)", min_value=1, required=False)
    sample_share = forms.IntegerField(label="eller andel (procent)", min_value=1, max_value=100, required=False)
    seed = forms.IntegerField(
        label="Slumpfrö",
        min_value=1,
        max_value=SEED_MAX,
        required=False,
        help_text="Lämna tomt för ett nytt. Samma frö och population ger samma urval.",
    )

    def __init__(self, *args, performers, samples_cases: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.samples_cases = samples_cases
        self.fields["performer"].queryset = performers
        self.fields["performed_on"].initial = timezone.localdate()
        if not samples_cases:
            for name in ("population", "sample_size", "sample_share", "seed"):
                del self.fields[name]

    def clean_population(self) -> str:
        text = self.cleaned_data.get("population", "")
        if self.samples_cases and (errors := parse_population(text).errors):
            raise forms.ValidationError(errors)
        return text

    def clean(self):
        data = super().clean()
        if self.samples_cases and not self.errors:
            if data.get("sample_size") is None and data.get("sample_share") is None:
                self.add_error("sample_size", "Ange urvalets storlek som antal eller andel.")
            elif data.get("sample_size") is not None and data.get("sample_share") is not None:
                self.add_error("sample_share", "Ange antingen antal eller andel, inte båda.")
        return data


class RoundDoneForm(PersonnummerGuardMixin, forms.Form):
    done_on = forms.DateField(label="Genomförd", widget=DateInput)
    summary = forms.CharField(
        label="Vad visade kontrollen?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="En sammanfattning utan namn eller personnummer.",
    )

from __future__ import annotations

from django import forms

from tillit.core.forms import PersonnummerGuardMixin
from tillit.org.models import Provider, Unit, UnitLevel


class DateInput(forms.DateInput):
    input_type = "date"


def unit_label(unit: Unit) -> str:
    return f"{'— ' * unit.depth}{unit.name} ({unit.code})"


class UnitForm(PersonnummerGuardMixin, forms.Form):
    code = forms.CharField(label="Kod", max_length=64, help_text="Stabil kod, till exempel från ekonomisystemet.")
    name = forms.CharField(label="Namn", max_length=200)
    level = forms.ChoiceField(label="Nivå", choices=UnitLevel.choices, initial=UnitLevel.ENHET)
    parent = forms.ModelChoiceField(label="Överordnad enhet", queryset=Unit.objects.none(), required=False)
    provider = forms.ModelChoiceField(
        label="Utförare (vid köpt verksamhet)", queryset=Provider.objects.all(), required=False
    )
    municipality = forms.CharField(
        label="Kommun",
        max_length=200,
        required=False,
        help_text="Huvudmannen, till exempel ”Exempelby kommun”. Tomt: ärvs från enheten ovanför.",
    )
    namnd = forms.CharField(
        label="Nämnd",
        max_length=200,
        required=False,
        help_text="Ansvarig nämnd, till exempel ”Socialnämnden”. Tomt: ärvs från enheten ovanför.",
    )

    def __init__(self, *args, units=None, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units if units is not None else Unit.objects.none()
        self.fields["parent"].label_from_instance = unit_label
        if editing:
            # Code is an identity used by imports and integrations; moves have their own form.
            del self.fields["code"]
            del self.fields["parent"]
        else:
            # A new top-level unit would lie outside everyone's scope; new roots come with import_org.
            self.fields["parent"].required = True


class MoveForm(forms.Form):
    new_parent = forms.ModelChoiceField(label="Ny överordnad enhet", queryset=Unit.objects.none())

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = units if units is not None else Unit.objects.none()
        self.fields["new_parent"].label_from_instance = unit_label


class CloseForm(forms.Form):
    closed_on = forms.DateField(label="Stängd från och med", widget=DateInput)


class ProviderForm(PersonnummerGuardMixin, forms.Form):
    code = forms.SlugField(label="Kod", max_length=64)
    name = forms.CharField(label="Namn", max_length=200)


class ProviderTermsForm(forms.Form):
    """What the provider shares with the municipality as purchaser (defaults: common contract terms)."""

    share_lex_sarah_reports = forms.BooleanField(
        label="Underrätta kommunen när en lex Sarah-rapport tas emot (typ, enhet, datum, bedömning)", required=False
    )
    share_lex_sarah_investigations = forms.BooleanField(
        label="Lämna in färdiga lex Sarah-utredningar med ställningstagande", required=False
    )
    share_ivo_notifications = forms.BooleanField(label="Underrätta kommunen om anmälningar till IVO", required=False)
    submission_days = forms.IntegerField(
        label="Dagar att lämna in en färdig utredning (avtalsvillkor)", min_value=1, max_value=365
    )

"""Form fields that offer a scheme's values; and the settings page's forms."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from tillit.classification.models import Term
from tillit.classification.selectors import choices, offered
from tillit.core.forms import PersonnummerGuardMixin


def code_field(scheme: str, *, label: str, keep: str = "", required: bool = True, empty: str = "") -> forms.ChoiceField:
    """A choice of one code of `scheme` (in use, plus `keep`, the record's current code)."""
    values = choices(scheme, keep=[keep])
    return forms.ChoiceField(label=label, choices=[("", empty), *values] if empty else values, required=required)


class TermsField(forms.ModelMultipleChoiceField):
    """Several values of one scheme, as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, scheme: str, *, keep: Iterable[str] = (), **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(queryset=offered(scheme, keep=keep), **kwargs)


class TermAddForm(PersonnummerGuardMixin, forms.Form):
    label = forms.CharField(label="Benämning", max_length=120)


class TermChangeForm(PersonnummerGuardMixin, forms.ModelForm):
    class Meta:
        model = Term
        fields = ["label", "sort_order", "retired"]

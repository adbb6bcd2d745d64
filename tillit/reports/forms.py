from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from tillit.core.forms import PersonnummerGuardMixin
from tillit.org.access import scope_unit_ids
from tillit.org.models import Unit, UnitLevel


class DateInput(forms.DateInput):
    input_type = "date"


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(label="År", min_value=2000)
    scope = forms.ModelChoiceField(label="Omfattning", queryset=Unit.objects.none())

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        levels = Q(level__in=[UnitLevel.FORVALTNING, UnitLevel.AVDELNING])
        if getattr(user, "provider_id", None) is not None:
            # A provider (the operator of its units) makes its own report for any of its units.
            levels |= Q(provider_id=user.provider_id)
        self.fields["scope"].queryset = Unit.objects.filter(levels, pk__in=scope_unit_ids(user, "report.edit"))
        self.fields["year"].max_value = timezone.localdate().year
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year - 1)  # the last full year
            first = self.fields["scope"].queryset.order_by("depth").first()
            if first:
                self.initial.setdefault("scope", first.pk)


class SectionForm(PersonnummerGuardMixin, forms.Form):
    text = forms.CharField(
        label="Text", widget=forms.Textarea(attrs={"rows": 16}), required=False, help_text="Tom rad mellan stycken."
    )


class AdoptForm(PersonnummerGuardMixin, forms.Form):
    decision_date = forms.DateField(label="Nämndens beslutsdatum", widget=DateInput)
    decision_reference = forms.CharField(label="Paragraf", max_length=40, help_text="Till exempel SN § 88")

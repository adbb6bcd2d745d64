from __future__ import annotations

from django import forms

from tillit.org.models import Unit


class IntegrationForm(forms.Form):
    name = forms.CharField(label="Namn på systemet", max_length=120)
    units = forms.ModelMultipleChoiceField(
        label="Enheter (integrationen gäller även enheter under dem)",
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Välj minst en enhet."},
    )
    can_read = forms.BooleanField(
        label="Får läsa händelser (med fritext) i enheterna, inte bara rapportera", required=False
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units if units is not None else Unit.objects.none()
        self.fields["units"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name} ({u.code})"

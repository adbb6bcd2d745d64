"""Form widgets and fields shared by every app's forms."""

from __future__ import annotations

from typing import Any

from django import forms

from tillit.core.privacy import find_personnummer, redact_personnummer


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class PersonChoiceField(forms.ModelChoiceField):
    """Shows people by name and title, not by login name."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name}, {obj.title}" if obj.title else obj.display_name


PNR_CHOICE_FIELD = "pnr_choice"
PNR_REPLACE, PNR_KEEP = "replace", "keep"


class PersonnummerGuardMixin:
    """The one personnummer guard for forms with free text (put it before `forms.Form`).

    Every visible text field of the form is checked (except those named in `unguarded_fields`):
    when one holds a valid personnummer or samordningsnummer, the form is invalid and asks the
    writer to choose — replace it with a placeholder, or keep it where the identity is needed
    (an IVO-anmälan, a reply to the person concerned). Nothing typed is lost either way. The
    templates `core/partials/form_fields.html` and `events/partials/form_fields.html` show the two
    buttons (`personnummer_found`); the choice comes back in the hidden field `pnr_choice`, which
    is not part of `cleaned_data`.
    """

    unguarded_fields: tuple[str, ...] = ()
    personnummer_found = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields.setdefault(
            PNR_CHOICE_FIELD,
            forms.ChoiceField(
                choices=[("", ""), (PNR_REPLACE, PNR_REPLACE), (PNR_KEEP, PNR_KEEP)],
                required=False,
                widget=forms.HiddenInput,
            ),
        )

    def guarded_field_names(self) -> list[str]:
        return [
            name
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
            and not field.widget.is_hidden
            and name not in self.unguarded_fields
            and name != PNR_CHOICE_FIELD
        ]

    def full_clean(self) -> None:
        self._personnummer_guarded = False
        super().full_clean()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._guard(cleaned)
        return cleaned

    def _guard(self, cleaned: dict[str, Any]) -> None:
        if getattr(self, "_personnummer_guarded", False):
            return  # forms that call the guard from their own clean() as well
        self._personnummer_guarded = True
        choice = cleaned.pop(PNR_CHOICE_FIELD, "")
        found = [n for n in self.guarded_field_names() if find_personnummer(_text(cleaned.get(n)))]
        if not found:
            return
        if choice == PNR_REPLACE:
            for name in found:
                cleaned[name] = redact_personnummer(cleaned[name])
        elif choice != PNR_KEEP:
            self.personnummer_found = True
            labels = ", ".join(f"”{self[n].label}”" for n in found)
            raise forms.ValidationError(
                f"Texten i {labels} innehåller ett personnummer. Behövs det verkligen? Välj att ersätta det "
                "med en platshållare eller att behålla det.",
                code="personnummer",
            )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""

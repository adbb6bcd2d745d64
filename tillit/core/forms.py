"""Form widgets and fields shared by every app's forms."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class PersonChoiceField(forms.ModelChoiceField):
    """Shows people by name and title, not by login name."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name}, {obj.title}" if obj.title else obj.display_name

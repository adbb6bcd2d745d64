"""PersonnummerGuardMixin on a plain form: every visible text field, the choice, nothing else touched."""

from django import forms

from tillit.core.forms import PersonnummerGuardMixin
from tillit.core.privacy import PLACEHOLDER


class NoteForm(PersonnummerGuardMixin, forms.Form):
    title = forms.CharField(required=False)
    text = forms.CharField(widget=forms.Textarea, required=False)
    code = forms.CharField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    count = forms.IntegerField(required=False)
    unguarded_fields = ("code",)


def test_every_visible_text_field_is_checked_and_the_fields_are_named():
    form = NoteForm({"title": "121212-1212", "text": "ok"})
    assert not form.is_valid() and form.personnummer_found
    assert "”Title”" in form.non_field_errors()[0]
    form = NoteForm({"text": "Se 19121212 1212"})
    assert not form.is_valid() and "”Text”" in form.non_field_errors()[0]


def test_hidden_and_unguarded_fields_are_left_alone():
    form = NoteForm({"code": "121212-1212", "hidden": "121212-1212", "count": "1212121212"})
    assert form.is_valid(), form.errors


def test_replace_and_keep_and_the_choice_is_not_in_cleaned_data():
    form = NoteForm({"text": "Se 121212-1212 och 121212-1212.", "pnr_choice": "replace"})
    assert form.is_valid()
    assert form.cleaned_data["text"] == f"Se {PLACEHOLDER} och {PLACEHOLDER}."
    assert "pnr_choice" not in form.cleaned_data
    form = NoteForm({"text": "Se 121212-1212", "pnr_choice": "keep"})
    assert form.is_valid() and form.cleaned_data["text"] == "Se 121212-1212"


def test_a_prefixed_form_takes_its_choice_from_its_own_field():
    form = NoteForm({"p1-text": "Se 121212-1212", "p1-pnr_choice": "replace"}, prefix="p1")
    assert form.is_valid() and form["pnr_choice"].html_name == "p1-pnr_choice"

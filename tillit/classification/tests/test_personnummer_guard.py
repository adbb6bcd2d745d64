"""Classification labels are free text: the personnummer guard applies."""

from tillit.classification.forms import TermAddForm


def test_term_label_is_guarded():
    form = TermAddForm({"label": "Fall 121212-1212"})
    assert not form.is_valid() and "personnummer" in " ".join(form.non_field_errors())
    assert TermAddForm({"label": "Fall i badrum"}).is_valid()

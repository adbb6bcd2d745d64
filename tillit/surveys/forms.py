"""Forms of the survey builder, the distribution pages and the answer pages."""

from __future__ import annotations

from django import forms

from tillit.core.forms import DateInput, PersonnummerGuardMixin
from tillit.org.models import Unit
from tillit.surveys.models import Question, QuestionType, SurveyKind, SurveyMode
from tillit.surveys.questions import WITH_OWN_OPTIONS, options_text, parse_options
from tillit.surveys.questions import options as question_options


class SurveyForm(PersonnummerGuardMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Ansvarig enhet", queryset=Unit.objects.none())
    title = forms.CharField(label="Rubrik", max_length=200)
    code = forms.SlugField(
        label="Kod", max_length=60, help_text="Samma kod varje år, t.ex. brukarundersokning-hemtjanst."
    )
    kind = forms.ChoiceField(label="Typ", choices=[c for c in SurveyKind.choices if c[0] != SurveyKind.NATIONELL])
    year = forms.IntegerField(label="År", min_value=2000, max_value=2100)
    round = forms.IntegerField(label="Omgång", min_value=1, max_value=50, initial=1)
    mode = forms.ChoiceField(
        label="Distribution",
        choices=[c for c in SurveyMode.choices if c[0] != SurveyMode.IMPORTED],
        widget=forms.RadioSelect,
    )
    legal_basis = forms.CharField(
        label="Rättslig grund (identifierad enkät)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Krävs när svaren får kopplas till inbjudna medarbetare.",
    )
    intro = forms.CharField(
        label="Inledning till den som svarar", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_on = forms.DateField(label="Öppnar", required=False, widget=DateInput)
    closes_on = forms.DateField(label="Stänger", required=False, widget=DateInput)
    reminder_days = forms.IntegerField(
        label="Påminn var N:e dag (identifierad enkät)",
        min_value=1,
        max_value=60,
        required=False,
        help_text="Inbjudna som inte har svarat påminns i inkorgen. Lämna tomt för att påminna för hand.",
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class SurveyEditForm(SurveyForm):
    """The fields that may change after creation (the questions are locked by answers instead)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("unit", "code", "year", "round", "mode"):
            del self.fields[name]


class SectionForm(PersonnummerGuardMixin, forms.Form):
    title = forms.CharField(label="Avsnittets rubrik", max_length=200)
    intro = forms.CharField(label="Text före frågorna", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class QuestionForm(PersonnummerGuardMixin, forms.Form):
    section = forms.TypedChoiceField(label="Avsnitt", coerce=int)
    text = forms.CharField(label="Fråga", widget=forms.Textarea(attrs={"rows": 2}))
    code = forms.SlugField(
        label="Kod", max_length=60, help_text="Samma kod som förra omgången och riket gör frågorna jämförbara."
    )
    qtype = forms.ChoiceField(label="Frågetyp", choices=QuestionType.choices)
    options = forms.CharField(
        label="Svarsalternativ (ett per rad)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="För ett eller flera val och målgrupp: ”kod; text” eller bara texten.",
    )
    help_text = forms.CharField(label="Hjälptext", max_length=300, required=False)
    required = forms.BooleanField(label="Måste besvaras", required=False)
    condition = forms.ChoiceField(label="Visas bara om", required=False)

    def __init__(self, *args, survey, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s.pk, s.title) for s in survey.sections.all()]
        conditions = [("", "Visas alltid")]
        for question in survey.questions.exclude(qtype__in=[QuestionType.TEXT, QuestionType.NUMBER]):
            for code, label in question_options(question):
                conditions.append((f"{question.pk}:{code}", f"{question.text[:60]} = {label}"))
        self.fields["condition"].choices = conditions
        self.survey = survey

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        section = self.survey.sections.get(pk=data.pop("section"))
        condition = data.pop("condition")
        question_id, _, value = condition.partition(":")
        data["options"] = parse_options(data["options"])
        data["condition_question"] = self.survey.questions.filter(pk=question_id).first() if question_id else None
        data["condition_value"] = value
        return {"section": section, **data}


class SectionEditForm(SectionForm):
    title = forms.CharField(label="Rubrik", max_length=200)


class QuestionEditForm(QuestionForm):
    """A question's text, help text, options (choice questions with their own options), whether it
    must be answered and its condition. The code and type stay: they make rounds comparable."""

    def __init__(self, *args, survey, question: Question, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "text": question.text,
                "help_text": question.help_text,
                "options": options_text(question),
                "required": question.required,
                "condition": (
                    f"{question.condition_question_id}:{question.condition_value}"
                    if question.condition_question_id
                    else ""
                ),
            },
        )
        super().__init__(*args, survey=survey, **kwargs)
        self.question = question
        for name in ("section", "code", "qtype"):
            del self.fields[name]
        if question.qtype not in WITH_OWN_OPTIONS:
            del self.fields["options"]
        prefix = f"{question.pk}:"
        self.fields["condition"].choices = [c for c in self.fields["condition"].choices if not c[0].startswith(prefix)]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        condition = data.pop("condition")
        question_id, _, value = condition.partition(":")
        if "options" in data:
            data["options"] = parse_options(data["options"])
        data["condition_question"] = self.survey.questions.filter(pk=question_id).first() if question_id else None
        data["condition_value"] = value
        return {"question": self.question, **data}


class TokensForm(forms.Form):
    unit = forms.ModelChoiceField(label="Enhet", queryset=Unit.objects.none())
    count = forms.IntegerField(label="Antal koder", min_value=1, max_value=5000)

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class InvitedForm(TokensForm):
    count = forms.IntegerField(label="Antal inbjudna", min_value=0, max_value=100000)


class StaffInviteForm(forms.Form):
    unit = forms.ModelChoiceField(label="Enhet (alla medarbetare med en roll där)", queryset=Unit.objects.none())

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Din kod",
        max_length=40,
        help_text="Koden står i brevet du har fått.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    token = forms.CharField(widget=forms.HiddenInput)


class AnswerPageForm(forms.Form):
    """One page of a survey: one field per shown question (radio buttons, checkboxes, a number or a
    text), each rendered as a fieldset with a legend or a labelled input."""

    def __init__(self, *args, questions: list[Question], unit_options: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.code] = self._field(question, unit_options)

    @staticmethod
    def _field(question: Question, unit_options) -> forms.Field:
        common = {"label": question.text, "required": question.required, "help_text": question.help_text}
        if question.qtype == QuestionType.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=question_options(question), widget=forms.CheckboxSelectMultiple, **common
            )
        if question.qtype == QuestionType.NUMBER:
            return forms.IntegerField(min_value=0, max_value=1_000_000, **common)
        if question.qtype == QuestionType.TEXT:
            return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **common)
        return forms.ChoiceField(choices=question_options(question, unit_options), widget=forms.RadioSelect, **common)

    def answers(self) -> dict[str, object]:
        found = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.code)
            if value in (None, "", []):
                continue
            found[question.code] = [str(v) for v in value] if isinstance(value, list) else str(value)
        return found

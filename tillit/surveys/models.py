"""Enkäter och brukarundersökningar: surveys with sections and questions, invitations per unit,
single-use codes (stored hashed), responses, and results imported from elsewhere.

Anonymity: a `Response` has no foreign key to `SurveyToken` and holds no value that could be matched
with one (no code, no hash, no time of day: only the date). A token keeps only its `answered` flag.
While an answer is in progress with a code, its answers sit in `TokenDraft` (linked to the token,
so that it can be continued later); on submission the draft is turned into an unlinked `Response`
and deleted. `tillit/surveys/tests/test_anonymity.py` proves that no join path exists.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tillit.org.models import Unit


class SurveyKind(models.TextChoices):
    BRUKARUNDERSOKNING = "brukarundersokning", "Brukarundersökning"
    PERSONALENKAT = "personalenkat", "Personalenkät"
    MALGRUPP = "malgruppsundersokning", "Målgruppsundersökning"
    NATIONELL = "nationell", "Nationell undersökning (importerad)"
    OVRIG = "ovrig", "Övrig enkät"


class SurveyMode(models.TextChoices):
    OPEN_LINK = "oppen_lank", "Öppen länk (vem som helst med länken)"
    TOKENS = "koder", "Anonyma koder (en kod per inbjuden)"
    IDENTIFIED = "identifierad", "Identifierad (inbjudna medarbetare loggar in)"
    IMPORTED = "importerad", "Importerade resultat"


class SurveyStatus(models.TextChoices):
    UTKAST = "utkast", "Utkast"
    OPPEN = "oppen", "Öppen för svar"
    STANGD = "stangd", "Stängd"


class Survey(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="ansvarig enhet")
    code = models.SlugField(
        "kod", max_length=60, help_text="Samma kod för varje omgång av samma enkät (jämförelse mellan år)."
    )
    title = models.CharField("rubrik", max_length=200)
    kind = models.CharField("typ", max_length=24, choices=SurveyKind.choices, default=SurveyKind.BRUKARUNDERSOKNING)
    year = models.PositiveIntegerField("år")
    round = models.PositiveSmallIntegerField("omgång", default=1)
    intro = models.TextField("inledning till den som svarar", blank=True)
    mode = models.CharField("distribution", max_length=16, choices=SurveyMode.choices, default=SurveyMode.TOKENS)
    legal_basis = models.TextField(
        "rättslig grund",
        blank=True,
        help_text="Krävs för identifierade enkäter: varför svaren får kopplas till inbjudna personer.",
    )
    opens_on = models.DateField("öppnar", null=True, blank=True)
    closes_on = models.DateField("stänger", null=True, blank=True)
    reminder_days = models.PositiveSmallIntegerField(
        "påminn var N:e dag",
        null=True,
        blank=True,
        help_text="Identifierad enkät: inbjudna som inte har svarat påminns i inkorgen med detta intervall.",
    )
    status = models.CharField("status", max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.UTKAST)
    public_key = models.CharField(max_length=32, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-round", "title"]
        constraints = [models.UniqueConstraint(fields=["code", "year", "round"], name="survey_code_year_round")]
        verbose_name = "enkät"
        verbose_name_plural = "enkäter"

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    @property
    def reference(self) -> str:
        return f"{self.title} {self.year}" + (f" (omgång {self.round})" if self.round > 1 else "")


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField("rubrik", max_length=200)
    intro = models.TextField("text", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class QuestionType(models.TextChoices):
    LIKERT5 = "likert5", "Skala 1–5 med ”vet ej / ingen åsikt”"
    YES_NO = "ja_nej", "Ja / nej"
    SINGLE = "ett_val", "Ett svarsalternativ"
    MULTIPLE = "flera_val", "Flera svarsalternativ"
    NUMBER = "tal", "Tal"
    TEXT = "fritext", "Fritext"
    CONSENT = "samtycke", "Samtycke (nej avslutar enkäten)"
    GENDER = "kon", "Bakgrund: kön"
    AGE_BAND = "alder", "Bakgrund: åldersgrupp"
    TARGET_GROUP = "malgrupp", "Bakgrund: målgrupp"
    UNIT = "enhet", "Bakgrund: enhet"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(
        "kod", max_length=60, help_text="Samma kod = samma fråga vid jämförelse med förra omgången och riket."
    )
    text = models.TextField("fråga")
    help_text = models.CharField("hjälptext", max_length=300, blank=True)
    qtype = models.CharField("frågetyp", max_length=12, choices=QuestionType.choices)
    options = models.JSONField("svarsalternativ", default=list, blank=True)  # [[code, label], …] where chosen
    required = models.BooleanField("måste besvaras", default=False)
    condition_question = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="visas bara om"
    )
    condition_value = models.CharField("har svaret", max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["section__position", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="survey_question_code")]

    def __str__(self) -> str:
        return self.text


class UnitInvitation(models.Model):
    """How many were invited in a unit (the denominator of its response rate): the number of codes
    generated there, or a number entered for an open link."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    invited = models.PositiveIntegerField("antal inbjudna", default=0)

    class Meta:
        ordering = ["unit__name"]
        constraints = [models.UniqueConstraint(fields=["survey", "unit"], name="survey_unit_invitation")]


class SurveyToken(models.Model):
    """One single-use code. The code itself is kept only as a hash (for lookup) and sealed with the
    server's key for the letters and the reminder list (cleared when the survey closes)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField("löpnummer")
    code_hash = models.CharField(max_length=64, unique=True)
    sealed_code = models.TextField(blank=True)
    invitee = models.ForeignKey(  # identified staff surveys only
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answered = models.BooleanField("har svarat", default=False)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="survey_token_number")]


class TokenDraft(models.Model):
    """An answer in progress with a code (continued later with the same code until the survey
    closes). Deleted when the answer is submitted: the submitted `Response` keeps no link."""

    token = models.OneToOneField(SurveyToken, on_delete=models.CASCADE, related_name="draft")
    answers = models.JSONField(default=dict)
    page = models.PositiveSmallIntegerField(default=0)


class Response(models.Model):
    """A submitted answer. Deliberately no link to a token or invitee and no time of day."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField()
    declined = models.BooleanField("avböjde (samtycke nej)", default=False)

    class Meta:
        indexes = [models.Index(fields=["survey", "unit"])]


class ResponseAnswer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(max_length=40, blank=True)  # option code (one row per chosen option) or number
    text = models.TextField(blank=True)  # free text (personnummer replaced on the public path)

    class Meta:
        indexes = [models.Index(fields=["question", "value"])]


class Positive(models.TextChoices):
    JA = "ja", "Positivt"
    NEJ = "nej", "Inte positivt"
    VET_EJ = "vet_ej", "Vet ej (räknas inte)"


class ImportedInvitation(models.Model):
    """Response rates from another tool or a paper survey (`import_survey_invitations`)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="imported_invitations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    invited = models.PositiveIntegerField()
    answered = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "unit"], name="survey_imported_invitation")]


class ImportedResult(models.Model):
    """Answers per question and option from elsewhere (`import_survey_results`); `unit` empty means
    the national result (riket), compared with own questions of the same code."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="imported_results")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    question = models.CharField(max_length=60)
    option = models.CharField(max_length=100)
    count = models.PositiveIntegerField()
    positive = models.CharField(max_length=8, choices=Positive.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit", "question", "option"], name="survey_imported_result")
        ]

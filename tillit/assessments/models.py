"""The shared assessment core: versioned templates of items, assessments (rounds) in a unit, answers.

GAP analysis against a framework (SOSFS 2011:9), egenkontroll with journal-/aktgranskning,
internkontroll and contract follow-up are all "answer these items for this unit" with different
templates and answer scales. A template is a versioned tree (chapter → item); once established
(fastställd) it never changes: a new version is made by copying. An assessment answers each item
once, or once per sampled case where the method samples case files.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Meaning(models.TextChoices):
    """How an answer value counts in the shares: share met = met ÷ (met + not met)."""

    MET = "met", "Uppfyllt"
    NOT_MET = "not_met", "Ej uppfyllt"
    NOT_APPLICABLE = "not_applicable", "Ej tillämpligt"


class AnswerScale(models.Model):
    """The answer values of a template (e.g. GAP: uppfyllt / delvis / ej uppfyllt / ej tillämpligt)."""

    code = models.SlugField("kod", max_length=40, unique=True)
    name = models.CharField("namn", max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = "svarsskala"
        verbose_name_plural = "svarsskalor"

    def __str__(self) -> str:
        return self.name


class ScaleValue(models.Model):
    scale = models.ForeignKey(AnswerScale, on_delete=models.CASCADE, related_name="values")
    code = models.SlugField("kod", max_length=40)
    label = models.CharField("text", max_length=60)
    meaning = models.CharField("räknas som", max_length=16, choices=Meaning.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scale", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["scale", "code"], name="scale_value_code_unique")]

    def __str__(self) -> str:
        return self.label


class TemplateKind(models.TextChoices):
    GAP = "gap", "GAP-analys"
    EGENKONTROLL = "egenkontroll", "Egenkontroll"
    JOURNALGRANSKNING = "journalgranskning", "Journal-/aktgranskning"
    INTERNKONTROLL = "internkontroll", "Internkontroll"
    AVTAL = "avtal", "Avtalsuppföljning"
    # A checklist embedded in a record of another app (the lex Maria patient information, the lex
    # Sarah investigation topics): answered on that record's page, not as a round of its own.
    ARENDE = "arende", "Checklista i ärende"


class TemplateStatus(models.TextChoices):
    UTKAST = "utkast", "Utkast"
    FASTSTALLD = "faststalld", "Fastställd"


class AssessmentTemplate(models.Model):
    """One version of a template (framework, checklist). `code` is shared by all its versions."""

    code = models.CharField("kod", max_length=60)
    version = models.PositiveIntegerField("version", default=1)
    title = models.CharField("titel", max_length=200)
    kind = models.CharField("typ", max_length=24, choices=TemplateKind.choices)
    description = models.TextField("beskrivning", blank=True)
    scale = models.ForeignKey(AnswerScale, verbose_name="svarsskala", on_delete=models.PROTECT, related_name="+")
    samples_cases = models.BooleanField(
        "granskar ett urval av ärenden", default=False, help_text="Varje punkt besvaras för varje ärende i urvalet."
    )
    status = models.CharField("status", max_length=12, choices=TemplateStatus.choices, default=TemplateStatus.UTKAST)
    established_on = models.DateField("fastställd", null=True, blank=True)
    established_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = "mall"
        verbose_name_plural = "mallar"
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="template_code_version_unique")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:template_detail", args=[self.pk])

    @property
    def is_established(self) -> bool:
        return self.status == TemplateStatus.FASTSTALLD


class ItemType(models.TextChoices):
    KAPITEL = "kapitel", "Kapitel"  # a heading: groups items, is not answered
    FORESKRIFT = "foreskrift", "Föreskrift"
    ALLMANT_RAD = "allmant_rad", "Allmänt råd"
    FRAGA = "fraga", "Fråga"


class TemplateItem(models.Model):
    """A question, criterion or requirement; or a chapter heading that groups them."""

    template = models.ForeignKey(AssessmentTemplate, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children", verbose_name="kapitel"
    )
    ref = models.CharField("referens", max_length=60, help_text="T.ex. ”4 kap. 2 §”; unik inom mallen.")
    reference_confirmed = models.BooleanField(
        "referensen är bekräftad", default=False, help_text="Obekräftade referenser visas som sådana."
    )
    item_type = models.CharField("typ", max_length=16, choices=ItemType.choices, default=ItemType.FRAGA)
    code = models.SlugField(
        "kod",
        max_length=40,
        blank=True,
        help_text="Stabil kod för en app som läser mallen (samma i alla versioner); unik inom mallen.",
    )
    applies_when = models.SlugField(
        "gäller bara när",
        max_length=40,
        blank=True,
        help_text="Ett villkor på ärendet som appen som använder mallen prövar (t.ex. ”vardskada”).",
    )
    text = models.TextField("text")
    guidance = models.TextField("typiska underlag", blank=True)
    condition_item = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dependents",
        verbose_name="gäller bara om punkten",
    )
    condition_value = models.CharField("har svaret", max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["template", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "ref"], name="template_item_ref_unique"),
            models.UniqueConstraint(
                fields=["template", "code"], condition=~Q(code=""), name="template_item_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(condition_item__isnull=True, condition_value="")
                | Q(condition_item__isnull=False) & ~Q(condition_value=""),
                name="template_item_condition_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:60]}"

    @property
    def is_heading(self) -> bool:
        return self.item_type == ItemType.KAPITEL

    @property
    def reference_unconfirmed(self) -> bool:
        """A legal reference (föreskrift, allmänt råd) not yet checked against its source: shown as such."""
        return self.item_type in (ItemType.FORESKRIFT, ItemType.ALLMANT_RAD) and not self.reference_confirmed


class AssessmentStatus(models.TextChoices):
    PAGAR = "pagar", "Pågår"
    KLAR = "klar", "Klar"


class Assessment(models.Model):
    """A round: a template answered for a unit (its permission scope) on a date by a person."""

    template = models.ForeignKey(AssessmentTemplate, on_delete=models.PROTECT, related_name="assessments")
    unit = models.ForeignKey("org.Unit", verbose_name="enhet", on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField("rubrik", max_length=200)
    performed_on = models.DateField("datum")
    performer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="genomförs av", on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField("status", max_length=8, choices=AssessmentStatus.choices, default=AssessmentStatus.PAGAR)
    completed_on = models.DateField("klar", null=True, blank=True)
    # Sampling (only where the template samples cases). The population is a count (cases are then
    # numbered 1..N in the list the unit keeps) or a list of pseudonymous case numbers.
    population_count = models.PositiveIntegerField("antal ärenden i populationen", null=True, blank=True)
    population_cases = models.JSONField("ärendenummer i populationen", default=list, blank=True)
    sample_size = models.PositiveIntegerField("urvalets storlek", null=True, blank=True)
    seed = models.BigIntegerField("slumpfrö", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-performed_on", "-id"]
        verbose_name = "granskning"
        verbose_name_plural = "granskningar"
        indexes = [
            models.Index(fields=["performer", "status"], name="assessment_performer_status"),
            models.Index(fields=["unit", "template", "performed_on"], name="assessment_unit_template"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessments:assessment_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == AssessmentStatus.PAGAR


class SampledCase(models.Model):
    """One case in an assessment's random sample: a pseudonymous case number or a position 1..N."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="cases")
    position = models.PositiveIntegerField()  # order in the sample, 1..n
    case_number = models.CharField("ärendenummer", max_length=40, blank=True)
    population_index = models.PositiveIntegerField(null=True, blank=True)  # 1..N when the population is a count

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "position"], name="sampled_case_position_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.case_number or f"Ärende nr {self.population_index} i listan"


class Answer(models.Model):
    """One answer per item, or per item and sampled case. Holds no personal data by design; the
    comment is free text. It has a stable URL and label so that an åtgärd can point at it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="answers")
    case = models.ForeignKey(SampledCase, null=True, blank=True, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField("svar", max_length=40)
    comment = models.TextField("kommentar", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "case__position", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"], condition=Q(case__isnull=True), name="answer_one_per_item"
            ),
            models.UniqueConstraint(
                fields=["assessment", "item", "case"], condition=Q(case__isnull=False), name="answer_one_per_case_item"
            ),
        ]

    def __str__(self) -> str:
        return self.source_label

    def get_absolute_url(self) -> str:
        url = reverse("assessments:assessment_detail", args=[self.assessment_id])
        query = f"?fall={self.case.position}" if self.case_id else ""
        return f"{url}{query}#punkt-{self.item_id}"

    # The hook for åtgärder (a generic `source` on Action): where it points and what it is called.
    @property
    def source_label(self) -> str:
        case = f", {self.case.label}" if self.case_id else ""
        return f"{self.assessment.title}: {self.item.ref}{case}"

    @property
    def source_unit_id(self) -> int:
        return self.assessment.unit_id


class EvidenceLink(models.Model):
    """Evidence for an answer: a URL or any object in Tillit (a document, an event …), with a label."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    label = models.CharField("beskrivning", max_length=200)
    url = models.URLField("länk", max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(url="") & Q(content_type__isnull=True) & Q(object_id__isnull=True))
                | (Q(url="") & Q(content_type__isnull=False) & Q(object_id__isnull=False)),
                name="evidence_url_or_object",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def href(self) -> str:
        if self.url:
            return self.url
        from tillit.assessments.evidence import evidence_source

        content_type = ContentType.objects.get_for_id(self.content_type_id)
        if registered := evidence_source(f"{content_type.app_label}.{content_type.model}"):
            return registered.url(self.object_id)
        target = self.target
        return target.get_absolute_url() if target is not None and hasattr(target, "get_absolute_url") else ""

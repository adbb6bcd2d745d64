"""Händelser: avvikelser, lex Sarah, lex Maria, klagomål and synpunkter in one model family.

States and transitions are declared in `workflows.toml` (one workflow per kind, read by the shared
engine `tillit.workflow`); `Event.state` holds a state code of the event's kind's workflow and is
changed only by the engine's `transition` (`services.event_transition`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q

from tillit.classification.schemes import CAUSE, GOD_VARD_AREA
from tillit.classification.selectors import label
from tillit.workflow.declaration import workflow
from tillit.workflow.models import DeadlineBase, TransitionLogBase, WorkflowSubject


class EventKind(models.TextChoices):
    AVVIKELSE = "avvikelse", "Avvikelse"
    LEX_SARAH = "lex_sarah", "Lex Sarah"
    LEX_MARIA = "lex_maria", "Lex Maria"
    KLAGOMAL = "klagomal", "Klagomål"
    SYNPUNKT = "synpunkt", "Synpunkt"


class GodVardArea(models.TextChoices):
    """Socialstyrelsen's areas of God vård och omsorg, as seeded into `tillit.classification`
    (scheme "god_vard_area"). The values in use are data an administrator edits; this enum only
    names the seeded codes for code that needs one (demo data, tests)."""

    SJALVBESTAMMANDE = "sjalvbestammande", "Självbestämmande och integritet"
    HELHETSSYN = "helhetssyn", "Helhetssyn och samordning"
    TRYGGHET = "trygghet", "Trygghet och säkerhet"
    KUNSKAPSBASERAD = "kunskapsbaserad", "Kunskapsbaserad verksamhet"
    TILLGANGLIGHET = "tillganglighet", "Tillgänglighet"
    EFFEKTIVITET = "effektivitet", "Effektivitet"


class Channel(models.TextChoices):
    """How a klagomål or synpunkt reached the förvaltning (also used for the reporting form)."""

    WEBB = "webb", "Webb"
    EPOST = "epost", "E-post"
    BREV = "brev", "Brev"
    TELEFON = "telefon", "Telefon/muntligt"
    IVO = "ivo", "Via IVO"
    PATIENTNAMND = "patientnamnd", "Via patientnämnd"
    ALDREOMBUDSMAN = "aldreombudsman", "Via äldreombudsman"
    INTERN = "intern", "Intern rapport"
    API = "api", "Verksamhetssystem (API)"
    IMPORT = "import", "Import"


# The kinds whose channel matters (the report's breakdown) and the channels a person can choose for
# them; webb, API and import are set by the way the case arrived.
CHANNEL_KINDS = ("klagomal", "synpunkt")
CHOOSABLE_CHANNELS = (
    Channel.INTERN,
    Channel.TELEFON,
    Channel.BREV,
    Channel.EPOST,
    Channel.IVO,
    Channel.PATIENTNAMND,
    Channel.ALDREOMBUDSMAN,
)


class Outcome(models.TextChoices):
    """Outcome codes, shared with `import_events` and the kvalitetsberättelse figures."""

    UTREDD = "utredd", "Utredd"
    EJ_UTREDD = "ej_utredd", "Ej utredd"
    MISSFORHALLANDE = "missforhallande", "Missförhållande"
    RISK_FOR_MISSFORHALLANDE = "risk_for_missforhallande", "Påtaglig risk för missförhållande"
    EJ_MISSFORHALLANDE = "ej_missforhallande", "Ej missförhållande"
    OMVANDLAD_TILL_AVVIKELSE = "omvandlad_till_avvikelse", "Omvandlad till avvikelse"
    VARDSKADA = "vardskada", "Vårdskada"
    RISK_FOR_VARDSKADA = "risk_for_vardskada", "Risk för vårdskada"
    EJ_VARDSKADA = "ej_vardskada", "Ej vårdskada"


OUTCOMES_BY_KIND: dict[str, tuple[str, ...]] = {
    EventKind.AVVIKELSE: (Outcome.UTREDD, Outcome.EJ_UTREDD),
    EventKind.KLAGOMAL: (Outcome.UTREDD, Outcome.EJ_UTREDD),
    EventKind.SYNPUNKT: (Outcome.UTREDD, Outcome.EJ_UTREDD),
    EventKind.LEX_SARAH: (
        Outcome.MISSFORHALLANDE,
        Outcome.RISK_FOR_MISSFORHALLANDE,
        Outcome.EJ_MISSFORHALLANDE,
        Outcome.EJ_UTREDD,
        Outcome.OMVANDLAD_TILL_AVVIKELSE,
    ),
    EventKind.LEX_MARIA: (Outcome.VARDSKADA, Outcome.RISK_FOR_VARDSKADA, Outcome.EJ_VARDSKADA, Outcome.EJ_UTREDD),
}


class ClosureReason(models.TextChoices):
    """Why an event was closed without investigation (the seeds' reasons)."""

    EJ_BRIST = "ej_brist", "Ej brist i verksamheten"
    EJ_EGEN_VERKSAMHET = "ej_egen_verksamhet", "Ej egen verksamhet"
    REDAN_UTREDD = "redan_utredd", "Redan utredd"


class Category(models.Model):
    """One entry of the taxonomy shared by all kinds. Retired categories keep their history."""

    code = models.SlugField("kod", max_length=64, unique=True)
    label = models.CharField("benämning", max_length=120)
    retired = models.BooleanField("utgått", default=False)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "label"]
        verbose_name = "kategori"
        verbose_name_plural = "kategorier"

    def __str__(self) -> str:
        return self.label


class Event(WorkflowSubject, models.Model):
    """One reported event of any kind, in one unit, moving through its kind's workflow."""

    # What the workflow engine needs (tillit.workflow.models.WorkflowSubject).
    workflow_fields = (
        "responsible",
        "conclusion",
        "closure_reason",
        "reply",
        "replied_on",
        "severe",
        "outcome",
        "immediate_actions",
        "ivo_notified_on",
    )
    workflow_closed_field = "closed_on"
    workflow_outcome_field = "outcome"
    workflow_requirements = "tillit.events.services.requirements.unmet"
    workflow_after = "tillit.events.services.notify.after_transition"

    reference = models.CharField("ärendenummer", max_length=32, unique=True)
    kind = models.CharField("typ", max_length=16, choices=EventKind.choices)
    state = models.CharField("status", max_length=40)
    unit = models.ForeignKey("org.Unit", verbose_name="enhet", on_delete=models.PROTECT, related_name="events")
    category = models.ForeignKey(
        Category, verbose_name="kategori", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    # A code of classification "god_vard_area" (validated by the service against the values in use).
    god_vard_area = models.CharField("område (God vård)", max_length=24, blank=True)
    causes = models.ManyToManyField(
        "classification.Term",
        verbose_name="orsaker",
        blank=True,
        related_name="+",
        limit_choices_to={"scheme": CAUSE},
    )
    # The fastställda routines the investigation found were not followed (tillit.events.routines).
    cited_routines = models.ManyToManyField(
        "documents.Document", verbose_name="rutiner som inte följts", blank=True, related_name="+"
    )
    # Åtgärder belong to an event through their generic source; `Action.objects.filter(event=…)` works.
    actions = GenericRelation(
        "actions.Action", content_type_field="source_type", object_id_field="source_id", related_query_name="event"
    )
    channel = models.CharField("kanal", max_length=16, choices=Channel.choices, default=Channel.INTERN)

    reported_on = models.DateField("rapporterad", db_index=True)
    reported_at = models.DateTimeField("rapporterad (tid)")
    occurred_on = models.DateField("inträffade", null=True, blank=True)
    occurred_at_time = models.TimeField("klockslag", null=True, blank=True)

    description = models.TextField("vad hände", blank=True)
    immediate_actions = models.TextField("vad gjordes direkt", blank=True)

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="reported_events"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="responsible_events"
    )
    contact_name = models.CharField("kontaktperson", max_length=200, blank=True)
    contact_details = models.CharField("kontaktuppgifter", max_length=200, blank=True)

    severe = models.BooleanField("allvarlig", null=True, blank=True)
    outcome = models.CharField("utfall", max_length=32, choices=Outcome.choices, blank=True)
    closure_reason = models.CharField("skäl att inte utreda", max_length=24, choices=ClosureReason.choices, blank=True)
    conclusion = models.TextField("ställningstagande", blank=True)
    reply = models.TextField("svar", blank=True)
    replied_on = models.DateField("besvarad", null=True, blank=True)
    ivo_notified_on = models.DateField("anmäld till IVO", null=True, blank=True)
    closed_on = models.DateField("avslutad", null=True, blank=True, db_index=True)
    converted_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="converted_to"
    )

    # Idempotency of reporting (double click, resubmitted form, retried API call) and of imports.
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    external_id = models.CharField("externt id", max_length=80, null=True, blank=True, unique=True)
    receipt_code_hash = models.CharField(max_length=64, blank=True, db_index=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = "händelse"
        verbose_name_plural = "händelser"
        indexes = [
            models.Index(fields=["unit", "reported_on"], name="event_unit_reported"),
            # "Liknande händelser tidigare" (tillit/events/recurrence.py).
            models.Index(fields=["unit", "category", "reported_on"], name="event_unit_category_reported"),
            models.Index(fields=["kind", "state"], name="event_kind_state"),
            models.Index(fields=["responsible", "closed_on"], name="event_responsible_open"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("reported_on")),
                name="event_closed_after_reported",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_god_vard_area_display(self) -> str:
        """The area's label: annotated as `god_vard_area_label` by lists, else looked up (one query)."""
        if "god_vard_area_label" in self.__dict__:
            return self.__dict__["god_vard_area_label"] or self.god_vard_area
        return label(GOD_VARD_AREA, self.god_vard_area)

    @property
    def workflow_key(self) -> str:
        return self.kind

    def workflow_flags(self) -> dict[str, bool]:
        return {"severe": bool(self.severe), "ivo_sent": self.ivo_notified_on is not None}

    def workflow_flag_date(self, flag: str):
        return self.ivo_notified_on if flag == "ivo_sent" else None

    @property
    def state_label(self) -> str:
        return workflow(self.kind).states[self.state].label

    @property
    def is_final(self) -> bool:
        return workflow(self.kind).is_final(self.state)


class EntryTopic(models.TextChoices):
    """Entry topics as they were fixed in code; the parts an utredning must cover are now the items of
    the template LEX-SARAH-UTREDNING (same codes; see tillit/events/checklists). Kept for the labels
    of old entries, the extra topics (övrigt, anteckning) and code that names a topic."""

    WHAT_HAPPENED = "vad_hande", "Vad som hänt och konsekvenser för den enskilde"
    NOTICED = "uppmarksammat", "När och hur det uppmärksammades"
    OCCURRED = "intraffade", "När det inträffade"
    CAUSES = "orsaker", "Orsaker"
    EARLIER = "tidigare", "Har det hänt tidigare, och varför upprepades det"
    RECURRENCE_RISK = "risk_upprepning", "Risk att det händer igen"
    MEASURES = "atgarder", "Åtgärder och när de vidtogs"
    OTHER = "ovrigt", "Övriga iakttagelser"
    NOTE = "anteckning", "Anteckning"


class EventEntry(models.Model):
    """One dated entry of an investigation: author (name and title at the time), fact or assessment."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="entries")
    # A code of an item of LEX-SARAH-UTREDNING (any version) or of EntryTopic; labels: checklists.topic_labels.
    topic = models.CharField("område", max_length=40)
    is_fact = models.BooleanField("faktauppgift", default=True, help_text="Faktauppgift eller bedömning")
    text = models.TextField("text")
    source = models.CharField("källa", max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=200)
    author_title = models.CharField(max_length=120, blank=True)
    entry_date = models.DateField("datum")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry_date", "id"]
        verbose_name = "utredningsanteckning"
        verbose_name_plural = "utredningsanteckningar"


class EventTransition(TransitionLogBase):
    """The history of an event's states: one row per transition, never changed."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="transitions")


class EventDeadline(DeadlineBase):
    """A deadline of an event (see DeadlineBase); the per-event unique code and the open-deadline
    index keep "overdue first" an indexed query at 1M events."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deadlines")

    class Meta(DeadlineBase.Meta):
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="deadline_unique_per_event")]
        indexes = [models.Index(fields=["met_on", "due_on"], name="deadline_open_due")]


class ReferenceCounter(models.Model):
    """The last used case number per kind and year; locked to hand out the next one."""

    kind = models.CharField(max_length=16, choices=EventKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="reference_counter_unique")]


class PatientInformation(models.Model):
    """Lex Maria: when the patient (or a närstående) was informed (PSL (2010:659) 3 kap. 8 §); what they were
    told is the answers to the checklist template, in `assessment` (tillit/events/checklists)."""

    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="patient_information")
    informed_on = models.DateField("informerad den")
    informed_relative = models.BooleanField("närstående informerades i stället för patienten", default=False)
    # The checklist's answers (template LEX-MARIA-PATIENTINFORMATION, see tillit/events/checklists).
    assessment = models.OneToOneField(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")


class IvoChannel(models.TextChoices):
    """How an anmälan reached IVO. Never e-mail: IVO does not accept anmälningar by e-mail."""

    E_TJANST = "e_tjanst", "IVO:s e-tjänst"
    POST = "post", "Post"


class IvoSubmissionKind(models.TextChoices):
    ANMALAN = "anmalan", "Anmälan"
    KOMPLETTERING = "komplettering", "Komplettering"


class IvoSubmission(models.Model):
    """An anmälan to IVO (lex Sarah or lex Maria) or a later komplettering.

    Editable as a draft; once registered as sent it is locked and the exact PDF that was sent is
    kept, so it can be downloaded as sent. Later information is a new komplettering.
    """

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="ivo_submissions")
    kind = models.CharField(max_length=16, choices=IvoSubmissionKind.choices, default=IvoSubmissionKind.ANMALAN)
    content = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_on = models.DateField("skickad", null=True, blank=True)
    channel = models.CharField("sätt", max_length=16, choices=IvoChannel.choices, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event"], condition=Q(kind="anmalan"), name="one_ivo_anmalan_per_event"),
            models.CheckConstraint(
                condition=Q(locked_at__isnull=True) | (Q(sent_on__isnull=False) & ~Q(channel="")),
                name="ivo_locked_only_when_sent",
            ),
        ]

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


class EventMessage(models.Model):
    """Two-way contact with a reporter who used the public form, possibly anonymously (through the
    receipt code). Nothing identifying about the reporter is stored."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="messages")
    from_reporter = models.BooleanField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Attachment(models.Model):
    """A file attached to an event. Kept in the database (not on a server's disk) so that any
    app server behind the load balancer can serve it and backups hold everything."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]


class PurchaserNotice(models.Model):
    """What the purchasing municipality is told of a provider's case, as the contract says: the
    kind, the unit, the dates and the bedömning once made — never a name, never free text. Kept up
    to date by the services (reported, assessed, notified to IVO); each share is audited."""

    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="purchaser_notice")
    provider = models.ForeignKey("org.Provider", on_delete=models.PROTECT, related_name="purchaser_notices")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    event_kind = models.CharField("typ", max_length=16, choices=EventKind.choices)
    reported_on = models.DateField("rapporterad")
    outcome = models.CharField("bedömning", max_length=32, choices=Outcome.choices, blank=True)
    severe = models.BooleanField("allvarlig", null=True, blank=True)
    ivo_notified_on = models.DateField("anmäld till IVO", null=True, blank=True)
    notified_at = models.DateTimeField("underrättad")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = "underrättelse till beställaren"
        verbose_name_plural = "underrättelser till beställaren"


class PurchaserSubmission(models.Model):
    """A finished investigation with the provider's ställningstagande, submitted to the purchasing
    municipality ("inkomna lex Sarah-utredningar"): a summary the provider wrote or confirmed to
    hold no personal data. Never changed once submitted; the municipality only reads it."""

    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="purchaser_submission")
    provider = models.ForeignKey("org.Provider", on_delete=models.PROTECT, related_name="purchaser_submissions")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    event_kind = models.CharField("typ", max_length=16, choices=EventKind.choices)
    reported_on = models.DateField("rapporterad")
    investigation_finished_on = models.DateField("utredningen avslutad")
    outcome = models.CharField("bedömning", max_length=32, choices=Outcome.choices, blank=True)
    severe = models.BooleanField("allvarlig", null=True, blank=True)
    ivo_notified_on = models.DateField("anmäld till IVO", null=True, blank=True)
    summary = models.TextField("sammanfattning av utredningen")
    position = models.TextField("utförarens ställningstagande")
    measures = models.TextField("åtgärder", blank=True)
    submitted_at = models.DateTimeField("inlämnad")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = "inlämnad utredning"
        verbose_name_plural = "inlämnade utredningar"

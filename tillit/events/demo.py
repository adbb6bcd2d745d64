"""Demo and scale events for the demo municipality.

`demo_events` writes two years of realistic cases (volumes and mixes calibrated on the seeds: a
förvaltning has some hundred avvikelser, about ten lex Sarah reports and some tens of complaints a
year, äldreomsorg far more) with states, investigation entries, actions and some overdue work.
`scale_events` bulk-inserts N minimal events for the benchmarks (1,000,000 in minutes). Neither
writes audit rows: they are generated data, not anyone's actions.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from tillit.accounts.models import RoleAssignment
from tillit.actions.models import Action, ActionEffect, ActionStatus, ActionType
from tillit.classification.models import Term
from tillit.classification.schemes import CAUSE
from tillit.events.causes import CAUSE_KINDS
from tillit.events.models import (
    OUTCOMES_BY_KIND,
    Category,
    Channel,
    ClosureReason,
    EntryTopic,
    Event,
    EventDeadline,
    EventEntry,
    EventKind,
    EventTransition,
    GodVardArea,
    Outcome,
    ReferenceCounter,
)
from tillit.events.services import REFERENCE_PREFIX, final_state_for
from tillit.events.services.monthly import month_counts_rebuild
from tillit.org.access import provider_operated_units, scope_unit_ids
from tillit.org.models import Unit, UnitLevel
from tillit.workflow.calendar import due_date
from tillit.workflow.declaration import workflow

# Yearly volume per kind for a unit of each avdelning "weight" (äldreomsorg reports the most).
YEARLY_PER_UNIT = {
    EventKind.AVVIKELSE: 14,
    EventKind.LEX_SARAH: 0.6,
    EventKind.LEX_MARIA: 0.4,
    EventKind.KLAGOMAL: 2.0,
    EventKind.SYNPUNKT: 1.5,
}
# A real shift, so the demo's trend signals have something to find: läkemedelsavvikelser in one
# hemtjänst unit rise from April of last year to about three times their level, and come back down
# from January this year (after åtgärder). Per month: (level before, during, after).
SHIFT_UNIT, SHIFT_CATEGORY = "ALD-HTN", "lakemedel"
SHIFT_LEVELS = (2.0, 7.0, 2.5)
HEAVY_WORDS = ("äldre", "hemtjänst", "boende", "sjukvård", "gruppbostad", "assistans")

DESCRIPTIONS = {
    EventKind.AVVIKELSE: [
        "Läkemedel gavs inte vid ordinerad tid.",
        "Planerat besök uteblev på grund av schemafel.",
        "Information om ändrad insats nådde inte utföraren.",
        "Dokumentation saknades efter genomförd insats.",
        "Brukaren föll i badrummet, larmet var inte nåbart.",
        "Beslut skickades till fel adress.",
    ],
    EventKind.LEX_SARAH: [
        "Brukaren lämnades utan tillsyn under längre tid.",
        "Bristande bemötande vid omvårdnad.",
        "Sekretessbelagda uppgifter lämnades ut till obehörig.",
        "Insatsen verkställdes inte trots beslut.",
    ],
    EventKind.LEX_MARIA: [
        "Fel läkemedel administrerades.",
        "Trycksår upptäcktes sent.",
        "Fallolycka med fraktur efter utebliven riskbedömning.",
    ],
    EventKind.KLAGOMAL: [
        "Anhörig är missnöjd med hemtjänstens tider.",
        "Klagomål på handläggningstiden för ansökan.",
        "Missnöje med bemötande vid telefonsamtal.",
    ],
    EventKind.SYNPUNKT: [
        "Förslag om fler aktiviteter på boendet.",
        "Önskemål om tydligare information på webbplatsen.",
        "Beröm till personalen för gott bemötande.",
    ],
}


def _weight(unit: Unit) -> float:
    text = f"{unit.name} {unit.parent.name if unit.parent else ''}".lower()
    return 2.5 if any(word in text for word in HEAVY_WORDS) else 1.0


def _outcome(rng: random.Random, kind: str) -> str:
    choices = OUTCOMES_BY_KIND[kind]
    weights = {
        EventKind.LEX_SARAH: [4, 2, 3, 1, 1],
        EventKind.LEX_MARIA: [2, 3, 3, 1],
    }.get(kind, [8, 2])
    return rng.choices(choices, weights=weights)[0]


class _References:
    """Hands out case numbers in bulk, then stores the counters once."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, int], int] = {(c.kind, c.year): c.last for c in ReferenceCounter.objects.all()}

    def next(self, kind: str, year: int) -> str:
        key = (kind, year)
        self.last[key] = self.last.get(key, 0) + 1
        return f"{REFERENCE_PREFIX[kind]}-{year}-{self.last[key]:05d}"

    def save(self) -> None:
        for (kind, year), last in self.last.items():
            ReferenceCounter.objects.update_or_create(kind=kind, year=year, defaults={"last": last})


def _at(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(7, 20), rng.randint(0, 59))))


@transaction.atomic
def demo_events(
    *,
    rng: random.Random,
    units: Sequence[Unit],
    staff: dict[str, object],
    today: date,
    years: int = 2,
    provider_staff: dict[int, dict[str, object]] | None = None,
) -> int:
    """Realistic cases over `years` years up to `today`. `staff` maps role code → User."""
    if Event.objects.exists():
        return 0
    categories = list(Category.objects.filter(retired=False))
    refs = _References()
    utredare, mas = staff.get("utredare"), staff.get("mas")
    # Each case is handled by someone who may work on it: the enhetschef in their own unit, the
    # avdelningschef in theirs, otherwise the förvaltning's kvalitetsutvecklare. Demo logins then
    # see exactly what their role and unit allow.
    managers = [staff.get(r) for r in ("enhetschef", "avdelningschef", "kvalitetsutvecklare") if staff.get(r)]
    medarbetare = staff.get("medarbetare")
    # A private provider's cases are handled by its own people (the operator rule): `provider_staff`
    # maps provider id → role code → User; without them a provider's case is left unhandled.
    operated = provider_operated_units()
    provider_people = {pk: people for pk, people in (provider_staff or {}).items()}
    managers += [
        people[r] for people in provider_people.values() for r in ("enhetschef", "avdelningschef") if r in people
    ]
    scopes = {m.pk: scope_unit_ids(m, "event.view") for m in managers}
    reporters = [medarbetare] if medarbetare else []
    reporters += [people["medarbetare"] for people in provider_people.values() if "medarbetare" in people]
    reporter_scopes = {r.pk: scope_unit_ids(r, "event.report") for r in reporters}
    start = date(today.year - years + 1, 1, 1)
    span = (today - start).days
    created = 0
    for unit in units:
        for kind, per_year in YEARLY_PER_UNIT.items():
            expected = per_year * _weight(unit) * span / 365
            count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
            chef = next((m for m in managers if unit.pk in scopes[m.pk]), None)
            reporter = next((r for r in reporters if unit.pk in reporter_scopes[r.pk]), None)
            investigator, nurse = utredare, mas
            if unit.pk in operated:
                people = provider_people.get(operated[unit.pk], {})
                investigator, nurse = people.get("utredare"), people.get("mas")
            for _ in range(count):
                reported_on = start + timedelta(days=rng.randint(0, span))
                # The demo medarbetare reported one case in ten of her unit; colleagues who have no
                # demo login reported the rest, so her list shows her own reports, not the unit's.
                own = reporter if created % 10 == 0 else None
                _demo_event(rng, kind, unit, reported_on, today, refs, categories, own, chef, investigator, nurse)
                created += 1
    created += _demo_shift(units, start, today, refs, (managers, scopes), utredare, mas)
    refs.save()
    _demo_causes(random.Random(rng.random()))
    month_counts_rebuild()
    return created


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = pow(2.718281828459045, -mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _demo_shift(units, start: date, today: date, refs, managers_scopes, utredare, mas) -> int:
    """The demo's shift (SHIFT_*): extra avvikelser in one category and unit, month by month, with
    their own random stream so the rest of the demo stays as it was."""
    unit = next((u for u in units if u.code == SHIFT_UNIT), None)
    category = Category.objects.filter(code=SHIFT_CATEGORY).first()
    if unit is None or category is None:
        return 0
    managers, scopes = managers_scopes
    chef = next((m for m in managers if unit.pk in scopes[m.pk]), None)
    rng = random.Random(f"demo-shift-{start.isoformat()}")
    rise, fall = date(today.year - 1, 4, 1), date(today.year, 1, 1)
    made, month = 0, start
    while month <= today:
        level = SHIFT_LEVELS[0] if month < rise else SHIFT_LEVELS[1] if month < fall else SHIFT_LEVELS[2]
        days = ((month.replace(day=28) + timedelta(days=4)).replace(day=1) - month).days
        for _ in range(_poisson(rng, level)):
            reported_on = month + timedelta(days=rng.randrange(days))
            if reported_on > today:
                continue
            _demo_event(rng, EventKind.AVVIKELSE, unit, reported_on, today, refs, [category], None, chef, utredare, mas)
            made += 1
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return made


def _demo_causes(rng: random.Random) -> None:
    """One or two causes on each investigated case that records causes, weighted as the seeds'
    analyses read: routines not followed and communication most often."""
    causes = list(Term.objects.filter(scheme=CAUSE, retired=False).order_by("sort_order"))
    if not causes:
        return
    weights = [6 if t.code in ("rutin_foljs_inte", "kommunikation") else 2 for t in causes]
    through = Event.causes.through
    rows = []
    investigated = Event.objects.filter(kind__in=CAUSE_KINDS, closed_on__isnull=False).exclude(outcome="ej_utredd")
    for event_id in investigated.values_list("id", flat=True).order_by("id"):
        picked = {t.pk for t in rng.choices(causes, weights=weights, k=rng.choice((1, 1, 2)))}
        rows += [through(event_id=event_id, term_id=term_id) for term_id in sorted(picked)]
    through.objects.bulk_create(rows, batch_size=2000)


def _demo_event(rng, kind, unit, reported_on, today, refs, categories, reporter, chef, utredare, mas) -> Event:
    wf = workflow(kind)
    age = (today - reported_on).days
    handler = {EventKind.LEX_SARAH: utredare, EventKind.LEX_MARIA: mas}.get(kind, chef)
    closed = age > 45 or (age > 10 and rng.random() < 0.6)
    outcome = _outcome(rng, kind) if closed else ""
    open_states = [code for code, st in wf.states.items() if not st.final][:3]
    state = final_state_for(kind, outcome) if closed else rng.choice(open_states)
    closed_on = min(today, reported_on + timedelta(days=rng.randint(3, 60))) if closed else None
    severe = (
        wf.notifies_ivo
        and outcome
        in (
            Outcome.MISSFORHALLANDE,
            Outcome.VARDSKADA,
        )
        and rng.random() < 0.3
    )
    channel = Channel.INTERN
    if kind in (EventKind.KLAGOMAL, EventKind.SYNPUNKT):
        channel = rng.choice([Channel.WEBB, Channel.EPOST, Channel.BREV, Channel.TELEFON, Channel.IVO])
    event = Event.objects.create(
        reference=refs.next(kind, reported_on.year),
        kind=kind,
        state=state,
        unit=unit,
        category=rng.choice(categories) if categories else None,
        god_vard_area=rng.choice(GodVardArea.values),
        channel=channel,
        reported_on=reported_on,
        reported_at=_at(reported_on, rng),
        occurred_on=reported_on - timedelta(days=rng.randint(0, 3)),
        description=rng.choice(DESCRIPTIONS[kind]),
        immediate_actions="Ansvarig informerades direkt." if rng.random() < 0.7 else "",
        reporter=reporter if channel == Channel.INTERN else None,
        responsible=handler if state != wf.initial or closed else None,
        severe=severe if wf.notifies_ivo and closed else None,
        outcome=outcome,
        closure_reason=rng.choice(ClosureReason.values) if outcome == Outcome.EJ_UTREDD else "",
        conclusion="Utredningen är avslutad och åtgärder är vidtagna." if closed else "",
        reply="Tack för ditt klagomål. Vi har gått igenom rutinerna." if closed and kind == EventKind.KLAGOMAL else "",
        replied_on=closed_on if closed and kind == EventKind.KLAGOMAL else None,
        ivo_notified_on=(reported_on + timedelta(days=rng.randint(3, 20))) if severe else None,
        closed_on=closed_on,
    )
    EventTransition.objects.create(event=event, code="rapportera", to_state=wf.initial, at=event.reported_at)
    if state != wf.initial:
        EventTransition.objects.create(
            event=event,
            code="demo",
            from_state=wf.initial,
            to_state=state,
            actor=handler,
            at=_at(closed_on or min(today, reported_on + timedelta(days=2)), rng),
        )
    for rule in wf.deadlines:
        if rule.from_state == wf.initial:
            due = due_date(reported_on, rule.days, working_days=rule.working_days)
            met = closed_on or (reported_on + timedelta(days=1) if state != wf.initial else None)
            EventDeadline.objects.create(
                event=event,
                code=rule.code,
                label=rule.label,
                legal_reference=rule.legal_reference,
                due_on=due,
                met_on=met,
            )
    if handler is not None and state not in (wf.initial,) and kind != EventKind.SYNPUNKT:
        EventEntry.objects.create(
            event=event,
            topic=EntryTopic.CAUSES,
            is_fact=False,
            text="Rutinen var inte känd av all personal.",
            author=handler,
            author_name=handler.display_name,
            author_title=handler.title,
            entry_date=min(today, reported_on + timedelta(days=2)),
        )
        if closed and rng.random() < 0.6:
            done = rng.random() < 0.7
            due = reported_on + timedelta(days=rng.randint(20, 90))
            Action.objects.create(
                source_type=ContentType.objects.get_for_model(Event),
                source_id=event.pk,
                source_reference=event.reference,
                unit=unit,
                action_type=rng.choice(ActionType.values),
                description="Rutinen ses över och gås igenom på arbetsplatsträff.",
                owner=handler,
                due_on=due,
                status=ActionStatus.GENOMFORD if done and due <= today else ActionStatus.PAGAENDE,
                completed_on=min(due, today) if done and due <= today else None,
                effect=rng.choice(ActionEffect.values) if done and due <= today and rng.random() < 0.5 else "",
                effect_followup_due=min(due, today) + timedelta(days=90) if done and due <= today else None,
            )
    return event


def scale_events(*, n: int, rng: random.Random, units: Sequence[Unit], today: date, batch: int = 5000) -> int:
    """Bulk-insert `n` minimal events spread over the last three years (for bench/)."""
    refs = _References()
    categories = list(Category.objects.values_list("id", flat=True))
    kinds = list(YEARLY_PER_UNIT)
    kind_weights = [YEARLY_PER_UNIT[k] for k in kinds]
    unit_ids = [u.pk for u in units]
    start = today - timedelta(days=3 * 365)
    made = 0
    while made < n:
        rows = []
        for _ in range(min(batch, n - made)):
            kind = rng.choices(kinds, weights=kind_weights)[0]
            reported_on = start + timedelta(days=rng.randrange(3 * 365))
            closed = (today - reported_on).days > 30 and rng.random() < 0.9
            outcome = _outcome(rng, kind) if closed else ""
            rows.append(
                Event(
                    reference=refs.next(kind, reported_on.year),
                    kind=kind,
                    state=final_state_for(kind, outcome) if closed else workflow(kind).initial,
                    unit_id=rng.choice(unit_ids),
                    category_id=rng.choice(categories) if categories else None,
                    channel=Channel.IMPORT,
                    reported_on=reported_on,
                    reported_at=_at(reported_on, rng),
                    description="Genererad händelse för prestandamätning.",
                    outcome=outcome,
                    closed_on=reported_on + timedelta(days=rng.randint(1, 30)) if closed else None,
                )
            )
        with transaction.atomic():
            Event.objects.bulk_create(rows, batch_size=batch)
        made += len(rows)
    refs.save()
    month_counts_rebuild()
    return made


def demo_step(*, rng: random.Random, today: date) -> str:
    """The demo's events: three calendar years, so the last full year has one to compare with.
    Handled by the demo's staff: the first active user (by username) holding each role."""
    staff: dict[str, object] = {}
    provider_staff: dict[int, dict[str, object]] = {}
    for assignment in (
        RoleAssignment.objects.filter(user__is_active=True).select_related("user").order_by("user__username")
    ):
        if assignment.user.provider_id is None:
            staff.setdefault(str(assignment.role), assignment.user)
        else:
            provider_staff.setdefault(assignment.user.provider_id, {}).setdefault(str(assignment.role), assignment.user)
    units = list(Unit.objects.filter(level=UnitLevel.ENHET, closed_on__isnull=True).order_by("code"))
    made = demo_events(rng=rng, units=units, staff=staff, today=today, years=3, provider_staff=provider_staff)
    return f"Exempelhändelser: {made} nya." if made else "Exempelhändelser finns redan."


def provider_demo_step(*, rng: random.Random, today: date) -> str | None:
    """A private provider handles its own lex Sarah through the real services: its medarbetare
    reports, its utredare investigates, judges it allvarligt, notifies IVO, decides and submits the
    investigation to the municipality, which gets the notice and the submission. Another provider's
    fresh report reaches the municipality as a notice only. Idempotent (idempotency keys)."""
    from tillit.accounts.models import User
    from tillit.events.checklists import investigation_topics
    from tillit.events.services import event_entry_add, event_report, event_transition
    from tillit.events.services.purchaser import purchaser_submit

    def person(username: str):
        return User.objects.filter(username=username, is_active=True, provider__isnull=False).first()

    oh_reporter, oh_utredare, nv_reporter = person("oh-medarbetare"), person("oh-utredare"), person("nv-medarbetare")
    oh_unit = Unit.objects.filter(code="ALD-OH1").first()
    nv_unit = Unit.objects.filter(code="ALD-NV1").first()
    if not (oh_reporter and oh_utredare and oh_unit):
        return None
    reported = event_report(
        actor=oh_reporter,
        kind=EventKind.LEX_SARAH,
        unit=oh_unit,
        description="En brukare fick inte sitt planerade besök under en helg och blev liggande utan hjälp.",
        immediate_actions="Besöket gjordes samma kväll; brukaren fick extra tillsyn resten av helgen.",
        idempotency_key="demo-provider-lex-sarah-1",
    )
    event = reported.event
    if reported.created:
        event = event_transition(actor=oh_utredare, event=event, code="motta", responsible=oh_utredare)
        event = event_transition(
            actor=oh_utredare,
            event=event,
            code="dokumentera_omedelbara_atgarder",
            immediate_actions=event.immediate_actions,
        )
        event = event_transition(actor=oh_utredare, event=event, code="starta_utredning")
        for item in investigation_topics():
            event_entry_add(
                actor=oh_utredare, event=event, topic=item.code, text="Dokumenterat i utförarens utredning."
            )
        event = event_transition(actor=oh_utredare, event=event, code="till_bedomning")
        event = event_transition(
            actor=oh_utredare, event=event, code="besluta", outcome=Outcome.MISSFORHALLANDE, severe=True
        )
        event = event_transition(
            actor=oh_utredare,
            event=event,
            code="avsluta",
            conclusion="Missförhållande. Planeringen av helgbesök ändras och följs upp varje vecka.",
            ivo_notified_on=today,
        )
        purchaser_submit(
            actor=oh_utredare,
            event=event,
            summary="Ett planerat helgbesök föll bort vid en schemaändring. Överlämningen mellan planerare "
            "saknade kontroll. Risken för upprepning bedöms som måttlig.",
            position="Missförhållande. Anmält till IVO.",
            measures="– Kontroll av helgplaneringen varje fredag\n– Utbildning av planerarna",
            confirmed=True,
        )
    if nv_reporter and nv_unit:
        event_report(
            actor=nv_reporter,
            kind=EventKind.LEX_SARAH,
            unit=nv_unit,
            description="Brukaren uppger att personal har varit hårdhänt vid förflyttning.",
            idempotency_key="demo-provider-lex-sarah-2",
        )
    return "Utförarnas lex Sarah: en inlämnad utredning och en underrättelse till kommunen."

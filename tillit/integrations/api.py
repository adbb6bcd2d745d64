"""REST API for verksamhetssystem (django-ninja; OpenAPI at /api/docs).

Each integration authenticates with its bearer token and sees only its units. Creating an event
honours the `Idempotency-Key` header: a retried call returns the first event, never a second one;
the same key with another body is refused (409). Every input is bounded, so any request gets an
answer below 500, and no response is ever cached (see `ApiNoStoreMiddleware`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import AfterValidator, BeforeValidator

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_record
from tillit.core.privacy import find_personnummer, redact_personnummer
from tillit.events.models import Category, Event, EventKind
from tillit.integrations.models import Integration
from tillit.integrations.selectors import integration_unit_ids, integration_units
from tillit.integrations.services import (
    IDEMPOTENCY_KEY_MAX_LENGTH,
    IdempotencyKeyReused,
    api_event_report,
    integration_for_token,
    request_hash,
)
from tillit.org.models import Unit

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000  # far beyond any municipality's events, far below the database's integers
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2100, 12, 31)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
REFERENCE = re.compile(r"[A-Za-z0-9-]{1,32}")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Integration | None:
        return integration_for_token(token)


api = NinjaAPI(
    title="Tillit API",
    version="1",
    description="Rapportera händelser från verksamhetssystem och läs händelser i integrationens enheter.",
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError):
    """Swedish, field by field, instead of pydantic's English messages."""
    fields = sorted(
        {
            ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "filters"))
            or "body"
            for error in exc.errors
        }
    )
    # Our own validators' messages are Swedish: pass them on (pydantic's own are not).
    ours = sorted({str(error["ctx"]["error"]) for error in exc.errors if error.get("type") == "value_error"})
    detail = " ".join([*ours, "Ogiltiga eller saknade uppgifter i fälten: " + ", ".join(fields) + ". Se /api/docs."])
    return api.create_response(request, {"detail": detail, "fields": fields}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError):
    detail = "Saknad, ogiltig eller återkallad token. Skicka Authorization: Bearer <token>."
    return api.create_response(request, {"detail": detail}, status=401)


def _plain_text(value: str) -> str:
    """Refuse what no database stores faithfully: NUL and other control characters, lone surrogates."""
    if CONTROL_CHARACTERS.search(value):
        raise ValueError("Texten innehåller otillåtna kontrolltecken.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Texten innehåller ogiltiga tecken.") from None
    return value


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD, as documented: not pydantic's lax numbers read as Unix time."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("Ange datum som ÅÅÅÅ-MM-DD.")
    return value


def _plausible_date(value: date | None) -> date | None:
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"Datumet {value.isoformat()} är orimligt: ange ett datum mellan 1900 och 2100.")
    return value


Text = Annotated[str, AfterValidator(_plain_text)]
PlausibleDate = Annotated[date | None, BeforeValidator(_iso_date), AfterValidator(_plausible_date)]


class EventIn(Schema):
    kind: Literal["avvikelse", "lex_sarah", "lex_maria", "klagomal", "synpunkt"]
    unit_code: Text = Field(max_length=64)
    description: Text = Field(min_length=1, max_length=10000, description="Vad hände")
    immediate_actions: Text = Field("", max_length=10000, description="Vad gjordes direkt")
    occurred_on: PlausibleDate = Field(None, description="Inte i framtiden, inte före 1900")
    category: Text | None = Field(None, max_length=64, description="Kategorikod, se GET /categories")
    redact_personnummer: bool = Field(
        False, description="Ersätt personnummer i fritexten med en platshållare i stället för att avvisa anropet"
    )


class EventOut(Schema):
    reference: str
    kind: str
    state: str
    unit_code: str
    reported_on: date
    occurred_on: date | None
    category: str | None
    outcome: str
    severe: bool | None
    ivo_notified_on: date | None
    closed_on: date | None
    url: str


class EventDetailOut(EventOut):
    description: str
    immediate_actions: str


class Created(Schema):
    reference: str
    created: bool
    url: str


class UnitOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None
    closed_on: date | None


class CategoryOut(Schema):
    code: str
    label: str
    retired: bool


class Problem(Schema):
    detail: str


class EventFilter(Schema):
    # Only the declared kinds: an unknown kind is a mistake to report (422), not an empty list.
    kind: Literal["avvikelse", "lex_sarah", "lex_maria", "klagomal", "synpunkt"] | None = None
    unit_code: Text | None = Field(None, max_length=64)
    reported_from: PlausibleDate = None
    reported_to: PlausibleDate = None
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


# Answers every operation may give besides its own (documented in the OpenAPI schema).
ERRORS = {400: Problem, 401: Problem, 422: Problem}
IDEMPOTENCY_KEY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "description": "Unik nyckel per händelse (högst 255 tecken). Ett nytt försök med samma nyckel och samma "
    "innehåll ger den första händelsen (200); samma nyckel med annat innehåll avvisas (409).",
    "schema": {"type": "string", "maxLength": IDEMPOTENCY_KEY_MAX_LENGTH},
}


def _out(event: Event, *, detail: bool = False) -> dict:
    data = {
        "reference": event.reference,
        "kind": event.kind,
        "state": event.state,
        "unit_code": event.unit.code,
        "reported_on": event.reported_on,
        "occurred_on": event.occurred_on,
        "category": event.category.code if event.category else None,
        "outcome": event.outcome,
        "severe": event.severe,
        "ivo_notified_on": event.ivo_notified_on,
        "closed_on": event.closed_on,
        "url": f"/handelser/{event.pk}/",
    }
    if detail:
        data |= {"description": event.description, "immediate_actions": event.immediate_actions}
    return data


def _readable(integration: Integration) -> QuerySet[Event]:
    if not integration.can_read:
        raise HttpError(403, "Integrationen får bara rapportera, inte läsa händelser.")
    return Event.objects.filter(unit_id__in=integration_unit_ids(integration)).select_related("unit", "category")


@api.post(
    "/events",
    response={201: Created, 200: Created, 404: Problem, 409: Problem, **ERRORS},
    summary="Rapportera en händelse",
    openapi_extra={"parameters": [IDEMPOTENCY_KEY_HEADER]},
)
def create_event(request: HttpRequest, payload: EventIn):
    integration: Integration = request.auth
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > IDEMPOTENCY_KEY_MAX_LENGTH or CONTROL_CHARACTERS.search(key):
        detail = f"Idempotency-Key får vara högst {IDEMPOTENCY_KEY_MAX_LENGTH} tecken, utan kontrolltecken."
        return Status(422, {"detail": detail})
    unit = Unit.objects.filter(code=payload.unit_code, id__in=integration_unit_ids(integration)).first()
    if unit is None:
        return Status(
            404, {"detail": f"Enheten {payload.unit_code!r} finns inte eller ligger utanför integrationens enheter."}
        )
    category = None
    if payload.category:
        category = Category.objects.filter(code=payload.category, retired=False).first()
        if category is None:
            return Status(422, {"detail": f"Okänd kategori {payload.category!r}."})
    texts = {"description": payload.description, "immediate_actions": payload.immediate_actions}
    if any(find_personnummer(t) for t in texts.values()):
        if not payload.redact_personnummer:
            return Status(
                422,
                {
                    "detail": "Texten innehåller ett personnummer. Ta bort det, eller skicka redact_personnummer=true "
                    "så ersätts det med en platshållare."
                },
            )
        texts = {k: redact_personnummer(v) for k, v in texts.items()}
    try:
        reported = api_event_report(
            integration=integration,
            # Keys are per integration: two systems may choose the same key.
            idempotency_key=key,
            body_hash=request_hash(payload.model_dump(mode="json")),
            kind=EventKind(payload.kind),
            unit=unit,
            occurred_on=payload.occurred_on,
            category=category,
            **texts,
        )
    except IdempotencyKeyReused:
        detail = "Idempotency-Key har redan använts för en annan händelse med annat innehåll. Använd en ny nyckel."
        return Status(409, {"detail": detail})
    except ValidationError as exc:
        return Status(422, {"detail": " ".join(exc.messages)})
    event = reported.event
    body = {"reference": event.reference, "created": reported.created, "url": f"/handelser/{event.pk}/"}
    return Status(201 if reported.created else 200, body)


@api.get(
    "/events", response={200: list[EventOut], 403: Problem, **ERRORS}, summary="Händelser i integrationens enheter"
)
def list_events(request: HttpRequest, filters: Query[EventFilter]):
    integration: Integration = request.auth
    events = _readable(integration)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.unit_code:
        unit = Unit.objects.filter(code=filters.unit_code).first()
        events = events.filter(unit__path__startswith=unit.path) if unit else events.none()
    if filters.reported_from:
        events = events.filter(reported_on__gte=filters.reported_from)
    if filters.reported_to:
        events = events.filter(reported_on__lte=filters.reported_to)
    page = list(events.order_by("-reported_on", "-id")[filters.offset : filters.offset + filters.limit])
    audit_record(
        actor=integration.user,
        action=AuditAction.READ,
        object_type="events.event",
        detail={"api": "list", "count": len(page)},
    )
    return [_out(e) for e in page]


@api.get(
    "/events/{reference}", response={200: EventDetailOut, 403: Problem, 404: Problem, **ERRORS}, summary="En händelse"
)
def get_event(request: HttpRequest, reference: str):
    integration: Integration = request.auth
    events = _readable(integration)
    event = events.filter(reference=reference).first() if REFERENCE.fullmatch(reference) else None
    if event is None:
        audit_record(
            actor=integration.user, action=AuditAction.PERMISSION_DENIED, object_type="events.event", detail={}
        )
        return Status(404, {"detail": "Händelsen finns inte."})
    audit_record(
        actor=integration.user,
        action=AuditAction.READ,
        object_type="events.event",
        object_id=event.pk,
        unit_id=event.unit_id,
        detail={"api": "detail"},
    )
    return Status(200, _out(event, detail=True))


@api.get("/units", response={200: list[UnitOut], **ERRORS}, summary="Integrationens enheter")
def list_units(request: HttpRequest):
    units = integration_units(request.auth).select_related("parent")
    return [
        {
            "code": u.code,
            "name": u.name,
            "level": u.level,
            "parent_code": u.parent.code if u.parent else None,
            "closed_on": u.closed_on,
        }
        for u in units
    ]


@api.get("/categories", response={200: list[CategoryOut], **ERRORS}, summary="Kategorier")
def list_categories(request: HttpRequest):
    return [{"code": c.code, "label": c.label, "retired": c.retired} for c in Category.objects.order_by("label")]

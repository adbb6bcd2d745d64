"""Case screens: report, lists, the case page, transitions, entries, attachments, Mina uppgifter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tillit.actions.panel import action_panel
from tillit.actions.selectors import open_actions_for
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object, audit_record
from tillit.core.http import run_service
from tillit.events.causes import event_causes_set, records_causes
from tillit.events.export import csv_rows, xlsx_bytes
from tillit.events.forms import (
    AttachmentForm,
    CausesForm,
    ChannelForm,
    CitedRoutinesForm,
    ClassifyForm,
    EntryForm,
    EventFilterForm,
    ReportForm,
    StaffMessageForm,
    TransitionForm,
)
from tillit.events.links import related_panels
from tillit.events.models import CHANNEL_KINDS, Event
from tillit.events.next_steps import is_investigating, next_steps, not_taken_on
from tillit.events.recurrence import RECURRENCE_PREFILL_KINDS, similar_earlier
from tillit.events.routines import cites_routines
from tillit.events.selectors import (
    EventFilter,
    event_for_user_or_404,
    event_list,
    event_page_list,
    my_tasks,
    reads_case,
)
from tillit.events.services import (
    allowed_transitions,
    event_classify,
    event_entry_add,
    event_mark_severe,
    event_report,
    may_work_on,
)
from tillit.events.services.attachments import attachment_add
from tillit.events.services.cases import event_channel_set
from tillit.events.services.ivo import ivo_applies
from tillit.events.services.public import staff_message_add
from tillit.events.services.purchaser import purchaser_status
from tillit.events.timeline import case_readers, timeline_for
from tillit.org.access import has_permission
from tillit.workflow.declaration import workflow
from tillit.workflow.services import transition as transition_service

PAGE_SIZE = 25


def _service_error(form, exc: ValidationError | PermissionDenied) -> None:
    form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "event.report"):
        raise Http404
    form = ReportForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = event_report(
                actor=request.user,
                kind=data["kind"],
                unit=data["unit"],
                description=data["description"],
                immediate_actions=data["immediate_actions"],
                occurred_on=data["occurred_on"],
                occurred_at_time=data["occurred_at_time"],
                category=data["category"],
                channel=data["channel"],
                idempotency_key=f"web:{request.user.pk}:{data['idempotency_key']}",
            )
        except ValidationError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, f"Tack! Din rapport har registrerats som {result.event.reference}.")
            return redirect("events:event_detail", pk=result.event.pk)
    return render(request, "events/report.html", {"form": form})


def _filter_from(request: HttpRequest) -> tuple[EventFilterForm, EventFilter]:
    form = EventFilterForm(request.GET or None, user=request.user)
    flt = EventFilter()
    if form.is_valid():
        d = form.cleaned_data
        flt = EventFilter(
            kind=d["kind"],
            unit=d["unit"],
            state=d["state"],
            category_id=d["category"].pk if d["category"] else None,
            reported_from=d["reported_from"],
            reported_to=d["reported_to"],
            overdue=d["overdue"],
            open_only=d["open_only"],
            text=d["q"].strip(),
        )
    return form, flt


@login_required
def event_list_view(request: HttpRequest) -> HttpResponse:
    form, flt = _filter_from(request)
    page = Paginator(event_page_list(request.user, flt), PAGE_SIZE).get_page(request.GET.get("sida"))
    template = "events/partials/event_table.html" if request.htmx else "events/event_list.html"
    return render(request, template, {"form": form, "page": page, "query": _query_without_page(request)})


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, flt = _filter_from(request)
    queryset = event_list(request.user, flt)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="events.event",
        detail={"format": fmt, "filters": sorted(k for k, v in request.GET.items() if v)},
    )
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(request.user, queryset),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = StreamingHttpResponse(csv_rows(request.user, queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="handelser.{fmt}"'
    return response


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("sida", None)
    return query.urlencode()


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk, own_report=True)
    audit_object(actor=request.user, action=AuditAction.READ, obj=event)
    if not reads_case(request.user, event):
        return render(request, "events/own_report.html", _own_report_context(request.user, event))
    can_work = may_work_on(request.user, event)
    context = {
        "event": event,
        "workflow": workflow(event.kind),
        "state_label": workflow(event.kind).states[event.state].label,
        "timeline": timeline_for(event),
        "deadlines": event.deadlines.all(),
        "actions_panel": action_panel(request.user, event, may_manage=can_work),
        "transitions": allowed_transitions(request.user, event),
        "next_steps": next_steps(allowed_transitions(request.user, event)),
        # Forms the case does not need in its state wait behind "Fler uppgifter".
        "later": can_work and not event.closed_on and not is_investigating(event),
        "not_taken_on": not_taken_on(event),
        "can_work": can_work,
        "entry_form": EntryForm() if can_work else None,
        "classify_form": ClassifyForm(
            initial={"category": event.category_id, "god_vard_area": event.god_vard_area}, event=event
        )
        if can_work
        else None,
        "channel_form": ChannelForm(event=event) if can_work and event.kind in CHANNEL_KINDS else None,
        "causes": event.causes.all() if records_causes(event) else None,
        "causes_form": CausesForm(event=event) if can_work and records_causes(event) else None,
        "cited_routines": event.cited_routines.all() if cites_routines(event) else None,
        "routines_form": CitedRoutinesForm(event=event)
        if can_work and cites_routines(event) and not event.closed_on
        else None,
        "readers": case_readers(event) if can_work else None,
        "ivo_applies": ivo_applies(event),
        "attachments": event.attachments.defer("data").select_related("uploaded_by"),
        "attachment_form": AttachmentForm() if not event.closed_on else None,
        "public_messages": event.messages.select_related("author") if event.receipt_code_hash else None,
        "message_form": StaffMessageForm() if can_work and event.receipt_code_hash else None,
        "may_mark_severe": can_work and workflow(event.kind).notifies_ivo and not event.severe and not event.closed_on,
        "related_panels": related_panels(request.user, event),
        "recurrence": similar_earlier(request.user, event),
        "recurrence_prefill": can_work and event.kind in RECURRENCE_PREFILL_KINDS,
        "purchaser": purchaser_status(event) if can_work else None,
    }
    return render(request, "events/event_detail.html", context)


def _own_report_context(user, event: Event) -> dict:
    """What a reporter sees of her own report: status, outcome, deadlines and åtgärder, her own
    attachments; not the investigation (need to know: tillit.events.selectors.reads_case)."""
    states = workflow(event.kind).states
    return {
        "event": event,
        "state_label": states[event.state].label,
        # Which steps were taken and when; the comments and who made them belong to the investigation.
        "states": [(states[t.to_state].label, t.at) for t in event.transitions.order_by("at", "id")],
        "actions_panel": action_panel(user, event, may_manage=False),
        "attachments": event.attachments.defer("data").filter(uploaded_by=user),
        "attachment_form": AttachmentForm() if not event.closed_on else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk)
    declared = {t.code: t for t in allowed_transitions(request.user, event)}
    if code not in declared:
        raise Http404
    form = TransitionForm(request.POST if request.method == "POST" else None, event=event, transition=declared[code])
    if request.method == "POST" and form.is_valid():
        try:
            done = transition_service(
                actor=request.user,
                subject=event,
                code=code,
                comment=form.cleaned_data["comment"],
                **form.service_fields(),
            )
        except (ValidationError, PermissionDenied) as exc:
            _service_error(form, exc)
        else:
            messages.success(request, declared[code].done_message(done.follow_up))
            # The transition's hook may have opened the case that carries this one on (an avvikelse).
            after = done.follow_up if isinstance(done.follow_up, Event) else event
            return redirect("events:event_detail", pk=after.pk)
    return render(request, "events/transition.html", {"event": event, "transition": declared[code], "form": form})


@login_required
@require_POST
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk)
    form = EntryForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            event_entry_add(
                actor=request.user,
                event=event,
                topic=data["topic"],
                text=data["text"],
                is_fact=data["is_fact"],
                source=data["source"],
                entry_date=data["entry_date"],
            )
        except (ValidationError, PermissionDenied) as exc:
            _service_error(form, exc)
        else:
            messages.success(request, "Anteckningen har sparats.")
            return redirect("events:event_detail", pk=event.pk)
    return render(request, "events/entry_form.html", {"event": event, "form": form}, status=422)


@login_required
@require_POST
def message_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to the reporter of a public-form case (read with their receipt code)."""
    event = event_for_user_or_404(request.user, pk)
    form = StaffMessageForm(request.POST)
    if not form.is_valid():  # e.g. the personnummer guard asks: shown again with what was typed
        context = {
            "form": form,
            "title": f"Meddelande till anmälaren – {event.reference}",
            "action": reverse("events:message_add", args=[event.pk]),
            "back_url": reverse("events:event_detail", args=[event.pk]),
            "submit_label": "Skicka",
        }
        return render(request, "core/form_page.html", context, status=422)
    try:
        staff_message_add(actor=request.user, event=event, text=form.cleaned_data["text"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Meddelandet finns nu för anmälaren att läsa med sin kod.")
    return redirect("events:event_detail", pk=event.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk, own_report=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(
            request,
            lambda: attachment_add(actor=request.user, event=event, upload=form.cleaned_data["file"]),
            success="Filen har bifogats.",
        )
    else:
        messages.error(request, "Välj en fil att bifoga.")
    return redirect("events:event_detail", pk=event.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk, own_report=True)
    attachments = event.attachments.all()
    if not reads_case(request.user, event):  # a reporter gets back what she attached, nothing else
        attachments = attachments.filter(uploaded_by=request.user)
    attachment = attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    audit_object(actor=request.user, action=AuditAction.READ, obj=attachment, unit=event.unit_id)
    response = HttpResponse(bytes(attachment.data), content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.filename}"'
    return response


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/my_tasks.html",
        {"events": my_tasks(request.user)[:100], "my_actions": open_actions_for(request.user)[:100]},
    )


@login_required
@require_POST
def mark_severe(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk)
    run_service(
        request,
        lambda: event_mark_severe(actor=request.user, event=event),
        success="Ärendet är bedömt som allvarligt. Anmäl det till IVO snarast.",
    )
    return redirect("events:event_detail", pk=event.pk)


@login_required
@require_POST
def classify(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk)
    form = ClassifyForm(request.POST, event=event)
    if form.is_valid():
        run_service(
            request,
            lambda: event_classify(actor=request.user, event=event, **form.cleaned_data),
            success="Klassificeringen är sparad.",
        )
    return redirect("events:event_detail", pk=event.pk)


@login_required
@require_POST
def causes(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk)
    form = CausesForm(request.POST, event=event)
    if form.is_valid():
        run_service(
            request,
            lambda: event_causes_set(actor=request.user, event=event, causes=form.cleaned_data["causes"]),
            success="Orsakerna är sparade.",
        )
    else:
        messages.error(request, "Välj bland orsakerna i listan.")
    return redirect("events:event_detail", pk=event.pk)


@login_required
@require_POST
def channel(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk)
    form = ChannelForm(request.POST, event=event)
    if form.is_valid():
        run_service(
            request,
            lambda: event_channel_set(actor=request.user, event=event, channel=form.cleaned_data["channel"]),
            success="Kanalen är sparad.",
        )
    else:
        messages.error(request, "Välj en av kanalerna i listan.")
    return redirect("events:event_detail", pk=event.pk)

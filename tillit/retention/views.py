"""Gallring: the rules per kind, and the legal holds (bevarandebeslut) a kvalitetsutvecklare or
systemadministratör places and releases on cases in her units."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_permission_denied, audit_record
from tillit.core.http import run_service
from tillit.events.models import EventKind
from tillit.org.access import get_scoped_or_404, has_permission
from tillit.retention.forms import LegalHoldForm
from tillit.retention.models import LegalHold
from tillit.retention.selectors import event_for_hold, holds_visible, retention_rules
from tillit.retention.services import legal_hold_place, legal_hold_release

PERMISSION = "retention.manage"


def _overview(request: HttpRequest, form: LegalHoldForm, status: int = 200) -> HttpResponse:
    holds = holds_visible(request.user)
    active = list(holds.filter(released_at__isnull=True))
    released = list(holds.filter(released_at__isnull=False)[:50])
    # The list names cases and reasons: who read it is logged, as for a case.
    audit_record(
        actor=request.user,
        action=AuditAction.READ,
        object_type=LegalHold._meta.label_lower,
        detail={"active": len(active), "released": len(released)},
    )
    rules = [(EventKind(kind).label, rule) for kind, rule in retention_rules().items()]
    context = {"rules": rules, "active": active, "released": released, "form": form}
    return render(request, "retention/overview.html", context, status=status)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, PERMISSION):
        raise Http404
    return _overview(request, LegalHoldForm())


@login_required
@require_POST
def hold_place(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, PERMISSION):
        raise Http404
    form = LegalHoldForm(request.POST)
    if form.is_valid():
        event = event_for_hold(request.user, form.cleaned_data["reference"])
        if event is None:
            audit_permission_denied(actor=request.user, permission=PERMISSION, object_type="events.event")
            form.add_error("reference", "Det finns inget ärende med det numret i dina enheter.")
        else:
            hold = run_service(
                request,
                lambda: legal_hold_place(actor=request.user, event=event, reason=form.cleaned_data["reason"]),
                success=f"Ärende {event.reference} bevaras nu och gallras inte förrän beslutet hävs.",
            )
            if hold is not None:
                return redirect("retention:overview")
    return _overview(request, form, status=422)


@login_required
@require_POST
def hold_release(request: HttpRequest, pk: int) -> HttpResponse:
    hold = get_scoped_or_404(request.user, PERMISSION, LegalHold.objects.select_related("event"), "event__unit", pk=pk)
    run_service(
        request,
        lambda: legal_hold_release(actor=request.user, hold=hold),
        success=f"Bevarandebeslutet för {hold.event.reference} är hävt. Ärendet gallras enligt reglerna.",
    )
    return redirect("retention:overview")

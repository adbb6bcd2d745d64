"""Integrations admin (systemadministratör): create a token (shown once), list, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tillit.audit.services import audit_permission_denied
from tillit.integrations.forms import IntegrationForm
from tillit.integrations.models import Integration
from tillit.integrations.services import integration_create, integration_revoke
from tillit.org.access import has_permission, scope_unit_ids
from tillit.org.models import Unit

PERMISSION = "integration.manage"


def _require(request: HttpRequest) -> None:
    if not has_permission(request.user, PERMISSION):
        audit_permission_denied(actor=request.user, permission=PERMISSION, object_type="integrations.integration")
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def integration_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    units = Unit.objects.filter(id__in=scope_unit_ids(request.user, PERMISSION)).order_by("path")
    form = IntegrationForm(request.POST if request.method == "POST" else None, units=units)
    token = None
    if form.is_valid():
        try:
            created = integration_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # Rendered (not redirected) so the token is shown exactly once and never stored.
            token, form = created.token, IntegrationForm(units=units)
            messages.success(request, f"Integrationen ”{created.integration.name}” är skapad.")
    integrations = Integration.objects.prefetch_related("units").select_related("created_by")
    context = {"form": form, "integrations": integrations, "token": token}
    return render(request, "integrations/integration_list.html", context)


@login_required
@require_POST
def integration_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    integration = Integration.objects.filter(pk=pk).first()
    if integration is None:
        raise Http404
    integration_revoke(actor=request.user, integration=integration)
    messages.success(request, f"Nyckeln för ”{integration.name}” är återkallad och fungerar inte längre.")
    return redirect("integrations:integration_list")

"""The administrator's page for causes, God vård areas and action types."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tillit.classification.forms import TermAddForm, TermChangeForm
from tillit.classification.models import Term
from tillit.classification.schemes import scheme as declared_scheme
from tillit.classification.schemes import schemes
from tillit.classification.services import PERMISSION, term_create, term_update
from tillit.core.http import run_service
from tillit.org.access import has_permission


def _require(request: HttpRequest) -> None:
    if not has_permission(request.user, PERMISSION):
        raise Http404


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    _require(request)
    by_scheme: dict[str, list[Term]] = {}
    for term in Term.objects.all():
        by_scheme.setdefault(term.scheme, []).append(term)
    sections = [{"scheme": s, "terms": by_scheme.get(s.key, []), "form": TermAddForm(prefix=s.key)} for s in schemes()]
    return render(request, "classification/settings.html", {"sections": sections})


@login_required
@require_POST
def term_add(request: HttpRequest, scheme: str) -> HttpResponse:
    _require(request)
    try:
        declared_scheme(scheme)
    except KeyError:
        raise Http404 from None
    form = TermAddForm(request.POST, prefix=scheme)
    if form.is_valid():
        run_service(
            request,
            lambda: term_create(actor=request.user, scheme=scheme, label=form.cleaned_data["label"]),
            success="Värdet har lagts till.",
        )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("classification:settings")


@login_required
@require_POST
def term_change(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    term = Term.objects.filter(pk=pk).first()
    if term is None:
        raise Http404
    form = TermChangeForm(request.POST, instance=Term(pk=term.pk, scheme=term.scheme, code=term.code))
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: term_update(
                actor=request.user,
                term=term,
                label=data["label"],
                sort_order=data["sort_order"],
                retired=data["retired"],
            ),
            success="Värdet har ändrats.",
        )
    else:
        messages.error(request, " ".join(form.non_field_errors()) or "Ange en benämning och ett tal för ordningen.")
    return redirect("classification:settings")

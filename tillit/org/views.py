"""Organisation pages: the unit tree, a unit, and (unit.manage) create, edit, move, close, reopen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tillit.core.http import run_service
from tillit.org.access import has_permission
from tillit.org.forms import CloseForm, MoveForm, ProviderForm, ProviderTermsForm, UnitForm
from tillit.org.models import Provider
from tillit.org.selectors import (
    manageable_units,
    may_set_provider_terms,
    providers_with_visible_units,
    unit_for_user_or_404,
    unit_operator,
    units_visible,
)
from tillit.org.services import (
    PURCHASER_TERMS,
    provider_create,
    provider_terms_set,
    unit_close,
    unit_create,
    unit_move,
    unit_reopen,
    unit_update,
)


def _detail(request: HttpRequest, unit, status: int = 200, **forms) -> HttpResponse:
    can_manage = has_permission(request.user, "unit.manage", unit)
    others = manageable_units(request.user).exclude(path__startswith=unit.path)
    context = {
        "unit": unit,
        "operator": unit_operator(unit),
        "children": units_visible(request.user).filter(parent=unit).order_by("name"),
        "can_manage": can_manage,
        "edit_form": UnitForm(
            initial={
                "name": unit.name,
                "level": unit.level,
                "provider": unit.provider_id,
                "municipality": unit.municipality,
                "namnd": unit.namnd,
            },
            editing=True,
        ),
        "move_form": MoveForm(units=others, initial={"new_parent": unit.parent_id}),
        "close_form": CloseForm(),
    }
    context.update(forms)
    return render(request, "org/unit_detail.html", context, status=status)


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = units_visible(request.user).order_by("path")
    context = {"units": units, "can_manage": has_permission(request.user, "unit.manage")}
    return render(request, "org/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, unit_for_user_or_404(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def unit_new(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "unit.manage"):
        raise Http404
    units = manageable_units(request.user, open_only=True)
    form = UnitForm(request.POST if request.method == "POST" else None, units=units)
    if form.is_valid():
        try:
            unit = unit_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Enheten ”{unit.name}” är skapad.")
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form})


@login_required
@require_POST
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_for_user_or_404(request.user, pk, "unit.manage")
    form = UnitForm(request.POST, editing=True)
    if form.is_valid():
        try:
            unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Enheten är sparad.")
            return redirect("org:unit_detail", pk=unit.pk)
    return _detail(request, unit, status=422, edit_form=form)


@login_required
@require_POST
def unit_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_for_user_or_404(request.user, pk, "unit.manage")
    form = MoveForm(request.POST, units=manageable_units(request.user))
    if form.is_valid():
        try:
            unit_move(actor=request.user, unit=unit, new_parent=form.cleaned_data["new_parent"])
        except ValidationError as exc:
            form.add_error("new_parent", exc)
        else:
            messages.success(request, "Enheten är flyttad, med sina underenheter.")
            return redirect("org:unit_detail", pk=unit.pk)
    return _detail(request, unit, status=422, move_form=form)


@login_required
@require_POST
def unit_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_for_user_or_404(request.user, pk, "unit.manage")
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            unit_close(actor=request.user, unit=unit, closed_on=form.cleaned_data["closed_on"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Enheten är stängd. Dess historik finns kvar och räknas i rapporterna.")
            return redirect("org:unit_detail", pk=unit.pk)
    return _detail(request, unit, status=422, close_form=form)


@login_required
@require_POST
def unit_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_for_user_or_404(request.user, pk, "unit.manage")
    try:
        unit_reopen(actor=request.user, unit=unit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Enheten är öppen igen.")
    return redirect("org:unit_detail", pk=unit.pk)


@login_required
@require_http_methods(["GET", "POST"])
def provider_list(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "unit.manage"):
        raise Http404
    form = ProviderForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            provider_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Utföraren är registrerad.")
            return redirect("org:provider_list")
    providers = providers_with_visible_units(request.user)
    return render(request, "org/provider_list.html", {"form": form, "providers": providers})


@login_required
@require_http_methods(["GET", "POST"])
def provider_terms(request: HttpRequest, pk: int) -> HttpResponse:
    """The contract's terms for what the provider shares with the municipality as purchaser."""
    provider = get_object_or_404(Provider, pk=pk)
    if not may_set_provider_terms(request.user, provider):
        raise Http404
    initial = {name: getattr(provider, name) for name in PURCHASER_TERMS}
    form = ProviderTermsForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        done = run_service(
            request,
            lambda: provider_terms_set(actor=request.user, provider=provider, **form.cleaned_data),
            success="Villkoren är sparade.",
        )
        if done is not None:
            return redirect("org:provider_terms", pk=provider.pk)
    return render(request, "org/provider_terms.html", {"provider": provider, "form": form})

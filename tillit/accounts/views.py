"""User administration and the yearly access review (systemadministratör)."""

from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tillit.accounts.forms import AccessReviewForm, AssignmentForm, PasswordForm, UserFilterForm, UserForm
from tillit.accounts.models import AccessReview, User
from tillit.accounts.selectors import assignments_for_review, manageable_units, users_visible
from tillit.accounts.services import (
    USER_FIELDS,
    access_review_record,
    assignment_add,
    assignment_remove,
    totp_reset,
    user_create,
    user_deactivate,
    user_reactivate,
    user_set_password,
    user_update,
)
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object, audit_permission_denied
from tillit.org.access import has_permission

PAGE_SIZE = 50


def _require(request: HttpRequest, permission: str) -> None:
    if not has_permission(request.user, permission):
        audit_permission_denied(actor=request.user, permission=permission, object_type="accounts.user")
        raise Http404


def _user_or_404(request: HttpRequest, pk: int) -> User:
    _require(request, "user.manage")
    user = users_visible(request.user, inactive=True).filter(pk=pk).first()
    if user is None:
        audit_permission_denied(actor=request.user, permission="user.manage", object_type="accounts.user")
        raise Http404
    return user


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require(request, "user.manage")
    form = UserFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    users = users_visible(request.user, **{k: v for k, v in filters.items() if v}).order_by("last_name", "username")
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "accounts/user_list.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    _require(request, "user.manage")
    form = UserForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            user = user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Användaren är skapad. Ge den en roll i en enhet.")
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _user_or_404(request, pk)
    form = UserForm(request.POST if request.method == "POST" else None, instance=User.objects.get(pk=subject.pk))
    if request.method == "GET":
        audit_object(actor=request.user, action=AuditAction.READ, obj=subject)
    elif form.is_valid():
        values = {name: form.cleaned_data[name] for name in USER_FIELDS}
        try:
            user_update(actor=request.user, user=subject, **values)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Uppgifterna är sparade.")
            return redirect("accounts:user_detail", pk=subject.pk)
    return render(request, "accounts/user_detail.html", _detail_context(request, subject, form=form))


def _detail_context(request: HttpRequest, subject: User, **forms) -> dict:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    context = {
        "subject": subject,
        "form": UserForm(instance=subject),
        "assignment_form": AssignmentForm(units=manageable_units(request.user)),
        "password_form": PasswordForm(user=subject),
        "has_totp": TOTPDevice.objects.filter(user=subject, confirmed=True).exists(),
    }
    context.update(forms)
    return context


@login_required
@require_POST
def assignment_new(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _user_or_404(request, pk)
    form = AssignmentForm(request.POST, units=manageable_units(request.user))
    if form.is_valid():
        try:
            assignment_add(actor=request.user, user=subject, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Rollen är tilldelad.")
            return redirect("accounts:user_detail", pk=subject.pk)
    return render(request, "accounts/user_detail.html", _detail_context(request, subject, assignment_form=form))


@login_required
@require_POST
def assignment_delete(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    subject = _user_or_404(request, pk)
    assignment = subject.assignments.filter(pk=assignment_pk, unit__in=manageable_units(request.user)).first()
    if assignment is None:
        raise Http404
    assignment_remove(actor=request.user, assignment=assignment)
    messages.success(request, "Rollen är borttagen.")
    return redirect("accounts:user_detail", pk=subject.pk)


@login_required
@require_POST
def user_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    subject = _user_or_404(request, pk)
    try:
        if active:
            user_reactivate(actor=request.user, user=subject)
        else:
            user_deactivate(actor=request.user, user=subject)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Kontot är aktiverat." if active else "Kontot är inaktiverat och utloggat.")
    return redirect("accounts:user_detail", pk=subject.pk)


@login_required
@require_POST
def user_totp_reset(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _user_or_404(request, pk)
    totp_reset(actor=request.user, user=subject)
    messages.success(
        request, "Tvåfaktorsinloggningen är återställd. Användaren aktiverar en ny app vid nästa inloggning."
    )
    return redirect("accounts:user_detail", pk=subject.pk)


@login_required
@require_POST
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _user_or_404(request, pk)
    form = PasswordForm(request.POST, user=subject)
    if form.is_valid():
        user_set_password(actor=request.user, user=subject, password=form.cleaned_data["password"])
        messages.success(request, "Lösenordet är bytt.")
        return redirect("accounts:user_detail", pk=subject.pk)
    return render(request, "accounts/user_detail.html", _detail_context(request, subject, password_form=form))


@login_required
@require_http_methods(["GET", "POST"])
def access_review(request: HttpRequest) -> HttpResponse:
    _require(request, "access_review.manage")
    initial = {"year": date.today().year, "reviewed_on": date.today()}
    form = AccessReviewForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            access_review_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Granskningen är registrerad.")
            return redirect("accounts:access_review")
    context = {
        "form": form,
        "assignments": assignments_for_review(request.user),
        "reviews": AccessReview.objects.select_related("reviewed_by")[:20],
    }
    return render(request, "accounts/access_review.html", context)


@login_required
def access_review_export(request: HttpRequest) -> HttpResponse:
    _require(request, "access_review.manage")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="behorigheter.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly only with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Användarnamn", "Namn", "Utförare", "Roll", "Enhetskod", "Enhet", "Tilldelad", "Tilldelad av"])
    rows = assignments_for_review(request.user)
    for a in rows:
        writer.writerow(
            [
                a.user.username,
                a.user.get_full_name(),
                a.user.provider.name if a.user.provider else "",
                a.get_role_display(),
                a.unit.code,
                a.unit.name,
                a.created_at.date().isoformat(),
                a.created_by.username if a.created_by else "",
            ]
        )
    from tillit.audit.services import audit_record

    audit_record(
        actor=request.user, action=AuditAction.EXPORT, object_type="accounts.roleassignment", detail={"rows": len(rows)}
    )
    return response

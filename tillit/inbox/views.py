"""The in-app inbox: reminders and messages addressed to the current user."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from tillit.core.http import run_service
from tillit.inbox.selectors import notifications_for, unread_count
from tillit.inbox.services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 25


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "inbox/inbox.html", {"page": page, "unread": unread_count(request.user)})


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = notifications_for(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    notification_mark_read(actor=request.user, notification=notification)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("inbox:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    run_service(
        request,
        lambda: notifications_mark_all_read(actor=request.user),
        success=lambda n: f"{n} meddelande{'' if n == 1 else 'n'} markerade som lästa.",
    )
    return redirect("inbox:inbox")

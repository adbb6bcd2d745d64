"""Public pages, no login. They never touch the session and never record who the visitor is."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from tillit.events.forms import PublicMessageForm, PublicReportForm, ReceiptForm
from tillit.events.models import Channel
from tillit.events.services import event_report
from tillit.events.services.public import (
    check_form_token,
    event_by_receipt,
    form_token,
    form_token_nonce,
    public_measures,
    reporter_message_add,
    within_rate_limit,
)
from tillit.workflow.declaration import workflow


@never_cache
@require_http_methods(["GET", "POST"])
def public_report(request: HttpRequest) -> HttpResponse:
    form = PublicReportForm(request.POST if request.method == "POST" else None, initial={"token": form_token()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:  # honeypot: a person never sees or fills this field
            return render(request, "events/public/thanks.html", {"receipt_code": ""})
        try:
            check_form_token(data["token"])
            if not within_rate_limit("report"):
                raise ValidationError("Just nu kommer det in väldigt många meddelanden. Försök igen om en stund.")
            result = event_report(
                actor=None,
                kind=data["kind"],
                unit=data["unit"],
                description=data["description"],
                occurred_on=data["occurred_on"],
                channel=Channel.WEBB,
                contact_name="" if data["anonymous"] else data["contact_name"],
                contact_details="" if data["anonymous"] else data["contact_details"],
                idempotency_key=f"public:{form_token_nonce(data['token'])}",
                with_receipt=True,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return render(request, "events/public/thanks.html", {"receipt_code": result.receipt_code})
    return render(request, "events/public/report.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def public_follow_up(request: HttpRequest) -> HttpResponse:
    """Read the answer and add information with the receipt code (sent by POST, never in a URL)."""
    receipt_form = ReceiptForm(request.POST if request.method == "POST" else None)
    message_form = PublicMessageForm()
    event = None
    if request.method == "POST" and receipt_form.is_valid():
        if not within_rate_limit("receipt"):
            receipt_form.add_error(None, "För många försök just nu. Försök igen om en stund.")
        elif (event := event_by_receipt(receipt_form.cleaned_data["code"])) is None:
            receipt_form.add_error("code", "Vi hittar inget ärende med den koden. Kontrollera koden.")
        elif "text" in request.POST:
            message_form = PublicMessageForm(request.POST)
            if message_form.is_valid():
                reporter_message_add(event=event, text=message_form.cleaned_data["text"])
                message_form = PublicMessageForm()
                message_form.sent = True
    context = {
        "receipt_form": receipt_form,
        "message_form": message_form,
        "event": event,
        "state_label": workflow(event.kind).states[event.state].label if event else "",
        "messages_for_reporter": event.messages.all() if event else [],
        "measures": public_measures(event) if event else [],
    }
    return render(request, "events/public/follow_up.html", context)

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.events.services import event_report, event_transition
from tillit.events.services.attachments import attachment_add

pytestmark = pytest.mark.django_db


def test_upload_and_download_in_scope_only(client, org):
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    client.force_login(org.user("medarbetare"))
    pdf = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert client.post(reverse("events:attachment_upload", args=[event.pk]), {"file": pdf}).status_code == 302
    attachment = event.attachments.get()
    url = reverse("events:attachment_download", args=[event.pk, attachment.pk])
    client.force_login(org.user("enhetschef"))
    response = client.get(url)
    assert response.content == b"%PDF-1.4 test" and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="read", object_type="events.attachment").exists()
    client.force_login(org.user("namnd"))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "Filtypen"),
        ("fake.pdf", b"<html>", "innehåll"),
        ("bild.png", b"GIF89a", "innehåll"),
    ],
)
def test_bad_files_are_refused(client, org, name, content, message):
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    client.force_login(org.user("medarbetare"))
    response = client.post(
        reverse("events:attachment_upload", args=[event.pk]), {"file": SimpleUploadedFile(name, content)}, follow=True
    )
    assert message in response.content.decode()
    assert event.attachments.count() == 0


def test_too_large_file_is_refused(client, org, settings):
    settings.ATTACHMENT_MAX_MB = 0
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    client.force_login(org.user("medarbetare"))
    response = client.post(
        reverse("events:attachment_upload", args=[event.pk]),
        {"file": SimpleUploadedFile("a.txt", b"hej")},
        follow=True,
    )
    assert "för stor" in response.content.decode()


def test_attachment_on_a_closed_case_is_refused_by_the_service(org):
    """Defect: the case page hid the form on closed cases, but the service accepted the file."""
    chef = org.user("enhetschef")
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    event = event_transition(
        actor=chef, event=event, code="avsluta_utan_utredning", closure_reason="ej_brist", conclusion="Ingen brist"
    )
    pdf = SimpleUploadedFile("sent.pdf", b"%PDF-1.4 late", content_type="application/pdf")
    with pytest.raises(ValidationError, match="avslutat"):
        attachment_add(actor=chef, event=event, upload=pdf)
    assert not event.attachments.exists()


def test_attachment_upload_to_a_closed_case_through_the_screen_changes_nothing(client, org):
    chef = org.user("enhetschef")
    event = event_report(actor=chef, kind="avvikelse", unit=org.vux1, description="x").event
    event_transition(
        actor=chef, event=event, code="avsluta_utan_utredning", closure_reason="ej_brist", conclusion="Ingen brist"
    )
    client.force_login(chef)
    pdf = SimpleUploadedFile("sent.pdf", b"%PDF-1.4 late", content_type="application/pdf")
    response = client.post(reverse("events:attachment_upload", args=[event.pk]), {"file": pdf}, follow=True)
    assert "avslutat" in response.content.decode() and not event.attachments.exists()

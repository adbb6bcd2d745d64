import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.events.services import event_report

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

"""The API documentation (Swagger UI from django-ninja's own static files) renders under our CSP."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_api_docs_render(page: Page, live_server, browser_org):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/api/docs")
    expect(page.get_by_text("Tillit API").first).to_be_visible(timeout=15000)
    expect(page.get_by_text("/api/events").first).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors

"""An app plugs itself in without any other app being edited.

`tillit/testing/example_app` (never installed in a running Tillit) declares a workflow in its
workflows.toml, and registers a permission, a menu entry, pages, a reminder source (plugin.py) and
a section of the yearly report with its figures (report_sections.py). Loading it the way Django
loads an installed app's modules makes each of them work through the shell's ordinary paths.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import sys
import types
from datetime import date
from pathlib import Path

import pytest
from django.urls import clear_url_caches, reverse

from tillit.core import reporting
from tillit.core.registry import registry
from tillit.home.policy_docs import render_policy_markdown
from tillit.inbox.models import Notification
from tillit.inbox.services import reminders_send
from tillit.org.access import has_permission
from tillit.reports.services import report_create
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign
from tillit.workflow import declaration
from tillit.workflow.models import WorkflowSubject
from tillit.workflow.services import transition

pytestmark = pytest.mark.django_db

APP = Path(__file__).resolve().parents[2] / "testing" / "example_app"
MODULE = "tillit.testing.example_app"


@pytest.fixture
def example_app(monkeypatch, settings):
    """Load the example app's plugin.py, report_sections.py and workflows.toml as for an installed
    app; the registries are restored afterwards, so no other test sees it."""
    saved = {f.name: getattr(registry, f.name) for f in dataclasses.fields(registry)}
    for name, value in saved.items():
        setattr(registry, name, type(value)(value))
    monkeypatch.setattr(reporting, "_providers", dict(reporting._providers))
    installed = declaration.declaration_files()
    monkeypatch.setattr(declaration, "declaration_files", lambda: [*installed, ("example_app", APP / "workflows.toml")])
    declaration.workflows.cache_clear()
    for name in ("plugin", "report_sections"):
        module = f"{MODULE}.{name}"
        importlib.reload(sys.modules[module]) if module in sys.modules else importlib.import_module(module)
    urlconf = types.ModuleType("example_urlconf")
    urlconf.urlpatterns = importlib.import_module("tillit.urls").build_urlpatterns()
    monkeypatch.setitem(sys.modules, "example_urlconf", urlconf)
    settings.ROOT_URLCONF = "example_urlconf"
    clear_url_caches()
    yield importlib.import_module(f"{MODULE}.plugin")
    for name, value in saved.items():
        setattr(registry, name, value)
    declaration.workflows.cache_clear()
    clear_url_caches()


@pytest.fixture
def reviewer(org):
    user = UserFactory(username="granskare", title="Kvalitetsutvecklare")
    assign(user, "kvalitetsutvecklare", org.soc)
    return user


def test_the_permission_is_in_the_role_table_and_scopes_access(example_app, org, reviewer):
    assert has_permission(reviewer, "exempel.view", org.vux1)
    assert not has_permission(org.user("enhetschef"), "exempel.view")
    assert "Se exempelgranskningar (`exempel.view`)" in render_policy_markdown()
    assert "### Exempelgranskning" in render_policy_markdown()


def test_the_menu_entry_and_the_pages_answer(example_app, client, org, reviewer):
    login(client, reviewer)
    start = client.get(reverse("home:start")).content.decode()
    assert re.search(r'<a href="/exempel/"[^>]*>Exempel</a>', start)
    assert client.get(reverse("exempel:overview")).content == b"Exempelgranskningar"
    login(client, org.user("enhetschef"))
    assert ">Exempel<" not in client.get(reverse("home:start")).content.decode()
    assert client.get(reverse("exempel:overview")).status_code == 404


def test_the_reminder_source_reaches_the_inbox_once(example_app, reviewer):
    example_app.REMINDED_USER_IDS[:] = [reviewer.pk]
    first, again = reminders_send(today=date(2026, 5, 4)), reminders_send(today=date(2026, 5, 20))
    note = Notification.objects.get(recipient=reviewer, key="exempel:2026-05")
    assert note.url == "/exempel/" and first.created >= 1 and again.created == 0


def test_the_report_section_and_its_figures_are_in_the_report(example_app, org):
    author = UserFactory(username="redaktor")
    assign(author, "kvalitetsutvecklare", org.soc)
    report = report_create(actor=author, year=2025, scope=org.soc)
    section = report.sections.get(key="exempel")
    assert section.title == "Exempelgranskningar" and "gjordes 3 exempelgranskningar" in section.text
    keys = list(report.sections.values_list("key", flat=True))
    assert keys.index("lex_maria") < keys.index("exempel") < keys.index("analys")


class Review(WorkflowSubject):
    """An in-memory subject of the example workflow (the example app has no table of its own)."""

    workflow_key = "exempelgranskning"

    def __init__(self, unit_id: int) -> None:
        self.unit_id, self.state, self.history, self.deadlines = unit_id, "planerad", [], {}

    def workflow_locked(self):
        return self

    def workflow_save(self) -> None:
        pass

    def workflow_log(self, **row) -> None:
        self.history.append(row)

    def workflow_deadline_start(self, *, code, label, legal_reference, due_on) -> None:
        self.deadlines[code] = due_on

    def workflow_deadlines_meet(self, codes, *, on) -> None:
        for code in codes:
            self.deadlines.pop(code, None)

    def workflow_audit(self, *, actor, action, detail) -> None:
        pass


def test_the_workflow_is_declared_and_runs_on_the_shared_engine(example_app, org, reviewer):
    wf = declaration.workflow("exempelgranskning")
    assert wf.app == "example_app" and wf.deadlines[0].service_level
    review = Review(org.vux1.pk)
    with pytest.raises(Exception, match="behörighet"):
        transition(actor=org.user("enhetschef"), subject=review, code="slutfor")
    transition(actor=reviewer, subject=review, code="slutfor")
    assert review.state == "klar" and review.history[-1]["code"] == "slutfor"


def test_the_example_app_imports_only_the_base_and_shared_layers():
    imported = set()
    for path in APP.glob("*.py"):
        imported |= set(re.findall(r"^\s*from tillit\.(\w+)", path.read_text(), re.MULTILINE))
    assert imported <= {"core", "org", "testing"}

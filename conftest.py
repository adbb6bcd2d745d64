"""Root pytest configuration shared by every app's tests."""

from __future__ import annotations

import os

import pytest
from django.test import TransactionTestCase

from tillit.testing.org import TestOrg, build_test_org

_original_fixture_teardown = TransactionTestCase._fixture_teardown


def _teardown_with_audit_triggers_lifted(self):
    # Flushing between transactional tests must delete audit rows, which the triggers forbid.
    from tillit.audit.triggers import triggers_lifted

    with triggers_lifted():
        _original_fixture_teardown(self)
    from django.apps import apps

    from tillit.audit.models import AuditChainHead
    from tillit.events.checklists import FILES, load_shipped

    AuditChainHead.objects.get_or_create(pk=1)
    # The flush also removed the checklist templates a data migration ships; the next test needs them.
    for code in FILES:
        load_shipped(apps, code, 1)


TransactionTestCase._fixture_teardown = _teardown_with_audit_triggers_lifted


@pytest.fixture
def org(db) -> TestOrg:
    """A small organisation with one named user per role (see tillit/testing/org.py)."""
    return build_test_org()


# --- Browser tests (Playwright driving Debian's chromium) ---------------------------------------
# Playwright's sync API runs an event loop in the test thread; the tests' own ORM calls are still
# synchronous (Tillit has no async code), so Django's async-context guard is lifted for tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright's own browser download does not work here; Debian's chromium does. Without the
    # background-networking flags chromium keeps trying to reach Google's hosts on a closed network.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def browser_org(transactional_db) -> TestOrg:
    """The test organisation in a committed database, for the live server the browser talks to."""
    return build_test_org()

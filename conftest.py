"""Root pytest configuration shared by every app's tests."""

from __future__ import annotations

import pytest
from django.test import TransactionTestCase

from tillit.testing.org import TestOrg, build_test_org

_original_fixture_teardown = TransactionTestCase._fixture_teardown


def _teardown_with_audit_triggers_lifted(self):
    # Flushing between transactional tests must delete audit rows, which the triggers forbid.
    from tillit.audit.triggers import triggers_lifted

    with triggers_lifted():
        _original_fixture_teardown(self)
    from tillit.audit.models import AuditChainHead

    AuditChainHead.objects.get_or_create(pk=1)


TransactionTestCase._fixture_teardown = _teardown_with_audit_triggers_lifted


@pytest.fixture
def org(db) -> TestOrg:
    """A small organisation with one named user per role (see tillit/testing/org.py)."""
    return build_test_org()

"""Session engine: database sessions that record which user a session belongs to."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DBStore


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):  # type: ignore[override]
        from tillit.accounts.models import Session

        return Session

    def create_model_instance(self, data: dict[str, Any]):  # type: ignore[override]
        obj = super().create_model_instance(data)
        user_id = data.get("_auth_user_id")
        obj.user_id = int(user_id) if user_id else None
        return obj


def end_sessions_for(user_id: int) -> int:
    """Delete every server-side session of a user (logout everywhere, deactivation)."""
    from tillit.accounts.models import Session

    deleted, _ = Session.objects.filter(user_id=user_id).delete()
    return deleted

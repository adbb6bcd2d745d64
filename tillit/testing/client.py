"""Logging test clients in."""

from __future__ import annotations


def login(client, user, *, verified: bool = True):
    """Log `user` in; `verified` counts as having passed two-factor (the 2FA flow has its own tests)."""
    client.force_login(user)
    if verified:
        session = client.session
        session["tillit_strong_auth"] = True
        session.save()
    return client

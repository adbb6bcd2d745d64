"""Demo data for styrande dokument (filled in below)."""

from __future__ import annotations


def demo_step(*, rng, today):
    return None

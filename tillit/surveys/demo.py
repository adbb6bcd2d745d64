"""Demo surveys (filled in below)."""


def demo_step(*, rng, today):
    return None

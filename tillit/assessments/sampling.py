"""Reproducible random samples of case files, and the guard on pseudonymous case numbers.

No official sampling rule for journal-/aktgranskning was found: the population, the sample size and
the random seed are stored and shown, so that anyone can draw the same sample again.
"""

from __future__ import annotations

import math
import random
import re
import secrets
from dataclasses import dataclass, field

# Pseudonymous case numbers only: letters a–z, digits and . / _ -, at least one digit, no spaces
# (so that a name cannot pass), and nothing shaped like a personnummer (10 or 12 digits).
# The shape test is stricter than tillit.core.privacy on purpose: a case number never needs ten
# digits in a row, so even a number with a wrong check digit is refused.
CASE_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./_-]{0,39}$")
PERSONNUMMER_SHAPE = re.compile(r"(?<!\d)(\d{2})?\d{6}[-+]?\d{4}(?!\d)")
MAX_POPULATION = 100_000
SEED_MAX = 999_999


def new_seed() -> int:
    """A fresh seed, short enough to write down (shown with the sample)."""
    return secrets.randbelow(SEED_MAX) + 1


def case_number_problem(value: str) -> str | None:
    """Why `value` is not an acceptable pseudonymous case number (Swedish), or None."""
    if PERSONNUMMER_SHAPE.search(value):
        return f"”{value}” ser ut som ett personnummer; ange ärendenummer, aldrig personnummer"
    if not CASE_NUMBER.match(value) or not any(c.isdigit() for c in value):
        return (
            f"”{value}” är inget ärendenummer (bokstäverna a–z, siffror och . / _ -, minst en siffra, "
            "högst 40 tecken; aldrig namn)"
        )
    return None


@dataclass
class Population:
    count: int | None = None
    cases: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.cases) if self.cases else (self.count or 0)


def parse_population(text: str) -> Population:
    """A count ("120") or pseudonymous case numbers, one per line (or separated by , or ;)."""
    text = (text or "").strip()
    if not text:
        return Population(errors=["Ange populationen: ett antal ärenden eller ärendenumren, ett per rad."])
    if text.isdigit():
        count = int(text)
        if not 1 <= count <= MAX_POPULATION:
            return Population(errors=[f"Populationen ska vara mellan 1 och {MAX_POPULATION} ärenden."])
        return Population(count=count)
    values = [v.strip() for v in re.split(r"[\n,;]+", text) if v.strip()]
    population = Population(cases=values)
    seen: set[str] = set()
    for value in values:
        if problem := case_number_problem(value):
            population.errors.append(problem)
        elif value in seen:
            population.errors.append(f"”{value}” finns två gånger")
        seen.add(value)
    if len(values) > MAX_POPULATION:
        population.errors.append(f"Populationen får vara högst {MAX_POPULATION} ärenden.")
    return population


def sample_size_for(population_size: int, *, size: int | None, share: float | None) -> int:
    """The sample size from a number or a share in percent (rounded up); at most the population."""
    if size is None and share is None:
        raise ValueError("size or share")
    n = size if size is not None else math.ceil(population_size * share / 100)
    return max(1, min(n, population_size))


def draw_sample(population_size: int, sample_size: int, seed: int) -> list[int]:
    """Zero-based positions in the population, in drawing order. Same seed → same sample."""
    return random.Random(seed).sample(range(population_size), sample_size)

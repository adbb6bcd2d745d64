"""The process map: each process drawn server-side as SVG from its data (activities in order,
samverkan marked), so the page needs no script and the picture always matches the register."""

from __future__ import annotations

import textwrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BOX_W, BOX_H, GAP, PAD, ARROW = 150, 70, 26, 10, 12
LINE_CHARS, MAX_LINES = 20, 3
SAMVERKAN_FILL, NORMAL_FILL = "#fff4d6", "#e8f0fb"


def _label_lines(text: str) -> list[str]:
    lines = textwrap.wrap(text, LINE_CHARS) or [""]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1][: LINE_CHARS - 1] + "…"]
    return lines


def process_svg(process, activities) -> SafeString:
    """A row of numbered steps joined by arrows; a step needing samverkan has a dashed outline and
    a "S" mark (also said in words in the SVG's description and in the table beside it)."""
    n = max(len(activities), 1)
    width = PAD * 2 + n * BOX_W + (n - 1) * GAP
    height = PAD * 2 + BOX_H + 18
    samverkan = [a for a in activities if a.samverkan_with]
    desc = f"{process.name}: " + ", ".join(f"{a.position}. {a.name}" for a in activities)
    if samverkan:
        desc += ". Samverkan i: " + ", ".join(f"{a.name} (med {a.samverkan_with})" for a in samverkan)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="pm-{process.pk}-t pm-{process.pk}-d" class="process-map">',
        f'<title id="pm-{process.pk}-t">Processkarta: {escape(process.name)}</title>',
        f'<desc id="pm-{process.pk}-d">{escape(desc)}</desc>',
    ]
    for i, activity in enumerate(activities):
        x, y = PAD + i * (BOX_W + GAP), PAD
        dashed = ' stroke-dasharray="6 3"' if activity.samverkan_with else ""
        fill = SAMVERKAN_FILL if activity.samverkan_with else NORMAL_FILL
        parts.append(
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="{fill}" '
            f'stroke="#1d4f91" stroke-width="2"{dashed}/>'
        )
        parts.append(
            f'<text x="{x + 8}" y="{y + 16}" font-size="12" font-weight="bold" fill="#1d4f91">'
            f"{activity.position}</text>"
        )
        if activity.samverkan_with:
            parts.append(
                f'<text x="{x + BOX_W - 16}" y="{y + 16}" font-size="12" font-weight="bold" fill="#7a4b00">S</text>'
            )
        lines = _label_lines(activity.name)
        top = y + BOX_H / 2 - (len(lines) - 1) * 7 + 4
        for j, line in enumerate(lines):
            parts.append(
                f'<text x="{x + BOX_W / 2}" y="{top + j * 14}" font-size="12" text-anchor="middle" '
                f'fill="#111">{escape(line)}</text>'
            )
        if i < len(activities) - 1:
            ax, ay = x + BOX_W + 2, y + BOX_H / 2
            parts.append(
                f'<path d="M{ax} {ay} H{ax + GAP - ARROW / 2} M{ax + GAP - 8} {ay - 5} L{ax + GAP - 3} {ay} '
                f'L{ax + GAP - 8} {ay + 5}" stroke="#1d4f91" stroke-width="2" fill="none"/>'
            )
    parts.append(
        f'<text x="{PAD}" y="{height - 6}" font-size="11" fill="#444">'
        f"{len(activities)} aktiviteter{', S = samverkan' if samverkan else ''}</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text from data is escaped above

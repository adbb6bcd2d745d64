"""Render the declared rules (role table and event workflows) as Markdown for the municipality's review."""

from __future__ import annotations

from tillit.core.registry import registry
from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role
from tillit.workflow.declaration import workflows

HEADER = """# Behörigheter och arbetsflöden i Tillit

*Genererad från apparnas deklarationer (`plugin.py` och `workflows.toml`) med
`python manage.py render_policy_docs`. Ändra inte för hand: ändra deklarationen och kör kommandot.*

En behörighet gäller i den enhet där användaren har rollen och i alla enheter under den. Personal hos
en privat utförare ser bara utförarens egna enheter. Ett objekt utanför behörigheten svarar
"sidan finns inte" (404) och varje nekad åtkomst loggas. Varje läsning av uppgifter med
personuppgifter loggas. Rollerna {aggregate} ser bara sammanställningar, aldrig personuppgifter.

**Huvudmannen gör ärendearbetet.** En enhet drivs av den utförare som anges på enheten eller närmast
ovanför den, annars av kommunen. En *huvudmannabehörighet* (kolumnen Huvudman) och varje steg i
arbetsflödena har man i en enhet bara genom en roll i en enhet med samma huvudman, som anställd hos
den huvudmannen: utförarens egna roller (medarbetare, enhetschef, utredare, kvalitetsutvecklare, MAS)
tar emot, utreder, beslutar och anmäler till IVO för utförarens enheter. Kommunens roller – även på
förvaltningsnivå – läser inte utförarens ärendeakter, utreder, beslutar eller anmäler inte för dem;
kommunen som beställare får det avtalet säger (underrättelser, inlämnade utredningar och
sammanställningar) och ändrar aldrig utförarens ärenden. En utförare ser aldrig en annan utförares
eller kommunens ärenden. En roll kan gälla alla enheter som utföraren driver. Behörigheter markerade
med K i kolumnen Huvudman gäller kommunens egna inställningar och ges aldrig utförarens personal.
"""


def _mark(yes: bool) -> str:
    return "✔" if yes else ""


def _operator_mark(p) -> str:
    return "K" if p.municipal else _mark(p.operator)


def render_policy_markdown() -> str:
    roles = list(Role)
    aggregate = " och ".join(r.label.lower() for r in roles if r in AGGREGATE_ONLY_ROLES)
    lines = [HEADER.format(aggregate=aggregate), "## Roller och behörigheter", ""]
    lines.append(
        "| Behörighet | " + " | ".join(r.label for r in roles) + " | Personuppgifter | Huvudman | Rättslig grund |"
    )
    lines.append("|---" * (len(roles) + 4) + "|")
    for p in sorted(registry.permissions.values(), key=lambda p: (p.app, p.code)):
        cells = " | ".join(_mark(r in p.roles) for r in roles)
        lines.append(
            f"| {p.label} (`{p.code}`) | {cells} | {_mark(p.personal_data)} | {_operator_mark(p)} "
            f"| {p.legal_reference} |"
        )
    lines.append("")
    lines.append("## Arbetsflöden")
    for wf in workflows().values():
        lines += ["", f"### {wf.label}", "", f"{wf.help} ({wf.legal_reference})", ""]
        lines += [
            "Stegen görs av huvudmannens egna roller (kommunens i kommunens enheter, utförarens i utförarens).",
            "",
        ]
        lines.append("| Steg | Från | Till | Vem får | Krav | Rättslig grund |")
        lines.append("|---|---|---|---|---|---|")
        for t in wf.transitions:
            sources = ", ".join(wf.states[s].label for s in t.sources)
            who = ", ".join(r.label for r in roles if r in t.roles)
            lines.append(
                f"| {t.label} | {sources} | {wf.states[t.target].label} | {who} | {', '.join(t.required)} "
                f"| {t.legal_reference} |"
            )
        if wf.deadlines:
            lines += ["", "| Tidsfrist | Dagar | Typ | Rättslig grund |", "|---|---|---|---|"]
            for d in wf.deadlines:
                unit = "arbetsdagar" if d.working_days else "kalenderdagar"
                kind = "kommunens tjänstenivå (lagen säger inte antal dagar)" if d.service_level else "lagkrav"
                lines.append(f"| {d.label} | {d.days} {unit} | {kind} | {d.legal_reference} |")
    return "\n".join(lines) + "\n"

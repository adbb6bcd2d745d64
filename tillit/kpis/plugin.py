"""Nyckeltal register their pages, permissions, menu entry and demo values (see tillit/core/registry.py)."""

from tillit.core.registry import (
    DemoStep,
    NavEntry,
    Permission,
    register_demo_step,
    register_nav,
    register_permissions,
    register_urls,
)
from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role
from tillit.kpis.demo import demo_step
from tillit.kpis.trend_series import kpi_series_loader, kpi_signal_series
from tillit.trends.series import register_series_source, register_signal_source

# KPIs are aggregates without personal data: everyone in case work and the aggregate-only roles read them.
READERS = frozenset(
    {
        Role.ENHETSCHEF,
        Role.AVDELNINGSCHEF,
        Role.UTREDARE,
        Role.KVALITETSUTVECKLARE,
        Role.MAS,
        Role.UTFORARKONTAKT,
        Role.SYSTEMADMINISTRATOR,
    }
)
MANAGERS = frozenset({Role.KVALITETSUTVECKLARE, Role.SYSTEMADMINISTRATOR})

register_urls(__name__, "nyckeltal/", "tillit.kpis.urls")
register_permissions(
    __name__,
    [
        Permission(
            "kpi.view",
            "Se nyckeltal och jämförelser med riket (sammanställda uppgifter, inga personuppgifter)",
            READERS | AGGREGATE_ONLY_ROLES,
            legal_reference="SOSFS 2011:9 5 kap.",
        ),
        Permission("kpi.manage", "Lägga upp nyckeltal och mata in eller importera egna värden", MANAGERS),
    ],
)
register_nav(__name__, NavEntry("Nyckeltal", "kpis:kpi_list", "kpi.view", order=45))
register_demo_step(__name__, DemoStep("kpis", order=40, run=demo_step))
register_series_source("kpi", kpi_series_loader)
register_signal_source("kpi", kpi_signal_series)

"""Computed KPIs register their demo step (see tillit/core/registry.py). Their values are ordinary
KPI values: the KPI app's pages, permissions and report section show them."""

from tillit.computed_kpis.demo import demo_step
from tillit.core.registry import DemoStep, register_demo_step

register_demo_step(__name__, DemoStep("computed_kpis", order=45, run=demo_step))

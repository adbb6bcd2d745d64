"""The roles a user can hold in a unit: the base vocabulary of the role table. What each role may do
is declared by the apps (their `plugin.py`) and collected in `tillit.core.registry`."""

from django.db import models


class Role(models.TextChoices):
    MEDARBETARE = "medarbetare", "Medarbetare"
    ENHETSCHEF = "enhetschef", "Enhetschef"
    AVDELNINGSCHEF = "avdelningschef", "Avdelningschef"
    UTREDARE = "utredare", "Utredare"
    KVALITETSUTVECKLARE = "kvalitetsutvecklare", "Kvalitetsutvecklare"
    MAS = "mas", "MAS (medicinskt ansvarig sjuksköterska)"
    LEDNING = "ledning", "Ledning"
    NAMND = "namnd", "Nämnd"
    UTFORARKONTAKT = "utforarkontakt", "Utförarkontakt"
    # The municipality's contract follow-up (avtalsuppföljning of purchased care).
    AVTALSUPPFOLJARE = "avtalsuppfoljare", "Avtalsuppföljare"
    SYSTEMADMINISTRATOR = "systemadministrator", "Systemadministratör"


ALL_ROLES = frozenset(Role)
# Roles that only ever see aggregates, never a record holding personal data.
AGGREGATE_ONLY_ROLES = frozenset({Role.LEDNING, Role.NAMND})

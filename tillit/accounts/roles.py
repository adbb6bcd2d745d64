"""The roles a user can hold in a unit. Declared once; see `policy.py` for what each may do."""

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
    SYSTEMADMINISTRATOR = "systemadministrator", "Systemadministratör"

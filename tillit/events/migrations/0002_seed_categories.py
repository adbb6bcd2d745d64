"""The shared taxonomy, seeded from the categories the municipal quality reports use."""

from django.db import migrations

CATEGORIES = [
    ("bemotande", "Bemötande"),
    ("utebliven-insats", "Utebliven insats"),
    ("felaktigt-utford-insats", "Felaktigt utförd insats"),
    ("informationsoverforing", "Informationsöverföring"),
    ("overlamning-av-arende", "Överlämning av ärende"),
    ("rattssakerhet", "Rättssäkerhet"),
    ("dokumentation", "Dokumentation"),
    ("handlaggning", "Handläggning och handläggningstid"),
    ("delaktighet", "Delaktighet"),
    ("sekretess", "Sekretess"),
    ("hot-och-vald", "Hot och våld"),
    ("fall", "Fall"),
    ("lakemedel", "Läkemedel"),
    ("fysiska-overgrepp", "Fysiska övergrepp"),
    ("psykiska-overgrepp", "Psykiska övergrepp"),
    ("ekonomiska-overgrepp", "Ekonomiska övergrepp"),
    ("trygghet-och-sakerhet", "Bristande trygghet och säkerhet"),
    ("utrustning", "Bristande utrustning"),
    ("omvardnad", "Vård och omvårdnad"),
    ("annat", "Annat"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("events", "Category")
    for order, (code, label) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(code=code, defaults={"label": label, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

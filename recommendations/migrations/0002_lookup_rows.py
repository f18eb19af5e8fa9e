from django.db import migrations

FIELDS_OF_ACTION = [
    "buergerservice",
    "personal",
    "aufsicht-ordnung",
    "soziales",
    "bildung",
    "kommunikation",
]
DEPARTMENTS = [
    "buergeramt",
    "auslaenderbehoerde",
    "jobcenter",
    "jugendamt",
    "personal",
    "ordnungsamt",
    "schule",
    "sozialamt",
]


def create_rows(apps, schema_editor):
    for model_name, codes in (("FieldOfAction", FIELDS_OF_ACTION), ("Department", DEPARTMENTS)):
        model = apps.get_model("recommendations", model_name)
        for code in codes:
            model.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]

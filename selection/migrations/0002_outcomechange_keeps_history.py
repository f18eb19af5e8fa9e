import django.db.models.deletion
from django.db import migrations, models


def fill_from_outcome(apps, schema_editor):
    OutcomeChange = apps.get_model("selection", "OutcomeChange")
    for change in OutcomeChange.objects.select_related("outcome__decision"):
        change.call_id = change.outcome.decision.call_id
        change.application_id = change.outcome.application_id
        change.run_id = change.outcome.decision.run_id
        change.save(update_fields=["call", "application", "run"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("calls", "0001_initial"),
        ("selection", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="outcomechange",
            name="outcome",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="changes",
                to="selection.outcome",
            ),
        ),
        migrations.AddField(
            model_name="outcomechange",
            name="call",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="calls.call",
            ),
        ),
        migrations.AddField(
            model_name="outcomechange",
            name="application",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="applications.application",
            ),
        ),
        migrations.AddField(
            model_name="outcomechange",
            name="run",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="selection.selectionrun",
            ),
        ),
        migrations.RunPython(fill_from_outcome, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outcomechange",
            name="call",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="calls.call"
            ),
        ),
        migrations.AlterField(
            model_name="outcomechange",
            name="application",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="applications.application",
            ),
        ),
        migrations.AlterField(
            model_name="outcomechange",
            name="run",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="selection.selectionrun",
            ),
        ),
    ]

"""The explanations of a run are computed in the background; runs stored before carry
theirs already, so they are added as "done" and only new runs start as "pending"."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0003_question_short_labels"),
        ("selection", "0004_letters_reach_people_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="selectionrun",
            name="explanation_attempt",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="selectionrun",
            name="explanation_done",
            field=models.PositiveIntegerField(default=0, verbose_name="Erledigte Prüfungen"),
        ),
        migrations.AddField(
            model_name="selectionrun",
            name="explanation_error",
            field=models.CharField(blank=True, max_length=100, verbose_name="Fehlerart"),
        ),
        migrations.AddField(
            model_name="selectionrun",
            name="explanation_status",
            field=models.CharField(
                choices=[
                    ("pending", "wartet auf die Berechnung"),
                    ("running", "wird berechnet"),
                    ("done", "berechnet"),
                    ("failed", "fehlgeschlagen"),
                ],
                default="done",
                max_length=10,
                verbose_name="Stand der Begründung",
            ),
        ),
        migrations.AlterField(
            model_name="selectionrun",
            name="explanation_status",
            field=models.CharField(
                choices=[
                    ("pending", "wartet auf die Berechnung"),
                    ("running", "wird berechnet"),
                    ("done", "berechnet"),
                    ("failed", "fehlgeschlagen"),
                ],
                default="pending",
                max_length=10,
                verbose_name="Stand der Begründung",
            ),
        ),
        migrations.AddField(
            model_name="selectionrun",
            name="explanation_total",
            field=models.PositiveIntegerField(default=0, verbose_name="Prüfungen insgesamt"),
        ),
        migrations.AddField(
            model_name="selectionrun",
            name="explanation_progress_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="selectionrun",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("explanation_status__in", ["pending", "running", "done", "failed"])
                ),
                name="run_explanation_status_known",
            ),
        ),
    ]

"""One current report per plan and quarter: earlier ones are kept, marked superseded by the newest."""

from django.db import migrations, models
import django.db.models.deletion


def supersede_duplicates(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    groups = {}
    for report in Report.objects.order_by("created_at", "id"):
        groups.setdefault((report.plan_id, report.quarter_year, report.quarter_number), []).append(report)
    for reports in groups.values():
        if len(reports) < 2:
            continue
        done = [r for r in reports if r.status == "done"]
        current = (done or reports)[-1]
        for report in reports:
            if report.pk != current.pk:
                report.superseded_at = current.created_at
                report.superseded_by_id = current.pk
                report.save(update_fields=["superseded_at", "superseded_by"])


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0002_email_outcome"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="superseded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="report",
            name="superseded_by",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="reports.report"),
        ),
        migrations.RunPython(supersede_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.UniqueConstraint(condition=models.Q(("superseded_at__isnull", True)),
                                               fields=("plan", "quarter_year", "quarter_number"),
                                               name="one_current_report_per_plan_quarter"),
        ),
    ]

"""Titles are one line (they go into email subjects, page titles and file names): fold the line
breaks of titles stored before that was enforced."""

import re

from django.db import migrations

LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\v\f\x85]+\s*")


def fold(apps, schema_editor):
    for name in ("Plan", "Theme", "Action"):
        model = apps.get_model("plans", name)
        for pk, title in model.objects.filter(title__regex=r"[\r\n]").values_list("pk", "title"):
            model.objects.filter(pk=pk).update(title=LINE_BREAKS.sub(" ", title).strip())


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_plan_import")]
    operations = [migrations.RunPython(fold, migrations.RunPython.noop)]

"""Every row of the product's tables, to assert that something changed nothing."""

from django.apps import apps

APPS = {"edi_tracker", "plans", "workforce", "metrics", "reports"}


def snapshot() -> dict:
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in APPS:
            values = list(model.objects.order_by("pk").values())
            if model._meta.model_name == "user":
                for row in values:
                    row.pop("last_login", None)
            rows[model._meta.label] = values
    return rows


def difference(before: dict, after: dict) -> dict:
    return {label: [row for row in after[label] if row not in before[label]]
            for label in after if after[label] != before[label]}

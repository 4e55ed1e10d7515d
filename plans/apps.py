from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"

    def ready(self):
        # The audit log words stored values by what they mean: a status reads "Amber", not "amber".
        from edi_tracker.audit import register_value_words

        from .models import STATUS_SHORT, Framework, PlanStatus, ReviewFrequency

        register_value_words("status", {**dict(PlanStatus.choices), **{str(k): v for k, v in STATUS_SHORT.items()}})
        register_value_words("framework", dict(Framework.choices))
        register_value_words("review_frequency", dict(ReviewFrequency.choices))

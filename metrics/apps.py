from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "metrics"

    def ready(self):
        from django.db.models.signals import post_migrate

        from workforce.hooks import register_after_confirm

        from .services import results_recompute_after_migrate, results_recompute_for_extract

        # After an extract is confirmed, its year's figures are recomputed (workforce names this link
        # in workforce.hooks; it cannot import metrics).
        register_after_confirm(results_recompute_for_extract)
        # After `migrate`, stored results of an older methodology are recomputed from the stored records.
        post_migrate.connect(results_recompute_after_migrate, sender=self, dispatch_uid="metrics.recompute_after_migrate")

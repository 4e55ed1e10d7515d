from django.apps import AppConfig


class EdiTrackerConfig(AppConfig):
    name = "edi_tracker"
    verbose_name = "EDI Tracker"

import gc

from django.apps import AppConfig


class EdiTrackerConfig(AppConfig):
    name = "edi_tracker"
    verbose_name = "EDI Tracker"

    def ready(self):
        # Every app's models are loaded by now: with Django and the settings, most of a process's objects, and
        # they live as long as the process. manage.py and wsgi.py turn the cyclic garbage collector off while
        # Django loads them (it would walk the growing heap again and again, finding next to nothing to free:
        # about a fifth of `manage.py check`, bench/startup.py); here they are moved out of its sight for good,
        # so that no later collection walks them either (nor the last ones as the process ends), and it is
        # turned on for whatever the process goes on to make (tests/core/test_startup_imports.py).
        gc.freeze()
        gc.enable()

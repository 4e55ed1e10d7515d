import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edi_tracker.settings")
gc.disable()  # while Django loads: edi_tracker.apps.EdiTrackerConfig.ready turns it on again

from django.core.wsgi import get_wsgi_application  # noqa: E402  (Django is loaded with the collector off)

application = get_wsgi_application()

# What is loaded by now (Django, the settings, the apps, the middleware) lives as long as the process. Moved
# out of the cyclic garbage collector's sight, it is no longer walked at every full collection, which a page
# that builds many objects (a dashboard's picture) triggers several times: a tenth to a third of such a page's
# CPU time (bench/load.py, bench/profile_pages.py). Most of it was frozen as the apps became ready (edi_tracker/
# apps.py); this collects and freezes what was made since. Objects made later are collected as before.
gc.collect()
gc.freeze()

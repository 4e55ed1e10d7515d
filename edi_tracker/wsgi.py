import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edi_tracker.settings")
application = get_wsgi_application()

# What is loaded by now (Django, the settings, the apps, the URL configuration: some 200,000 objects) lives as
# long as the process. Moved out of the cyclic garbage collector's sight, it is no longer walked at every
# full collection, which a page that builds many objects (a dashboard's picture) triggers several times: a
# tenth to a third of such a page's CPU time (bench/load.py, bench/profile_pages.py). Objects made later are
# collected as before.
gc.collect()
gc.freeze()

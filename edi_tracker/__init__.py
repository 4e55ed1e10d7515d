# The Celery app lives in edi_tracker/celery.py and is not imported here: see that module.

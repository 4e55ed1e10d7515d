#!/usr/bin/env python
import gc
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edi_tracker.settings")
    gc.disable()  # while Django loads: edi_tracker.apps.EdiTrackerConfig.ready turns it on again
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig


class ApiConfig(AppConfig):
    default = True  # (StaticFilesConfig below is the other config of this module)
    name = "api"
    verbose_name = "Read-only API"
    # The bearer token is registered with drf-spectacular by api.schema, which drf-spectacular loads when it
    # first generates the schema (its DEFAULT_GENERATOR_CLASS): not here, where every process (a Celery worker,
    # a management command that runs no checks) would import drf-spectacular and with it Django's test client,
    # Jinja2 and requests.


class StaticFilesConfig(DjangoStaticFilesConfig):
    """collectstatic without what the API's documentation does not use: Redoc and the source maps of
    drf-spectacular-sidecar (about 6 MB, which the build would compress for nothing). Swagger UI's own files
    are kept. (Django REST framework's browsable-API files are not collected: it is not an installed app.)"""

    ignore_patterns = [*DjangoStaticFilesConfig.ignore_patterns, "redoc", "swagger-ui-bundle.js.map",
                       "swagger-ui-standalone-preset.js.map"]

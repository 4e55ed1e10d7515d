"""The API's OpenAPI schema and its documentation page: drf-spectacular's views, loaded when one of them
is first asked for, and the schemas of api.views' methods, applied when the schema is generated.

drf-spectacular's views and its schema generator import its `plumbing`, which imports Django's and DRF's
test clients (and with them Jinja2); so does its `extend_schema` when it decorates a method, since it
subclasses the schema class there and then. About 0.1 s that every process resolving a URL
(`manage.py check`, each gunicorn worker's first request) would pay for two pages that few people open
(design.md §11, bench/startup.py). The URL configuration names the two functions below, so it is still
checked whole; api.schema.SchemaGenerator (SPECTACULAR_SETTINGS) applies the methods' schemas for the
schema's page and for `manage.py spectacular` alike."""

from functools import cache

from django.views.decorators.csrf import csrf_exempt

# (method, drf-spectacular's extend_schema arguments) for api.schema to apply.
METHOD_SCHEMAS: list[tuple] = []


def extend_schema(**arguments):
    """drf-spectacular's extend_schema on a view's method, applied when the schema is generated."""

    def mark(method):
        METHOD_SCHEMAS.append((method, arguments))
        return method

    return mark


@cache
def _spectacular_view(name: str, **initkwargs):
    from drf_spectacular import views

    return getattr(views, name).as_view(**initkwargs)


@csrf_exempt
def schema(request, *args, **kwargs):
    return _spectacular_view("SpectacularAPIView")(request, *args, **kwargs)


@csrf_exempt
def docs(request, *args, **kwargs):
    return _spectacular_view("SpectacularSwaggerSplitView", url_name="api:schema")(request, *args, **kwargs)

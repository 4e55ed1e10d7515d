"""The OpenAPI schema's additions, loaded by drf-spectacular when it first generates the schema (its
DEFAULT_GENERATOR_CLASS is SchemaGenerator below), never at start-up (api/docs.py says why): the API's URL
patterns with api.views' classes, which the URL configuration imports only when an API URL is called
(api/urls.py); the bearer token, so that the documentation page's Authorize button asks for it; and the
schemas of api.views' methods (api.docs.extend_schema)."""

from django.urls import include, path
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator as SpectacularSchemaGenerator
from drf_spectacular.utils import extend_schema

from . import docs, urls, views  # views: its methods' schemas are in docs.METHOD_SCHEMAS once imported

for method, arguments in docs.METHOD_SCHEMAS:
    extend_schema(**arguments)(method)

# The URL configuration's API patterns as drf-spectacular finds them: each with its view class (api/urls.py's
# call it when first used), at the same paths.
urlpatterns = [path(urls.PREFIX, include(([path(route, getattr(views, view).as_view(), name=name)
                                           for route, view, name in urls.ROUTES], urls.app_name)))]


class SchemaGenerator(SpectacularSchemaGenerator):
    """drf-spectacular's, named by SPECTACULAR_SETTINGS so that this module is loaded before any schema is made;
    it reads the API's views from urlpatterns above, unless it is given another URL configuration."""

    def __init__(self, *args, urlconf=None, **kwargs):
        super().__init__(*args, urlconf=urlconf or __name__, **kwargs)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "An API token of the organisation, made by its admin: Authorization: Bearer edi_…"}

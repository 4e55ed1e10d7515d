"""The OpenAPI schema's additions, loaded by drf-spectacular when it first generates the schema (its
DEFAULT_GENERATOR_CLASS is SchemaGenerator below), never at start-up (api/docs.py says why): the bearer
token, so that the documentation page's Authorize button asks for it, and the schemas of api.views'
methods (api.docs.extend_schema)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator as SpectacularSchemaGenerator
from drf_spectacular.utils import extend_schema

from . import docs, views  # noqa: F401  (views: its methods' schemas are in docs.METHOD_SCHEMAS once imported)

for method, arguments in docs.METHOD_SCHEMAS:
    extend_schema(**arguments)(method)


class SchemaGenerator(SpectacularSchemaGenerator):
    """drf-spectacular's, named by SPECTACULAR_SETTINGS so that this module is loaded before any schema is made."""


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "An API token of the organisation, made by its admin: Authorization: Bearer edi_…"}

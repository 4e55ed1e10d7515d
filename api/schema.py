"""The bearer token in the OpenAPI schema, so that the documentation page's Authorize button asks for it."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "An API token of the organisation, made by its admin: Authorization: Bearer edi_…"}

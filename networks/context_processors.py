from django.utils.functional import SimpleLazyObject


def networks(request):
    """Whether the menu offers "Networks": asked of the database only when a template looks at it."""
    from .selectors import user_has_networks

    return {"nav_networks": SimpleLazyObject(lambda: user_has_networks(request.user))}

from django.contrib import admin

from .models import Network, NetworkAuditEvent, NetworkCoordinator, NetworkMembership, Publication


class CoordinatorInline(admin.TabularInline):
    model = NetworkCoordinator
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    """Site administrators create networks and name their coordinators here (or with create_network)."""

    list_display = ["name", "slug", "disclosure_threshold", "created_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CoordinatorInline]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(admin.ModelAdmin):
    list_display = ["network", "organisation", "status", "invited_at", "answered_at", "left_at"]
    list_filter = ["status", "network"]
    readonly_fields = ["status", "invited_at", "answered_at", "left_at"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Read only: publications change through their services (publish, withdraw), which audit them."""

    list_display = ["network", "organisation", "year", "scope", "created_at", "withdrawn_at", "replaced_at"]
    list_filter = ["network", "year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NetworkAuditEvent)
class NetworkAuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "network", "verb", "summary"]
    list_filter = ["network"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditEvent, Invitation, Membership, Organisation, User
from .services import user_names_changed

NAME_FIELDS = {"username", "first_name", "last_name", "display_name"}


@admin.register(User)
class EdiUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("EDI Tracker", {"fields": ("display_name",)}),)
    list_display = ("username", "display_name", "email", "is_staff")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and NAME_FIELDS & set(form.changed_data):
            user_names_changed(user=obj)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "disclosure_threshold")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "organisation", "actor", "verb", "summary")
    list_filter = ("organisation", "verb")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are made, sent and withdrawn through their services (the Members page)."""

    list_display = ("email", "organisation", "role", "sent_at", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("organisation",)
    exclude = ("token_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

"""The demo organisation's users: one for each role, named by role title. For `make run` only."""

from .models import Role

DEMO_ORGANISATION = ("demo-borough", "Demo Borough Council")
SECOND_ORGANISATION = ("northshire-trust", "Northshire Children's Trust")
DEMO_PASSWORD = "demo-password-2026"

# (username, display name: a role title, role)
DEMO_USERS = [
    ("demo-admin", "EDI Programme Manager", Role.ADMIN),
    ("demo-editor", "EDI Coordinator", Role.EDITOR),
    ("demo-lead", "Head of Service, Children's Social Care", Role.LEAD),
    ("demo-hr", "HR Business Partner", Role.HR),
    ("demo-viewer", "Assistant Director, Children's Services", Role.VIEWER),
]
SECOND_ORGANISATION_ADMIN = ("demo-trust-admin", "Head of Workforce Development", Role.ADMIN)

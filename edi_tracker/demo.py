"""The demo's organisations and people, read from fixtures/demo/demo.toml (one small file, the only place
they are written down). For `make run`, `load_demo` and `demo_logins` only."""

import tomllib
from functools import cache
from pathlib import Path

from .models import Role

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@cache
def demo_config() -> dict:
    """fixtures/demo/demo.toml as a dict: organisations (with their people), plans, password."""
    with open(FIXTURES / "demo.toml", "rb") as file:
        config = tomllib.load(file)
    roles = set(Role.values)
    for organisation in config["organisations"]:
        for person in organisation.get("people", []):
            if person["role"] not in roles:
                raise ValueError(f"demo.toml: {person['username']} has the role “{person['role']}”; "
                                 f"the roles are {', '.join(sorted(roles))}.")
    return config


def _people(index: int) -> list[tuple[str, str, str]]:
    organisation = demo_config()["organisations"][index]
    return [(p["username"], p["title"], p["role"]) for p in organisation.get("people", [])]


_organisations = demo_config()["organisations"]
DEMO_ORGANISATION = (_organisations[0]["slug"], _organisations[0]["name"])
SECOND_ORGANISATION = (_organisations[1]["slug"], _organisations[1]["name"])
DEMO_PASSWORD = demo_config()["password"]
# (username, display name: a role title, role)
DEMO_USERS = _people(0)
SECOND_ORGANISATION_ADMIN = _people(1)[0]

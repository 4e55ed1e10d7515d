"""Sign-in guessing limits (edi_tracker.signin): by (user name, address) and by address, never by user name
alone, so a stranger cannot lock a named user out everywhere; the address is taken from X-Forwarded-For
only as far as TRUSTED_PROXY_COUNT proxies vouch for it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from edi_tracker.models import Role
from edi_tracker.signin import client_address
from tests.conftest import PASSWORD

STRANGER, ADMIN_OFFICE = "203.0.113.9", "198.51.100.7"


def sign_in(client, username, password="wrong guess", **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def test_many_user_names_from_one_address_are_limited(client, viewer, settings):
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    assert limit == 20
    for n in range(limit - 1):
        assert sign_in(client, f"guess-{n}", REMOTE_ADDR=STRANGER).status_code == 200
    assert sign_in(client, f"guess-{limit}", REMOTE_ADDR=STRANGER).status_code == 429
    # The address is locked: even a real user's right password from it is refused, with a page saying why.
    response = sign_in(client, viewer.username, PASSWORD, REMOTE_ADDR=STRANGER)
    assert response.status_code == 429 and "Too many attempts" in response.content.decode()
    # Everyone else is unaffected.
    assert sign_in(client, viewer.username, PASSWORD, REMOTE_ADDR=ADMIN_OFFICE).status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_an_addresss_failures(client, make_member, settings):
    """Otherwise a stranger with an account could guess 19 names, sign in, and start again."""
    own = make_member(Role.VIEWER, username="strangers-own-account")
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 2):
        sign_in(client, f"guess-{n}", REMOTE_ADDR=STRANGER)
    assert sign_in(client, own.username, PASSWORD, REMOTE_ADDR=STRANGER).status_code == 302
    client.logout()
    assert sign_in(client, "guess-a", REMOTE_ADDR=STRANGER).status_code == 200
    assert sign_in(client, "guess-b", REMOTE_ADDR=STRANGER).status_code == 429


def test_a_strangers_failures_do_not_lock_the_admin_out_elsewhere(client, admin_member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, admin_member.username, REMOTE_ADDR=STRANGER).status_code == 200
    assert sign_in(client, admin_member.username, REMOTE_ADDR=STRANGER).status_code == 429
    for _ in range(10):  # and carrying on
        assert sign_in(client, admin_member.username, REMOTE_ADDR=STRANGER).status_code == 429
    # That user name from that address stays locked, even with the right password ...
    assert sign_in(client, admin_member.username, PASSWORD, REMOTE_ADDR=STRANGER).status_code == 429
    # ... while the admin signs in from their own address.
    response = sign_in(client, admin_member.username, PASSWORD, REMOTE_ADDR=ADMIN_OFFICE)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(admin_member.pk)


def test_behind_one_trusted_proxy_clients_are_limited_separately(client, viewer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first, second = "203.0.113.1", "203.0.113.2"
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"guess-{n}", HTTP_X_FORWARDED_FOR=first, **proxy)
    assert sign_in(client, viewer.username, PASSWORD, HTTP_X_FORWARDED_FOR=first, **proxy).status_code == 429
    # A spoofed entry the client adds in front of the proxy's does not move it to a new address.
    spoofed = sign_in(client, viewer.username, PASSWORD, HTTP_X_FORWARDED_FOR=f"192.0.2.77, {first}", **proxy)
    assert spoofed.status_code == 429
    # The other client behind the same proxy is not affected.
    response = sign_in(client, viewer.username, PASSWORD, HTTP_X_FORWARDED_FOR=second, **proxy)
    assert response.status_code == 302


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, viewer, settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"guess-{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}", REMOTE_ADDR=STRANGER)
    response = sign_in(client, viewer.username, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200", REMOTE_ADDR=STRANGER)
    assert response.status_code == 429


@pytest.mark.parametrize("count,forwarded,expected", [
    (0, "192.0.2.1", "10.0.0.2"),
    (1, "192.0.2.1", "192.0.2.1"),
    (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
    (2, "6.6.6.6, 192.0.2.1, 10.0.0.1", "192.0.2.1"),
    (2, "192.0.2.1", "10.0.0.2"),  # not through both proxies: the connecting address
    (1, "", "10.0.0.2"),
    (1, "not-an-address", "10.0.0.2"),
    (1, "2001:db8::1", "2001:db8::1"),
])
def test_client_address_takes_the_entry_the_outermost_trusted_proxy_added(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_trusted_proxy_count_is_read_strictly(monkeypatch):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='edi_tracker.settings'; "
                               "from django.conf import settings; settings.TRUSTED_PROXY_COUNT"],
        env={"EDI_TESTING": "1", "TRUSTED_PROXY_COUNT": "one", "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True,
    )
    assert result.returncode != 0 and "TRUSTED_PROXY_COUNT must be a whole number, not 'one'." in result.stderr


def test_the_proxy_count_is_documented_and_set_for_the_production_shape():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert "| `TRUSTED_PROXY_COUNT` |" in (root / "README.md").read_text()
    compose = (root / "docker-compose.yml").read_text()
    assert 'BEHIND_PROXY: "true"' in compose and 'TRUSTED_PROXY_COUNT: "1"' in compose

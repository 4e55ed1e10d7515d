"""The demo network: loaded through the services, idempotent, with a coordinator who can sign in."""

from django.test import Client

from edi_tracker.demo import DEMO_PASSWORD
from networks import demo
from networks.models import Network, NetworkAuditEvent, Publication
from tests.factories import OrganisationFactory

from .conftest import YEAR, make_organisation


def test_the_demo_network_is_loaded_once(db):
    make_organisation("demo-borough", 700, 1)
    OrganisationFactory(slug="northshire-trust", name="Northshire Children's Trust")
    network = demo.load()
    counts = (Network.objects.count(), Publication.objects.count(), NetworkAuditEvent.objects.count())
    assert demo.load() == network
    assert (Network.objects.count(), Publication.objects.count(), NetworkAuditEvent.objects.count()) == counts
    assert network.memberships.filter(status="member").count() == 2
    assert Publication.objects.get().organisation.slug == "demo-borough" and Publication.objects.get().year == YEAR
    client = Client()
    response = client.post("/accounts/login/", {"username": "demo-coordinator", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(f"/n/northshire-alliance/{YEAR}/").status_code == 200
    assert client.get("/o/demo-borough/").status_code == 404

"""The demo network: "Northshire regional alliance", with the demo borough (publishing its latest year) and the
demo trust as members, and a coordinator login `demo-coordinator`. Loaded through the same services users
call; idempotent (a second run changes nothing). Called at the end of `load_demo`."""

from edi_tracker.demo import DEMO_ORGANISATION, DEMO_PASSWORD, SECOND_ORGANISATION
from edi_tracker.models import Organisation, User

from . import services
from .models import MembershipStatus, Network
from .selectors import publishable_years

NETWORK = ("northshire-alliance", "Northshire regional alliance")
COORDINATOR = ("demo-coordinator", "Regional Alliance Programme Lead")


def load() -> Network:
    network = Network.objects.filter(slug=NETWORK[0]).first()
    if network is not None:
        return network
    coordinator = User.objects.filter(username=COORDINATOR[0]).first()
    if coordinator is None:
        coordinator = User.objects.create_user(username=COORDINATOR[0], password=DEMO_PASSWORD,
                                               display_name=COORDINATOR[1],
                                               email=f"{COORDINATOR[0]}@example.org")
    network = services.create_network(slug=NETWORK[0], name=NETWORK[1], coordinators=[coordinator])
    for slug, _ in (DEMO_ORGANISATION, SECOND_ORGANISATION):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        services.invite_organisation(network=network, organisation=organisation)
        services.accept_invitation(network=network, organisation=organisation)
        years = publishable_years(organisation)
        if years and network.memberships.get(organisation=organisation).status == MembershipStatus.MEMBER:
            services.publish_metrics(network=network, organisation=organisation, year=years[0], scope="social_care")
    return network

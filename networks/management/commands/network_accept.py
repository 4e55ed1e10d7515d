from networks.services import accept_invitation

from ._common import MembershipStepCommand


class Command(MembershipStepCommand):
    help = "Accept a network's invitation: network_accept ORG NETWORK."
    done = "{org} has joined {net}."

    def step(self, *, network, organisation):
        accept_invitation(network=network, organisation=organisation)

from networks.services import decline_invitation

from ._common import MembershipStepCommand


class Command(MembershipStepCommand):
    help = "Decline a network's invitation: network_decline ORG NETWORK."
    done = "{org} has declined the invitation to {net}."

    def step(self, *, network, organisation):
        decline_invitation(network=network, organisation=organisation)

from networks.services import leave_network

from ._common import MembershipStepCommand


class Command(MembershipStepCommand):
    help = "Leave a network (its publications there are withdrawn): network_leave ORG NETWORK."
    done = "{org} has left {net}."

    def step(self, *, network, organisation):
        leave_network(network=network, organisation=organisation)

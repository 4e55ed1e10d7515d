
import pytest

from edi_tracker.models import Role

from .factories import MembershipFactory, OrganisationFactory, UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches (locmem, and the charts' drawings in files): nothing cached by
    another test is read."""
    from django.core.cache import caches

    caches["default"].clear()
    caches["drawings"].clear()


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="lambeth-demo", name="Demo Borough Council")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(slug="elsewhere", name="Elsewhere Trust")


@pytest.fixture
def make_member(db, org):
    """make_member(role, organisation=org, username=None) -> User with that role."""

    def make(role: str, organisation=None, username: str | None = None):
        organisation = organisation or org
        user = UserFactory(username=username or f"{role}-{organisation.slug}")
        MembershipFactory(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def viewer(make_member):
    return make_member(Role.VIEWER)


@pytest.fixture
def lead(make_member):
    return make_member(Role.LEAD)


@pytest.fixture
def editor(make_member):
    return make_member(Role.EDITOR)


@pytest.fixture
def hr(make_member):
    return make_member(Role.HR)


@pytest.fixture
def admin_member(make_member):
    return make_member(Role.ADMIN)


@pytest.fixture
def outsider(make_member, other_org):
    """A user who is an admin elsewhere and a member of nothing in `org`."""
    return make_member(Role.ADMIN, organisation=other_org, username="outsider")


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client logged in as that user."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login

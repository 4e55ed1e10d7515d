"""Three generated organisations with different grading schemes, a network, and its coordinator."""

import random
from datetime import date
from decimal import Decimal

import pytest

from edi_tracker.models import Role
from networks import services
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.metrics import builders

YEAR = 2022
# Each organisation grades its staff its own way; the network compares them in the national salary bands.
SCHEMES = {
    "north-borough": [("Scale 1-3", 21000), ("Scale 4-6", 27000), ("SO1", 34000), ("PO3", 45000), ("PO8", 62000),
                      ("Director", 95000)],
    "east-trust": [("Band 2", 22000), ("Band 4", 26000), ("Band 6", 38000), ("Band 7", 47000), ("Band 8c", 72000)],
    "west-council": [("Grade A", 19000), ("Grade C", 29500), ("Grade F", 41000), ("Grade H", 56000),
                     ("Grade M", 88000)],
}
# BME staff are of every broad group, in turn (no draw from the generator, so the rest of each person is as before).
BME_CATEGORIES = ("black_african", "asian_indian", "black_caribbean", "mixed_white_asian", "asian_pakistani", "other_any",
                  "asian_bangladeshi", "mixed_white_black_caribbean")
GROUP_WEIGHTS = {"north-borough": (52, 34, 14), "east-trust": (38, 48, 14), "west-council": (64, 22, 14)}


def people_for(slug: str, count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    scheme = SCHEMES.get(slug, SCHEMES["north-borough"])
    people = []
    for n in range(count):
        band, salary = scheme[min(int(rng.random() ** 1.6 * len(scheme)), len(scheme) - 1)]
        group = rng.choices(["white", "bme", "not_known"], weights=GROUP_WEIGHTS.get(slug, GROUP_WEIGHTS["north-borough"]))[0]
        salary = salary + rng.randrange(-1500, 1500)
        people.append({
            "id": f"{slug}-{n}", "group": group, **({"ethnicity": BME_CATEGORIES[n % len(BME_CATEGORIES)]} if group == "bme" else {}), "band": band, "pay": round(salary / 37 / 52.143, 2),
            "annual_salary": Decimal(salary), "sex": rng.choice(["female", "female", "male"]),
            "disability": rng.choice(["no", "no", "no", "yes", "not_known", "prefer_not_to_say"]),
            "senior_manager": band == scheme[-1][0], "regulated": rng.random() < 0.3,
            "leaving_date": date(2021, rng.randrange(5, 12), 15) if rng.random() < 0.12 else None,
        })
    return people


def make_organisation(slug: str, count: int, seed: int, threshold: int = 10):
    org = OrganisationFactory(slug=slug, name=slug.replace("-", " ").title(), disclosure_threshold=threshold)
    if not count:
        return org
    builders.staff(org, YEAR, people_for(slug, count, seed),
                   columns=["employee_id", "ethnicity", "pay_band", "sex", "disability", "hourly_pay",
                            "full_pay_relevant", "leaving_date", "regulated", "senior_manager", "annual_salary"])
    return org


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordinator", email="coordinator@alliance.example")


@pytest.fixture
def network(db, coordinator):
    return services.create_network(slug="alliance", name="Regional improvement alliance", coordinators=[coordinator])


@pytest.fixture
def three(db, network):
    """Three member organisations, each with an HR data officer and an admin, their staff figures for YEAR."""
    orgs = [make_organisation("north-borough", 700, 1), make_organisation("east-trust", 500, 2),
            make_organisation("west-council", 500, 3)]
    for org in orgs:
        for role in (Role.HR, Role.ADMIN, Role.VIEWER):
            MembershipFactory(user=UserFactory(username=f"{role}-{org.slug}"), organisation=org, role=role)
        services.invite_organisation(network=network, organisation=org)
        services.accept_invitation(network=network, organisation=org)
    return orgs


@pytest.fixture
def published(three, network):
    return [services.publish_metrics(network=network, organisation=org, year=YEAR, scope="all") for org in three]

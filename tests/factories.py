"""factory_boy factories that keep every related object in the same organisation."""

import factory
from django.utils import timezone

from edi_tracker.models import Membership, Organisation, Role, User
from plans.models import Action, Plan, ProgressUpdate, Status, SuccessMeasure, Theme


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"council-{n}")
    name = factory.LazyAttribute(lambda o: f"{o.slug.replace('-', ' ').title()}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    display_name = factory.LazyAttribute(lambda u: u.username.replace("-", " ").title())
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"EDI action plan {n}")
    status = "active"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    title = factory.Sequence(lambda n: f"Theme {n}")
    order = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    theme = factory.SubFactory(ThemeFactory, plan=factory.SelfAttribute("..plan"))
    reference = factory.Sequence(lambda n: f"A{n}")
    title = factory.Sequence(lambda n: f"Do the thing number {n}")
    lead_officer = "Head of Service"
    order = factory.Sequence(lambda n: n)


class SuccessMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuccessMeasure

    action = factory.SubFactory(ActionFactory)
    text = factory.Sequence(lambda n: f"Measure {n} is met")


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """Builds a raw history row; tests of behaviour use plans.services.progress_update_record."""

    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    created_at = factory.LazyFunction(timezone.now)
    status = Status.GREEN
    commentary = "On track."

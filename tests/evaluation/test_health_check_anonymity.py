"""Nothing stored links an answer to the person who gave it."""

import uuid

import pytest
from django.db import models

from evaluation.models import (
    HealthCheckAnswer,
    HealthCheckComment,
    HealthCheckResponse,
    Participation,
)
from partners.models import User

ANONYMOUS_MODELS = (HealthCheckResponse, HealthCheckAnswer, HealthCheckComment)


@pytest.mark.parametrize("model", ANONYMOUS_MODELS, ids=lambda m: m.__name__)
def test_an_anonymous_record_has_no_person_no_time_and_a_random_key(model):
    fields = model._meta.get_fields()

    assert not [f for f in fields if f.is_relation and f.related_model in (User, Participation)]
    assert not [
        f
        for f in fields
        if isinstance(f, (models.DateField, models.TimeField, models.DurationField))
    ]
    assert isinstance(model._meta.pk, models.UUIDField)
    assert model._meta.pk.default is uuid.uuid4
    assert not [f for f in fields if isinstance(f, models.AutoField)]


@pytest.mark.parametrize("model", ANONYMOUS_MODELS, ids=lambda m: m.__name__)
def test_an_anonymous_record_is_never_ordered_by_insertion_or_kept_in_history(model):
    assert "id" not in model._meta.ordering and "pk" not in model._meta.ordering
    assert not hasattr(model, "history")


def test_a_participation_says_who_answered_and_nothing_of_what():
    fields = {f.name for f in Participation._meta.get_fields()}

    assert fields == {"id", "health_check", "person"}


def test_no_model_points_at_a_participation():
    assert not Participation._meta.related_objects


def test_the_answers_are_not_in_the_back_office():
    from django.contrib import admin

    for model in (Participation, HealthCheckResponse, HealthCheckAnswer):
        assert model not in admin.site._registry

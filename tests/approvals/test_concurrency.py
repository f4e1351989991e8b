"""Two votes by the same member at the same moment leave one vote."""

import threading

import pytest
from django.db import IntegrityError, connection, connections

from approvals import services
from approvals.models import Vote

from .conftest import add_member, open_request


def test_the_database_refuses_a_second_vote_row_for_the_same_member(request_for_direction, members):
    Vote.objects.create(request=request_for_direction, voter=members[0], choice="approve")

    with pytest.raises(IntegrityError):
        Vote.objects.create(request=request_for_direction, voter=members[0], choice="object")


def test_a_first_vote_that_loses_the_race_becomes_a_change_of_vote(
    request_for_direction, members, monkeypatch
):
    """The other request inserted the row between our read and our insert: the service catches
    the constraint's IntegrityError and updates instead."""
    # The other request's row is committed after our read saw nothing...
    Vote.objects.create(request=request_for_direction, voter=members[0], choice="object")

    def racing_update_or_create(**kwargs):
        # ...so our insert breaks the unique constraint.
        raise IntegrityError("UNIQUE constraint failed: approvals_one_vote_per_member")

    monkeypatch.setattr(Vote.objects, "update_or_create", racing_update_or_create)

    services.vote_cast(request=request_for_direction, voter=members[0], choice="approve")

    assert list(Vote.objects.values_list("voter_id", "choice")) == [(members[0].pk, "approve")]


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite locks the whole database: no real race"
)
# serialized_rollback: another transactional test may have run first and emptied the tables
# that migrations fill (the pillars); this puts them back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_votes_by_one_member_leave_one_vote(staff, council, direction):
    member = add_member(council)
    add_member(council)  # a second member, so the first vote does not close the request
    request = open_request(by=staff, body=council, directions=[direction])
    barrier = threading.Barrier(2)
    errors = []

    def vote(choice):
        try:
            barrier.wait()
            services.vote_cast(request=request, voter=member, choice=choice)
        except Exception as error:  # noqa: BLE001  (collected and asserted below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(choice,)) for choice in ("approve", "object")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Vote.objects.filter(request=request, voter=member).count() == 1

import contextlib
import os
import shutil

import pytest
from django.core.cache import cache
from django.core.signals import request_started
from django.db import connection
from django.utils import translation

from core import page_cache
from lip_portal.celery import app as celery_app
from lip_portal.roles import BACKBONE_ROLES
from tests.partners.factories import (
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    add_second_factor,
)

IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    """Skip what this machine cannot run, except in CI, where every test must run (and fail
    loudly if its service is missing)."""
    if IN_CI:
        return
    missing = []
    if not os.environ.get("REDIS_URL"):
        missing.append(("redis", "REDIS_URL is not set"))
    if not shutil.which(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
        missing.append(("browser", "Chromium is not installed (apt-get install chromium)"))
    for marker, reason in missing:
        for item in items:
            # The marker itself, not any keyword: a checkout in a folder named "redis" is no reason.
            if item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _isolated_cache(request):
    """Rate limits live in the cache: each test that touches the database starts with none."""
    uses_database = "django_db" in request.keywords or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if uses_database:
        request.getfixturevalue(
            "db" if "live_server" not in request.fixturenames else "transactional_db"
        )
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _page_cache_in_tests(request, monkeypatch, settings):
    """The page cache is on in every test, so no test can be served another visitor's page.

    A test runs inside a transaction that never commits, so the cache's on-commit change of
    generation never would: the test's writes count as committed at its next request. Query
    budgets pin a view's own SQL, so tests that count queries run it uncached (a cache miss adds
    the database cache's own queries on SQLite, none on Redis). The page cache's own tests
    (marker page_cache) keep the real commit hook and the cache on."""
    if "page_cache" in request.keywords:
        yield
        return
    if {"django_assert_max_num_queries", "django_assert_num_queries"} & set(request.fixturenames):
        settings.PAGE_CACHE_SECONDS = 0
        yield
        return
    pending = []

    def content_changed(*, using=None):
        pending.append(using)

    def bump_before_request(**kwargs):
        if pending:
            pending.clear()
            page_cache.bump()

    monkeypatch.setattr(page_cache, "content_changed", content_changed)
    request_started.connect(bump_before_request, dispatch_uid="tests.page_cache")
    yield
    request_started.disconnect(dispatch_uid="tests.page_cache")


def commit_pending_page_cache_changes():
    """Tests never commit: run the page cache's on-commit callbacks as a commit would, and drop
    them as a commit does (so the next write in the test registers its own)."""
    pending = [entry for entry in connection.run_on_commit if entry[1] is page_cache.bump]
    connection.run_on_commit[:] = [
        entry for entry in connection.run_on_commit if entry[1] is not page_cache.bump
    ]
    for _savepoints, func, _robust in pending:
        func()


@pytest.fixture
def committed():
    """Run a write as if its transaction committed: the setup's writes count as committed
    before it, and the on-commit change of generation runs at the end of the block."""

    @contextlib.contextmanager
    def block():
        commit_pending_page_cache_changes()
        yield
        commit_pending_page_cache_changes()

    return block


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English, whatever language the previous request left active."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _tasks_run_inline():
    """Tasks run inline in tests; the Celery integration test turns a real worker on."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


# --- Personas ------------------------------------------------------------------------------


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Newcomer Centre")


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Valley Employment Services")


@pytest.fixture
def staff(db):
    """Backbone staff holding every role (what each role may: lip_portal/test_permission_matrix)."""
    return StaffFactory(
        email="staff@example.org", display_name="Backbone Staff", roles=BACKBONE_ROLES
    )


@pytest.fixture
def partner_staff(organization):
    return UserFactory(email="partner@example.org", organization=organization)


@pytest.fixture
def other_partner_staff(other_organization):
    return UserFactory(email="other.partner@example.org", organization=other_organization)


@pytest.fixture
def council_member(db):
    """A person who sits (or will sit, once a test seats them) on the Council: they have the
    second factor every Council member must sign in with."""
    person = UserFactory(email="council@example.org")
    add_second_factor(person)
    return person


@pytest.fixture
def resident(db):
    return UserFactory(email="resident@example.org", organization=None)


@pytest.fixture
def anonymous(client):
    return client


@pytest.fixture
def redis_server(settings):
    """The portal's cache on a redis-server of the test's own, which it may stop and start
    (tests/reliability/redis_cache.py)."""
    from tests.reliability.redis_cache import redis_cache_of_its_own

    with redis_cache_of_its_own(settings) as server:
        yield server

"""A pillar's public page shows its strategic directions in this year's plan and their progress,
read from the stored roll-ups, in English and French, in a fixed number of queries."""

import pytest

from actionplans import services
from actionplans.models import ApprovalStatus
from pillars.models import Pillar
from tests.actionplans.factories import (
    ActionItemFactory,
    AnnualActionPlanFactory,
    ReportingPeriodFactory,
    StrategicDirectionFactory,
)

pytestmark = pytest.mark.django_db

# The pillar page's own queries: pillar, steering groups, action groups, chairs; then the
# plan of the year, its annual plan, the pillar's directions and their roll-ups.
PILLAR_PAGE_QUERIES = 8


@pytest.fixture
def annual_plan(db):
    return AnnualActionPlanFactory()


def direction(annual_plan, code, title, title_fr, pillar="work", **fields):
    return StrategicDirectionFactory(
        plan=annual_plan.plan,
        pillar=Pillar.objects.get(slug=pillar),
        code=code,
        title=title,
        title_fr=title_fr,
        **fields,
    )


@pytest.fixture
def directions(annual_plan):
    jobs = direction(
        annual_plan, "W1", "Jobs that use newcomers' skills", "Des emplois à la mesure"
    )
    direction(annual_plan, "W2", "Credentials recognised sooner", "Des titres reconnus plus tôt")
    ActionItemFactory(annual_plan=annual_plan, strategic_direction=jobs, percent=40, weight=1)
    ActionItemFactory(annual_plan=annual_plan, strategic_direction=jobs, percent=80, weight=3)
    housing = direction(annual_plan, "S1", "Housing first", "Le logement d'abord", pillar="settle")
    ActionItemFactory(annual_plan=annual_plan, strategic_direction=housing, percent=10)
    return jobs


def test_the_pillar_page_shows_its_directions_and_their_progress(client, directions):
    html = client.get("/pillars/work/").text

    assert "Strategic directions and their progress" in html
    assert "Jobs that use newcomers&#x27; skills" in html
    assert "Credentials recognised sooner" in html
    assert 'aria-label="Progress of direction W1">70%' in html
    assert 'aria-label="Progress of the Work pillar">70%' in html
    assert "No items yet" in html  # W2
    assert "Housing first" not in html  # another pillar's


def test_the_pillar_page_shows_its_directions_in_french(client, directions):
    html = client.get("/fr/pillars/work/").text

    assert "Des emplois à la mesure" in html
    assert "Des titres reconnus plus tôt" in html
    assert 'aria-label="Avancement de l\'orientation W1">70\u00a0%' in html
    assert "Le logement d&#x27;abord" not in html


def test_the_public_sees_approved_directions_only(client, annual_plan, directions):
    direction(annual_plan, "W3", "A draft direction", "Une ébauche", status=ApprovalStatus.DRAFT)

    html = client.get("/pillars/work/").text

    assert "A draft direction" not in html


def test_a_pillar_with_no_direction_this_year_says_so(client, annual_plan):
    html = client.get("/pillars/belong/").text

    assert "This year's plan has no strategic direction in this pillar yet." in html


def test_the_pillar_page_takes_the_same_queries_whatever_the_number_of_directions(
    client, annual_plan, directions, django_assert_num_queries
):
    with django_assert_num_queries(PILLAR_PAGE_QUERIES):
        client.get("/pillars/work/")
    for number in range(3, 13):
        more = direction(annual_plan, f"W{number}", f"Direction {number}", f"Orientation {number}")
        ActionItemFactory.create_batch(2, annual_plan=annual_plan, strategic_direction=more)

    with django_assert_num_queries(PILLAR_PAGE_QUERIES):
        response = client.get("/pillars/work/")

    assert "Direction 12" in response.text


@pytest.mark.page_cache
def test_the_cached_pillar_page_shows_new_progress_at_once(client, committed, directions, staff):
    item = directions.items.order_by("percent").first()
    assert 'aria-label="Progress of direction W1">70%' in client.get("/pillars/work/").text
    client.get("/fr/pillars/work/")

    with committed():
        services.progress_update_create(
            item=item,
            author=staff,
            status="on_track",
            percent=100,
            narrative="",
            seen_version=item.version,
            period=ReportingPeriodFactory(),
        )

    # (100 × 1 + 80 × 3) / 4 = 85
    assert 'aria-label="Progress of direction W1">85%' in client.get("/pillars/work/").text
    french = client.get("/fr/pillars/work/").text
    assert 'aria-label="Avancement de l\'orientation W1">85\u00a0%' in french

"""Two portals running this software on loopback: a live server serves the demo partnership's
own /data/datapackage.json, and the portal fetches, validates and shows it as a peer."""

import pytest
from django.test import override_settings

from demo.seed import seed_demo
from lip_portal.celery import app as celery_app
from network import services
from network.models import Peer
from practices.models import Practice

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(tmp_path):
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    with override_settings(MEDIA_ROOT=tmp_path):
        seed_demo()
    celery_app.conf.task_always_eager = eager


def test_a_portal_reads_the_package_another_portal_of_this_software_serves(
    demo, live_server, client, settings
):
    settings.NETWORK_FETCH_TIMEOUT_SECONDS = 30
    settings.NETWORK_MAX_RESPONSE_BYTES = 5_000_000
    url = f"{live_server.url}/data/datapackage.json"
    peer = Peer.objects.create(name="Riverside (served)", package_url=url)

    services.peer_refresh(peer_id=peer.pk)

    peer.refresh_from_db()
    assert peer.error_kind == "", peer.error_message
    snapshot = peer.snapshot
    assert snapshot["partnership"]["name_fr"] == "Partenariat local d'immigration de Riverside"
    assert snapshot["items"]
    assert {row["code"] for row in snapshot["indicators"]} >= {
        "employment-matching-skills",
        "sense-of-belonging",
    }
    assert len(snapshot["practices"]) == Practice.objects.filter(status="published").count()
    page = client.get("/network/").content.decode()
    assert "Riverside (served)" in page or "Riverside Local Immigration Partnership" in page
    assert f'href="{url}"' in page

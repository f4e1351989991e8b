"""The data package of the demo partnership validates with frictionless: the descriptor, every
resource and every schema, with its English and its French metadata."""

import json

import frictionless
import pytest
from django.db import transaction
from django.test import Client, override_settings

from demo.seed import seed_demo
from lip_portal.celery import app as celery_app
from reports import opendata

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo partnership, seeded once for the module and rolled back at its end."""
    media = tmp_path_factory.mktemp("media")
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        seed_demo()
        yield
        transaction.set_rollback(True)
    celery_app.conf.task_always_eager = eager


def download_package(client, prefix, folder):
    """The descriptor and every file it names, fetched through the portal into `folder`."""
    response = client.get(f"{prefix}/data/datapackage.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    package = json.loads(response.content)
    for resource in package["resources"]:
        file = client.get(f"{prefix}/data/{resource['path']}")
        assert file.status_code == 200, resource["path"]
        target = folder / resource["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"".join(file.streaming_content) if file.streaming else file.content)
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return package


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_the_demo_package_validates_in_both_languages(demo, prefix, tmp_path):
    package = download_package(Client(), prefix, tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:20]
    assert len(report.tasks) == len(package["resources"])
    tables = [resource for resource in package["resources"] if resource["format"] == "csv"]
    assert [r["path"] for r in package["resources"] if r["format"] == "json"] == ["popolo.json"]
    datasets = {resource["dataset"] for resource in tables}
    assert datasets == {
        d.slug for d in [*opendata.available_datasets(), *opendata.current_datasets()]
    }

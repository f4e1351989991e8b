"""The embedded default (`make run`, no Redis): a real worker and beat, on kombu's filesystem
broker, run the scheduled work. A period whose reminder date has passed emails each person to
remind exactly once, however often beat runs the sweep."""

import datetime
import importlib
import os
import subprocess
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from actionplans.models import ReminderSent
from lip_portal.management.commands.runportal import EMBEDDED_BROKER_URL, commands
from outbox.models import Message
from tests.actionplans.factories import ActionItemFactory, ReportingPeriodFactory
from tests.partners.factories import OrganizationFactory, UserFactory

BASE_DIR = Path(__file__).resolve().parents[2]
SECONDS = 90

pytestmark = pytest.mark.django_db(transaction=True)


def database_url():
    """The test database, which the worker and beat must share with the test."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("a worker process shares the test database only on PostgreSQL")
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def sent_emails(folder):
    """The emails the file-based backend wrote: (recipient, message text) each."""
    emails = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for text in path.read_text().split("-" * 79):
            recipient = next(
                (line[4:] for line in text.splitlines() if line.startswith("To: ")), ""
            )
            if recipient:
                emails.append((recipient, text))
    return emails


@pytest.fixture
def scheduled_work(tmp_path):
    """The worker and beat `make run` starts, on the embedded broker, the reminder sweep every
    second; the emails they send are written to files in the returned folder."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "BROKER_URL", "PORTAL_BASE_URL"}
    } | {
        "DATABASE_URL": database_url(),
        "BROKER_URL": EMBEDDED_BROKER_URL,
        "BROKER_FOLDER": str(tmp_path / "broker"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "emails"),
        "REPORTING_REMINDER_INTERVAL_SECONDS": "1",
        "OUTBOX_RELAY_INTERVAL_SECONDS": "1",
    }
    argv = commands(addrport="127.0.0.1:0", schedule=tmp_path / "beat-schedule")
    log = tmp_path / "scheduled-work.log"
    processes = [
        subprocess.Popen(
            argv[name],
            cwd=BASE_DIR,
            env=environment,
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
            process_group=0,
        )  # fmt: skip
        for name in ("worker", "beat")
    ]
    yield tmp_path / "emails", processes, log
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


def test_a_period_past_its_reminder_date_emails_each_person_once_through_worker_and_beat(
    scheduled_work,
):
    # A transactional test that ran before may have emptied the table the migration filled.
    importlib.import_module("pillars.migrations.0002_three_pillars").create_pillars(apps, None)
    lead, partner = OrganizationFactory(), OrganizationFactory()
    ActionItemFactory(lead_organization=lead, partners=[partner])
    ActionItemFactory(lead_organization=partner)
    UserFactory(email="lead.one@example.org", organization=lead)
    UserFactory(email="lead.two@example.org", organization=lead)
    UserFactory(email="partner@example.org", organization=partner, preferred_language="fr")
    people = {"lead.one@example.org", "lead.two@example.org", "partner@example.org"}
    # The week-before reminder's date passed yesterday.
    ReportingPeriodFactory(due_date=timezone.localdate() + datetime.timedelta(days=6))
    folder, processes, log = scheduled_work
    started = time.monotonic()

    deadline = started + SECONDS
    while len(sent_emails(folder)) < len(people):
        assert all(process.poll() is None for process in processes), log.read_text()
        if time.monotonic() > deadline:
            pytest.fail(f"{sent_emails(folder)} within {SECONDS} s; log:\n{log.read_text()}")
        time.sleep(0.2)
    took = time.monotonic() - started
    # Beat runs the sweep every second: a few more runs must send nothing more.
    time.sleep(5)

    emails = sent_emails(folder)
    assert sorted(recipient for recipient, _text in emails) == sorted(people)
    assert ReminderSent.objects.get().recipient_count == len(people)
    assert not Message.objects.filter(done_at=None).exists()
    (french,) = [text for recipient, text in emails if recipient == "partner@example.org"]
    assert "Bonjour" in french
    assert all("List-Id: " in text and "text/html" in text for _recipient, text in emails)
    print(f"{len(people)} reminders sent by the worker {took:.1f} s after it and beat started")

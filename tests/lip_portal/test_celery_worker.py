import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from core.tasks import send_email
from lip_portal.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.redis


@pytest.fixture
def worker(tmp_path):
    """A real Celery worker on the real Redis, listening on a queue of its own."""
    queue = f"test-{uuid.uuid4().hex}"
    outbox = tmp_path / "outbox"
    env = {
        **os.environ,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lip_portal",
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue, outbox, process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_real_worker_sends_an_email_queued_on_redis(worker):
    queue, outbox, process = worker
    celery_app.conf.task_always_eager = False
    assert celery_app.conf.broker_url.startswith("redis://")

    send_email.apply_async(
        kwargs={"subject": "Reminder", "body": "Your update is due.", "to": ["p@example.org"]},
        queue=queue,
    )

    # The file-based backend creates its file before it writes the message: wait for both.
    deadline = time.monotonic() + 60
    message = ""
    while time.monotonic() < deadline:
        sent = sorted(outbox.glob("*.log")) if outbox.exists() else []
        message = sent[0].read_text() if sent else ""
        if "Your update is due." in message:
            break
        assert process.poll() is None, process.stdout.read()
        time.sleep(0.5)
    else:
        pytest.fail(f"the worker did not send the email within 60 seconds: {message!r}")
    assert "Subject: Reminder" in message
    assert "Your update is due." in message

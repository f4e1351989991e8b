"""A worker killed (SIGKILL) in the middle of a task: the broker hands the task to the next
worker once the visibility timeout passes, and it completes once."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

from outbox import services as outbox
from outbox.models import Message
from tests.redis_server import RedisServer

from .broker import celery_broker
from .slow_task import wait_for_release

BASE_DIR = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 3
# Workers look for tasks to hand out again every 10 seconds (settings.py).
RESTORE_INTERVAL = 10

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def database_url():
    """The test database, which the worker processes must share with the test."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("a worker process shares the test database only on PostgreSQL")
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(environment, log):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tests.reliability.worker_app", "worker",
         "--pool=solo", "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        cwd=BASE_DIR,
        env=environment,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def lines(path):
    return path.read_text().splitlines() if path.exists() else []


def wait_until(condition, *, seconds, worker, log):
    deadline = time.monotonic() + seconds
    while not condition():
        assert worker.poll() is None, log.read_text()
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s; worker log:\n{log.read_text()}")
        time.sleep(0.1)


@pytest.fixture
def server():
    server = RedisServer().start()
    yield server
    server.cleanup()


@pytest.fixture
def workers():
    started = []
    yield started
    for worker in started:
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()


def test_a_task_whose_worker_is_killed_midway_completes_once_after_a_new_worker_starts(
    server, workers, tmp_path
):
    environment = {
        **os.environ,
        "REDIS_URL": server.url,
        "DATABASE_URL": database_url(),
        "BROKER_VISIBILITY_TIMEOUT_SECONDS": str(VISIBILITY_TIMEOUT),
        "TASK_TIME_LIMIT_SECONDS": "2",
    }
    log = tmp_path / "workers.log"
    with celery_broker(server.url), transaction.atomic():
        message = outbox.task_enqueue(task=wait_for_release, kwargs={"folder": str(tmp_path)})
    first = start_worker(environment, log)
    workers.append(first)
    wait_until(lambda: len(lines(tmp_path / "started")) == 1, seconds=30, worker=first, log=log)

    first.kill()
    first.wait()
    killed_at = time.monotonic()
    (tmp_path / "release").touch()
    second = start_worker(environment, log)
    workers.append(second)
    done = Message.objects.filter(pk=message.pk, done_at__isnull=False)
    wait_until(done.exists, seconds=25, worker=second, log=log)
    took = time.monotonic() - killed_at

    assert took < VISIBILITY_TIMEOUT + RESTORE_INTERVAL + 5
    assert lines(tmp_path / "started") == [str(first.pid), str(second.pid)]
    assert lines(tmp_path / "done") == [str(second.pid)]
    message.refresh_from_db()
    assert (message.attempts, message.sent_count) == (2, 1)
    print(f"completed {took:.1f} s after the first worker was killed")

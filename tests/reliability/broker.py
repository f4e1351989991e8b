"""The portal's Celery app pointed at a throwaway Redis (tests/redis_server.py), and what a test
needs to see and run what was queued there, as a worker would."""

import base64
import contextlib
import json

import redis
from kombu import pools

from lip_portal.celery import app as celery_app
from outbox import services as outbox_services

QUEUE = "celery"


def _drop_connections():
    # kombu keeps its pools in a registry of its own: reset it, or a pool closed here would be
    # handed out again for the same broker.
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextlib.contextmanager
def celery_broker(url):
    """Send tasks to the broker at `url` instead of running them inline."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    _drop_connections()
    conf.broker_url, conf.task_always_eager = url, False
    try:
        yield
    finally:
        _drop_connections()
        conf.broker_url, conf.task_always_eager = saved
        # A broker stopped on purpose must not keep later tests from sending right away.
        outbox_services._broker_down_until = 0.0


def _decode(raw):
    envelope = json.loads(raw)
    args, kwargs, _embed = json.loads(base64.b64decode(envelope["body"]))
    return envelope["headers"]["task"], args, kwargs


def queued_tasks(server):
    """The (task name, args, kwargs) waiting in the server's default queue."""
    client = redis.Redis.from_url(server.url)
    return [_decode(raw) for raw in client.lrange(QUEUE, 0, -1)]


def run_queued(server, *, times=1):
    """Take every message off the queue and run each `times` times, here, as a worker would
    (times=2: the broker handed the same message out twice)."""
    client = redis.Redis.from_url(server.url)
    ran = []
    while (raw := client.rpop(QUEUE)) is not None:
        name, args, kwargs = _decode(raw)
        for _ in range(times):
            celery_app.tasks[name](*args, **kwargs)
        ran.append(name)
    return ran

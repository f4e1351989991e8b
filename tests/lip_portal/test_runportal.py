"""`manage.py runportal` (what `make run` serves with): the portal, a Celery worker and beat,
on a broker that needs no server when none is configured; Ctrl-C stops all three."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lip_portal.management.commands.runportal import (
    EMBEDDED_BROKER_URL,
    base_url,
    child_environment,
    commands,
)

BASE_DIR = Path(__file__).resolve().parents[2]


def test_without_a_broker_the_three_processes_share_the_embedded_one():
    environment = child_environment("127.0.0.1:8000", {"PATH": "/usr/bin"})

    assert environment["BROKER_URL"] == EMBEDDED_BROKER_URL
    assert environment["PATH"] == "/usr/bin"


def test_with_redis_configured_the_processes_use_it():
    environment = child_environment("127.0.0.1:8000", {"REDIS_URL": "redis://127.0.0.1:6379/0"})

    assert "BROKER_URL" not in environment


def test_emails_link_to_the_address_served():
    environment = child_environment("127.0.0.1:8123", {})

    assert environment["PORTAL_BASE_URL"] == "http://127.0.0.1:8123"


def test_a_portal_base_url_set_is_kept():
    environment = child_environment("127.0.0.1:8123", {"PORTAL_BASE_URL": "https://lip.example"})

    assert environment["PORTAL_BASE_URL"] == "https://lip.example"


@pytest.mark.parametrize(
    ("addrport", "url"),
    [("8123", "http://127.0.0.1:8123"), ("0.0.0.0:8123", "http://127.0.0.1:8123"),
     ("[::1]:8123", "http://[::1]:8123"), ("localhost:8123", "http://localhost:8123")],
)  # fmt: skip
def test_the_served_address_is_the_one_people_reach(addrport, url):
    assert base_url(addrport) == url


def test_the_worker_and_beat_run_the_portals_celery_app(tmp_path):
    argv = commands(addrport="127.0.0.1:8123", schedule=tmp_path / "schedule")

    assert argv["worker"][1:5] == ["-m", "celery", "-A", "lip_portal"]
    assert argv["worker"][5] == "worker"
    assert argv["beat"][5:] == ["beat", "--loglevel=INFO", f"--schedule={tmp_path / 'schedule'}"]
    assert argv["portal"][-2:] == ["runserver", "127.0.0.1:8123"]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _session_processes(session):
    """The processes still running (not zombies) in `session`."""
    running = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getsid(int(entry.name)) != session:
                continue
            state = (entry / "stat").read_text().rpartition(")")[2].split()[0]
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
        if state != "Z":
            running.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
    return running


def _answers(url):
    try:
        urllib.request.urlopen(url, timeout=2)
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_the_portal_the_worker_and_beat_leaving_nothing_running(tmp_path):
    port = _free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "BROKER_URL", "PORTAL_BASE_URL", "DATABASE_URL"}
    } | {
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "BROKER_FOLDER": str(tmp_path / "broker"),
    }
    log = tmp_path / "run.log"
    # A session of its own, as a terminal gives `make run`: Ctrl-C is SIGINT to its group.
    portal = subprocess.Popen(
        [sys.executable, "manage.py", "runportal", f"127.0.0.1:{port}",
         f"--schedule={tmp_path / 'schedule'}"],
        cwd=BASE_DIR, env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not (
            _answers(f"http://127.0.0.1:{port}/healthz")
            and " ready." in log.read_text()
            and "beat: Starting..." in log.read_text()
        ):
            assert portal.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        assert len(_session_processes(portal.pid)) >= 4  # runportal, server, worker, beat

        stopping = time.monotonic()
        os.killpg(portal.pid, signal.SIGINT)
        assert portal.wait(timeout=40) == 0, log.read_text()
        took = time.monotonic() - stopping
    finally:
        if portal.poll() is None:
            os.killpg(portal.pid, signal.SIGKILL)
            portal.wait()

    assert _session_processes(portal.pid) == []
    assert f"emails link to http://127.0.0.1:{port}" in log.read_text()
    assert "The portal, the worker and beat have stopped." in log.read_text()
    print(f"all stopped {took:.1f} s after Ctrl-C")

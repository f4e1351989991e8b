"""A test-only task a worker can be killed in the middle of: it notes that it started, waits
until the test lets it go on, then notes that it finished."""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task
def wait_for_release(*, folder):
    folder = Path(folder)
    with (folder / "started").open("a") as log:
        log.write(f"{os.getpid()}\n")
    deadline = time.monotonic() + 60
    while not (folder / "release").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("the test never let the task go on")
        time.sleep(0.1)
    with (folder / "done").open("a") as log:
        log.write(f"{os.getpid()}\n")

"""A task function for the budget tests, run in real Dask worker processes: the ordinary
applicant task with a fake OCR engine, and a recipe that misbehaves on uploads named for it
(`sleep*` hangs, `hog*` eats memory until the nanny ends the worker) or a worker that dies
before any upload (`DIES_BEFORE_UPLOADS`). Passed as `pipeline.run.run_task` (monkeypatched
in the main process; Dask pickles it by reference, so the workers import this module)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import numpy as np

from models import ApplicantResult
from pipeline.process import ApplicantTask
from stages import recipe
from tests.fakes import FakeEngine

#: the applicant whose worker dies before it reaches an upload
DIES_BEFORE_UPLOADS = "2026129999003"
_READ_UPLOAD = recipe.read_upload


def misbehaving_read_upload(job, data, engines, held, out=None):  # type: ignore[no-untyped-def]
    name = Path(job.upload.path).name
    if name.startswith("sleep"):
        time.sleep(3600)
    if name.startswith("hog"):
        held_chunks = []
        for _ in range(200):  # up to 10 GB, 50 MB at a time, each page touched
            held_chunks.append(np.ones(50_000_000, np.uint8))
            time.sleep(0.02)
    return _READ_UPLOAD(job, data, engines, held, out)


def run_hostile(task: ApplicantTask) -> ApplicantResult:
    from pipeline import run

    recipe.read_upload = misbehaving_read_upload  # type: ignore[assignment]
    if task.applicant_id == DIES_BEFORE_UPLOADS:
        os.kill(os.getpid(), signal.SIGKILL)
    return run.run_budgeted(task, FakeEngine(["姓名"]))

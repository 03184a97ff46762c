"""Test layout: tests/unit (pure stages with fake engines), tests/engines (the real OCR
engines), tests/pipeline (files, parts, the CLI, the report), tests/e2e (`certcheck run` end to
end), tests/lab (the generator). Each folder is also a marker: `pytest -m unit`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# No per-example deadline: a timing threshold in a unit test fails on a busy machine, not on
# a wrong answer. CI runs derandomised so that a failure reproduces.
settings.register_profile("certcheck", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "certcheck")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "window"
LAYERS = ("unit", "engines", "pipeline", "e2e", "lab", "desk")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the folder it lives in."""
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        if parts and parts[0] in LAYERS:
            item.add_marker(getattr(pytest.mark, parts[0]))


@pytest.fixture(scope="session", autouse=True)
def audit_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every run in the tests (and the processes they start) signs its audit log with a key
    in the session's temporary folder, never one in the real home (issue 18)."""
    path = tmp_path_factory.mktemp("audit-key") / "audit-ed25519.pem"
    os.environ["CERTCHECK_AUDIT_KEY"] = str(path)
    return path


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT of one `certcheck run --sync` of the sample window, shared by the tests that only
    read it (the run takes most of a minute: it is done once per session)."""
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("sample") / "out"
    assert main(["run", str(SAMPLE), "--out", str(out), "--sync", "--no-progress"]) == 0
    return out


@pytest.fixture()
def sample_run_copy(sample_run: Path, tmp_path: Path) -> Path:
    """A private copy of the sample run's OUT, for a test that runs again into it."""
    out = tmp_path / "out"
    shutil.copytree(sample_run, out)
    return out

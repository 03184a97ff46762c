"""End to end: generated windows through `certcheck run` with the real OCR engines."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import dask
import pytest
from dask.distributed import Client

from lab.evaluate import score
from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "window"

pytestmark = pytest.mark.e2e


def _rows(out: Path) -> list[dict[str, str]]:
    with (out / "applicants.csv").open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def _findings(out: Path) -> list[dict]:
    return [
        json.loads(x) for x in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    ]


def test_sample_window_contract_files(sample_run_copy: Path) -> None:
    out = sample_run_copy
    raw = (out / "applicants.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "applicants.csv must be UTF-8 with BOM"
    rows = _rows(out)
    lines = [x for x in (SAMPLE / "applicants.jsonl").read_text(encoding="utf-8").splitlines() if x]
    folders = {p.name for p in (SAMPLE / "uploads").iterdir()}
    assert len(rows) >= len(lines)
    assert {r["applicant_id"] for r in rows} >= folders
    keys = {
        "applicant_id",
        "slot",
        "file",
        "field",
        "status",
        "expected",
        "observed",
        "confidence",
        "message",
    }
    findings = _findings(out)
    statuses = {"pass", "mismatch", "unreadable", "missing", "invalid", "expired"}
    for f in findings:
        assert keys <= f.keys()
        assert f["status"] in statuses
        assert f["message"]
    for r in rows:
        mine = [f for f in findings if f["applicant_id"] == r["applicant_id"]]
        bad = sum(1 for f in mine if f["status"] != "pass")
        assert int(r["findings"]) == bad
        assert r["verdict"] == ("review" if bad else "clear")
    # one orientation finding per image upload, whatever its slot
    images = [
        p
        for p in (SAMPLE / "uploads").rglob("*")
        if p.is_file()
        and p.stat().st_size
        and p.read_bytes()[:3] == b"\xff\xd8\xff"
        or p.suffix == ".png"
        and p.read_bytes()[:4] == b"\x89PNG"
    ]
    orient = {f["file"]: f["observed"] for f in findings if f["field"] == "orientation"}
    decodable = [p for p in images if p.relative_to(SAMPLE).as_posix() in orient]
    assert len(decodable) >= len(images) - 2  # truncated files may not decode
    assert set(orient.values()) <= {"0", "90", "180", "270"}
    assert (out / "report" / "index.html").exists()
    # a second run reuses every finished applicant and writes the same findings
    before = (out / "findings.jsonl").read_bytes()
    assert main(["run", str(SAMPLE), "--out", str(out), "--sync", "--no-progress"]) == 0
    assert (out / "findings.jsonl").read_bytes() == before


def test_sample_window_faults_are_caught(sample_run: Path) -> None:
    out = sample_run
    s = score(out, SAMPLE.with_name("window.truth.jsonl"))
    assert s["missed"] == [], s["missed"]


def test_bad_window_exits_non_zero(tmp_path: Path) -> None:
    assert main(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o"), "--sync"]) == 3
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "window.toml").write_text("closes = 'soon'", encoding="utf-8")
    (tmp_path / "w" / "applicants.jsonl").write_text("", encoding="utf-8")
    assert main(["run", str(tmp_path / "w"), "--out", str(tmp_path / "o"), "--sync"]) == 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# two workers: ~60-110 s on this 2-core machine (two clusters' start, OCR engines in each)
@pytest.mark.slow  # real scheduler and worker processes: ~25-30 s each (CI: make test-slow)
@pytest.mark.parametrize("nworkers", [1, 2])
def test_external_scheduler_matches_local_run(tmp_path: Path, nworkers: int) -> None:
    """A real `dask scheduler` and `dask worker` processes (`--nthreads 1` each, one per
    worker as on separate machines) on 127.0.0.1, started as docs/cluster.md says, write
    what a local run writes."""
    window = tmp_path / "window"
    shutil.copytree(SAMPLE, window)
    keep = sorted(p.name for p in (window / "uploads").iterdir())[:3]
    for p in (window / "uploads").iterdir():
        if p.name not in keep:
            shutil.rmtree(p)
    lines = (window / "applicants.jsonl").read_text(encoding="utf-8").splitlines()
    (window / "applicants.jsonl").write_text(
        "\n".join(x for x in lines if any(k in x for k in keep)) + "\n", encoding="utf-8"
    )
    local = tmp_path / "local"
    assert main(["run", str(window), "--out", str(local), "--workers", "1", "--no-progress"]) == 0

    port = _free_port()
    bindir = Path(sys.executable).parent
    # the recipe's environment (docs/cluster.md): its Dask settings, one thread per worker
    env = {**os.environ, "DASK_CONFIG": str(ROOT / "docs" / "cluster-dask.yaml")}
    env.update({v: "1" for v in ("OMP_NUM_THREADS", "OMP_THREAD_LIMIT")})
    env.update(OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    sched = subprocess.Popen(
        [
            str(bindir / "dask"),
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    workers: list[subprocess.Popen[bytes]] = []
    try:
        address = f"tcp://127.0.0.1:{port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        for n in range(nworkers):
            workers.append(
                subprocess.Popen(
                    [
                        str(bindir / "dask"),
                        "worker",
                        address,
                        "--nthreads",
                        "1",
                        "--nworkers",
                        "1",
                        "--no-dashboard",
                        "--local-directory",
                        str(tmp_path / f"worker-{n}"),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
            )
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(nworkers, timeout=120)
            assert sorted(client.nthreads().values()) == [1] * nworkers
            # the recipe's settings reached the scheduler and the workers (cluster-dask.yaml)
            get = dask.config.get  # importable on the workers, unlike this module
            assert client.run_on_scheduler(get, "distributed.scheduler.allowed-failures") == 1
            preloads = client.run(get, "distributed.worker.preload").values()
            assert list(preloads) == [["pipeline.worker_setup"]] * nworkers
        remote = tmp_path / "remote"
        assert (
            main(
                ["run", str(window), "--out", str(remote), "--scheduler", address, "--no-progress"]
            )
            == 0
        )
    finally:
        for p in (*workers, sched):
            p.terminate()
            p.wait(timeout=30)
    assert _rows(remote) == _rows(local)
    strip = lambda fs: sorted(json.dumps(f, sort_keys=True) for f in fs)  # noqa: E731
    assert strip(_findings(remote)) == strip(_findings(local))


def test_the_exact_read_count_ignores_only_spacing_dots_and_variants() -> None:
    from lab.evaluate import _as_read

    assert _as_read("热依拉・司马义") == _as_read("热依拉·司马义") == _as_read("热依拉司马义")
    assert _as_read("1076 0120 2005") == "107601202005" and _as_read("靜") == "静"
    assert _as_read("魏恰") != _as_read("魏怡")

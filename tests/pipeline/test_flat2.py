"""Issue 19, flat memory past 10k applicants and incremental cross-applicant checks (helper
"flat2"): identifiers grouped on disk, Dask's per-task state released, the run record's lists
streamed, the same-image check's verifications reused."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pytest

from models import Finding
from pipeline import similar
from stages import window_checks


def _by_applicant(found: Iterable[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in found:
        out.setdefault(f.applicant_id, []).append(f)
    return out


def test_identifiers_grouped_on_disk_give_the_findings_of_the_whole_list(tmp_path: Path) -> None:
    """Same findings, per applicant in the same order, as `duplicate_values` over the whole
    list: groups of two and of nine (the "等" of more than five), case and spaces, empty
    values, a lone surrogate, an id that sorts before the others."""
    rng = random.Random(7)
    records: list[tuple[str, str, str]] = []
    for k in range(400):
        aid = f"A{k:04d}" if k % 50 else f"\ud800x{k}"
        shared = rng.random() < 0.2
        idn = f"11010119900101{rng.randrange(3):04d}" if shared else f"ID{k}"
        if k % 7 == 0:
            idn = f"  {idn.lower()} "
        dip = "" if k % 11 == 0 else (f"d{k % 9}" if k < 60 else f"D{k}")
        records += [(aid, "id_number", idn), (aid, "diploma_number", dip)]
    records.append(("Z", "other", "x"))
    db = sqlite3.connect(tmp_path / "s.sqlite", isolation_level=None)
    expected = _by_applicant(window_checks.duplicate_values(records))
    got = _by_applicant(similar.duplicate_ids(records, db))
    assert got == expected
    assert any(len(v) == 2 for v in got.values())
    assert any("等" in f.observed for v in got.values() for f in v if f.observed)
    # nothing left behind in the run's store
    tables = db.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == []


def _window(tmp_path: Path, n: int, shared: int) -> Path:
    """`n` applicants with the sample's first form and no uploads; the first `shared` keep
    its ID and diploma numbers, the others have their own."""
    import json

    from tests.pipeline.test_outputs import small_window

    root = small_window(tmp_path, tuple(f"2027{k:09d}" for k in range(n)))
    lines = []
    for k, line in enumerate((root / "applicants.jsonl").read_text("utf-8").splitlines()):
        form = json.loads(line)
        if k >= shared:
            form["id_number"] = f"X{k}"
            form["education"] = {**form["education"], "diploma_number": f"D{k}"}
        lines.append(json.dumps(form, ensure_ascii=False))
    (root / "applicants.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def test_a_run_never_holds_the_windows_identifiers_only_the_shared_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The duplicate-id check reads back from the run's store only the values two forms
    share: `duplicate_values` never sees the whole window's list (before: 2 per applicant)."""
    from tests.fakes import FakeEngine
    from tests.pipeline.test_outputs import engine_is, findings, run

    engine_is(monkeypatch, FakeEngine(["x"]))
    seen: list[int] = []
    whole = window_checks.duplicate_values

    def counted(records: Iterable[tuple[str, str, str]]) -> Iterable[Finding]:
        records = list(records)
        seen.append(len(records))
        return whole(records)

    monkeypatch.setattr(window_checks, "duplicate_values", counted)
    root = _window(tmp_path, 9, 3)
    assert run(root, tmp_path / "out") == 0
    assert seen and max(seen) == 3  # one group at a time: 3 forms share each number
    dup = [f for f in findings(tmp_path / "out") if f["check"].startswith("window.duplicate")]
    assert sorted({f["applicant_id"] for f in dup}) == [f"2027{k:09d}" for k in range(3)]


@pytest.mark.parametrize("sizes", [(0, 0), (1, 0), (0, 3), (4, 2)])
def test_the_run_records_lists_written_item_by_item_are_the_whole_records_bytes(
    tmp_path: Path, sizes: tuple[int, int]
) -> None:
    """The run record's long lists (inventory, reused) are never held: a token stands in
    the record and `splice` writes the items there, in the log's canonical form and in
    run.json's indented one, byte for byte what the whole record gives."""
    import json

    from pipeline.audit import runlog
    from pipeline.audit.chain import canonical

    def items(n: int, tag: str) -> list[dict[str, object]]:
        return [
            {"applicant_id": f"{tag}{k}", "path": f"uploads/考生{k}/x.jpg", "bytes": k,
             "nested": {"a": [1, {"b": None}], "ü": "\u2028"}}
            for k in range(n)
        ]  # fmt: skip

    inventory, reused = items(sizes[0], "i"), items(sizes[1], "r")
    whole = {"z": 1, "inventory": inventory, "counts": {"a": 1}, "reused": reused, "s": "x"}
    tokens = {"\x00certcheck-list-a\x00": inventory, "\x00certcheck-list-b\x00": reused}
    lists = {t: (lambda v=v: iter(v)) for t, v in tokens.items()}
    held = {**whole, "inventory": "\x00certcheck-list-a\x00", "reused": "\x00certcheck-list-b\x00"}
    flat = "".join(runlog.splice(canonical(held).decode(), lists, runlog._canonical_list))
    assert flat == canonical(whole).decode()
    indented = json.dumps(held, ensure_ascii=False, indent=1)
    text = "".join(runlog.splice(indented, lists, runlog._indented_list))
    assert text == json.dumps(whole, ensure_ascii=False, indent=1)
    # the log's line: seal_line's bytes for the whole record, hash and all
    from types import SimpleNamespace
    from typing import Any, cast

    from pipeline.audit.chain import seal_line

    earlier = SimpleNamespace(seq=3, prev="0" * 64)
    trail = SimpleNamespace(out=tmp_path, run_id="r", earlier=earlier, streamed=lists)
    (tmp_path / "audit" / "runs").mkdir(parents=True)
    writer = runlog.LogWriter(cast(Any, trail), cast(Any, None), cast(Any, None), held)
    writer.add({"kind": "run", "payload": held}, streamed=True)
    line, digest = seal_line({"kind": "run", "payload": whole}, 4, "0" * 64)
    assert writer._file is not None
    writer._file.close()
    assert writer.tmp.read_bytes() == line.encode() and writer.prev == digest


def _echo(x: int) -> int:
    return x


def test_the_private_scheduler_keeps_nothing_per_task_once_trimmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dask keeps a `{"type": "Future"}` per `client.submit` in its span's metadata and
    every task key in `key_split`'s cache: both grew with the window in the main process
    (the scheduler lives there). Our scheduler plugin trims them every TRIM_EVERY graphs."""
    import dask.utils
    from dask.distributed import wait

    from pipeline import cluster

    monkeypatch.setattr(cluster, "TRIM_EVERY", 5, raising=False)
    with cluster.local_client(1, tmp_path) as client:
        for k in range(23):
            future = client.submit(_echo, k, key=f"applicant-{k:06d}-abcdef12", pure=False)
            wait(future)
            assert future.result() == k
            future.release()
        scheduler = client.cluster.scheduler
        spans = scheduler.extensions["spans"].spans.values()
        kinds = [len(s._metadata["collections"]) for s in spans if s._metadata]
        assert kinds and max(kinds) <= 4  # before: 23, one per task
        assert dask.utils.key_split.cache_info().currsize < 15


def _odd_window(tmp_path: Path) -> Path:
    """Forms with and without folders, folders without forms, and everything the walk
    refuses or lists as stray, at every level; a malformed line guessing a folder's id."""
    import json
    import os

    from tests.pipeline.test_outputs import small_window

    root = small_window(tmp_path, ("2026120000577", "b2", "a1", "c3"))
    up = root / "uploads"
    with (root / "applicants.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"applicant_id": "g7", "name": \n')  # malformed: its id guessed
        f.write(json.dumps({"applicant_id": "b2", "name": "again"}) + "\n")  # a duplicate
    for aid, slot, name in [
        ("a1", "photo", "p.jpg"), ("a1", "id_front", "f.jpg"), ("b2", "photo", "x.png"),
        ("zz", "photo", "z.jpg"), ("g7", "photo", "g.jpg"), ("m0", "diploma", "d.pdf"),
    ]:  # fmt: skip
        (up / aid / slot).mkdir(parents=True, exist_ok=True)
        (up / aid / slot / name).write_bytes(os.urandom(64))
    (up / "a1" / "loose.jpg").write_bytes(b"x")  # not in a slot: stray and refused
    (up / "zz" / "loose.txt").write_bytes(b"y")
    (up / "top.jpg").write_bytes(b"z")  # directly under uploads/
    (up / "b0.jpg").write_bytes(b"z")
    (up / "empty").mkdir()  # no upload: nobody
    (up / "onlylink").symlink_to("/etc")  # a link, refused for applicant "onlylink"
    (up / "a1" / "photo" / "l.jpg").symlink_to("/etc/passwd")
    (up / "c3" / "photo").mkdir(parents=True)
    (up / "c3" / "photo" / "weird.bin").write_bytes(b"\x00" * 10)
    deep = up / "b2" / "photo"
    for k in range(17):
        deep = deep / f"d{k}"
    deep.mkdir(parents=True)
    return root


def test_a_window_walked_an_applicant_at_a_time_is_the_window_walked_whole(
    tmp_path: Path,
) -> None:
    """`lazy`: the same order, findings, uploads and stray files as a whole walk, once
    `applicants()` has handed everyone out (the folders without a form line last)."""
    from pipeline import window
    from pipeline.state import Scratch

    root = _odd_window(tmp_path)
    whole = window.load_window(root)
    store = Scratch(tmp_path / "s.sqlite")
    lazy = window.load_window(root, store=store, lazy=True)
    assert not lazy.complete and lazy.upload_count() == 0
    handed = list(lazy.applicants())
    lazy.close()
    assert lazy.complete
    assert handed == lazy.order == whole.order
    assert lazy.findings == whole.findings
    assert lazy.stray == whole.stray and len(whole.stray) >= 4
    assert {a: lazy.uploads[a] for a in lazy.uploads} == whole.uploads
    assert lazy.upload_count() == whole.upload_count() == 11


def test_the_first_task_runs_before_the_window_is_hashed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each applicant's uploads are hashed when its task is built, not all before the
    first task (issue 19: the first result of a national window within seconds); the
    outputs are those of a window read whole."""
    from pipeline import run as run_module
    from pipeline import window
    from tests.fakes import FakeEngine
    from tests.pipeline.test_outputs import engine_is, findings, run

    engine_is(monkeypatch, FakeEngine(["x"]))
    events: list[str] = []
    hash_fd = window._hash_fd

    def hashed(fd: int) -> tuple[str, int, str]:
        events.append("hash")
        return hash_fd(fd)

    task = run_module.run_task

    def ran(t: run_module.ApplicantTask) -> object:
        events.append(f"task {t.applicant_id}")
        return task(t)

    monkeypatch.setattr(window, "_hash_fd", hashed)
    monkeypatch.setattr(run_module, "run_task", ran)
    root = _odd_window(tmp_path)
    assert run(root, tmp_path / "out") == 0
    first = events.index("task 2026120000577")
    assert "hash" in events[first:]  # before: every upload hashed before the first task
    assert events.count("hash") == 11
    monkeypatch.setattr(window, "_hash_fd", hash_fd)
    monkeypatch.setattr(run_module, "load_window", window.load_window)
    eager = run_module._load

    def whole(*args: object, **kwargs: object) -> object:
        kwargs.pop("store", None)
        return eager(*args[:2])  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "_load", whole)
    assert run(root, tmp_path / "whole") == 0
    assert findings(tmp_path / "out") == findings(tmp_path / "whole")
    for name in ("applicants.csv", "forms.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()


def test_a_rerun_verifies_only_the_pairs_a_changed_upload_is_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same-image check's verified pairs are kept in OUT/.index (issue 19: cross-
    applicant checks updated for the changed applicants only): an unchanged re-run opens no
    file for them, a re-run after one upload changed verifies only that upload's pairs, and
    the window's findings are a fresh run's, byte for byte. A row edited behind the run (its
    seal no longer matches) is verified again."""
    import io
    import json
    import shutil
    import sqlite3 as sql

    from PIL import Image

    from tests.fakes import FakeEngine
    from tests.pipeline.test_outputs import engine_is, run, small_window

    engine_is(monkeypatch, FakeEngine(["x"]))
    verified: list[tuple[str, str]] = []
    chunk = similar.verify_chunk

    def counted(load: similar.Loader, pairs: list[tuple[str, str]]) -> list[bool | None]:
        verified.extend(pairs)
        return chunk(load, pairs)

    monkeypatch.setattr(similar, "verify_chunk", counted)
    from tests.pipeline.test_similar import _jpeg, _page

    ids = ("2027000000001", "2027000000002", "2027000000003")
    root = small_window(tmp_path, ids)  # no uploads of their own: pages, one copied
    for k, aid in enumerate(ids):
        (root / "uploads" / aid / "diploma").mkdir(parents=True)
        (root / "uploads" / aid / "diploma" / "d.jpg").write_bytes(_jpeg(_page(k)))
    a, b = (root / "uploads" / aid / "diploma" for aid in ids[:2])
    original = a / "d.jpg"
    shutil.copy(original, b / "copy.jpg")  # applicant b uploads a's diploma

    def window_findings(out: Path) -> list[str]:
        lines = (out / "findings.jsonl").read_text("utf-8").splitlines()
        return [x for x in lines if json.loads(x)["check"].startswith("window.")]

    out = tmp_path / "out"
    assert run(root, out) == 0
    first = window_findings(out)
    assert any("same_image" in x for x in first) and verified
    verified.clear()
    assert run(root, out) == 0  # unchanged: nothing opened again
    assert verified == [] and window_findings(out) == first

    # b's copy re-encoded: another file, the same picture
    buf = io.BytesIO()
    Image.open(original).convert("RGB").save(buf, "JPEG", quality=60)
    (b / "copy.jpg").write_bytes(buf.getvalue())
    assert run(root, out) == 0
    changed = f"uploads/{ids[1]}/diploma/copy.jpg"
    assert verified and all(changed in pair for pair in verified)
    verified.clear()
    assert run(root, tmp_path / "fresh") == 0
    assert window_findings(out) == window_findings(tmp_path / "fresh")

    # a decision changed behind the run is not used
    db = sql.connect(out / ".index" / "index.sqlite")
    db.execute("UPDATE verified SET same = 1 - same")
    db.commit()
    db.close()
    verified.clear()
    assert run(root, out) == 0
    assert verified and window_findings(out) == window_findings(tmp_path / "fresh")

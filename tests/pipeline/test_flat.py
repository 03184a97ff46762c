"""A national window in flat memory, and incremental re-runs (issue 19): the per-applicant
state on disk (pipeline.state), the uploads' stat cache and the part index in OUT/.index."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from pipeline import run as run_module
from pipeline import state, window
from pipeline.audit.verify import verify
from pipeline.state import Scratch
from tests.fakes import FakeEngine
from tests.pipeline.test_outputs import engine_is, findings, run, small_window


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64])
def test_applicants_jsonl_is_split_as_before_whatever_the_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Read a chunk at a time: CRLF across two chunks is one line end, a BOM is dropped,
    U+2028 inside a line does not split it, a GBK line is None."""
    monkeypatch.setattr(window, "_CHUNK", chunk)
    data = b'\xef\xbb\xbf{"a": 1}\r\n{"b": "\xe2\x80\xa8"}\r\r\n\n\xc4\xe3\r{"c": 3}\r'
    path = tmp_path / "f"
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    try:
        got = list(window._Utf8Lines(fd, path))
    finally:
        os.close(fd)
    expected: list[str | None] = []
    for raw in re.split(rb"\r\n?|\n", data[3:]):
        try:
            expected.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            expected.append(None)
    assert got == expected and got[2] == "" and got[4] is None


def test_a_window_loaded_into_a_store_is_the_same_window(tmp_path: Path) -> None:
    root = small_window(tmp_path, ("2026120000577", "x1"))
    (root / "uploads" / "nobody" / "photo").mkdir(parents=True)
    (root / "uploads" / "nobody" / "photo" / "a.jpg").write_bytes(b"\xff\xd8\xff")
    plain = window.load_window(root)
    store = Scratch(tmp_path / "s.sqlite")
    on_disk = window.load_window(root, store=store)
    assert isinstance(on_disk.forms, state.DiskMap)
    assert on_disk.order == plain.order and on_disk.findings == plain.findings
    assert dict(on_disk.forms.items()) == dict(plain.forms)
    assert {a: on_disk.uploads[a] for a in on_disk.uploads} == plain.uploads
    assert list(on_disk.uploads) == list(plain.uploads)
    assert on_disk.upload_count() == plain.upload_count() == 5


def test_an_unchanged_upload_is_not_read_again_a_changed_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "RACY_NS", 0)  # the files were written a moment ago
    root = small_window(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    reads: list[int] = []
    hash_fd = window._hash_fd

    def counted(fd: int) -> tuple[str, int, str]:
        reads.append(fd)
        return hash_fd(fd)

    monkeypatch.setattr(window, "_hash_fd", counted)

    def load() -> window.Window:
        index = state.Index(out)
        try:
            return window.load_window(root, index=index)
        finally:
            index.close()

    first = load()
    assert len(reads) == 4
    reads.clear()
    assert load() == first and reads == []  # a stat and a lookup each
    upload = root / first.uploads["2026120000577"][0].path
    st = upload.stat()
    data = upload.read_bytes()
    upload.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # same size
    os.utime(upload, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime: the ctime tells
    again = load()
    assert len(reads) == 1
    assert again.uploads["2026120000577"][0].sha256 != first.uploads["2026120000577"][0].sha256


def test_a_rerun_takes_unchanged_parts_from_the_index_without_reading_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "RACY_NS", 0)
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    root, out = small_window(tmp_path, ("2026120000577", "x1", "x2")), tmp_path / "out"
    assert run(root, out) == 0
    first = (out / "findings.jsonl").read_bytes()
    loads: list[Path] = []
    load_part = run_module._load_part

    def load(path: Path) -> Any:
        loads.append(path)
        return load_part(path)

    monkeypatch.setattr(run_module, "_load_part", load)
    from pipeline import report

    rendered: list[Any] = []
    page = report._applicant_page

    def render(result: Any, *args: Any) -> Any:
        rendered.append(result)
        return page(result, *args)

    monkeypatch.setattr(report, "_applicant_page", render)
    pages = sorted((out / "report" / "applicants").iterdir())
    before = {p.name: p.read_bytes() for p in pages}
    pages[0].write_text("edited", "utf-8")
    assert run(root, out) == 0
    assert len(rendered) == 1  # only the page edited since: the others are as rendered
    assert {p.name: p.read_bytes() for p in pages} == before
    summary = json.loads((out / "audit" / "run.json").read_text("utf-8"))
    assert summary["reused"] == 3
    # each part read once, for the outputs (the report and the contract files: twice),
    # never to decide whether it is reused
    assert len(loads) == 2 * 3
    assert (out / "findings.jsonl").read_bytes() == first
    assert verify(out).runs  # raises Broken unless every check holds


def test_a_part_changed_after_the_index_recorded_it_is_recomputed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "RACY_NS", 0)
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    root, out = small_window(tmp_path, ("2026120000577", "x1")), tmp_path / "out"
    assert run(root, out) == 0
    first = findings(out)
    part = run_module.part_path(out, "x1")
    data = json.loads(part.read_text("utf-8"))
    data["findings"] = []  # a forger who also fixes the digest: the audit log says otherwise
    data["digest"] = run_module._digest(data)
    part.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert run(root, out) == 0
    summary = json.loads((out / "audit" / "run.json").read_text("utf-8"))
    assert summary["reused"] == 1  # x1 recomputed against the log
    assert findings(out) == first
    assert verify(out).runs  # raises Broken unless every check holds


def test_a_changed_part_index_stops_the_run_before_any_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index is OUT's, not ours alone: a slim record edited there (to hide a duplicate
    upload from the window checks) is caught against the part before anything is written."""
    monkeypatch.setattr(state, "RACY_NS", 0)
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    root, out = small_window(tmp_path, ("2026120000577", "x1")), tmp_path / "out"
    assert run(root, out) == 0
    before = (out / "findings.jsonl").read_bytes()
    import sqlite3

    db = sqlite3.connect(out / state.INDEX / state.INDEX_FILE)
    (slim,) = db.execute("SELECT slim FROM parts WHERE aid = ?", (b"2026120000577",)).fetchone()
    edited = json.loads(slim)
    assert edited["fingerprints"]
    edited["fingerprints"] = []
    db.execute("UPDATE parts SET slim = ? WHERE aid = ?", (json.dumps(edited), b"2026120000577"))
    db.commit()
    db.close()
    assert run(root, out) == 6
    assert (out / "findings.jsonl").read_bytes() == before
    assert run(root, out) == 0  # the entry was dropped: the part is read again
    assert (out / "findings.jsonl").read_bytes() == before


def test_a_window_that_cannot_be_read_creates_no_out(tmp_path: Path) -> None:
    from pipeline.cli import main

    root = tmp_path / "window"
    root.mkdir()  # no applicants.jsonl
    out = tmp_path / "new" / "out"
    assert main(["run", str(root), "--out", str(out), "--sync", "--no-progress"]) == 3
    assert not (tmp_path / "new").exists()


def test_a_disk_map_iterates_by_place_and_reads_back_what_was_set(tmp_path: Path) -> None:
    store = Scratch(tmp_path / "s.sqlite")
    m: state.DiskMap[tuple[int, ...]] = store.map("m")
    for i, key in enumerate(["c", "a", "é", "b"]):
        m.set(key, (i,), pos=10 - i)  # arrive in one order, placed in another
    m.set("a", (9,))  # set again: keeps its place
    assert list(m) == ["b", "é", "a", "c"] and m["a"] == (9,) and m.get("zz") is None
    assert dict(m.items()) == {"b": (3,), "é": (2,), "a": (9,), "c": (0,)}
    for i in range(state.RECENT * 2):  # past what it keeps at hand
        m.set(f"k{i}", (i,), pos=100 + i)
    assert m["a"] == (9,) and len(m) == 4 + state.RECENT * 2 and "k3" in m


def test_the_report_lists_sort_as_python_sorts(tmp_path: Path) -> None:
    """Sorted on disk (SQLite) by (problems, id): the order of Python's sort on str, ties in
    the order the rows came."""
    from models import ApplicantResult
    from pipeline import report

    lists = report._Lists()
    ids = ["b", "a", "中", "Z", "a", "😀", "ab", "\u00e9", "10", "9"]
    expected = []
    for n, aid in enumerate(ids):
        row = report.ApplicantRow(aid, f"h{n}", None, "clear", "", -(n % 3), "")
        at = lists.spool.add(list(report.astuple(row)))
        lists.spool.key(report._APPLICANTS, -(n % 3), aid, at)
        expected.append((n % 3, aid, n))
        lists.add(ApplicantResult(aid, ()), None, [], f"p{n}", report._Linker(tmp_path, tmp_path))
    rows = report._Rows(lists.spool, report._APPLICANTS, report._applicant_row)
    mine = [(r.applicant_id, r.href) for r in rows[:] if r.href.startswith("h")]
    assert mine == [(aid, f"h{n}") for _, aid, n in sorted(expected, key=lambda e: e[:2])]
    assert len(rows) == 2 * len(ids) and rows[-1].applicant_id == rows[len(rows) - 1].applicant_id
    lists.spool.close()


def test_a_part_replaced_by_a_link_is_never_read_through_it(tmp_path: Path) -> None:
    """A whole, valid part elsewhere, linked in place of the applicant's: not read."""
    elsewhere = tmp_path / "elsewhere.json"
    data: dict[str, Any] = {"key": "k1", "applicant_id": "x1", "findings": []}
    data["digest"] = run_module._digest(data)
    elsewhere.write_text(json.dumps(data), "utf-8")
    assert run_module._load_part(elsewhere) == data  # whole and readable as a file
    part = run_module.part_path(tmp_path / "out", "x1")
    part.parent.mkdir(parents=True)
    part.symlink_to(elsewhere)
    assert run_module._load_part(part) is None
    assert run_module.part_fingerprint(part) is None

"""Issue 16, inputs: every id and file name is data, never a path; nothing outside WINDOW is
read (links are never followed, FIFOs never opened) and nothing outside OUT is written."""

from __future__ import annotations

import builtins
import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from models import ApplicantForm, ApplicantResult, Education, Exam, Upload
from pipeline import run as run_module
from pipeline.cli import main
from pipeline.process import ApplicantTask, process_applicant
from pipeline.rules import load_rules
from pipeline.window import WindowError, inventory, load_window, read_upload
from tests.fakes import FakeEngine

RUN = date(2026, 3, 5)
AID = "2026120000017"
FORM = {
    "applicant_id": AID,
    "name": "欧阳晓彧",
    "id_type": "resident_id",
    "id_number": "120101199701257467",
    "gender": "女",
    "birth_date": "1997-01-25",
}


def _jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, "JPEG", quality=80)
    return buf.getvalue()


def make_window(base: Path, forms: list[dict[str, Any]], files: dict[str, bytes]) -> Path:
    """WINDOW under `base`: applicants.jsonl of `forms`, and `files` (paths under uploads/)."""
    root = base / "window"
    root.mkdir(parents=True)
    lines = "".join(json.dumps(f) + "\n" for f in forms)  # \\uXXXX: a lone surrogate too
    (root / "applicants.jsonl").write_text(lines, encoding="utf-8")
    (root / "uploads").mkdir()
    for rel, data in files.items():
        path = root / "uploads" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def tree(path: Path) -> set[str]:
    """Every entry under `path` (links not followed), relative."""
    return {
        os.path.relpath(os.path.join(d, n), path)
        for d, dirs, files in os.walk(path)
        for n in (*dirs, *files)
    }


@pytest.fixture()
def forbid_open(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Make opening any of the given paths fail the test, whichever way it is opened (a
    link followed, a path through a linked folder): the real path is checked before the
    open, so a FIFO among them cannot hang the test either."""
    forbidden: set[str] = set()
    real_os_open, real_io_open = os.open, io.open

    def real(path: Any, dir_fd: int | None, follow: bool) -> str:
        path = os.fsdecode(path)
        if dir_fd is not None and not os.path.isabs(path):
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
        if follow:
            return os.path.realpath(path)
        # O_NOFOLLOW: the kernel refuses a link as the last component instead of following it
        return os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))

    def check(path: Any, dir_fd: int | None = None, follow: bool = True) -> None:
        where = real(path, dir_fd, follow)
        assert not any(where == f or where.startswith(f + os.sep) for f in forbidden), where

    def spy_os_open(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        check(path, dir_fd, follow=not flags & os.O_NOFOLLOW)
        return real_os_open(path, flags, mode, dir_fd=dir_fd)

    def spy_io_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(file, int):  # a descriptor was checked when os.open made it
            check(file)
        return real_io_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy_os_open)
    monkeypatch.setattr(io, "open", spy_io_open)
    monkeypatch.setattr(builtins, "open", spy_io_open)

    def add(*paths: Path) -> None:
        forbidden.update(os.path.realpath(p) for p in paths)

    return add


# -- names: an id never escapes OUT ---------------------------------------------------------


def _fake_run_task(task: ApplicantTask) -> ApplicantResult:
    return process_applicant(task, FakeEngine(["姓名欧阳晓彧"]), second=FakeEngine([]))


@pytest.fixture()
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "run_task", _fake_run_task)


def _run(root: Path, out: Path) -> dict[str, Any]:
    return run_module.run_window(root, out, sync=True, progress=False, run_date=RUN)


def _rows(out: Path) -> list[list[str]]:
    with (out / "applicants.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))[1:]


@pytest.mark.parametrize("bad", ["/../../../../tmp/x", "/../../../escaped/x"])
@pytest.mark.usefixtures("fake_engine")
def test_a_traversal_id_writes_nothing_outside_out(tmp_path: Path, bad: str) -> None:
    # joined under OUT/parts, "/../../../../tmp/x" once wrote /tmp/x.json (as root);
    # "/../../../escaped/x" lands in tmp_path/escaped, beside OUT
    targets = [Path("/tmp/x.json"), Path("/tmp/x"), Path("/tmp/.x.json.tmp")]
    before = {t: t.exists() for t in targets}
    (tmp_path / "escaped").mkdir()
    base = tmp_path / "base"
    root = make_window(base, [{**FORM, "applicant_id": bad}, FORM], {f"{AID}/photo/p.jpg": _jpeg()})
    out = base / "out"
    snapshot = tree(tmp_path)
    _run(root, out)
    assert {t: t.exists() for t in targets} == before
    assert {p for p in tree(tmp_path) - snapshot if not p.startswith("base/out")} == set()
    assert [r[0] for r in _rows(out)] == ["line-1", AID]  # one row per line, the run went on


@pytest.mark.parametrize("odd", ["a\x00b", "a/b", "..", ".", "", " 1", "\ud800x"])
@pytest.mark.usefixtures("fake_engine")
def test_a_bad_id_is_a_form_line_finding_and_the_run_completes(tmp_path: Path, odd: str) -> None:
    root = make_window(tmp_path, [FORM, {**FORM, "applicant_id": odd}], {})
    out = tmp_path / "out"
    summary = _run(root, out)
    assert summary["applicants"] == 2
    assert [row[:2] for row in _rows(out)] == [[AID, "review"], ["line-2", "review"]]
    findings = [json.loads(x) for x in (out / "findings.jsonl").read_text("utf-8").splitlines()]
    line = [f for f in findings if f["applicant_id"] == "line-2"]
    assert [(f["slot"], f["field"], f["status"]) for f in line] == [("form", "line", "invalid")]


def test_odd_ids_and_slots_name_pages_parts_and_evidence_inside_out(tmp_path: Path) -> None:
    """Defence in depth: even an id that reached a worker unchecked stays inside OUT."""
    root = tmp_path / "window"
    rel = f"uploads/{AID}/{'s' * 250}/p.jpg"  # a slot folder name of 250 bytes
    (root / rel).parent.mkdir(parents=True)
    (root / rel).write_bytes(_jpeg())
    upload = Upload("../../../escape", "s" * 250, rel, 10, "0" * 64, "jpeg")
    form = ApplicantForm(
        applicant_id="../../../escape",
        name="欧阳晓彧",
        id_type="resident_id",
        id_number="120101199701257467",
        gender="女",
        birth_date="1997-01-25",
        exam=Exam("110", "临床", "执业医师"),
        education=Education("本科", "天津医科大学", "临床医学", "2020-06", "1"),
    )
    out = tmp_path / "a" / "b" / "out"
    task = ApplicantTask(
        "../../../escape", str(root), str(out), form, (upload,), (), load_rules(""), RUN
    )
    before = tree(tmp_path)
    result = process_applicant(task, FakeEngine(["姓名欧阳晓彧"]), second=FakeEngine([]))
    run_module.write_part(out, result, "k")
    kept = run_module.read_part(out, "../../../escape", "k")
    assert kept is not None and kept.findings == result.findings
    assert list(run_module.load_results(out)) == ["../../../escape"]
    new = tree(tmp_path) - before - {"a", "a/b"}
    assert new and all(p.startswith("a/b/out") for p in new), new
    assert result.pages and all((out / p.image_path).is_file() for p in result.pages)


# -- uploads: links and FIFOs are findings, never read; junk is ignored ---------------------


def _by_file(root: Path) -> dict[str, list[tuple[str, str, str]]]:
    window = load_window(root, RUN)
    out: dict[str, list[tuple[str, str, str]]] = {}
    for findings in window.findings.values():
        for f in findings:
            out.setdefault(f.file or "", []).append((f.applicant_id, f.slot, f.check))
    return out


def test_a_file_link_is_an_invalid_finding_and_its_target_is_never_opened(
    tmp_path: Path, forbid_open: Callable[..., None]
) -> None:
    secret = tmp_path / "outside" / "secret.jpg"
    secret.parent.mkdir()
    secret.write_bytes(_jpeg())
    root = make_window(tmp_path, [FORM], {f"{AID}/photo/real.jpg": _jpeg()})
    (root / "uploads" / AID / "id_front").mkdir()
    (root / "uploads" / AID / "id_front" / "a.jpg").symlink_to(secret)
    (root / "uploads" / AID / "id_back").mkdir()
    (root / "uploads" / AID / "id_back" / "passwd.jpg").symlink_to("/etc/passwd")
    forbid_open(secret, "/etc/passwd")
    window = load_window(root, RUN)
    assert [u.path for u in window.uploads[AID]] == [f"uploads/{AID}/photo/real.jpg"]
    found = {(f.slot, f.file, f.check, f.status) for f in window.findings[AID]}
    assert found == {
        ("id_front", f"uploads/{AID}/id_front/a.jpg", "file.symlink", "invalid"),
        ("id_back", f"uploads/{AID}/id_back/passwd.jpg", "file.symlink", "invalid"),
    }
    link = next(f for f in window.findings[AID] if f.slot == "id_front")
    assert "a.jpg" in link.message and "链接" in link.message
    assert link.observed and str(secret) in link.observed


def test_folder_links_are_invalid_findings_and_never_walked(
    tmp_path: Path, forbid_open: Callable[..., None]
) -> None:
    elsewhere = tmp_path / "outside"
    (elsewhere / "id_front").mkdir(parents=True)
    (elsewhere / "id_front" / "a.jpg").write_bytes(_jpeg())
    (elsewhere / "b.jpg").write_bytes(_jpeg())
    root = make_window(tmp_path, [FORM, {**FORM, "applicant_id": "2"}], {})
    (root / "uploads" / AID).mkdir()
    (root / "uploads" / AID / "id_front").symlink_to(elsewhere / "id_front")  # a slot folder
    (root / "uploads" / "2").symlink_to(elsewhere)  # an applicant folder
    forbid_open(elsewhere)
    window = load_window(root, RUN)
    assert window.uploads == {}
    assert [(f.slot, f.file, f.check) for f in window.findings[AID]] == [
        ("id_front", f"uploads/{AID}/id_front", "file.symlink")
    ]
    assert [(f.slot, f.file, f.check) for f in window.findings["2"]] == [
        ("other", "uploads/2", "file.symlink")
    ]
    assert window.order == [AID, "2"]


def test_fifos_and_sockets_are_invalid_findings_and_never_opened(
    tmp_path: Path, forbid_open: Callable[..., None]
) -> None:
    root = make_window(tmp_path, [FORM], {f"{AID}/photo/real.jpg": _jpeg()})
    fifo = root / "uploads" / AID / "photo" / "p.jpg"
    os.mkfifo(fifo.with_name("zz.jpg"))
    os.mkfifo(root / "uploads" / "9")  # directly under uploads/: its own row
    forbid_open(fifo.with_name("zz.jpg"), root / "uploads" / "9")
    by = _by_file(root)
    assert by[f"uploads/{AID}/photo/zz.jpg"] == [(AID, "photo", "file.special")]
    assert by["uploads/9"] == [("9", "other", "file.special")]
    assert by[""] == [("9", "form", "form.line.missing")]  # a folder without a form line


def test_junk_files_are_ignored_and_any_other_name_is_read(tmp_path: Path) -> None:
    files = {
        f"{AID}/photo/..IMG_0001.jpg": _jpeg(),
        f"{AID}/id_front/.hidden.jpg": _jpeg(),
        f"{AID}/photo/.DS_Store": b"\0\0\0\1Bud1",
        f"{AID}/photo/Thumbs.db": b"junk",
        f"{AID}/photo/THUMBS.DB": b"junk",
        f"{AID}/photo/Desktop.ini": b"[.ShellClassInfo]",
        f"{AID}/photo/._..IMG_0001.jpg": b"\0\5\26\7",
        f"{AID}/.DS_Store": b"junk",
        ".DS_Store": b"junk",
        f"{AID}/loose.jpg": _jpeg(),  # wrong depth: stray, and said to the applicant
        f"{AID}/id_front/scans/deep.jpg": _jpeg(),
    }
    root = make_window(tmp_path, [FORM], files)
    window = load_window(root, RUN)
    assert [u.path for u in window.uploads[AID]] == [
        f"uploads/{AID}/id_front/.hidden.jpg",
        f"uploads/{AID}/photo/..IMG_0001.jpg",
    ]
    placed = {(f.slot, f.file, f.check, f.status) for f in window.findings[AID]}
    assert placed == {
        ("id_front", f"uploads/{AID}/id_front/scans/deep.jpg", "file.place", "invalid"),
        ("other", f"uploads/{AID}/loose.jpg", "file.place", "invalid"),
    }
    assert window.stray == [f"uploads/{AID}/id_front/scans/deep.jpg", f"uploads/{AID}/loose.jpg"]


def test_a_deep_tree_is_listed_as_stray_not_walked_forever(tmp_path: Path) -> None:
    root = make_window(tmp_path, [FORM], {f"{AID}/photo/p.jpg": _jpeg()})
    deep = root / "uploads" / AID / "photo" / "/".join("d" * 30)
    deep.mkdir(parents=True)
    (deep / "x.jpg").write_bytes(b"x")
    window = load_window(root, RUN)
    assert [u.path for u in window.uploads[AID]] == [f"uploads/{AID}/photo/p.jpg"]
    assert window.stray == [f"uploads/{AID}/photo/" + "/".join("d" * 14) + "/"]


def test_a_name_that_is_not_utf8_is_a_finding_the_outputs_can_hold(tmp_path: Path) -> None:
    root = make_window(tmp_path, [FORM], {f"{AID}/photo/p.jpg": _jpeg()})
    base = os.fsencode(root / "uploads")
    with open(base + b"/" + AID.encode() + b"/photo/\xff.jpg", "wb") as f:
        f.write(_jpeg())
    os.makedirs(base + b"/\xfe/photo")
    window = load_window(root, RUN)
    assert [u.path for u in window.uploads[AID]] == [f"uploads/{AID}/photo/p.jpg"]
    assert [(f.file, f.check) for f in window.findings[AID]] == [
        (f"uploads/{AID}/photo/\\xff.jpg", "file.name")
    ]
    assert [f.check for f in window.findings["\\xfe"]] == ["form.line.missing", "file.name"]
    for findings in window.findings.values():
        for f in findings:
            json.dumps(f.to_json(), ensure_ascii=False).encode("utf-8")


def test_read_upload_never_goes_through_a_link(
    tmp_path: Path, forbid_open: Callable[..., None]
) -> None:
    root = make_window(tmp_path, [FORM], {f"{AID}/photo/p.jpg": b"pixels"})
    assert read_upload(root, f"uploads/{AID}/photo/p.jpg") == b"pixels"
    secret = tmp_path / "secret"
    (secret / "photo").mkdir(parents=True)
    (secret / "photo" / "p.jpg").write_bytes(b"secret")
    forbid_open(secret)
    # the file, then the folder, replaced by a link after the window was listed
    (root / "uploads" / AID / "photo" / "p.jpg").unlink()
    (root / "uploads" / AID / "photo" / "p.jpg").symlink_to(secret / "photo" / "p.jpg")
    with pytest.raises(OSError):
        read_upload(root, f"uploads/{AID}/photo/p.jpg")
    os.rename(root / "uploads" / AID, tmp_path / "moved")
    (root / "uploads" / AID).symlink_to(secret)
    with pytest.raises(OSError):
        read_upload(root, f"uploads/{AID}/photo/p.jpg")
    with pytest.raises(ValueError):
        read_upload(root, "uploads/../../secret/photo/p.jpg")


def test_uploads_as_a_link_is_refused(tmp_path: Path) -> None:
    root = make_window(tmp_path, [FORM], {})
    (root / "uploads").rmdir()
    (tmp_path / "elsewhere").mkdir()
    (root / "uploads").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(WindowError, match="link"):
        inventory(root)


# -- window.toml and applicants.jsonl: regular files inside the window ---------------------


def _cli(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`certcheck run` in its own process: a hang fails the test instead of blocking it."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", str(root), "--out", str(out), "--sync"],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("name", ["window.toml", "applicants.jsonl"])
def test_a_fifo_window_file_exits_3_without_hanging(tmp_path: Path, name: str) -> None:
    root = make_window(tmp_path, [FORM], {})
    (root / name).unlink(missing_ok=True)
    os.mkfifo(root / name)
    done = _cli(root, tmp_path / "out")
    assert done.returncode == 3, done.stderr
    assert name in done.stderr and "not a regular file" in done.stderr


@pytest.mark.parametrize("name", ["window.toml", "applicants.jsonl"])
def test_a_window_file_linked_from_outside_is_refused(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_window(tmp_path, [FORM], {})
    outside = tmp_path / "outside.txt"
    outside.write_bytes((root / "applicants.jsonl").read_bytes() if name != "window.toml" else b"")
    (root / name).unlink(missing_ok=True)
    (root / name).symlink_to(outside)
    assert main(["run", str(root), "--out", str(tmp_path / "out"), "--sync"]) == 3
    assert "outside the window" in capsys.readouterr().err


def test_a_window_file_linked_inside_the_window_is_read(tmp_path: Path) -> None:
    root = make_window(tmp_path, [FORM], {})
    (root / "meta").mkdir()
    (root / "meta" / "w.toml").write_text('region = "天津市"\n', encoding="utf-8")
    (root / "window.toml").symlink_to(root / "meta" / "w.toml")
    assert load_window(root, RUN).info.region == "天津市"


@pytest.mark.parametrize("text", ["closes = 0001-01-01", "closes = 9999-12-31"])
def test_an_implausible_reference_date_exits_3_naming_the_key(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_window(tmp_path, [FORM], {})
    (root / "window.toml").write_text(text + "\n", encoding="utf-8")
    assert main(["run", str(root), "--out", str(tmp_path / "out"), "--sync"]) == 3
    err = capsys.readouterr().err
    assert "closes" in err and "implausible" in err
    assert not (tmp_path / "out").exists()


# -- OUT and WINDOW apart ------------------------------------------------------------------


def _nested(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    root = make_window(tmp_path, [FORM], {})
    yield root, root / "out"
    yield root, root / "uploads" / "out"
    yield root, root
    yield root, tmp_path  # WINDOW inside OUT
    (tmp_path / "link").symlink_to(root / "uploads")
    yield root, tmp_path / "link" / "out"  # inside WINDOW through a link


def test_out_inside_window_or_window_inside_out_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_run(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise AssertionError("run_window called although OUT and WINDOW overlap")

    monkeypatch.setattr(run_module, "run_window", must_not_run)
    for root, out in _nested(tmp_path):
        before = tree(tmp_path)
        assert main(["run", str(root), "--out", str(out), "--no-progress"]) == 2, out
        assert "inside" in capsys.readouterr().err or out == root
        assert tree(tmp_path) == before  # checked before any work: nothing created


@pytest.mark.usefixtures("fake_engine")
def test_a_hostile_window_reads_nothing_outside_it_and_writes_nothing_outside_out(
    tmp_path: Path, forbid_open: Callable[..., None]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(_jpeg())
    os.mkfifo(outside / "fifo")
    forms = [FORM, {**FORM, "applicant_id": "/../../outside/x"}, {**FORM, "applicant_id": "a\0"}]
    files = {f"{AID}/photo/..IMG_0001.jpg": _jpeg(), f"{AID}/photo/Thumbs.db": b"junk"}
    root = make_window(tmp_path / "in", forms, files)
    slot = root / "uploads" / AID
    (slot / "id_front").mkdir()
    (slot / "id_front" / "a.jpg").symlink_to(outside / "secret.jpg")
    (slot / "id_back").symlink_to(outside)
    (slot / "diploma").mkdir()
    (slot / "diploma" / "d.jpg").symlink_to(outside / "fifo")
    os.mkfifo(slot / "photo" / "pipe.jpg")
    (root / "uploads" / "3").symlink_to(outside)
    forbid_open(outside, slot / "photo" / "pipe.jpg")
    out = tmp_path / "out"
    before = tree(tmp_path)
    _run(root, out)
    assert {p for p in tree(tmp_path) - before if p != "out" and not p.startswith("out/")} == set()
    assert [r[0] for r in _rows(out)] == [AID, "line-2", "line-3", "3"]
    findings = [json.loads(x) for x in (out / "findings.jsonl").read_text("utf-8").splitlines()]
    refused = {(f["file"], f["check"]) for f in findings if f["check"].startswith("file.s")}
    assert refused == {
        (f"uploads/{AID}/id_front/a.jpg", "file.symlink"),
        (f"uploads/{AID}/id_back", "file.symlink"),
        (f"uploads/{AID}/diploma/d.jpg", "file.symlink"),
        (f"uploads/{AID}/photo/pipe.jpg", "file.special"),
        ("uploads/3", "file.symlink"),
    }
    read = {f["file"] for f in findings if f["field"] == "orientation"}
    assert read == {f"uploads/{AID}/photo/..IMG_0001.jpg"}


def test_a_line_separator_inside_a_json_string_does_not_split_the_line(tmp_path: Path) -> None:
    root = make_window(tmp_path, [], {})
    lines = [{**FORM, "name": "欧阳\u2028晓\x85彧"}, {**FORM, "applicant_id": "2"}]
    text = "\r\n".join(json.dumps(f, ensure_ascii=False) for f in lines)
    (root / "applicants.jsonl").write_text(text, encoding="utf-8")
    window = load_window(root, RUN)
    assert window.order == [AID, "2"] and window.findings == {}
    assert window.forms[AID].name == "欧阳\u2028晓\x85彧" and window.forms["2"].line_no == 2


def test_a_line_not_in_utf8_is_a_finding_for_that_line_and_the_others_are_read(
    tmp_path: Path,
) -> None:
    """One form pasted in GBK stopped the whole window (exit 3, no outputs): it is a line
    finding now; a file none of whose lines is UTF-8 is still not a window's file."""
    from pipeline.window import WindowError, load_window

    good = json.dumps({"applicant_id": "2026000000001", "name": "张三"}, ensure_ascii=False)
    bad = json.dumps({"applicant_id": "2026000000002", "name": "李四"}, ensure_ascii=False)
    root = tmp_path / "w"
    root.mkdir()
    (root / "applicants.jsonl").write_bytes(
        good.encode("utf-8") + b"\n" + bad.encode("gbk") + b"\n"
    )
    window = load_window(root)
    assert window.order == ["2026000000001", "line-2"]
    (finding,) = window.findings["line-2"]
    assert finding.status == "invalid" and "UTF-8" in finding.message
    (root / "applicants.jsonl").write_bytes(bad.encode("gbk") + b"\n")
    with pytest.raises(WindowError, match="not UTF-8"):
        load_window(root)

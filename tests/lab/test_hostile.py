"""The hostile corpus (lab.hostile) and the reliability scorer (lab.reliability): the corpus
has enough distinct kinds, each with an expectation, is deterministic and small; the scorer
is checked on hand-made OUT folders and strace logs, without running the pipeline."""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lab import hostile, reliability
from lab.reliability import Access, check_rows, outside, parse_strace, score_kind, totals

LINE_EXPECTS = {"line", "missing", "csv", "row"}


@pytest.fixture(scope="module")
def corpus() -> hostile.Corpus:
    return hostile.build()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    hostile.write_corpus(work)
    return work


def test_at_least_60_distinct_kinds_each_with_an_expectation(corpus: hostile.Corpus) -> None:
    names = [k.name for k in corpus.kinds]
    assert len(names) >= 60
    assert len(set(names)) == len(names)
    for k in corpus.kinds:
        assert k.expect in hostile.EXPECTS, k
        if k.expect in LINE_EXPECTS:
            assert k.line is not None or k.name == "folder_without_form", k
        else:
            assert k.path, k
        if k.expect == "ignored":
            assert k.companion, k


def test_every_group_of_the_issue_is_there(corpus: hostile.Corpus) -> None:
    groups = {k.group for k in corpus.kinds}
    assert groups == {"image", "pdf", "name", "link", "junk", "depth", "form"}
    names = {k.name for k in corpus.kinds}
    for must in ("png_bomb", "pdf_encrypted", "pdf_1000_pages", "pdf_text_bomb", "name_dotdot",
                 "link_etc_passwd", "link_slot_folder", "link_applicant_folder", "fifo_upload",
                 "junk_thumbs_db", "id_traversal", "id_nul", "csv_equals", "line_gbk"):  # fmt: skip
        assert must in names


def test_one_kind_per_applicant(corpus: hostile.Corpus) -> None:
    ids = [k.applicant_id for k in corpus.kinds if k.group != "form" and k.applicant_id]
    assert len(ids) == len(set(ids))


def test_every_line_belongs_to_a_kind_and_rows_add_up(corpus: hostile.Corpus) -> None:
    lines = {k.line for k in corpus.kinds if k.line is not None}
    for n, raw in enumerate(corpus.lines, start=1):
        assert bool(raw.strip()) == (n in lines), n
    assert corpus.rows == sum(k.rows for k in corpus.kinds)


def test_written_twice_is_byte_identical(tmp_path: Path) -> None:
    hostile.write_corpus(tmp_path / "a")
    hostile.write_corpus(tmp_path / "b")
    for name in (hostile.WINDOW, hostile.SENTINEL):
        a, b = hostile.manifest(tmp_path / "a" / name), hostile.manifest(tmp_path / "b" / name)
        assert a and a == b
    exp = hostile.EXPECTATIONS
    assert (tmp_path / "a" / exp).read_bytes() == (tmp_path / "b" / exp).read_bytes()


def test_written_corpus_is_small_and_has_its_links_and_fifo(written: Path) -> None:
    """A few MB (fast to write and to carry); links and the FIFO are made at write time,
    folder links point into the sentinel, and nothing was written outside `work`."""
    window = written / hostile.WINDOW
    meta = hostile.load_expectations(written)
    assert sorted(os.listdir(written)) == sorted(
        [hostile.WINDOW, hostile.SENTINEL, hostile.EXPECTATIONS]
    )
    assert sum(f.stat().st_size for f in window.rglob("*") if f.is_file() and not
               f.is_symlink()) < 10_000_000  # fmt: skip
    by = {k["name"]: k for k in meta["kinds"]}
    passwd = window / by["link_etc_passwd"]["path"]
    assert passwd.is_symlink() and os.readlink(passwd) == "/etc/passwd"
    for name in ("link_slot_folder", "link_applicant_folder", "link_outside_image"):
        link = window / by[name]["path"]
        assert link.is_symlink()
        assert link.resolve().is_relative_to((written / hostile.SENTINEL).resolve())
    assert stat.S_ISFIFO(os.lstat(window / by["fifo_upload"]["path"]).st_mode)
    for k in meta["kinds"]:
        if k["path"] and k["name"] != "link_loop":
            assert os.path.lexists(window / k["path"]), k["name"]


def test_traversal_ids_are_data_in_the_file_only(written: Path) -> None:
    lines = (written / hostile.WINDOW / "applicants.jsonl").read_bytes().splitlines()
    meta = hostile.load_expectations(written)
    trav = next(k for k in meta["kinds"] if k["name"] == "id_traversal")
    assert json.loads(lines[trav["line"] - 1])["applicant_id"].startswith("/../../sentinel/")
    assert not (written / hostile.SENTINEL / "x.json").exists()


def test_skip_leaves_a_kind_out_and_keeps_line_numbers(corpus: hostile.Corpus) -> None:
    small = hostile.build(frozenset({"line_gbk", "png_bomb"}))
    assert len(small.kinds) == len(corpus.kinds) - 2
    assert len(small.lines) == len(corpus.lines)
    assert small.rows == corpus.rows - 2
    gbk = next(k for k in corpus.kinds if k.name == "line_gbk")
    assert small.lines[(gbk.line or 0) - 1] == b""
    bomb = next(k for k in corpus.kinds if k.name == "png_bomb")
    assert bomb.path not in small.files
    with pytest.raises(ValueError, match="unknown kind"):
        hostile.build(frozenset({"no_such_kind"}))


# -- the scorer, on hand-made OUT folders --------------------------------------------------


def _f(aid: str, file: str | None, status: str = "invalid", field: str = "file",
       check: str = "file.type", slot: str = "id_front",
       message: str = "x") -> dict[str, Any]:  # fmt: skip
    return {"applicant_id": aid, "slot": slot, "file": file, "field": field, "status": status,
            "check": check, "message": message, "observed": None}  # fmt: skip


def _out(tmp_path: Path, findings: list[dict[str, Any]], rows: list[list[str]]) -> Path:
    out = tmp_path / "out"
    out.mkdir(parents=True)
    (out / "findings.jsonl").write_text(
        "".join(json.dumps(f) + "\n" for f in findings), encoding="utf-8"
    )
    with (out / "applicants.csv").open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["applicant_id", "verdict", "findings"])
        w.writerows(rows)
    return out


def _score(tmp_path: Path, kind: dict[str, Any], findings: list[dict[str, Any]],
           rows: list[list[str]] | None = None) -> reliability.Verdict:  # fmt: skip
    out = _out(tmp_path, findings, rows or [])
    return score_kind(kind, reliability.read_findings(out), reliability.read_rows(out), {})


FLAG = {"name": "truncated_jpeg", "group": "image", "expect": "flag", "applicant_id": "1",
        "slot": "id_front", "path": "uploads/1/id_front/a.jpg", "line": 1}  # fmt: skip
PATH = FLAG["path"]


def test_flag_needs_a_non_pass_finding_about_the_file(tmp_path: Path) -> None:
    assert _score(tmp_path, FLAG, [_f("1", PATH)]).clear


@pytest.mark.parametrize(
    "findings",
    [
        [],  # nothing names it: a MISS
        [_f("1", PATH, status="pass")],
        [_f("1", PATH, status="mismatch", field="name", check="id_front.name")],  # content only
        [_f("1", PATH, status="unreadable", field="doc_type", check="doc_type")],  # any picture
        [_f("1", PATH, status="mismatch", field="image", check="window.same_image")],
        [
            _f(
                "1",
                PATH,
                check="processing.error",
                message="系统无法处理该文件（处理出错），请人工查看",
            )
        ],
        [_f("1", "uploads/1/id_front/other.jpg")],
    ],
)
def test_flag_misses(tmp_path: Path, findings: list[dict[str, Any]]) -> None:
    v = _score(tmp_path, FLAG, findings)
    assert not v.clear


def test_no_findings_file_is_a_miss_for_every_kind(tmp_path: Path) -> None:
    assert not score_kind(FLAG, None, None, {}).clear
    ignored = {**FLAG, "expect": "ignored", "companion": "uploads/1/id_front/b.jpg"}
    assert not score_kind(ignored, None, None, {}).clear


def test_read_and_handled(tmp_path: Path) -> None:
    read = {**FLAG, "expect": "read"}
    orient = _f("1", PATH, status="pass", field="orientation", check="orientation")
    assert _score(tmp_path / "a", read, [orient]).clear
    missing = _f("1", None, status="missing", field="presence", check="presence")
    assert not _score(tmp_path / "b", read, [orient, missing]).clear  # read, then "missing"?
    assert not _score(tmp_path / "c", read, [_f("1", PATH)]).clear
    handled = {**FLAG, "expect": "handled"}
    assert _score(tmp_path / "d", handled, [orient]).clear
    assert _score(tmp_path / "e", handled, [_f("1", PATH)]).clear


def test_folder_link_is_named_by_a_path_under_it(tmp_path: Path) -> None:
    link = {**FLAG, "group": "link", "path": "uploads/1/id_front"}
    assert _score(tmp_path / "a", link, [_f("1", "uploads/1/id_front/x.jpg")]).clear
    assert not _score(tmp_path / "b", link, [_f("1", "uploads/1/id_frontx/x.jpg")]).clear


def test_ignored_junk(tmp_path: Path) -> None:
    junk = {**FLAG, "expect": "ignored", "path": "uploads/1/id_front/Thumbs.db",
            "companion": PATH}  # fmt: skip
    orient = _f("1", PATH, status="pass", field="orientation", check="orientation")
    assert _score(tmp_path / "a", junk, [orient]).clear
    named = _f("1", "uploads/1/id_front/Thumbs.db")
    assert not _score(tmp_path / "b", junk, [orient, named]).clear
    assert not _score(tmp_path / "c", junk, []).clear  # the real upload was not read


def test_line_findings_by_id_by_line_id_or_by_line_number(tmp_path: Path) -> None:
    kind = {"name": "line_not_json", "group": "form", "expect": "line", "applicant_id": None,
            "line": 7, "path": None}  # fmt: skip
    by_id = _f("line-7", None, field="line", slot="form", check="form.line.parse")
    assert _score(tmp_path / "a", kind, [by_id]).clear
    by_msg = _f("x", None, field="line", slot="form", message="applicants.jsonl第7行无法读取")
    assert _score(tmp_path / "b", kind, [by_msg]).clear
    other = _f("line-8", None, field="line", slot="form", message="第17行")
    assert not _score(tmp_path / "c", kind, [other]).clear
    passed = _f("line-7", None, status="pass", field="line", slot="form")
    assert not _score(tmp_path / "d", kind, [passed]).clear


def test_csv_formula_must_be_escaped(tmp_path: Path) -> None:
    kind = {"name": "csv_equals", "group": "form", "expect": "csv", "applicant_id": "=1+1",
            "line": 3, "path": None}  # fmt: skip
    assert _score(tmp_path / "a", kind, [], [["'=1+1", "review", "2"]]).clear
    v = _score(tmp_path / "b", kind, [], [["=1+1", "review", "2"]])
    assert not v.clear and "formula" in v.found
    assert not _score(tmp_path / "c", kind, [], []).clear
    # an id refused as data (its line's finding, row line-3) keeps formulas out too
    refused = _f("line-3", None, status="invalid", field="line", slot="form")
    assert _score(tmp_path / "e", kind, [refused], [["line-3", "review", "1"]]).clear


def test_missing_and_row(tmp_path: Path) -> None:
    kind = {"name": "form_without_uploads", "group": "form", "expect": "missing",
            "applicant_id": "5", "slot": "id_front", "line": 2, "path": None}  # fmt: skip
    miss = _f("5", None, status="missing", field="presence", check="presence")
    assert _score(tmp_path / "a", kind, [miss]).clear
    assert not _score(tmp_path / "b", kind, []).clear
    row = {**kind, "expect": "row"}
    assert _score(tmp_path / "c", row, [], [["5", "review", "1"]]).clear
    assert not _score(tmp_path / "d", row, [], [["6", "review", "1"]]).clear


def test_an_escape_is_a_miss_whatever_was_found() -> None:
    v = score_kind(FLAG, [_f("1", PATH)], [], {"truncated_jpeg": ["openat x → /etc/passwd"]})
    assert not v.clear and "left the tree" in v.found


def test_rows_exactly_one_per_applicant() -> None:
    meta = {"rows": 3, "plain_ids": ["1", "2"]}
    assert check_rows(meta, [["1"], ["2"], ["line-9"]])["ok"]
    assert not check_rows(meta, [["1"], ["2"]])["ok"]
    assert not check_rows(meta, [["1"], ["1"], ["2"]])["ok"]
    assert not check_rows(meta, None)["ok"]


# -- strace ----------------------------------------------------------------------------------


def _hex(text: str) -> str:
    return "".join(f"\\x{b:02x}" for b in text.encode())


def test_strace_reads_through_links_and_writes_outside_out() -> None:
    w, o, s = "/w/window", "/w/out", "/w/sentinel"
    cwd = f"AT_FDCWD<{_hex('/w')}>"
    log = "\n".join([
        f'10 openat({cwd}, "{_hex(w + "/uploads/1/id_front/a.jpg")}", O_RDONLY|O_CLOEXEC) '
        f"= 3<{_hex('/etc/passwd')}>",
        f'10 openat({cwd}, "{_hex(w + "/uploads/2/id_front/b.jpg")}", O_RDONLY) '
        f"= 3<{_hex(w + '/uploads/2/id_front/b.jpg')}>",
        f'11 openat({cwd}, "{_hex(o + "/parts/./../../sentinel/x.json.tmp")}", '
        f"O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666 <unfinished ...>",
        f"11 <... openat resumed>) = 4<{_hex(s + '/x.json.tmp')}>",
        f'11 mkdir("{_hex("/tmp/dask-scratch-space")}", 0777) = 0',
        f'11 mkdir("{_hex("/w/out/pages")}", 0777) = 0',
        f'11 unlink("{_hex("/tmp/gone")}") = -1 ENOENT (No such file or directory)',
        f'12 openat({cwd}, "{_hex("/dev/null")}", O_WRONLY) = 5<{_hex("/dev/null")}>',
        f'12 openat({cwd}, "{_hex("/x/__pycache__/m.cpython-311.pyc")}", O_WRONLY|O_CREAT) '
        f"= 5<{_hex('/x/__pycache__/m.cpython-311.pyc')}>",
        f'13 openat({cwd}, "{_hex(s + "/outside.jpg")}", O_RDONLY) = 6<{_hex(s + "/outside.jpg")}>',
        f'13 renameat2(4<{_hex("/tmp/d")}>, "{_hex("a")}", 4<{_hex("/tmp/d")}>, "{_hex("b")}", 0)'
        " = 0",
        "13 +++ exited with 0 +++",
    ])  # fmt: skip
    calls = parse_strace(log, "/w")
    assert Access(10, "openat", (w + "/uploads/1/id_front/a.jpg",), False, True,
                  "/etc/passwd") in calls  # fmt: skip
    seen = outside(calls, w, o, s)
    assert seen["reads"] == [
        f"openat {w}/uploads/1/id_front/a.jpg → /etc/passwd",
        f"openat {s}/outside.jpg → {s}/outside.jpg",
    ]
    assert seen["writes"] == [
        f"openat {s}/x.json.tmp",
        "mkdir /tmp/dask-scratch-space",
        "renameat2 /tmp/d/a",
        "renameat2 /tmp/d/b",
    ]


def test_totals_say_whether_every_target_is_met() -> None:
    report: dict[str, Any] = {
        "kinds": [{"clear": True}, {"clear": True}],
        "crashes": {"count": 0},
        "rows": {"ok": True},
        "memory": {"peak": 10**8, "ok": True},
        "time": {"slowest": {"seconds": 3.0}, "ok": True},
        "outside": {"reads": [], "writes": [], "sentinel_changed": []},
    }
    assert totals(report)["all_met"]
    report["kinds"][1]["clear"] = False
    assert not totals(report)["all_met"] and totals(report)["clear"] == "1/2"
    report["kinds"][1]["clear"] = True
    report["outside"]["writes"] = ["mkdir /tmp/dask-scratch-space"]
    assert not totals(report)["all_met"]


@pytest.mark.slow
def test_reliability_command_scores_every_kind(tmp_path: Path) -> None:
    """The whole corpus through `certcheck run` (minutes): the harness produces a score for
    every kind and every measure, whatever today's product makes of them."""
    work = tmp_path / "rel"
    rc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "reliability", "--work", str(work)],
        capture_output=True, text=True, timeout=3600,
    ).returncode  # fmt: skip
    assert rc == 0
    report = json.loads((work / "reliability.json").read_text(encoding="utf-8"))
    meta = hostile.load_expectations(work)
    assert [k["kind"] for k in report["kinds"]] == [k["name"] for k in meta["kinds"]]
    assert set(report["totals"]) >= {"clear", "crashes", "rows_ok", "peak_rss_mb", "all_met"}
    assert report["memory"]["processes"]


def test_window_probes_each_hold_one_trick(tmp_path: Path) -> None:
    probes = {p.name: p for p in hostile.write_probes(tmp_path)}
    base = tmp_path / hostile.PROBES
    assert stat.S_ISFIFO(os.lstat(base / "fifo_window_toml" / "window.toml").st_mode)
    assert stat.S_ISFIFO(os.lstat(base / "fifo_applicants" / "applicants.jsonl").st_mode)
    assert "closes = 0001-01-01" in (base / "closes_0001" / "window.toml").read_text("utf-8")
    assert "closes = 9999-12-31" in (base / "closes_9999" / "window.toml").read_text("utf-8")
    inside = probes["out_inside_window"]
    assert (base / inside.out).is_relative_to(base / inside.window)
    outer = probes["window_inside_out"]
    assert (base / outer.window).is_relative_to(base / outer.out)
    assert all(p.rc for p in probes.values())


def test_stray_file_named_by_a_finding_or_the_run_record(tmp_path: Path) -> None:
    kind = {"name": "depth_top_level", "group": "depth", "expect": "stray",
            "applicant_id": None, "path": "uploads/IMG_0001.jpg"}  # fmt: skip
    out = _out(tmp_path, [], [])
    findings, rows = reliability.read_findings(out), reliability.read_rows(out)
    assert not score_kind(kind, findings, rows, {}, reliability.read_stray(out)).clear
    (out / "audit").mkdir()
    (out / "audit" / "run.json").write_text(json.dumps({"stray_files": [kind["path"]]}))
    assert score_kind(kind, findings, rows, {}, reliability.read_stray(out)).clear


def test_gbk_named_upload_is_matched_by_its_folder(tmp_path: Path) -> None:
    kind = next(k for k in hostile.build().kinds if k.name == "name_gbk_bytes")
    assert kind.path and kind.path.endswith("/id_front/")
    orient = _f(kind.applicant_id or "", kind.path + "\udcc9\udced.jpg", status="pass",
                field="orientation", check="orientation")  # fmt: skip
    from dataclasses import asdict

    assert _score(tmp_path, asdict(kind), [orient]).clear

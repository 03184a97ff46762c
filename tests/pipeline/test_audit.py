"""The audit trail (issue 18): every run keeps its own chained, signed record; `certcheck audit
verify` finds every kind of tampering and names where; reuse honours the log; the exports
hold the same records in every format."""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pipeline import run as run_module
from pipeline.audit import events, export, sign
from pipeline.audit.chain import canonical
from pipeline.cli import main
from tests.fakes import FakeEngine
from tests.pipeline.test_outputs import engine_is, findings, run, small_window

#: one applicant of the sample window with uploads, one with a form and no uploads
IDS = ("2026120000577", "2026129999999")
#: applicants with a form and no uploads: a quick run (every required material missing)
NO_UPLOADS = ("2026129999998", "2026129999999")


def runs(out: Path) -> list[Path]:
    return sorted((out / "audit" / "runs").glob("*.jsonl"))


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def verify(out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["audit", "verify", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture(scope="module")
def two_runs_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT after a run, two reviewer events, a second run and a third reviewer event (made
    once per module; each test gets its own copy)."""
    tmp_path = tmp_path_factory.mktemp("audit")
    with pytest.MonkeyPatch.context() as monkeypatch:
        engine_is(monkeypatch, FakeEngine(["姓名"]))
        root, out = small_window(tmp_path, IDS), tmp_path / "out"
        assert run(root, out) == 0
        current = (out / "audit" / "current-run").read_text().strip()
        events.append(out, "login", "alice", {})
        events.append(
            out,
            "decision",
            "alice",
            {"decision": "resubmit", "reason": "身份证照片不清晰", "feedback": "请重新上传",
             "materials": ["id_front"], "version": 1, "run_id": current, "findings": []},
            IDS[0],
        )  # fmt: skip
        assert run(root, out) == 0
        events.append(out, "logout", "alice", {})
    return out


@pytest.fixture()
def two_runs(two_runs_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(two_runs_once.parent / "window", tmp_path / "window", symlinks=True)
    out = tmp_path / "out"
    shutil.copytree(two_runs_once, out, symlinks=True)
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    return out


def test_every_run_keeps_its_own_record(two_runs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = two_runs
    first, second = runs(out)
    assert first.name != second.name
    a, b = records(first), records(second)
    assert b[0]["prev"] == a[-1]["hash"] and b[0]["seq"] == a[-1]["seq"] + 1  # one chain
    run1, run2 = a[0]["payload"], b[0]["payload"]
    for key in ("started", "ended", "operator", "code", "engines", "models", "rules",
                "calibration", "window", "inventory", "counts"):  # fmt: skip
        assert run1[key], key
    assert run1["operator"]["host"] and run1["code"]["source_sha256"]
    assert all(len(m["sha256"]) == 64 for m in run1["models"])
    assert all(len(r["sha256"]) == 64 for r in run1["rules"])
    for item in run1["inventory"]:  # each upload's sha256 and size, as on disk
        data = (out.parent / "window" / item["path"]).read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest() and item["bytes"] == len(data)
    # the second run reused both applicants' parts and says from which run
    assert {r["from_run"] for r in run2["reused"]} == {first.stem}
    assert (out / "audit" / "current-run").read_text().strip() == second.stem
    assert json.loads((out / "audit" / "run.json").read_text())["run_id"] == second.stem
    # every check of the run is in its log, as findings.jsonl has it
    checks = [r["payload"]["finding"] for r in b if r["kind"] == "check"]
    assert [canonical(f) for f in checks] == [canonical(f) for f in findings(out)]
    code, text = verify(out, capsys)
    assert code == 0, text
    assert "2 runs" in text and "3 reviewer events" in text


def _line_edit(pick: Callable[[list[str]], None], which: int = -1) -> Callable[[Path], str]:
    def tamper(out: Path) -> str:
        path = runs(out)[which]
        lines = path.read_text("utf-8").splitlines()
        pick(lines)
        path.write_text("".join(x + "\n" for x in lines), "utf-8")
        return f"audit/runs/{path.name} line"

    return tamper


def _edit_check(lines: list[str]) -> None:
    i = next(i for i, x in enumerate(lines) if '"kind":"check"' in x)
    record = json.loads(lines[i])
    finding = record["payload"]["finding"]
    finding["status"] = "mismatch" if finding["status"] == "pass" else "pass"
    lines[i] = json.dumps(record, ensure_ascii=False)


def _edit_hash(lines: list[str]) -> None:
    record = json.loads(lines[3])
    record["hash"] = "0" * 64
    lines[3] = json.dumps(record, ensure_ascii=False)


def _swap(lines: list[str]) -> None:
    lines[3], lines[4] = lines[4], lines[3]


def _rewrite_file(name: str, change: Callable[[str], str]) -> Callable[[Path], str]:
    def tamper(out: Path) -> str:
        path = out / name
        path.write_text(change(path.read_text("utf-8-sig" if name.endswith(".csv") else "utf-8")),
                        "utf-8-sig" if name.endswith(".csv") else "utf-8")  # fmt: skip
        return name

    return tamper


def _flip_first_review(text: str) -> str:
    lines = text.splitlines()
    i = next(i for i, x in enumerate(lines) if '"status": "pass"' not in x)
    record = json.loads(lines[i])
    record["status"] = "pass"
    lines[i] = json.dumps(record, ensure_ascii=False)
    return "".join(x + "\n" for x in lines)


def _drop_finding(text: str) -> str:
    lines = text.splitlines()
    del lines[1]
    return "".join(x + "\n" for x in lines)


def _clear_row(text: str) -> str:
    return text.replace(",review,", ",clear,", 1)


def _edit_decision(out: Path) -> str:
    path = out / "audit" / "desk-events.jsonl"
    text = path.read_text("utf-8").replace("resubmit", "pass")
    path.write_text(text, "utf-8")
    return "audit/desk-events.jsonl line 2"


def _drop_anchored_events(out: Path) -> str:
    path = out / "audit" / "desk-events.jsonl"
    lines = path.read_text("utf-8").splitlines()
    path.write_text(lines[0] + "\n", "utf-8")  # the decision and after: gone
    return "audit/desk-events.jsonl line 2"


def _new_public_key(out: Path) -> str:
    other = sign.public_pem(Ed25519PrivateKey.generate().public_key())
    (out / "audit" / sign.PUBLIC_NAME).write_bytes(other)
    return "audit/audit-ed25519.pub"


def _new_named_key(out: Path) -> str:
    path = next((out / "audit" / "keys").glob("*.pub"))
    path.write_bytes(sign.public_pem(Ed25519PrivateKey.generate().public_key()))
    return "audit/keys/"


def _resign_with_another_key(out: Path) -> str:
    """The whole last run's log rewritten and signed with a key of the tamperer's own."""
    key = Ed25519PrivateKey.generate()
    kid = sign.fingerprint(key.public_key())[:32]
    path = runs(out)[-1]
    sig_path = path.with_suffix(".sig")
    sig = json.loads(sig_path.read_text())
    from pipeline.audit.runlog import signed_message

    sig["key"] = kid
    message = signed_message(sig["run_id"], sig["last_seq"], sig["root"], sig["log_sha256"])
    sig["signature"] = sign.sign(key, message)
    sig_path.write_text(json.dumps(sig))
    pem = sign.public_pem(key.public_key())
    (out / "audit" / "keys" / f"{kid}.pub").write_bytes(pem)
    (out / "audit" / sign.PUBLIC_NAME).write_bytes(pem)
    return "--public-key"


def _edit_signature(out: Path) -> str:
    path = runs(out)[0].with_suffix(".sig")
    sig = json.loads(path.read_text())
    sig["signature"] = sign.sign(Ed25519PrivateKey.generate(), b"x")
    path.write_text(json.dumps(sig))
    return f"audit/runs/{path.name}"


def _remove_first_run(out: Path) -> str:
    first = runs(out)[0]
    for suffix in (".jsonl", ".json", ".sig"):
        first.with_suffix(suffix).unlink()
    return f"audit/runs/{runs(out)[0].name} line 1"


def _edit_run_record(out: Path) -> str:
    path = runs(out)[-1].with_suffix(".json")
    data = json.loads(path.read_text())
    data["operator"]["user"] = "someone else"
    path.write_text(json.dumps(data, ensure_ascii=False))
    return f"audit/runs/{path.name}"


def _point_elsewhere(out: Path) -> str:
    (out / "audit" / "current-run").write_text(runs(out)[0].stem + "\n")
    return "audit/current-run"


def _edit_part(out: Path) -> str:
    """A mismatch flipped to pass in a part, its own digest made to fit."""
    path = next((out / "parts").rglob("*.json"))
    data = json.loads(path.read_text("utf-8"))
    for f in data["findings"]:
        f["status"] = "pass"
    data["digest"] = run_module._digest(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path.relative_to(out).as_posix()


def _truncate_log(out: Path) -> str:
    path = runs(out)[-1]
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return f"audit/runs/{path.name}"


TAMPERS: dict[str, Callable[[Path], str]] = {
    "edit a check in the run's log": _line_edit(_edit_check),
    "edit a check in the first run's log": _line_edit(_edit_check, 0),
    "edit a record's hash": _line_edit(_edit_hash),
    "remove a record": _line_edit(lambda lines: lines.pop(3)),
    "insert a record": _line_edit(lambda lines: lines.insert(3, lines[5])),
    "reorder records": _line_edit(_swap),
    "drop the run's last records": _line_edit(lambda lines: lines.__delitem__(slice(-3, None))),
    "truncate the run's log mid-line": _truncate_log,
    "edit a finding in findings.jsonl": _rewrite_file("findings.jsonl", _flip_first_review),
    "remove a finding from findings.jsonl": _rewrite_file("findings.jsonl", _drop_finding),
    "turn a review into clear in applicants.csv": _rewrite_file("applicants.csv", _clear_row),
    "edit a reviewer's decision": _edit_decision,
    "remove anchored reviewer events": _drop_anchored_events,
    "replace the public key": _new_public_key,
    "replace the named public key": _new_named_key,
    "forge a signature": _edit_signature,
    "re-sign with another key": _resign_with_another_key,
    "remove the first run": _remove_first_run,
    "edit the run record": _edit_run_record,
    "point current-run at another run": _point_elsewhere,
    "edit a part (a mismatch flipped to pass)": _edit_part,
}


@pytest.mark.parametrize("kind", list(TAMPERS))
def test_every_kind_of_tampering_is_found_and_named(
    two_runs: Path, capsys: pytest.CaptureFixture[str], audit_key: Path, kind: str
) -> None:
    out = two_runs
    assert verify(out, capsys)[0] == 0  # untouched: intact
    where = TAMPERS[kind](out)
    extra: list[str] = []
    if where == "--public-key":  # only a pinned key tells a rewritten trail from ours
        pub = out.parent / "published.pub"
        pub.write_bytes(sign.public_pem(sign.load_private(audit_key).public_key()))
        extra = ["--public-key", str(pub)]
        where = "audit/runs/"
    code, text = verify(out, capsys, *extra)
    assert code == 1, (kind, text)
    assert f"broken at {where}" in text, (kind, text)


def test_a_part_the_log_contradicts_is_recomputed_and_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    root, out = small_window(tmp_path, NO_UPLOADS), tmp_path / "out"
    assert run(root, out) == 0
    before = findings(out)
    assert any(f["status"] != "pass" for f in before)
    _edit_part(out)  # every finding of the part turned to pass, its digest made to fit
    assert run(root, out) == 0
    assert findings(out) == before  # recomputed, not reused
    with (out / "applicants.csv").open(encoding="utf-8-sig", newline="") as f:
        assert {row[1] for row in list(csv.reader(f))[1:]} == {"review"}
    last = records(runs(out)[-1])
    recomputed = [r for r in last if r["kind"] == "part_recomputed"]
    assert len(recomputed) == 1 and "digest" in recomputed[0]["payload"]["reason"]
    assert last[0]["payload"]["counts"]["recomputed_against_log"] == 1


def test_a_part_from_an_interrupted_run_is_still_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part written after the last logged run (its key another) is the cache doing its work."""
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    root, out = small_window(tmp_path, NO_UPLOADS), tmp_path / "out"
    assert run(root, out) == 0
    monkeypatch.setattr(run_module, "FORMAT_VERSION", "3+interrupted")  # every key changes
    run_module.code_and_models.cache_clear()
    real = run_module.write_outputs

    def killed(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(run_module, "write_outputs", killed)
    assert run(root, out) == 130
    monkeypatch.setattr(run_module, "write_outputs", real)
    assert run(root, out) == 0
    last = records(runs(out)[-1])[0]["payload"]
    assert len(last["reused"]) == len(NO_UPLOADS) and last["counts"]["recomputed_against_log"] == 0


def test_the_exports_hold_the_same_records(
    two_runs: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = two_runs
    files = {}
    for fmt in export.FORMATS:
        files[fmt] = tmp_path / f"audit.{fmt}"
        args = ["audit", "export", str(out), "--format", fmt, "--output", str(files[fmt])]
        assert main(args) == 0
    rows = export.read("jsonl", files["jsonl"])
    # each export is itself an event: a later file holds the earlier exports' rows too
    for fmt, more in (("xlsx", 2), ("parquet", 3)):
        got = export.read(fmt, files[fmt])
        assert got[: len(rows)] == rows and len(got) == len(rows) + more, fmt
    kinds = {r["record"] for r in rows}
    assert {"check", "verdict", "decision", "login"} <= kinds
    checks = [r for r in rows if r["record"] == "check"]
    assert len(checks) == 2 * len(findings(out))  # every check of both runs
    assert all(r["run_id"] and r["engine_versions"] and r["code_sha256"] for r in checks)
    uploaded = [r for r in checks if r["file"]]
    assert uploaded and all(len(r["file_sha256"]) == 64 for r in uploaded)
    decision = next(r for r in rows if r["record"] == "decision")
    assert decision["actor"] == "alice" and decision["result"] == "resubmit"
    form = json.loads((out.parent / "window" / "applicants.jsonl").read_text().splitlines()[0])
    assert decision["id_number"] == form["id_number"]  # the full number, here only
    # CSV: BOM, Chinese headers, long digit strings kept as text
    raw = files["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with files["csv"].open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:3] == ["记录类型", "运行编号", "日志序号"]
    assert len(table) == len(rows) + 2  # header, and the jsonl export's own event
    ids = {row[5] for row in table[1:] if row[5]}
    assert ids and all(x.startswith("\t") and x[1:].isdigit() for x in ids)
    capsys.readouterr()


def test_parquet_and_xlsx_hold_exactly_the_jsonl_records(two_runs: Path, tmp_path: Path) -> None:
    from pipeline.audit.verify import verify as verified

    trail = verified(two_runs)
    for fmt in export.FORMATS:
        export.write(trail, fmt, tmp_path / f"a.{fmt}")
    rows = export.read("jsonl", tmp_path / "a.jsonl")
    assert rows == list(export.rows(trail)) and len(rows) > 100
    assert export.read("parquet", tmp_path / "a.parquet") == rows
    assert export.read("xlsx", tmp_path / "a.xlsx") == rows


def test_full_id_numbers_stay_out_of_logs(
    two_runs: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    form = json.loads((out_window(two_runs) / "applicants.jsonl").read_text().splitlines()[0])
    assert form["id_number"] not in (two_runs / "audit" / "desk-events.jsonl").read_text()
    with caplog.at_level(logging.DEBUG):
        _edit_part(two_runs)
        assert main(["audit", "export", str(two_runs), "--format", "jsonl",
                     "--output", str(tmp_path / "x.jsonl")]) == 1  # fmt: skip
    assert form["id_number"] not in caplog.text


def out_window(out: Path) -> Path:
    return out.parent / "window"


def test_the_key_is_made_once_outside_out_and_only_read_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    key = tmp_path / "keys" / "k.pem"
    root, out = small_window(tmp_path, NO_UPLOADS[:1]), tmp_path / "out"
    assert run(root, out, "--audit-key", str(key)) == 0
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    made = (key.read_bytes(), key.stat().st_mtime_ns)
    public = (out / "audit" / sign.PUBLIC_NAME).read_bytes()
    assert public == sign.public_pem(sign.load_private(key).public_key())
    assert b"PRIVATE" not in b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert run(root, out, "--audit-key", str(key)) == 0
    assert (key.read_bytes(), key.stat().st_mtime_ns) == made
    # the environment names it too; a file that is not a key is the operator's error
    monkeypatch.setenv(sign.KEY_ENV, str(tmp_path / "bad.pem"))
    (tmp_path / "bad.pem").write_text("not a key")
    assert run(root, out) == 2


def test_a_run_signed_elsewhere_reuses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last log cannot be verified with this run's key: no part in OUT is trusted."""
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    root, out = small_window(tmp_path, NO_UPLOADS), tmp_path / "out"
    assert run(root, out) == 0
    assert run(root, out, "--audit-key", str(tmp_path / "other.pem")) == 0
    last = records(runs(out)[-1])[0]["payload"]
    assert last["reused"] == [] and last["counts"]["recomputed_against_log"] == len(NO_UPLOADS)
    assert last["earlier_log"].startswith("not verified")


def test_verify_without_a_trail_or_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert verify(tmp_path, capsys)[0] == 1
    assert main(["audit", "verify", str(tmp_path / "none")]) == 2


def test_verify_passes_without_desk_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    out = tmp_path / "out"
    assert run(small_window(tmp_path, NO_UPLOADS), out) == 0
    assert not (out / "audit" / "desk-events.jsonl").exists()
    code, text = verify(out, capsys)
    assert code == 0 and "0 reviewer events" in text, text
    assert os.environ[sign.KEY_ENV].startswith(str(tmp_path.parent.parent))

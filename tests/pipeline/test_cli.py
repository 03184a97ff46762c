"""The command line: every exit code path, -v/-q on either side of the subcommand, plugins."""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import os
import re
import shutil
import socket
from pathlib import Path
from typing import Any

import dask
import distributed
import pytest

from models.errors import (
    CertcheckError,
    EngineError,
    ExitCode,
    OutputError,
    ProcessingError,
    SchedulerError,
)
from pipeline import cli, rules
from pipeline.calibration import CalibrationError
from pipeline.cli import main
from pipeline.rules import RulesError
from pipeline.window import WindowError, load_window
from stages.normalise import ImageDecodeError
from stages.ocr.base import OcrError, OcrTimeout
from stages.pdfpages import PdfDecodeError

# distributed adds its defaults to dask's config when imported; imported here, before any
# `dask.config.set` block saves that config, so leaving the block does not drop them again
assert distributed.__version__

FORM = {"applicant_id": "2026120000001", "name": "张三", "id_type": "resident_id"}


def window(tmp_path: Path, toml: str = 'region = "天津市"\n') -> Path:
    """A window of one applicant without uploads: enough to get as far as the scheduler."""
    root = tmp_path / "window"
    root.mkdir()
    (root / "window.toml").write_text(toml, encoding="utf-8")
    (root / "applicants.jsonl").write_text(json.dumps(FORM, ensure_ascii=False) + "\n", "utf-8")
    return root


def run(tmp_path: Path, root: Path, *extra: str) -> int:
    return main(["run", str(root), "--out", str(tmp_path / "out"), "--no-progress", *extra])


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("certcheck: ")
    return lines[0]


def test_the_error_tree_carries_the_exit_codes() -> None:
    assert [int(c) for c in ExitCode] == [0, 2, 3, 4, 5, 6, 7, 15, 130]
    expected = {
        WindowError: 3,
        RulesError: 4,
        CalibrationError: 4,
        SchedulerError: 5,
        OutputError: 6,
        EngineError: 7,
        ProcessingError: 15,
    }
    for error, code in expected.items():
        assert issubclass(error, CertcheckError) and error("x").exit_code == code
    for error in (OcrError, OcrTimeout, ImageDecodeError, PdfDecodeError):
        assert issubclass(error, ProcessingError)
    # except clauses written for the old bases still catch them
    assert issubclass(ImageDecodeError, ValueError) and issubclass(RulesError, ValueError)


def test_the_exit_code_table_is_the_enum() -> None:
    codes = [int(line.split()[0]) for line in cli.EXIT_CODES.splitlines()]
    assert codes == [int(c) for c in ExitCode]
    assert cli.EXIT_CODES in (cli.__doc__ or "")
    assert cli.EXIT_CODES in cli.build_parser().format_help()


@pytest.mark.parametrize(
    "argv",
    [[], ["run"], ["run", "w"], ["run", "w", "--out", "o", "--workers", "0"], ["frobnicate"]],
)
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage: certcheck" in capsys.readouterr().err


def test_quiet_and_verbose_together_are_bad_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-q", "run", str(tmp_path), "--out", str(tmp_path / "o"), "-v"]) == 2
    assert "-q and -v" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert re.fullmatch(r"certcheck \S+\n", capsys.readouterr().out)


def test_a_missing_window_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, tmp_path / "nope") == 3
    assert "window folder not found" in one_line(capsys.readouterr().err)
    assert not (tmp_path / "out").exists()  # nothing written for a run that could not start


def test_a_misspelled_rule_key_exits_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(rules.RULES_DIR, rules_dir)
    national = rules_dir / "national.toml"
    national.write_text(
        national.read_text(encoding="utf-8").replace("[review]", "[reveiw]"), encoding="utf-8"
    )
    monkeypatch.setattr(rules, "RULES_DIR", rules_dir)
    assert run(tmp_path, window(tmp_path)) == 4
    line = one_line(capsys.readouterr().err)
    assert "national.toml: reveiw: unknown key; allowed here: " in line and "review" in line


@pytest.mark.parametrize(("region", "hint"), [("天津", "Did you mean '天津市'?"), ("火星", "")])
def test_an_unknown_region_exits_4(
    region: str, hint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, window(tmp_path, f'region = "{region}"\n')) == 4
    line = one_line(capsys.readouterr().err)
    assert f"unknown region '{region}'" in line and hint in line
    assert "北京市" in line and "新疆维吾尔自治区" in line  # the known ones are listed


def test_a_region_without_its_own_file_and_no_region_are_fine() -> None:
    assert rules.load_rules("北京市").sources == ("national.toml", "beijing.toml")
    assert rules.load_rules("河南省").sources == ("national.toml",)
    assert rules.load_rules("").sources == ("national.toml",)


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again: nobody listens there


@pytest.mark.parametrize("address", ["unreachable", "notanaddress", "foo://host:1"])
def test_a_bad_scheduler_exits_5_without_a_traceback(
    address: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if address == "unreachable":
        address = f"tcp://127.0.0.1:{_unused_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):  # only to be quick
        assert run(tmp_path, window(tmp_path), "--scheduler", address) == 5
    line = one_line(capsys.readouterr().err)
    assert address in line
    assert "cannot reach the scheduler" in line or "is not a scheduler address" in line


def test_out_that_is_a_file_exits_6(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = window(tmp_path)
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    assert run(tmp_path, root) == 6
    assert "is a file, not a folder" in one_line(capsys.readouterr().err)
    blocked = tmp_path / "out" / "sub"
    assert main(["run", str(root), "--out", str(blocked)]) == 6
    assert "cannot be created" in one_line(capsys.readouterr().err)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_out_that_cannot_be_written_exits_6(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["run", str(window(tmp_path)), "--out", str(locked / "out")]) == 6
    finally:
        locked.chmod(0o700)
    assert "no permission" in one_line(capsys.readouterr().err)


def test_out_is_checked_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise AssertionError("run_window called although OUT is unusable")

    monkeypatch.setattr("pipeline.run.run_window", must_not_run)
    (tmp_path / "out").touch()
    assert run(tmp_path, window(tmp_path)) == 6


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "W", "--out", "O", "-v"],
        ["-v", "run", "W", "--out", "O"],
        ["run", "-v", "W", "--out", "O"],
        ["--verbose", "run", "W", "--out", "O"],
    ],
)
def test_verbose_before_or_after_the_subcommand(argv: list[str]) -> None:
    args = cli.build_parser().parse_args(argv)
    assert args.verbose is True and not getattr(args, "quiet", False)
    assert args.window == Path("W") and args.out == Path("O")


def test_neither_flag_means_neither() -> None:
    args = cli.build_parser().parse_args(["run", "W", "--out", "O"])
    assert not getattr(args, "verbose", False) and not getattr(args, "quiet", False)


def test_verbose_after_the_subcommand_shows_the_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, tmp_path / "nope", "-v") == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and err.strip().splitlines()[-1].startswith("certcheck: window")


SUMMARY = {
    "window": "w",
    "region": "天津市",
    "reference_date": "2026-01-31",
    "applicants": 1,
    "review": 1,
    "clear": 0,
    "uploads": 0,
    "seconds": 0.1,
    "reused": 0,
    "report": "report/index.html",
}


def test_quiet_prints_no_summary_and_no_progress_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []

    def fake_run(*args: Any, progress: bool, **kwargs: Any) -> dict[str, Any]:
        seen.append(progress)
        return SUMMARY

    monkeypatch.setattr("pipeline.run.run_window", fake_run)
    root = window(tmp_path)
    assert main(["run", str(root), "--out", str(tmp_path / "out")]) == 0
    assert "考生 1 人" in capsys.readouterr().out
    assert main(["run", str(root), "--out", str(tmp_path / "out"), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert seen == [True, False]


def test_an_unexpected_exception_is_internal_error_15(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("pipeline.run.run_window", broken)
    root = window(tmp_path)
    assert run(tmp_path, root) == 15
    line = one_line(capsys.readouterr().err)
    assert "internal error" in line and "ZeroDivisionError: boom" in line and "-v" in line
    assert run(tmp_path, root, "-v") == 15
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: boom" in err


def test_a_processing_error_escaping_to_the_cli_is_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise OcrError("engine fell over")

    monkeypatch.setattr("pipeline.run.run_window", broken)
    assert run(tmp_path, window(tmp_path)) == 15
    assert one_line(capsys.readouterr().err) == "certcheck: engine fell over"


def test_ctrl_c_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.run.run_window", interrupted)
    assert run(tmp_path, window(tmp_path)) == 130
    assert one_line(capsys.readouterr().err) == cli.INTERRUPTED


def test_an_unknown_window_key_is_a_warning_not_an_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # CONTRACT §2 lists window.toml's keys without forbidding others: a window an outside tool
    # wrote with one more key is still readable, so the misspelling is only pointed out
    root = window(tmp_path, 'region = "天津市"\nclose = 2026-01-31\n')
    with caplog.at_level(logging.WARNING, logger="pipeline.window"):
        info = load_window(root).info
    assert info.closes is None
    assert "unknown key(s) close ignored" in caplog.text and "closes" in caplog.text


class FakeEntryPoint:
    def __init__(self, name: str, target: Any) -> None:
        self.name, self.value, self.group = name, f"fake_{name}:register", cli.PLUGIN_GROUP
        self._target = target

    def load(self) -> Any:
        if isinstance(self._target, BaseException):
            raise self._target
        return self._target


def _hello(args: argparse.Namespace) -> int:
    print(f"hello {args.who}")
    return 7


def register_hello(subparsers: Any) -> None:
    hello = subparsers.add_parser("hello", help="a plugin command")
    hello.add_argument("who")
    hello.set_defaults(handler=_hello)


def _plugins(monkeypatch: pytest.MonkeyPatch, *eps: FakeEntryPoint) -> None:
    def entry_points(**params: Any) -> list[FakeEntryPoint]:
        assert params == {"group": "certcheck.commands"}
        return list(eps)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)


def test_a_plugin_adds_a_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _plugins(monkeypatch, FakeEntryPoint("hello", register_hello))
    assert main(["hello", "world"]) == 7
    assert capsys.readouterr().out == "hello world\n"
    assert "hello" in cli.build_parser().format_help()
    args = cli.build_parser().parse_args(["hello", "world", "-v"])  # -v after a plugin's command
    assert args.verbose is True


def test_a_plugin_that_fails_to_load_never_breaks_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def register_broken(subparsers: Any) -> None:
        raise RuntimeError("plugin bug")

    _plugins(
        monkeypatch,
        FakeEntryPoint("lab", ImportError("No module named 'lab'")),
        FakeEntryPoint("buggy", register_broken),
        FakeEntryPoint("clash", lambda sub: sub.add_parser("run")),  # a name the product has
        FakeEntryPoint("hello", register_hello),
    )
    with caplog.at_level(logging.DEBUG, logger="pipeline.cli"):
        assert run(tmp_path, tmp_path / "nope", "-v") == 3  # run is still there and works
    assert "plugin lab (fake_lab:register) skipped: ImportError" in caplog.text
    assert "plugin buggy (fake_buggy:register) skipped: RuntimeError: plugin bug" in caplog.text
    assert "plugin clash" in caplog.text
    assert main(["hello", "again"]) == 7  # the good plugin still loads beside the bad ones


def test_the_lab_commands_are_not_the_products(monkeypatch: pytest.MonkeyPatch) -> None:
    _plugins(monkeypatch)
    choices = cli.build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(choices) == {"run", "users", "serve", "audit"}  # CONTRACT §4 and §5

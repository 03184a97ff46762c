"""The one error tree of certcheck, and the exit codes it maps to.

Every error the operator can act on is a `CertcheckError` that carries its exit code, so the
CLI has one handler and never guesses the code from message text (OCRmyPDF's `ExitCode` is
the model). Errors about one upload are `ProcessingError`s: they become a finding for that
upload and never stop the run; one that escapes to the CLI is a bug, hence `internal`.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What `certcheck` exits with. The numbers 0, 2 to 7 and 130 are public: keep them."""

    ok = 0  # the run was done, whatever the findings say
    bad_args = 2  # the command line is wrong (argparse's own code)
    window = 3  # the window cannot be read
    rules = 4  # a rule or calibration file is wrong, or the window's region is unknown
    scheduler = 5  # the --scheduler address is malformed or cannot be reached
    output = 6  # OUT cannot be used: a file, not writable, full, or in use by another run
    engine = 7  # an OCR engine cannot be started (missing models or libraries)
    internal = 15  # a bug: an exception nobody expected
    interrupted = 130  # Ctrl-C (128 + SIGINT, as shells report it)


class CertcheckError(Exception):
    """An error whose message is meant for the operator; `exit_code` says how the CLI ends."""

    exit_code: ExitCode = ExitCode.internal


class ProcessingError(CertcheckError):
    """We could not process this upload (never the applicant's fault); it becomes a finding."""

    exit_code = ExitCode.internal


class SchedulerError(CertcheckError):
    """The --scheduler address is malformed or no scheduler answers there."""

    exit_code = ExitCode.scheduler


class UsageError(CertcheckError):
    """The command line asks for something that cannot be done (e.g. OUT inside WINDOW)."""

    exit_code = ExitCode.bad_args


class OutputError(CertcheckError):
    """OUT exists as a file, cannot be created or written (full disk, read-only, a file where
    a folder must be), or another run holds it."""

    exit_code = ExitCode.output


class EngineError(CertcheckError):
    """An OCR engine cannot be started in a worker: the run stops (no upload is blamed, nothing
    is kept for a re-run to reuse)."""

    exit_code = ExitCode.engine

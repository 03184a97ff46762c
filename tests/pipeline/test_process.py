"""process_applicant with a fake OCR engine: fast, and every failure becomes a finding."""

from __future__ import annotations

import errno
import io
import os
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from models import ApplicantForm, Education, Exam, Upload
from models.errors import EngineError, OutputError
from pipeline import outdir
from pipeline.process import ApplicantTask, process_applicant, retry_later
from pipeline.rules import load_rules
from pipeline.window import WindowError, hash_file
from stages.ocr.base import OcrEngine, OcrError, UnavailableEngine
from tests.fakes import CrashingEngine, FakeEngine, TimingOutEngine

FORM = ApplicantForm(
    applicant_id="2026120000017",
    name="欧阳晓彧",
    id_type="resident_id",
    id_number="120101199701257467",
    gender="女",
    birth_date="1997-01-25",
    exam=Exam("110", "临床", "执业医师"),
    education=Education("本科", "天津医科大学", "临床医学", "2020-06", "100621202005000123"),
    work_unit="天津市第一中心医院",
    duty_status="试用期",
)
ID_LINES = [
    "姓名欧阳晓彧",
    "性别女民族汉",
    "出生1997年1月25日",
    "住址天津市和平区",
    "公民身份号码120101199701257467",
]


def _jpeg(size: tuple[int, int], colour: str = "white") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _task(root: Path, files: dict[str, bytes]) -> ApplicantTask:
    uploads = []
    for rel, data in files.items():
        path = root / "uploads" / FORM.applicant_id / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        digest, size, kind = hash_file(path)
        slot = rel.split("/")[0]
        uploads.append(
            Upload(FORM.applicant_id, slot, path.relative_to(root).as_posix(), size, digest, kind)
        )
    return ApplicantTask(
        FORM.applicant_id,
        str(root),
        str(root / "out"),
        FORM,
        tuple(uploads),
        (),
        load_rules("天津市"),
        date(2026, 1, 31),
    )


def test_a_read_id_card_passes_and_every_image_has_an_orientation(tmp_path: Path) -> None:
    task = _task(tmp_path, {"id_front/a.jpg": _jpeg((1000, 630)), "photo/p.jpg": _jpeg((390, 567))})
    result = process_applicant(task, FakeEngine(ID_LINES))
    by = {(f.slot, f.field): f for f in result.findings}
    for field in ("name", "id_number", "gender", "birth_date", "doc_type"):
        assert by[("id_front", field)].status == "pass", by[("id_front", field)]
    assert by[("id_front", "orientation")].observed == "0"
    assert by[("photo", "orientation")].observed in {"0", "90", "180", "270"}
    assert by[("id_back", "presence")].status == "missing"
    assert result.verdict == "review"
    assert all((tmp_path / "out" / p.image_path).exists() for p in result.pages)


def test_broken_files_and_a_failing_engine_become_findings(tmp_path: Path) -> None:
    class Exploding(FakeEngine):
        def detect(self, image: np.ndarray) -> list[np.ndarray]:
            raise OcrError("simulated engine crash")

    good = _jpeg((1000, 630))
    task = _task(
        tmp_path,
        {
            "id_front/a.jpg": good,
            "id_back/b.jpg": good[: len(good) // 2],
            "diploma/c.jpg": b"",
            "licence/d.jpg": b"not an image at all",
        },
    )
    result = process_applicant(task, Exploding(ID_LINES))
    files = {f.file: f for f in result.findings if f.field == "file" and f.status != "pass"}
    assert set(files) == {
        f"uploads/{FORM.applicant_id}/{p}"
        for p in ("id_front/a.jpg", "id_back/b.jpg", "diploma/c.jpg", "licence/d.jpg")
    }
    # the engine's failure is ours (tried again by the next run), the broken files are not
    assert files[f"uploads/{FORM.applicant_id}/id_front/a.jpg"].check == "processing.system_error"
    assert files[f"uploads/{FORM.applicant_id}/id_back/b.jpg"].check == "processing.error"
    assert all(f.message for f in files.values())
    assert any(f.slot == "form" for f in result.findings)  # the other checks still ran


class Measuring(FakeEngine):
    """Records the long side of every image it is asked to detect text on; with
    `small_print`, misses the last line unless the image is searched closer than 576 px."""

    def __init__(self, lines: list[str], small_print: bool = False) -> None:
        super().__init__(lines)
        self.small_print = small_print
        self.sides: list[int] = []

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        self.sides.append(max(image.shape[:2]))
        quads = super().detect(image)
        return quads[:-1] if self.small_print and max(image.shape[:2]) <= 576 else quads


def test_a_hand_held_photo_is_searched_for_text_at_twice_the_scale(tmp_path: Path) -> None:
    engine = Measuring(ID_LINES)
    files = {"id_handheld/h.jpg": _jpeg((1200, 1600)), "id_front/a.jpg": _jpeg((1600, 1000))}
    process_applicant(_task(tmp_path, files), engine)
    # the card held in the photo prints small: its frame is searched at 1152 px, a card's own
    # scan at the usual 576
    assert sorted(engine.sides) == [576, 1152]


def test_a_printed_field_not_found_is_looked_for_again_at_twice_the_scale(
    tmp_path: Path,
) -> None:
    engine = Measuring(ID_LINES, small_print=True)
    result = process_applicant(_task(tmp_path, {"id_front/a.jpg": _jpeg((1600, 1000))}), engine)
    by = {(f.slot, f.field): f for f in result.findings}
    assert by[("id_front", "id_number")].status == "pass"
    assert engine.sides == [576, 1152]
    # with every printed field found, nothing is detected twice
    engine = Measuring(
        [*ID_LINES, "签发机关"], small_print=True
    )  # the extra last line is the one missed
    process_applicant(_task(tmp_path / "b", {"id_front/a.jpg": _jpeg((1600, 1000))}), engine)
    assert engine.sides == [576]


def test_print_height_is_measured_in_the_uploads_own_pixels() -> None:
    from models import Reading
    from stages.recipe import _with_text_px

    page = np.full((100, 300, 3), 235, np.uint8)
    page[40:52, 20:280] = 20  # print 12 px tall on a page shown at half the upload's size
    reading = Reading("id_number", "1", 0.9, "ppocr", box=(10, 30, 290, 62))
    assert _with_text_px(reading, page, 0.5).text_px == 24.0
    assert _with_text_px(Reading("id_number", "1", 0.9, "ppocr"), page, 0.5).text_px is None


def test_a_closer_look_that_passed_the_field_is_the_reading_kept() -> None:
    from models import Finding, Provenance, Reading
    from models.checks import Variant
    from stages.recipe import _closer_reads

    read = Reading("name", "黎欣琪健", 0.87, "ppocr", source="姓名黎欣琪健")
    unit = Reading("work_unit", "天津市第", 0.99, "ppocr")

    def finding(field: str, status: str, observed: str, variant: Variant) -> Finding:
        return Finding(
            "1",
            "licence",
            "f",
            field,
            status,
            "x",
            observed,
            0.9,
            "",
            "licence." + field,  # type: ignore[arg-type]
            variant=variant,
        )

    kept = _closer_reads(
        {"name": read, "work_unit": unit},
        [
            finding("name", "pass", "黎欣琪", Variant.VERIFIED),
            # a closer look that did not pass the field changes nothing
            finding("work_unit", "unreadable", "天津市第一", Variant.UNSTABLE),
        ],
    )
    assert kept["name"].value == "黎欣琪" and kept["name"].provenance == (Provenance.LOOK,)
    assert kept["work_unit"] is unit


class MissingGender(Measuring):
    """Misses the card's 性别/民族 line unless the image is searched closer than 576 px."""

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        self.sides.append(max(image.shape[:2]))
        quads = FakeEngine.detect(self, image)
        return [q for i, q in enumerate(quads) if i != 1] if max(image.shape[:2]) <= 576 else quads


def test_a_card_whose_gender_line_was_missed_is_looked_at_again(tmp_path: Path) -> None:
    engine = MissingGender(ID_LINES)
    result = process_applicant(_task(tmp_path, {"id_front/a.jpg": _jpeg((1600, 1000))}), engine)
    by = {(f.slot, f.field): f for f in result.findings}
    assert engine.sides == [576, 1152]
    assert by[("id_front", "gender")].status == "pass"


@pytest.mark.parametrize(
    ("engine", "check", "reason"),
    [
        (CrashingEngine(ID_LINES), "processing.system_error", "程序出错，非考生原因"),
        (TimingOutEngine(ID_LINES), "processing.system_error", "引擎出错，非考生原因"),
    ],
)
def test_an_engine_that_crashes_or_times_out_is_our_failure_for_that_upload_only(
    tmp_path: Path, engine: OcrEngine, check: str, reason: str
) -> None:
    files = {"id_front/a.jpg": _jpeg((1000, 630)), "photo/p.jpg": _jpeg((390, 567))}
    result = process_applicant(_task(tmp_path, files), engine)
    (failed,) = [f for f in result.findings if f.check.startswith("processing.")]
    assert failed.slot == "id_front" and failed.check == check and reason in failed.message
    # the photo needs no OCR: it is still checked
    assert {f.field for f in result.findings if f.slot == "photo"} >= {"orientation", "shape"}
    # a timeout, or an exception nothing says the file caused, is the system's: the result is
    # not kept, the next run tries again
    assert failed.status == "unreadable" and retry_later(result)


def test_an_engine_that_cannot_start_stops_the_run(tmp_path: Path) -> None:
    files = {"id_front/a.jpg": _jpeg((1000, 630))}
    with pytest.raises(EngineError, match="models missing") as caught:
        process_applicant(_task(tmp_path, files), UnavailableEngine("models missing"))
    assert caught.value.exit_code == 7


def test_an_unwritable_out_is_the_runs_error_never_the_applicants(tmp_path: Path) -> None:
    task = _task(tmp_path, {"id_front/a.jpg": _jpeg((1000, 630))})
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "pages").write_text("a file where a folder must be")
    with pytest.raises(OutputError, match="cannot write"):
        process_applicant(task, FakeEngine(ID_LINES))


def test_a_full_disk_is_the_runs_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, data: bytes, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(outdir, "write_bytes", full)
    task = _task(tmp_path, {"id_front/a.jpg": _jpeg((1000, 630))})
    with pytest.raises(OutputError, match="No space left"):
        process_applicant(task, FakeEngine(ID_LINES))


def test_an_upload_gone_from_the_window_is_the_runs_error(tmp_path: Path) -> None:
    task = _task(tmp_path, {"id_front/a.jpg": _jpeg((1000, 630))})
    (tmp_path / task.uploads[0].path).unlink()  # the window changed after it was listed
    with pytest.raises(WindowError, match="can no longer be read") as caught:
        process_applicant(task, FakeEngine(ID_LINES))
    assert caught.value.exit_code == 3


def test_two_uploads_in_one_slot_keep_their_own_evidence(tmp_path: Path) -> None:
    wrong = ["姓名欧阳晓明", *ID_LINES[1:]]  # a different name: flagged, so a crop is kept
    files = {"id_front/a.jpg": _jpeg((1000, 630)), "id_front/b.jpg": _jpeg((1000, 630))}
    result = process_applicant(_task(tmp_path, files), FakeEngine(wrong))
    crops = [f.evidence for f in result.findings if f.field == "name" and f.slot == "id_front"]
    assert len(crops) == 2 and all(crops) and len(set(crops)) == 2
    assert all((tmp_path / "out" / str(c)).exists() for c in crops)


def test_a_page_that_cannot_be_encoded_is_our_failure_on_that_upload_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cv2

    monkeypatch.setattr(cv2, "imencode", lambda *args: (False, None))
    result = process_applicant(
        _task(tmp_path, {"id_front/a.jpg": _jpeg((1000, 630))}), FakeEngine(ID_LINES)
    )
    (failed,) = [f for f in result.findings if f.check.startswith("processing.")]
    assert failed.check == "processing.system_error" and "cannot encode" in (failed.observed or "")
    assert retry_later(result)  # pixels we made: ours, never kept


SI_LINES = [
    "天津市社会保险个人缴费证明",
    "姓名欧阳晓彧",
    "社会保障号码120101199701257467",
    "单位名称天津市第一中心医院",
    "缴费年月 险种 缴费基数 缴费状态",
    "202510 城镇职工基本养老保险 6500.00 已缴",
    "202511 城镇职工基本养老保险 6500.00 已缴",
    "202512 城镇职工基本养老保险 6500.00 已缴",
]


def test_a_required_material_uploaded_under_other_is_read_for_what_it_is(tmp_path: Path) -> None:
    """Seed 004 tells 天津 applicants to put the 社保 proof under 其他: it counts as uploaded,
    the finding says where, and it is checked as a 社保 proof (issue 15)."""
    task = _task(tmp_path, {"other/社保.jpg": _jpeg((1240, 1754))})
    result = process_applicant(task, FakeEngine(SI_LINES))
    by = {(f.slot, f.field): f for f in result.findings}
    path = f"uploads/{FORM.applicant_id}/other/社保.jpg"
    presence = by[("social_insurance", "presence")]
    assert presence.status == "pass" and presence.file == path and "其他" in presence.message
    assert by[("other", "doc_type")].status == "pass"
    assert by[("other", "doc_type")].observed == "社保缴费证明"
    for field in ("name", "id_number", "work_unit"):
        assert by[("social_insurance", field)].status == "pass"
        assert by[("social_insurance", field)].file == path
    assert by[("diploma", "presence")].status == "missing"  # nothing else was uploaded


def test_an_unknown_document_under_other_is_left_alone(tmp_path: Path) -> None:
    task = _task(tmp_path, {"other/x.jpg": _jpeg((1000, 700))})
    result = process_applicant(task, FakeEngine(["荣誉证书", "特发此证"]))
    other = {(f.field, f.status) for f in result.findings if f.slot == "other"}
    assert other == {("file", "pass"), ("orientation", "pass"), ("doc_type", "pass")}
    (presence,) = [f for f in result.findings if f.slot == "social_insurance"]
    assert presence.field == "presence" and presence.status == "missing"


def test_a_pdf_under_other_read_as_a_material_is_held_to_that_materials_rules(
    tmp_path: Path,
) -> None:
    """A 社保 PDF put under 其他 is a PDF its own slot allows: no file-type finding (a tuning
    window sent four clean 天津 applicants to review for it)."""
    buf = io.BytesIO()
    Image.new("RGB", (1240, 1754), "white").save(buf, "PDF", resolution=150)
    task = _task(tmp_path, {"other/社保.pdf": buf.getvalue()})
    result = process_applicant(task, FakeEngine(SI_LINES))
    (rule,) = [f for f in result.findings if f.field == "file"]
    assert (rule.slot, rule.status, rule.check) == ("social_insurance", "pass", "file.rules")
    assert rule.file == f"uploads/{FORM.applicant_id}/other/社保.pdf"


def test_a_required_material_in_the_wrong_slot_counts_but_its_slot_is_flagged(
    tmp_path: Path,
) -> None:
    task = _task(tmp_path, {"probation_cert/社保.jpg": _jpeg((1240, 1754))})
    result = process_applicant(task, FakeEngine(SI_LINES))
    by = {(f.slot, f.field): f for f in result.findings}
    assert by[("social_insurance", "presence")].status == "pass"
    assert "试用期考核证明" in by[("social_insurance", "presence")].message
    assert by[("probation_cert", "doc_type")].status == "invalid"
    assert ("social_insurance", "name") not in by  # its fields are not checked there

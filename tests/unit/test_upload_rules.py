from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import ApplicantForm, Education, Exam, Upload
from pipeline.rules import RulesError, build_rules, load_rules
from stages import upload_rules

RULES = load_rules("天津市")


def upload(slot: str, kind: str, size: int) -> Upload:
    return Upload("1", slot, f"uploads/1/{slot}/f", size, "0" * 64, kind)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00", "png"),
        (b"%PDF-1.7\n", "pdf"),
        (b"GIF89a\x01\x00", "gif"),
        (b"BM\x00\x00", "bmp"),
        (b"", "empty"),
        (b"hello world", "unknown"),
    ],
)
def test_sniff_reads_magic_bytes_not_extensions(head: bytes, kind: str) -> None:
    assert upload_rules.sniff(head) == kind


@given(st.binary(max_size=64))
def test_sniff_never_raises(head: bytes) -> None:
    assert upload_rules.sniff(head) in upload_rules.KIND_LABELS


def test_size_and_type_limits_are_data() -> None:
    (ok,) = upload_rules.check_upload(upload("diploma", "jpeg", 150 * 1024), RULES)
    (big,) = upload_rules.check_upload(upload("diploma", "jpeg", 201 * 1024), RULES)
    (png_photo,) = upload_rules.check_upload(upload("photo", "png", 10 * 1024), RULES)
    (big_photo,) = upload_rules.check_upload(upload("photo", "jpeg", 41 * 1024), RULES)
    (pdf_diploma,) = upload_rules.check_upload(upload("diploma", "pdf", 1024), RULES)
    (pdf_record,) = upload_rules.check_upload(upload("diploma_record", "pdf", 1024), RULES)
    (empty,) = upload_rules.check_upload(upload("licence", "empty", 0), RULES)
    assert ok.status == "pass"
    assert [f.status for f in (big, png_photo, big_photo, pdf_diploma, empty)] == ["invalid"] * 5
    assert pdf_record.status == "pass"
    assert all(f.message for f in (big, png_photo, empty))
    beijing = load_rules("北京市")
    (bj,) = upload_rules.check_upload(upload("photo", "jpeg", 35 * 1024), beijing)
    assert bj.status == "invalid"


def test_required_slots_for_a_bachelor_on_probation() -> None:
    form = ApplicantForm(
        "1", education=Education(level="本科"), exam=Exam(level="执业医师"), duty_status="试用期"
    )
    present = [upload("id_front", "jpeg", 1), upload("photo", "jpeg", 1)]
    found = {f.slot: f.status for f in upload_rules.check_presence(form, present, RULES)}
    assert found == {
        "id_front": "pass",
        "id_back": "missing",
        "photo": "pass",
        "diploma": "missing",
        "probation_cert": "missing",
        "licence": "missing",
        "social_insurance": "missing",  # 天津市 (seed 004)
    }


def test_rule_file_errors_name_the_file_and_key(tmp_path: Path) -> None:
    base = {
        "upload": {
            "max_kb": 200,
            "photo_max_kb": 40,
            "image_kinds": ["jpeg"],
            "photo_kinds": ["jpeg"],
        },
        "form": {"min_age": 18, "max_age": 75},
        "review": {"probation_min_months": 12},
        "required": {"always": ["id_front"]},
    }
    build_rules(base, "x.toml")
    with pytest.raises(RulesError, match="max_kb"):
        build_rules({**base, "upload": {**base["upload"], "max_kb": -1}}, "x.toml")
    with pytest.raises(RulesError, match="unknown slot"):
        build_rules({**base, "required": {"always": ["passport_scan"]}}, "x.toml")
    with pytest.raises(RulesError, match="unknown form key"):
        build_rules(
            {**base, "category": [{"name": "a", "when": {"colour": ["x"]}, "slots": []}]}, "x.toml"
        )
    with pytest.raises(RulesError, match="min_age"):
        build_rules({**base, "form": {"min_age": 80, "max_age": 75}}, "x.toml")
    (tmp_path / "national.toml").write_text("upload = [", encoding="utf-8")
    with pytest.raises(RulesError, match="national.toml"):
        load_rules("", tmp_path)


def test_a_missing_material_found_in_another_upload_counts_as_uploaded() -> None:
    from models import checks
    from stages.upload_rules import found_elsewhere

    def presence(slot: str, status: str) -> object:
        return checks.finding(
            checks.PRESENCE, applicant_id="1", slot=slot, file=None, field="presence",
            status=status, expected="需上传", observed=None, confidence=1.0, message="",
        )  # fmt: skip

    from models import Upload

    path = "uploads/1/probation_cert/社保.jpg"
    upload = Upload("1", "probation_cert", path, 1000, "0" * 64, "jpeg")
    out = found_elsewhere(
        [presence("social_insurance", "missing"), presence("licence", "missing")],
        {"social_insurance": upload},
    )
    statuses = [(f.slot, f.status) for f in out]
    assert statuses == [("social_insurance", "pass"), ("licence", "missing")]
    assert out[0].file == path and "试用期考核证明" in out[0].message

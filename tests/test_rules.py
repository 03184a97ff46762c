"""The rule files: every category and region rule of docs/materials.md, and clear errors."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from models import ApplicantForm, Assistant, Education, Exam
from pipeline.rules import RULES_DIR, RulesError, insurance_months, load_rules
from stages.upload_rules import required_slots, requirement_for

BASE = ("id_front", "id_back", "photo")


def form(
    level: str,
    exam_level: str = "执业医师",
    *,
    category: str = "临床",
    duty: str = "试用期",
    graduation: str = "2021-06",
    mode: str = "五年制",
    assistant: bool = False,
) -> ApplicantForm:
    return ApplicantForm(
        "1",
        education=Education(level=level, graduation=graduation, study_mode=mode),
        exam=Exam(category=category, level=exam_level),
        duty_status=duty,
        assistant=Assistant("2019-12", "2019121210" + "0" * 17, "1" * 15, "2020-03")
        if assistant
        else None,
    )


CASES = [
    (form("本科"), "本科及以上学历报考执业医师", ("diploma", "probation_cert", "licence")),
    (
        form("研究生"),
        "研究生已毕业报考执业医师",
        ("diploma", "degree", "probation_cert", "licence"),
    ),
    (
        form("研究生", duty="当年毕业研究生", graduation="2026-06"),
        "研究生毕业当年报考执业医师",
        ("pledge",),
    ),
    (
        form("本科", duty="当年毕业研究生", graduation="2026-06", mode="八年制"),
        "长学制在学期间报考执业医师",
        ("diploma", "pledge"),
    ),
    (
        form("专科", assistant=True),
        "大专学历已取得执业助理医师报考执业医师",
        (
            "diploma",
            "licence",
            "assistant_qualification",
            "assistant_practice",
            "practice_period_cert",
        ),
    ),
    (
        form("中专", assistant=True),
        "中专学历已取得执业助理医师报考执业医师",
        (
            "diploma",
            "licence",
            "assistant_qualification",
            "assistant_practice",
            "practice_period_cert",
            "diploma_record",
        ),
    ),
    (
        form("专科", "执业助理医师"),
        "大专、中专学历报考执业助理医师",
        ("diploma", "probation_cert", "licence"),
    ),
    (
        form("师承或确有专长", "执业助理医师", category="中医"),
        "确有专长执业助理医师",
        ("mentorship_cert", "probation_cert", "licence"),
    ),
    (
        form("专科", "执业助理医师", category="乡村全科"),
        "乡村全科执业助理医师",
        ("diploma", "probation_cert", "licence"),
    ),
    (
        form("本科", graduation="2026-06"),
        "本科及以上学历报考执业医师",
        ("diploma", "probation_cert", "licence", "pledge"),
    ),
]


@pytest.mark.parametrize(("f", "category", "slots"), CASES, ids=[c[1] for c in CASES])
def test_every_category_gets_its_materials(f: ApplicantForm, category: str, slots: tuple) -> None:
    rules = load_rules("", exam_year=2026)
    req = requirement_for(f, rules)
    assert req is not None and req.name == category
    assert required_slots(f, rules) == (*BASE, *slots)


def test_tianjin_adds_social_insurance_except_for_village_and_graduating_students() -> None:
    rules = load_rules("天津市", exam_year=2026, opens=date(2026, 1, 5))
    assert rules.insurance_months == ("2025-10", "2025-11", "2025-12")
    assert "social_insurance" in required_slots(form("本科"), rules)
    assert "social_insurance" not in required_slots(
        form("专科", "执业助理医师", category="乡村全科"), rules
    )
    graduating = form("研究生", duty="当年毕业研究生", graduation="2026-06")
    assert "social_insurance" not in required_slots(graduating, rules)


def test_seed_004_months() -> None:
    # 004: a window opening in February 2023 needs 2022-11, 2022-12 and 2023-01.
    assert insurance_months(date(2023, 2, 7), 3) == ("2022-11", "2022-12", "2023-01")


def test_liaoning_and_beijing_overlays() -> None:
    liaoning = load_rules("辽宁省", exam_year=2026)
    assert "id_handheld" in required_slots(form("本科"), liaoning)
    assert "中国医科大学" in liaoning.local_graduate_schools
    assert liaoning.insurance_months == ()
    beijing = load_rules("北京市", exam_year=2026)
    assert beijing.photo_max_bytes == 30 * 1024
    assert "id_handheld" not in required_slots(form("本科"), beijing)


def test_cutoffs_are_keyed_by_exam_year() -> None:
    assert dict(load_rules("", exam_year=2025).registration_cutoffs) == {
        "专科": "2023-08-22",
        "中专": "2020-08-22",
    }
    assert dict(load_rules("", exam_year=2026).registration_cutoffs)["专科"] == "2024-08-22"
    assert load_rules("", exam_year=1999).registration_cutoffs == ()


def test_licence_subjects_cover_every_exam_category() -> None:
    subjects = dict(load_rules("").licence_subjects)
    assert set(subjects) >= {"临床", "口腔", "中医", "公共卫生", "中西医结合", "乡村全科"}
    assert subjects["口腔"] == ("口腔科",)


# Each rule file, with one value made wrong: the error names the file and the key.
BREAKS = {
    "national.toml": (r"max_kb = 200", "max_kb = -5", "max_kb"),
    "tianjin.toml": (r"months_before_opens = 3", 'months_before_opens = "three"', "months_before"),
    "beijing.toml": (r"photo_max_kb = 30", "photo_max_kb = 0", "photo_max_kb"),
    "liaoning.toml": (r'slots = \["id_handheld"\]', 'slots = ["handheld_id"]', "unknown slot"),
}
REGION_OF = {
    "national.toml": "",
    "tianjin.toml": "天津市",
    "beijing.toml": "北京市",
    "liaoning.toml": "辽宁省",
}


def test_every_rule_file_has_a_break_test() -> None:
    assert {p.name for p in RULES_DIR.glob("*.toml")} == set(BREAKS)


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_a_wrong_value_is_rejected_with_a_clear_message(name: str, tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules_dir)
    load_rules(REGION_OF[name], rules_dir, exam_year=2026)  # the copy as shipped loads
    pattern, replacement, key = BREAKS[name]
    text = (rules_dir / name).read_text(encoding="utf-8")
    broken, n = re.subn(pattern, replacement, text)
    assert n == 1
    (rules_dir / name).write_text(broken, encoding="utf-8")
    with pytest.raises(RulesError, match=key) as err:
        load_rules(REGION_OF[name], rules_dir, exam_year=2026)
    assert name in str(err.value)


def test_a_wrong_cutoff_or_exception_is_named(tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules_dir)
    national = rules_dir / "national.toml"
    national.write_text(
        national.read_text(encoding="utf-8").replace('"专科" = 2024-08-22', '"大专" = 2024-08-22'),
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match="unknown education level '大专'"):
        load_rules("", rules_dir, exam_year=2026)
    shutil.copy(RULES_DIR / "national.toml", national)
    tianjin = rules_dir / "tianjin.toml"
    tianjin.write_text(
        tianjin.read_text(encoding="utf-8").replace("乡村全科执业助理医师", "乡村医生"),
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match="unknown categories"):
        load_rules("天津市", rules_dir, exam_year=2026)


def test_the_hand_held_card_size_rule_is_read_and_checked(tmp_path: Path) -> None:
    assert load_rules("辽宁省", exam_year=2026).handheld_min_digit_px == 12
    rules_dir = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules_dir)
    national = rules_dir / "national.toml"
    text = national.read_text(encoding="utf-8")
    national.write_text(re.sub(r"handheld_min_digit_px = 12", "", text), encoding="utf-8")
    assert load_rules("", rules_dir, exam_year=2026).handheld_min_digit_px == 0  # no rule
    national.write_text(
        re.sub(r"handheld_min_digit_px = 12", "handheld_min_digit_px = 0", text), encoding="utf-8"
    )
    with pytest.raises(RulesError, match="handheld_min_digit_px"):
        load_rules("", rules_dir, exam_year=2026)

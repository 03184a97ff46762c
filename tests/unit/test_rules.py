"""The rule files: every category and region rule of docs/materials.md, the schema that
checks them, and clear errors."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest

from models import ApplicantForm, Assistant, Education, Exam
from pipeline.rules import RULES_DIR, RulesError, insurance_months, load_rules, region_files
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


# The schema (pydantic, unknown keys forbidden) changed how the files are read, not what they say.
SNAPSHOT = Path(__file__).with_name("data") / "rules_snapshot.jsonl"


def test_rules_are_those_the_loader_before_the_schema_built() -> None:
    """tests/data/rules_snapshot.jsonl: `asdict(load_rules(...))` captured from the loader that
    preceded the schema. Regenerate it only for a deliberate change of the rule files."""
    cases = [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()]
    assert {(region, tag) for region, tag, _ in cases} == {
        (r, t) for r in ("天津市", "北京市", "辽宁省", "") for t in ("default", "2026")
    }
    for region, tag, expected in cases:
        if tag == "default":
            rules = load_rules(region)
        else:
            rules = load_rules(region, exam_year=2026, opens=date(2026, 1, 5))
        assert json.loads(json.dumps(asdict(rules), ensure_ascii=False)) == expected, region


def _copy_with(tmp_path: Path, name: str, pattern: str, replacement: str) -> Path:
    rules_dir = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules_dir)
    text = (rules_dir / name).read_text(encoding="utf-8")
    changed, n = re.subn(pattern, replacement, text, count=1)
    assert n == 1, pattern
    (rules_dir / name).write_text(changed, encoding="utf-8")
    return rules_dir


# A misspelled key in each kind of table: the error names the file, the key path, and what the
# table allows.
MISSPELT = [
    ("national.toml", "", r"\[review\]", "[reveiw]", "national.toml: reveiw: unknown key"),
    ("national.toml", "", r"photo_max_kb = 40", "photo_max_kbb = 40", "upload.photo_max_kbb"),
    ("national.toml", "", r"min_age = 18", "min_age = 18\nminage = 3", "form.minage"),
    ("national.toml", "", r"always = ", "allways = ", "required.allways"),
    ("national.toml", "", r"\[licence\]\n", "[licence]\nclinic = 1\n", "licence.clinic"),
    ("national.toml", "", r"agreement_fields", "agreement_field", "ocr.agreement_field"),
    (
        "national.toml",
        "",
        r'"education.level" = \["研究生"\], "exam.level"',
        '"educaton" = ["研究生"], "exam.level"',
        "national.toml: category #7 (研究生已毕业报考执业医师).when.educaton: unknown form key",
    ),
    ("national.toml", "", r"slots = \[\"pledge\"\]", 'slot = ["pledge"]', "category #1"),
    ("tianjin.toml", "天津市", r"months_before_opens", "months_before", "social_insurance."),
    (
        "tianjin.toml",
        "天津市",
        r"except_categories",
        "except_category",
        "tianjin.toml: addition #1 (天津市社保缴费证明（报名前连续三个月）).except_category",
    ),
    ("liaoning.toml", "辽宁省", r"local_schools", "local_school", "graduate.local_school"),
    ("liaoning.toml", "辽宁省", r"\[graduate\]", "[graduates]", "liaoning.toml: graduates"),
    ("beijing.toml", "北京市", r"\[upload\]", "[uploads]", "beijing.toml: uploads"),
    ("beijing.toml", "北京市", r"name = ", "regions = []\nname = ", "beijing.toml: regions"),
]


@pytest.mark.parametrize(("name", "region", "pattern", "replacement", "fragment"), MISSPELT)
def test_a_misspelled_key_is_named_with_its_path(
    name: str, region: str, pattern: str, replacement: str, fragment: str, tmp_path: Path
) -> None:
    rules_dir = _copy_with(tmp_path, name, pattern, replacement)
    with pytest.raises(RulesError, match=re.escape(fragment)) as err:
        load_rules(region, rules_dir, exam_year=2026)
    assert name in str(err.value) and "unknown" in str(err.value)
    assert "allowed here:" in str(err.value)  # and what the table does allow


def test_an_unknown_key_lists_the_keys_of_its_table(tmp_path: Path) -> None:
    rules_dir = _copy_with(tmp_path, "national.toml", r"\[review\]", "[review]\nprobation = 6")
    with pytest.raises(RulesError) as err:
        load_rules("", rules_dir)
    assert str(err.value) == (
        "national.toml: review.probation: unknown key; allowed here: probation_min_months"
    )


def test_rule_errors_are_exit_code_4() -> None:
    assert RulesError("x").exit_code == 4 and isinstance(RulesError("x"), ValueError)


def test_every_region_is_known_and_every_region_file_names_one() -> None:
    regions = tomllib.loads((RULES_DIR / "national.toml").read_text(encoding="utf-8"))["regions"]
    assert len(regions) == len(set(regions)) == 32  # 31 province-level + 新疆生产建设兵团
    assert {"北京市", "天津市", "辽宁省", "新疆维吾尔自治区", "新疆生产建设兵团"} <= set(regions)
    assert set(region_files()) <= set(regions)
    # a region without its own file runs on the national rules, as before
    assert load_rules("上海市").sources == ("national.toml",)
    assert load_rules("上海市").photo_max_bytes == load_rules("").photo_max_bytes


@pytest.mark.parametrize(
    ("region", "hint"), [("天津", "Did you mean '天津市'?"), ("火星", "北京市")]
)
def test_an_unknown_region_is_an_error_listing_the_known_ones(region: str, hint: str) -> None:
    with pytest.raises(RulesError, match=f"unknown region '{region}'") as err:
        load_rules(region)
    assert hint in str(err.value) and "新疆维吾尔自治区" in str(err.value)


def test_the_region_list_is_validated(tmp_path: Path) -> None:
    twice = _copy_with(tmp_path / "a", "national.toml", r'"天津市"', '"北京市"')
    with pytest.raises(RulesError, match="national.toml: regions: listed more than once: 北京市"):
        load_rules("", twice)
    missing = _copy_with(tmp_path / "b", "national.toml", r"regions = \[[^]]*\]", "")
    with pytest.raises(RulesError, match="national.toml: regions: missing"):
        load_rules("", missing)
    stray = _copy_with(tmp_path / "c", "tianjin.toml", r'name = "天津市"', 'name = "天津"')
    with pytest.raises(RulesError, match="tianjin.toml: name '天津' is not one of the regions"):
        load_rules("北京市", stray)


# -- issue 15: seals and signatures are rules data ([marks])


def test_marks_default_to_the_seeds_and_a_year_may_differ(tmp_path: Path) -> None:
    rules = load_rules("天津市", exam_year=2026)
    assert rules.seal_slots == ("probation_cert", "practice_period_cert")
    assert rules.signature_slots == ("pledge",)
    rules_dir = _copy_with(
        tmp_path, "national.toml", r'signature = \["pledge"\]\n',
        'signature = ["pledge"]\n\n[marks.year.2027]\n'
        'seal = ["probation_cert", "social_insurance"]\n',
    )  # fmt: skip
    later = load_rules("", rules_dir, exam_year=2027)
    assert later.seal_slots == ("probation_cert", "social_insurance")
    assert later.signature_slots == ("pledge",)  # not given for 2027: the general list
    assert load_rules("", rules_dir, exam_year=2026).seal_slots == rules.seal_slots


def test_a_region_may_ask_for_a_sealed_social_insurance_proof(tmp_path: Path) -> None:
    rules_dir = _copy_with(
        tmp_path, "tianjin.toml", r"\[social_insurance\]",
        '[marks]\nseal = ["probation_cert", "practice_period_cert", "social_insurance"]\n\n'
        "[social_insurance]",
    )  # fmt: skip
    assert "social_insurance" in load_rules("天津市", rules_dir, exam_year=2026).seal_slots
    assert "social_insurance" not in load_rules("北京市", rules_dir, exam_year=2026).seal_slots


@pytest.mark.parametrize(
    ("pattern", "replacement", "fragment"),
    [
        (r'seal = \["probation_cert"', 'seals = ["probation_cert"', "marks.seals: unknown key"),
        (r'signature = \["pledge"\]', 'signature = ["pledges"]', "unknown slot"),
        (r"\[marks\]\n", "[marks]\nyear = { 20x6 = {} }\n", "exam year"),
    ],
)
def test_a_wrong_marks_table_is_named(
    pattern: str, replacement: str, fragment: str, tmp_path: Path
) -> None:
    rules_dir = _copy_with(tmp_path, "national.toml", pattern, replacement)
    with pytest.raises(RulesError, match=re.escape(fragment)) as err:
        load_rules("", rules_dir, exam_year=2026)
    assert "national.toml" in str(err.value)

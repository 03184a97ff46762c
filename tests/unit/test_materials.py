"""Extraction and cross-checks of the materials beyond the first six (docs/materials.md)."""

from __future__ import annotations

from datetime import date

import pytest

from models import ApplicantForm, Assistant, Education, Exam, Rules
from pipeline.rules import load_rules
from stages import classify, crosscheck, form_checks, materials, textnorm
from stages.looks import Look

ID = "12010119970125746" + "7"  # valid check character (the CONTRACT example's corrected)
OTHER_ID = "120104199502130016"
QUAL = "2019" + "12" + "2" + "10" + ID
FORM = ApplicantForm(
    applicant_id="2026120000017",
    name="欧阳晓彧",
    id_type="resident_id",
    id_number=ID,
    gender="女",
    birth_date="1997-01-25",
    exam=Exam("110", "临床", "执业医师"),
    education=Education(
        "专科", "天津医学高等专科学校", "临床医学", "2017-07", "107691201706000123"
    ),
    work_unit="天津市第一中心医院",
    assistant=Assistant("2019-12", QUAL, "112120000012345", "2020-03"),
)
RULES = load_rules("天津市", exam_year=2026, opens=date(2026, 1, 5))


def check(slot: str, *texts: str, form: ApplicantForm = FORM, conf: float = 0.99) -> dict:
    from tests.fakes import rows

    readings = materials.extract(slot, rows(*texts, confidence=conf))
    ctx = crosscheck.Context(form, slot, f"uploads/x/{slot}/a.jpg", date(2026, 1, 31), RULES)
    found: dict[str, str] = {}
    for f in materials.crosscheck(ctx, readings):
        # a field can be judged twice (form value, then a rule): keep the worst
        if found.get(f.field, "pass") == "pass":
            found[f.field] = f.status
    return found


def test_a_held_card_printed_too_small_is_not_passed_even_when_read() -> None:
    from dataclasses import replace

    def judge(text_px: float | None, rules: Rules = RULES) -> tuple[str, str]:
        from tests.fakes import rows

        readings = materials.extract("id_handheld", rows(f"公民身份号码{ID}"))
        readings["id_number"] = replace(readings["id_number"], text_px=text_px)
        ctx = crosscheck.Context(FORM, "id_handheld", "f", date(2026, 1, 31), rules)
        (f,) = materials.crosscheck(ctx, readings)
        return f.status, f.rule_id

    assert RULES.handheld_min_digit_px == 12  # the national rule (003: 证件内容应清晰可辨)
    assert judge(9.5) == ("unreadable", "id_handheld.id_number.too_small")
    assert judge(18.0) == ("pass", "id_handheld.id_number")
    assert judge(None)[0] == "pass"  # not measured (a PDF page): the number decides
    assert judge(9.5, Rules())[0] == "pass"  # a region without the rule


def test_id_handheld_number_pass_mismatch_unreadable() -> None:
    assert check("id_handheld", "姓名欧阳晓彧", f"公民身份号码{ID}") == {"id_number": "pass"}
    assert check("id_handheld", f"公民身份号码{OTHER_ID}") == {"id_number": "mismatch"}
    assert check("id_handheld", "姓名欧阳") == {"id_number": "unreadable"}  # never a mismatch


def test_degree_level_follows_the_form() -> None:
    text = (
        "学士学位证书",
        "欧阳晓彧，女，1997年1月25日生。在天津医科大学临床医学专业完成了学士学位课程的学习，",
        "授予医学学士学位。",
        "证书编号：1006242020001234",
    )
    bachelor = ApplicantForm(
        "1", name="欧阳晓彧", education=Education("本科", "天津医科大学", "临床医学")
    )
    assert check("degree", *text, form=bachelor) == {
        "name": "pass",
        "school": "pass",
        "education_level": "pass",
    }
    master = ApplicantForm(
        "1", name="欧阳晓彧", education=Education("研究生", "天津医科大学", "临床医学")
    )
    assert check("degree", *text, form=master)["education_level"] == "mismatch"


RECORD = (
    "教育部学历证书电子注册备案表",
    "更新日期：2025年12月01日",
    "姓名 欧阳晓彧 性别 女",
    f"证件号码 {ID}",
    "出生日期 1997年01月25日",
    "入学日期 2014年09月01日 毕(结)业日期 2017年07月01日",
    "学校名称 天津医学高等专科学校",
    "专业 临床医学 学制 3年",
    "层次 专科 学历类别 普通高等教育",
    "学习形式 普通全日制 毕(结)业 毕业",
    "证书编号 1076 9120 1706 0001 23",
    "校(院)长姓名 张某某",
    "在线验证码 APEVUKH9C8SSGS5D",
    "在线验证报告有效期至 2026年06月01日",
)


def test_diploma_record_rows_with_spaces_as_a_text_layer_gives_them() -> None:
    found = check("diploma_record", *RECORD, conf=1.0)
    assert found == {
        "name": "pass",
        "id_number": "pass",
        "school": "pass",
        "graduation": "pass",
        "diploma_number": "pass",
        "education_level": "pass",
        "verification_code": "pass",
        "validity": "pass",
    }


def test_diploma_record_faults() -> None:
    def with_row(prefix: str, row: str) -> tuple[str, ...]:
        return tuple(row if r.startswith(prefix) else r for r in RECORD)

    assert (
        check("diploma_record", *with_row("在线验证码", "在线验证码 apevukh9c8ss"))[
            "verification_code"
        ]
        == "invalid"
    )
    expired = with_row("在线验证报告", "在线验证报告有效期至 2025年12月31日")
    assert check("diploma_record", *expired)["validity"] == "expired"
    number = with_row("证书编号", "证书编号 1076 9120 1706 0009 99")
    assert check("diploma_record", *number)["diploma_number"] == "mismatch"


def test_assistant_qualification() -> None:
    rows = (
        "医师资格证书",
        "经国家医师资格考试，成绩合格，具有执业助理医师资格。",
        "姓名 欧阳晓彧 性别 女",
        f"身份证件号码 {ID}",
        "资格级别 执业助理医师 资格类别 临床",
        f"资格证书编码 {QUAL}",
    )
    assert check("assistant_qualification", *rows) == {
        "name": "pass",
        "id_number": "pass",
        "qualification_number": "pass",
        "qualification": "pass",
        "category": "pass",
    }
    dental = tuple(r.replace("资格类别 临床", "资格类别 口腔") for r in rows)
    assert check("assistant_qualification", *dental)["category"] == "mismatch"
    other = "2019122" + "10" + OTHER_ID
    changed = tuple(r.replace(QUAL, other) for r in rows)
    assert check("assistant_qualification", *changed)["qualification_number"] == "mismatch"
    # the form and the certificate agree, but the number is someone else's: invalid
    form = ApplicantForm(
        "1", name="欧阳晓彧", id_number=ID, assistant=Assistant("2019-12", other, "", "")
    )
    assert check("assistant_qualification", *changed, form=form)["qualification_number"] == (
        "invalid"
    )


def test_assistant_practice_number_unit_and_cut_off() -> None:
    rows = (
        "医师执业证书",
        "姓名 欧阳晓彧 性别 女",
        f"身份证号 {ID}",
        "医师级别 执业助理医师 执业类别 临床",
        "执业地点 天津市第一中心医院",
        "执业证书编码 112120000012345",
        "发证日期 2020年3月15日",
    )
    assert set(check("assistant_practice", *rows).values()) == {"pass"}
    late = tuple(r.replace("2020年3月15日", "2024年10月8日") for r in rows)
    late_form = ApplicantForm(
        "1",
        name="欧阳晓彧",
        id_number=ID,
        education=Education("专科"),
        work_unit="天津市第一中心医院",
        assistant=Assistant("2019-12", QUAL, "112120000012345", "2024-10"),
    )
    assert check("assistant_practice", *late, form=late_form)["registration"] == "invalid"
    findings = list(form_checks.check_form(late_form, RULES, date(2026, 1, 31)))
    assert {f.field: f.status for f in findings}["registration"] == "invalid"
    moved = tuple(r.replace("天津市第一中心医院", "天津市人民医院") for r in rows)
    assert check("assistant_practice", *moved)["work_unit"] == "mismatch"


def test_practice_period_mentorship_pledge() -> None:
    ppc = (
        "执业助理医师报考执业医师执业期考核证明",
        "姓名欧阳晓彧性别女",
        f"身份证号{ID}",
        "执业机构天津市第一中心医院",
        "考核结果不合格",
    )
    found = check("practice_period_cert", *ppc)
    assert found["result"] == "invalid" and found["work_unit"] == "pass"
    assert check(
        "mentorship_cert", "传统医学师承出师证书", "姓名 欧阳晓彧", f"身份证号 {OTHER_ID}"
    ) == {
        "name": "pass",
        "id_number": "mismatch",
    }
    pledge = check(
        "pledge",
        "应届医学专业毕业生医师资格考试报考承诺书",
        "姓名 欧阳晓彧",
        f"身份证号 {ID}",
        "毕业学校 天津医学高等专科学校 专业 临床医学",
    )
    assert pledge == {"name": "pass", "id_number": "pass", "school": "pass"}


SI = (
    "天津市社会保险个人缴费证明",
    "姓名 欧阳晓彧",
    f"社会保障号码 {ID}",
    "单位名称 天津市第一中心医院",
    "缴费年月 险种 缴费基数 缴费状态",
    "202509 城镇职工基本养老保险 6500.00 已缴",
    "202510 城镇职工基本养老保险 6500.00 已缴",
    "202511 城镇职工基本养老保险 6500.00 已缴",
    "202512 城镇职工基本养老保险 6500.00 已缴",
)


def test_social_insurance_months_and_employer() -> None:
    assert RULES.insurance_months == ("2025-10", "2025-11", "2025-12")
    assert set(check("social_insurance", *SI).values()) == {"pass"}
    unpaid = tuple(r.replace("6500.00 已缴", "6500.00 欠缴") if "202511" in r else r for r in SI)
    assert check("social_insurance", *unpaid)["period"] == "mismatch"
    absent = tuple(r for r in SI if "202512" not in r)
    assert check("social_insurance", *absent)["period"] == "mismatch"
    other = tuple(r.replace("第一中心医院", "第三中心医院") for r in SI)
    assert check("social_insurance", *other)["work_unit"] == "mismatch"


@pytest.mark.parametrize(
    ("category", "subjects", "status"),
    [
        ("口腔", "内科；外科；口腔科", "pass"),
        ("口腔", "内科；外科；儿科", "mismatch"),
        (
            "口腔",
            "内科；外科；口腔利",
            "unreadable",
        ),  # one misread character is not a missing subject
        ("中医", "中医科；内科", "pass"),
    ],
)
def test_licence_subjects_cover_the_exam_category(
    category: str, subjects: str, status: str
) -> None:
    form = ApplicantForm("1", exam=Exam(category=category), work_unit="天津市第一中心医院")
    found = check(
        "licence",
        "医疗机构执业许可证",
        "机构名称 天津市第一中心医院",
        "有效期限 自2020年1月1日至2030年1月1日",
        f"诊疗科目 {subjects}",
        "发证机关 天津市卫生健康委员会",
        form=form,
    )
    assert found["subjects"] == status


def test_wrapped_subjects_are_read_to_the_next_label() -> None:
    from tests.fakes import rows

    r = materials.extract("licence", rows("诊疗科目内科；外科", "儿科；口腔科", "发证机关天津市"))
    assert r["subjects"].value == "内科;外科儿科;口腔科"  # NFKC: full-width ； is ;


@pytest.mark.parametrize(
    ("texts", "slot"),
    [
        (("学士学位证书", "授予医学学士学位", "学位评定委员会主席"), "degree"),
        (RECORD[:3], "diploma_record"),
        (("医师资格证书", "资格级别 执业助理医师", "资格证书编码"), "assistant_qualification"),
        (("医师执业证书", "执业地点", "执业类别"), "assistant_practice"),
        (
            ("执业助理医师报考执业医师执业期考核证明", "执业机构", "考核结果"),
            "practice_period_cert",
        ),
        (("传统医学医术确有专长证书", "姓名"), "mentorship_cert"),
        (("应届医学专业毕业生医师资格考试报考承诺书", "本人承诺"), "pledge"),
        (SI[:5], "social_insurance"),
        (("中医诊所备案证", "诊疗科目"), "licence"),
    ],
)
def test_classify_knows_every_material(texts: tuple[str, ...], slot: str) -> None:
    doc = classify.classify(texts)
    assert doc.best == slot
    assert classify.is_expected(doc, slot) is True
    if slot != "probation_cert":
        assert classify.is_expected(doc, "probation_cert") is False


def test_handheld_card_counts_as_its_material() -> None:
    doc = classify.classify(["姓名欧阳晓彧", "性别女民族汉", f"公民身份号码{ID}"])
    assert classify.is_expected(doc, "id_handheld") is True


def test_liaoning_graduating_student_from_another_province() -> None:
    rules = load_rules("辽宁省", exam_year=2026)

    def status(school: str) -> str:
        form = ApplicantForm(
            "1",
            duty_status="当年毕业研究生",
            education=Education("研究生", school, graduation="2026-06"),
        )
        return {f.field: f.status for f in form_checks.check_form(form, rules, date(2026, 1, 31))}[
            "eligibility"
        ]

    assert status("中国医科大学") == "pass"
    assert status("天津医科大学") == "invalid"


def test_form_qualification_number_must_be_the_holders() -> None:
    form = ApplicantForm(
        "1", id_number=ID, assistant=Assistant("2018-12", QUAL, "12345", "2020-03")
    )
    found = {f.field: f.status for f in form_checks.check_form(form, Rules(), date(2026, 1, 31))}
    assert found["qualification_number"] == "invalid"  # 2019 in the number, 2018 on the form
    assert found["practice_number"] == "invalid"


def test_clinic_record_stands_in_for_the_licence_only_where_the_rules_say() -> None:
    texts = ("中医诊所备案证", "机构名称 天津市和平区张氏中医诊所", "诊疗科目 中医科")
    tcm = ApplicantForm("1", exam=Exam(category="中医"), work_unit="天津市和平区张氏中医诊所")
    clinical = ApplicantForm("1", exam=Exam(category="临床"), work_unit="天津市和平区张氏中医诊所")
    assert check("licence", *texts, form=tcm)["doc_type"] == "pass"
    assert check("licence", *texts, form=clinical)["doc_type"] == "mismatch"


class FakeLook(Look):
    """A closer look whose CTC gap and second-engine reading the test chooses."""

    def __init__(self, gap: float | None, other: str | None) -> None:
        self.gap, self.other = gap, other

    def __call__(self, reading):  # type: ignore[no-untyped-def]
        return None

    def support(self, reading, expected):  # type: ignore[no-untyped-def]
        return None if self.gap is None else [(self.gap, reading.value)]

    def agree(self, reading):  # type: ignore[no-untyped-def]
        from dataclasses import replace

        return None if self.other is None else replace(reading, value=self.other)


@pytest.mark.parametrize(
    ("gap", "other", "status"),
    [
        (-10.0, None, "mismatch"),  # the crop clearly shows another number
        (-10.0, ID, "unreadable"),  # ... but Tesseract reads the form's: a person decides
        (-3.0, OTHER_ID, "mismatch"),  # unsure crop, both engines read the same other number
        (-3.0, ID, "pass"),  # unsure crop, Tesseract reads the form's number: a misread
        (-3.0, None, "unreadable"),
        (0.5, None, "pass"),  # the crop supports the form's number better than the reading
    ],
)
def test_agreement_of_two_engines_and_the_crop(gap: float, other: str | None, status: str) -> None:
    from models import Reading

    reading = Reading("id_number", OTHER_ID, 0.97, "ppocr", box=(0, 0, 10, 10), source=OTHER_ID)
    ctx = crosscheck.Context(FORM, "probation_cert", "f", date(2026, 1, 31), RULES)
    f = crosscheck.compare(ctx, "id_number", ID, reading, crosscheck.same_id, FakeLook(gap, other))
    assert f.status == status


class ShareLook(FakeLook):
    def __init__(self, share: float) -> None:
        super().__init__(None, None)
        self.share = share

    def char_share(self, reading, position):  # type: ignore[no-untyped-def]
        return self.share


def test_question_mark_read_as_an_unsure_look_alike_is_surer_than_a_sure_common_one() -> None:
    from models import Reading

    form = ApplicantForm("1", name="谭蕾?")
    reading = Reading("name", "谭蕾谆", 0.9, "ppocr", box=(0, 0, 10, 10), source="谭蕾谆")
    ctx = crosscheck.Context(form, "diploma", "f", date(2026, 1, 31), RULES)
    unsure, sure = (
        crosscheck.compare(ctx, "name", form.name, reading, crosscheck.same_name, ShareLook(s))
        for s in (0.3, 0.98)
    )
    assert unsure.status == sure.status == "pass"
    assert "生僻字" in unsure.message and "谆" in sure.message
    assert unsure.confidence is not None and sure.confidence is not None
    assert unsure.confidence > sure.confidence


def test_a_hand_held_card_with_only_its_number_legible_is_an_id_card() -> None:
    doc = classify.classify([f"公民身份号码{ID}"[-18:]])
    assert classify.is_expected(doc, "id_handheld") is True
    diploma = classify.classify(["毕业证书", "学生张三，性别男", "证书编号100621202005000123"])
    assert classify.is_expected(diploma, "id_handheld") is False


def test_a_diploma_whose_title_is_lost_is_no_id_card() -> None:
    # a diploma's labels (姓名, 性别, 出生日期) and its 18-digit number look like a card's;
    # the number counts for the card only where its check digit holds, and 校长 is the
    # diploma's (the tenth report's glared diploma, its title unread)
    page = [
        "姓名昝芳丽",
        "性别女",
        "出生日期2002年08月13日",
        "专业口腔医学",
        "学习期限2019年9月至2024年6月",
        "证书编号104401202405006058",
        "校长：武雯婷",
    ]
    doc = classify.classify(page)
    assert classify.is_expected(doc, "diploma") is True
    assert doc.score("id_front") == 3 and doc.score("diploma") == 3
    card = classify.classify(["姓名欧阳晓彧", "性别女", f"公民身份号码{ID}"])
    assert card.score("id_front") == 4


@pytest.mark.parametrize(
    ("read_as", "status"),
    [
        ("北京市房山区乡医院", "unreadable"),  # 良 lost under a seal's edge: characters missing
        ("北京市房山区良乡", "unreadable"),  # a piece of the form's value
        ("北京市房山区长乡医院", "mismatch"),  # a character in place of another is evidence
    ],
)
def test_a_reading_with_characters_missing_is_never_a_mismatch(read_as: str, status: str) -> None:
    from models import Reading

    reading = Reading("work_unit", read_as, 0.95, "ppocr", box=(0, 0, 10, 10), source=read_as)
    ctx = crosscheck.Context(FORM, "assistant_practice", "f", date(2026, 1, 31), RULES)
    unit = "北京市房山区良乡医院"
    f = crosscheck.compare(
        ctx, "work_unit", unit, reading, textnorm.same_institution, FakeLook(-10.0, None)
    )
    assert f.status == status


def _si_months(*texts: str) -> str:
    from tests.fakes import rows

    reading = materials.extract("social_insurance", rows(*texts)).get("period")
    return reading.value if reading else ""


@pytest.mark.parametrize("paid", ["已缴费", "已实缴", "正常缴费", "已到账"])
def test_social_insurance_table_with_serial_column_and_other_status_words(paid: str) -> None:
    """Issuers print a 序号 column first and say 已缴费 / 已实缴 / 正常缴费; the ID label may be
    公民身份号码 on the name's row (issue 15: months were not found, the name ran on)."""
    texts = (
        "社会保险个人参保缴费证明",
        f"姓名 欧阳晓彧 公民身份号码 {ID}",
        f"参保单位名称 天津市第一中心医院 证件号码 {ID}",
        "序号 险种 费款所属期 缴费基数 缴费状态",
        *(f"{i} 城镇职工基本养老保险 2025{m} 6500.00 {paid}" for i, m in enumerate(SI_MONTHS, 1)),
        "打印日期：2026年01月05日",
    )
    assert set(check("social_insurance", *texts).values()) == {"pass"}
    unpaid = tuple(t.replace(paid, "欠费") if t.startswith("2 ") else t for t in texts)
    assert check("social_insurance", *unpaid)["period"] == "mismatch"


SI_MONTHS = ("09", "10", "11", "12")


def test_social_insurance_months_as_a_range_and_dates_that_are_not_months() -> None:
    assert _si_months("缴费年月 缴费状态", "2025年10月至2025年12月 正常缴费") == (
        "2025-10:已缴;2025-11:已缴;2025-12:已缴"
    )
    assert _si_months("打印日期：2025年12月05日", "开具日期 2025-12-05") == ""
    assert _si_months("缴费年月 缴费状态", "2025.9 未足额") == "2025-09:欠缴"


def test_a_proof_in_words_counts_its_months_and_denies_arrears() -> None:
    """参保缴费证明 in words: a line per insurance with its run, 累计缴费N个月 and 无欠缴 (no
    month owed); a count short of the run with the owed month named leaves that one owed."""
    assert _si_months("养老保险：2025年10月至2025年12月，累计缴费3个月，无欠缴。") == (
        "2025-10:已缴;2025-11:已缴;2025-12:已缴"
    )
    assert _si_months(
        "医疗保险：2025年10月至2025年12月，累计缴费2个月，欠缴1个月（2025年11月）。"
    ) == ("2025-10:已缴;2025-11:欠缴;2025-12:已缴")
    assert _si_months("失业保险：2025年10月至2025年12月，有欠缴。") == (
        "2025-10:欠缴;2025-11:欠缴;2025-12:欠缴"
    )


def test_a_value_column_beside_labels_and_other_issuers_wordings() -> None:
    """A query page's 有效期 ends the 诊疗科目 run; a 备案表's 校(院)长 heading a column is no
    graduation date; a name's empty cell over 证件号码 is no name."""
    from tests.fakes import rows

    licence = materials.extract(
        "licence", rows("诊疗科目 内科、中医科、", "外科、儿科", "有效期 2022-09-01至2027-08-31")
    )
    assert licence["subjects"].value == "内科、中医科、外科、儿科"
    record = materials.extract("diploma_record", rows("入学日期 毕（结）业日期 校(院)长"))
    assert "graduation" not in record
    aq = materials.extract(
        "assistant_qualification", rows("姓名 性别 出生日期", "证件号码 资格类别")
    )
    assert "name" not in aq


def test_a_licence_decisions_period_wrapped_after_至_is_read_whole() -> None:
    """准予行政许可决定书: …有效期自2021年8月1日至 / 2026年7月31日。主要负责人…"""
    from tests.fakes import rows

    found = materials.extract(
        "licence",
        rows(
            "41454998412011111A2101），有效期自2021年8月1日至", "2026年7月31日。主要负责人：龚芳芳"
        ),
    )
    assert found["validity"].value == "2026-07-31"


def test_a_licence_period_under_its_label_in_a_label_list_is_read() -> None:
    """有效期限： over 自2022年02月01日 over 至2027年01月31日 (each value under its label)."""
    from models import TextLine
    from stages.read import Row

    grid = [
        [("机构名称：", 40), ("有效期限：", 600)],
        [("天津医科大学第二医院", 40), ("自2022年02月01日", 600)],
        [("地址：", 40), ("至2027年01月31日", 600)],
    ]
    rows = [
        Row(tuple(TextLine(t, 0.99, (x, 40 * k, x + 30 * len(t), 40 * k + 30), "f") for t, x in r))
        for k, r in enumerate(grid)
    ]
    found = materials.extract("licence", rows)
    assert found["validity"].value == "2027-01-31"
    assert found["work_unit"].value == "天津医科大学第二医院"


def test_a_labels_doubled_colon_is_not_the_value() -> None:
    """The recogniser read 参保单位名称：： (two colons); the unit is what follows them, not
    名称：：… (a tuning window's serial-family proof)."""
    from tests.fakes import rows

    found = materials.extract("social_insurance", rows("参保单位名称：：天津市北辰医院"))
    assert found["work_unit"].value == "天津市北辰医院"


def test_licence_subjects_above_a_label_centred_in_its_merged_cell_are_read() -> None:
    from stages import materials
    from tests.fakes import rows

    page = rows(
        "有效期限 2020-07-05至2025-07-04",
        "01预防保健科03内科50中医科",
        "04外科05妇产科07儿科",
        "诊疗科目10眼科12口腔科",
        "13皮肤科",
        "发证机关天津市卫生健康委员会",
    )
    got = materials.extract("licence", page)["subjects"].value
    assert got.startswith("01预防保健科03内科50中医科") and got.endswith("13皮肤科")


def test_a_value_in_the_cell_under_its_label_is_read_and_another_label_is_not() -> None:
    from models import TextLine
    from stages import materials
    from stages.read import Row

    def cells(y: int, *texts: str) -> Row:
        return Row(tuple(TextLine(t, 0.99, (300 * i, y, 300 * i + 200, y + 30), "fake")
                         for i, t in enumerate(texts)))  # fmt: skip

    page = [
        cells(0, "证件号码", "学制"),
        cells(40, "120101200507222063", "3年"),
        cells(80, "入学日期", "毕（结）业日期"),
        cells(120, "2020-09-01", "2023-06-30"),
        cells(160, "在线验证码"),
        cells(200, "YSZJ2Q2KDBVX3CXL"),
    ]
    got = materials.extract("diploma_record", page)
    assert got["graduation"].value == "2023-06"
    assert got["verification_code"].value == "YSZJ2Q2KDBVX3CXL"
    assert got["id_number"].value == "120101200507222063"
    bare = [cells(0, "学校名称"), cells(40, "专业", "针灸推拿")]  # the next row is a label
    assert "school" not in materials.extract("diploma_record", bare)


def test_a_social_insurance_grid_printing_name_and_id_number_is_no_id_card() -> None:
    """参保人员缴费证明 as a month grid: 姓名, 公民身份号码 and the number, like an ID card's
    front, but its insurances and 参保 say what it is (was taken for an ID card under 其他)."""
    page = [
        "参保人员缴费证明",
        "姓名热依拉·吐尔逊公民身份号码652801199612109861",
        "参保单位天津市北辰医院",
        "城镇职工基本养老保险",
        "年度2345",
        "2025√√√7400.00",
        "2025年12月25日",
    ]
    assert classify.classify(page).best == "social_insurance"


def test_a_social_insurance_grid_of_month_marks_gives_its_months() -> None:
    """年度 | 1 … 12 over a row per year, √ or × in a month's cell; the header's numbers
    the recogniser missed (1, 6, 7) leave their columns' places known."""
    from models import TextLine
    from stages.read import Row

    def row(y: int, cells: list[tuple[int, str]]) -> Row:
        return Row(tuple(TextLine(t, 0.99, (x - 10, y, x + 10, y + 30), "f") for x, t in cells))

    col = {m: 100 + 50 * m for m in range(1, 13)}
    header = row(0, [(40, "年度")] + [(col[m], str(m)) for m in (2, 3, 4, 5, 8, 9, 10, 11, 12)])
    marks = [(col[m], "√") for m in (8, 9, 10, 11)] + [(col[12], "×")]
    page = [
        row(-80, [(100, "参保人员缴费证明")]),
        header,
        row(40, [(40, "2025"), *marks, (800, "8700.00")]),
    ]
    got = dict(
        kv.split(":")
        for kv in materials.extract("social_insurance", page)["period"].value.split(";")
    )
    paid = {f"2025-{m:02d}": "已缴" for m in (8, 9, 10, 11)}
    assert {k: v for k, v in got.items() if v != "?"} == {**paid, "2025-12": "欠缴"}
    assert got["2025-07"] == "?"  # no mark read in its cell: unknown, not unpaid


def test_month_cards_side_by_side_give_each_status_its_cards_month() -> None:
    """An app-view statement: month headings (2025年05月 | 2025年06月) over cards whose rows
    name an insurance, its base and its status; the summary line under them is no card."""
    from models import TextLine
    from stages.read import Row

    def row(y: int, cells: list[tuple[int, str]]) -> Row:
        return Row(tuple(TextLine(t, 0.99, (x, y, x + 20 * len(t), y + 30), "f") for x, t in cells))

    def card_rows(y: int, first: str, second: str, s1: str, s2: str) -> list[Row]:
        return [
            row(y, [(100, first), (500, second)]),
            row(
                y + 40,
                [
                    (100, "养老保险"),
                    (250, "5600.00"),
                    (380, s1),
                    (500, "养老保险"),
                    (650, "5600.00"),
                    (780, s2),
                ],
            ),  # fmt: skip
        ]

    page = [
        row(0, [(100, "姓名"), (200, "金琳")]),
        *card_rows(100, "2025年09月", "2025年10月", "已缴费", "已缴费"),
        *card_rows(200, "2025年11月", "2025年12月", "已缴费", "欠费"),
        row(300, [(100, "共4个月，全部险种已缴费3个月。")]),
    ]
    period = materials.extract("social_insurance", page)["period"].value
    assert period == "2025-09:已缴;2025-10:已缴;2025-11:已缴;2025-12:欠缴"


def test_months_read_without_their_states_are_no_evidence_of_a_month_missing() -> None:
    """The reader found months but lost every state (?): the months it did not find are
    unreadable too, never a mismatch; with the states read, a missing month is one."""
    ok = ("缴费年月 险种 缴费基数 缴费状态", "202512 养老保险 6500.00 已缴")
    lost = ("缴费年月 险种 缴费基数", "202509 养老保险 6500.00", "202511 养老保险 6500.00")
    assert check("social_insurance", *SI[:4], *lost)["period"] == "unreadable"
    assert check("social_insurance", *SI[:4], *ok)["period"] == "mismatch"


def test_a_diplomas_name_label_whose_name_is_hidden_is_no_name() -> None:
    page = ["毕业证书", "学生姓名", "性别女", "出生日期2000年2月15日"]
    from tests.fakes import rows

    assert "name" not in materials.extract("diploma", rows(*page))
    assert materials.extract("diploma", rows("学生王芳，性别女"))["name"].value == "王芳"


def test_a_two_column_licence_copy_is_read_by_column() -> None:
    """A 副本 with two label columns: the unit stops at 诊疗科目 on its row, the numbered
    list goes on beside the left column's labels, and 有效期限's end stands under its start."""
    from models import TextLine
    from stages import materials
    from stages.read import Row

    def row(y: int, *cells: tuple[int, str]) -> Row:
        return Row(tuple(TextLine(t, 0.99, (x, y, x + 20 * len(t), y + 40), "fake")
                         for x, t in cells))  # fmt: skip

    page = [
        row(0, (180, "机构名称"), (340, "天津市中医药研究院附属医院"), (780, "诊疗科目"),
            (900, "1. 预防保健科"), (1120, "8. 耳鼻咽喉科")),
        row(45, (910, "2.内科"), (1120, "9.皮肤科")),
        row(90, (180, "地址"), (340, "天津市红桥区北马路354号"), (910, "3. 中医科"),
            (1120, "10.精神科")),
        row(135, (910, "4. 外科")),
        row(180, (180, "登记号"), (340, "PDY09113412010612A2102"), (780, "有效期限"),
            (910, "自2023年7月1日")),
        row(225, (910, "至2028年6月30日")),
    ]  # fmt: skip
    got = materials.extract("licence", page)
    assert got["work_unit"].value == "天津市中医药研究院附属医院"
    assert "3.中医科" in got["subjects"].value and "4.外科" in got["subjects"].value
    assert "登记号" not in got["subjects"].value
    assert got["validity"].value == "2028-06-30"


def test_a_licence_unit_run_on_into_its_subjects_column_is_cut_before_them() -> None:
    from stages import materials
    from tests.fakes import rows

    line = "机构名称：天津市武清区人民医院预防保健科;内科;中医科;"
    got = materials.extract("licence", rows(line))
    assert got["work_unit"].value == "天津市武清区人民医院"
    alone = materials.extract("licence", rows("机构名称：天津市口腔医院"))
    assert alone["work_unit"].value == "天津市口腔医院"


def test_a_licence_unit_ends_where_its_subjects_line_read_on_its_own_starts() -> None:
    """…卫生院分院 | 全科医疗科；内科；预防保健科；: the subjects' first line, read as a line of
    its own, ends the unit; 分院 is no subject (a branch's licence names the branch)."""
    from models import TextLine
    from stages.read import Row

    def line(text: str, x: int, y: int) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + 30 * len(text), y + 36), "fake")

    row = Row(
        (
            line("机构名称", 119, 227),
            line("北京市密云区溪翁庄镇卫生院分院", 262, 225),
            line("全科医疗科；内科；预防保健科；", 715, 205),
        )
    )
    got = materials.extract("licence", [row])
    assert got["work_unit"].value == "北京市密云区溪翁庄镇卫生院分院"


def test_a_subjects_label_read_in_two_boxes_does_not_stop_the_reading() -> None:
    """诊疗 | 科目 in two boxes: no label box to place a column by; the list is still read."""
    from models import TextLine
    from stages import materials
    from stages.read import Row

    row = Row((TextLine("诊疗", 0.9, (0, 0, 40, 20), "f"),
               TextLine("科目 内科、外科", 0.9, (45, 0, 200, 20), "f")))  # fmt: skip
    assert materials.extract("licence", [row])["subjects"].value == "内科、外科"

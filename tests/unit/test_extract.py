from __future__ import annotations

from dataclasses import replace
from datetime import date

from models import ApplicantForm, Education, Reading, Rules, TextLine
from models.checks import Variant
from stages import classify, crosscheck, materials
from stages.looks import Look
from stages.read import Row
from tests.fakes import FnLook, rows

FORM = ApplicantForm(
    applicant_id="2026120000017",
    name="欧阳晓彧",
    id_type="resident_id",
    id_number="120101199701257460",
    gender="女",
    birth_date="1997-01-25",
    education=Education(
        "本科", "天津医科大学", "临床医学", "2020-06", "100621202005000123", "全日制"
    ),
    work_unit="天津市第一中心医院",
)


def ctx(slot: str) -> crosscheck.Context:
    return crosscheck.Context(FORM, slot, f"uploads/x/{slot}/a.jpg", date(2026, 1, 31), Rules())


def statuses(slot: str, readings: dict) -> dict[str, str]:
    return {f.field: f.status for f in materials.crosscheck(ctx(slot), readings)}


def test_id_front_fields_survive_dropped_spaces_and_traditional_label() -> None:
    r = materials.extract(
        "id_front",
        rows(
            "姓名欧阳晓彧",
            "性別女民族汉",
            "出生1997年1月25日",
            "住址天津市和平区",
            "公民身份号码120101199701257460",
        ),
    )
    assert r["name"].value == "欧阳晓彧"
    assert r["gender"].value == "女"
    assert r["birth_date"].value == "1997-01-25"
    assert r["id_number"].value == "120101199701257460"
    assert set(statuses("id_front", r).values()) == {"pass"}


def test_confident_different_name_is_mismatch_but_unsure_one_is_unreadable() -> None:
    sure = materials.extract("id_front", rows("姓名欧阳晓明", confidence=0.99))
    unsure = materials.extract("id_front", rows("姓名欧阳晓明", confidence=0.5))
    assert statuses("id_front", sure)["name"] == "mismatch"
    assert statuses("id_front", unsure)["name"] == "unreadable"


def test_misread_id_number_failing_its_checksum_is_unreadable_not_mismatch() -> None:
    r = materials.extract("id_front", rows("公民身份号码120101199701257461"))
    assert statuses("id_front", r)["id_number"] == "unreadable"


def test_second_look_that_agrees_with_the_form_passes() -> None:
    first = materials.extract("id_front", rows("姓名欧阳晓明"))
    again = materials.extract("id_front", rows("姓名欧阳晓彧"))["name"]
    found = {
        f.field: f for f in materials.crosscheck(ctx("id_front"), first, FnLook(lambda r: again))
    }
    assert found["name"].status == "pass"


def test_question_mark_in_form_name_matches_any_one_character() -> None:
    form = ApplicantForm(applicant_id="1", name="王?明")
    c = crosscheck.Context(form, "id_front", "f", date(2026, 1, 31), Rules())
    r = materials.extract("id_front", rows("姓名王䶮明"))
    assert (
        crosscheck.compare(c, "name", form.name, r["name"], crosscheck.same_name).status == "pass"
    )


def test_minority_name_dot_dropped_by_ocr_still_matches() -> None:
    form = ApplicantForm(applicant_id="1", name="阿依古丽·买买提")
    c = crosscheck.Context(form, "id_front", "f", date(2026, 1, 31), Rules())
    r = materials.extract("id_front", rows("姓名阿依古丽买买提"))
    assert (
        crosscheck.compare(c, "name", form.name, r["name"], crosscheck.same_name).status == "pass"
    )


def test_id_back_expiry_against_reference_date() -> None:
    ok = materials.extract("id_back", rows("有效期限2016.03.01-2036.03.01"))
    old = materials.extract("id_back", rows("有效期限2005.03.01-2025.03.01"))
    forever = materials.extract("id_back", rows("有效期限2010.03.01-长期"))
    assert statuses("id_back", ok)["validity"] == "pass"
    assert statuses("id_back", old)["validity"] == "expired"
    assert statuses("id_back", forever)["validity"] == "pass"


def test_a_labels_colon_is_never_its_value() -> None:
    r = materials.extract("social_insurance", rows("姓名：贺敏敏", "单位名称：", "缴费年月"))
    assert r["name"].value == "贺敏敏" and "work_unit" not in r
    r = materials.extract("probation_cert", rows("姓名万浩性别男", "试用机构："))
    assert "work_unit" not in r


def test_a_seals_lettering_after_the_diploma_names_comma_is_not_the_name() -> None:
    r = materials.extract("diploma", rows("学生尉迟敏诗,业性别女，1999年8月17日生，于"))
    assert r["name"].value == "尉迟敏诗" and r["gender"].value == "女"
    assert materials.extract("diploma", rows("学生张三性别男"))["name"].value == "张三"


def test_a_diploma_printed_as_a_form_gives_the_name_under_or_beside_its_label() -> None:
    """No running text (学生…，性别…): 姓名 Name over the name, or 姓名：name beside it."""

    def line(text: str, x: int, y: int) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + 30 * len(text), y + 30), "fake")

    grid = [
        Row((line("姓名 Name", 10, 0), line("性别 Sex", 400, 0))),
        Row((line("咎然轩", 14, 40), line("男", 404, 40))),
        Row((line("专业 Major", 10, 80),)),
        Row((line("临床医学", 14, 120),)),
    ]
    assert materials.extract("diploma", grid)["name"].value == "咎然轩"
    beside = materials.extract("diploma", rows("姓名：张三 出生日期：2001年1月1日"))
    assert beside["name"].value == "张三"


def test_a_change_records_former_unit_is_not_the_unit() -> None:
    """A 执业证书's 变更注册 record prints 原执业地点 and 现执业地点: the unit is the current
    one."""
    page = rows("执业地点 天津中医药大学第一附属医院", "变更注册记录", "变更事项 执业地点")
    changed = rows(
        "变更注册记录", "原执业地点 天津中医药大学第一附属医院", "现执业地点 天津市南开医院"
    )
    assert materials.extract("assistant_practice", page)["work_unit"].value == (
        "天津中医药大学第一附属医院"
    )
    assert materials.extract("assistant_practice", changed)["work_unit"].value == "天津市南开医院"


def test_an_annual_assessment_table_gives_a_grade_never_its_header() -> None:
    """执业期考核证明 as a 考核表: 考核年度 | 考核结果 | 备注 | 执业期考核结论 over a row per year;
    the unit under 执业地点."""

    def line(text: str, x: int, y: int) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + 30 * len(text), y + 30), "fake")

    page = [
        Row(
            (
                line("执业地点 天津市南开医院", 10, 0),
                line("执业期间 2021年10月4日至2026年1月15日", 600, 0),
            )
        ),
        Row(
            (
                line("考核年度", 10, 40),
                line("考核结果", 200, 40),
                line("备注", 400, 40),
                line("执业期考核结论:", 600, 40),
            )
        ),  # fmt: skip
        Row((line("2021年度", 10, 80), line("合格", 205, 80), line("合格", 640, 80))),
        Row((line("2022年度", 10, 120), line("优秀", 205, 120))),
    ]
    r = materials.extract("practice_period_cert", page)
    assert r["result"].value == "合格" and r["work_unit"].value == "天津市南开医院"
    # 考核结果 lost from the header: the conclusion's grade a row further down its column
    header = Row((page[1].lines[0], *page[1].lines[2:]))
    lost = [page[0], header, Row(page[2].lines[:1]), page[3], page[2]]
    assert materials.extract("practice_period_cert", lost)["result"].value == "合格"


def test_a_records_code_before_its_验证有效期至_on_one_row() -> None:
    r = materials.extract(
        "diploma_record", rows("在线验证码 DDAFYXC3UVD3BBNX 验证有效期至 2026.07.09")
    )
    assert r["verification_code"].value == "DDAFYXC3UVD3BBNX"
    assert r["validity"].value == "2026-07-09"


def test_diploma_study_period_with_its_至_lost() -> None:
    r = materials.extract(
        "diploma", rows("学生金洁琪，性别女，2001年11月10日生，于", "2019年9月2024年7月在本校")
    )
    assert r["graduation"].value == "2024-07"
    assert r["birth_date"].value == "2001-11-10"


def test_diploma_paragraph_and_number_level_code() -> None:
    r = materials.extract(
        "diploma",
        rows(
            "普通高等学校",
            "毕业证书",
            "学生欧阳晓彧，性别女，1997年1月25日生，于2015年9月",
            "至2020年6月在本校临床医学专业五年制本科学习，修完教学计划规定的全部课程，",
            "成绩合格，准予毕业。",
            "天津医科大学",
            "证书编号：100621202005000123",
        ),
    )
    assert r["name"].value == "欧阳晓彧"
    assert r["major"].value == "临床医学"
    assert r["graduation"].value == "2020-06"
    assert r["school"].value == "天津医科大学"
    assert r["diploma_number"].value == "100621202005000123"
    found = statuses("diploma", r)
    assert set(found.values()) == {"pass"}, found
    r06 = dict(r)
    r06["diploma_number"] = materials.extract("diploma", rows("证书编号：100621202006000123"))[
        "diploma_number"
    ]
    assert statuses("diploma", r06)["education_level"] == "mismatch"


def test_licence_name_must_match_exactly_up_to_spacing_and_width() -> None:
    same = materials.extract(
        "licence", rows("机构名称 天津市第一中心医院", "有效期限自2022年01月01日至2027年12月31日")
    )
    other = materials.extract(
        "licence", rows("机构名称天津市第二中心医院", "有效期限自2020年01月01日至2025年12月31日")
    )
    assert statuses("licence", same) == {"work_unit": "pass", "validity": "pass"}
    assert statuses("licence", other) == {"work_unit": "mismatch", "validity": "expired"}


def test_probation_table_rows() -> None:
    r = materials.extract(
        "probation_cert",
        rows(
            "医师资格考试试用期考核证明",
            "姓名欧阳晓彧性别女",
            "身份证号120101199701257460",
            "试用机构天津市第一中心医院",
            "试用时间2024年07月01日至2025年06月30日",
            "考核结果合格",
        ),
    )
    assert set(statuses("probation_cert", r).values()) == {"pass"}
    short = materials.extract(
        "probation_cert", rows("试用时间2024年07月01日至2025年01月31日", "考核结果不合格")
    )
    found = statuses("probation_cert", short)
    assert found["period"] == "invalid" and found["result"] == "invalid"


def test_classify_spots_the_wrong_document() -> None:
    diploma_text = ["毕业证书", "学生张三，性别男", "准予毕业", "证书编号：100621202005000123"]
    doc = classify.classify(diploma_text)
    assert doc.best == "diploma"
    assert classify.is_expected(doc, "id_front") is False
    assert classify.is_expected(doc, "diploma") is True
    assert classify.is_expected(classify.classify(["模糊"]), "id_front") is None


def test_number_is_not_extended_by_a_neighbour_on_the_same_row() -> None:
    from models import TextLine
    from stages.read import Row

    row = Row(
        (
            TextLine("证书编号：100621202005000123", 0.99, (10, 600, 400, 640), "fake"),
            TextLine("2020年6月30日", 0.99, (420, 600, 600, 640), "fake"),
        )
    )
    r = materials.extract("diploma", [row])
    assert r["diploma_number"].value == "100621202005000123"


def test_portrait_noise_beside_the_name_is_not_part_of_it() -> None:
    from models import TextLine
    from stages.read import Row

    row = Row(
        (
            TextLine("姓名卢鹏", 0.99, (10, 10, 200, 40), "fake"),
            TextLine("2", 0.6, (600, 10, 620, 40), "fake"),
        )
    )
    assert materials.extract("id_front", [row])["name"].value == "卢鹏"
    assert materials.extract("id_front", rows("姓名林艳蕾1"))["name"].value == "林艳蕾"


def test_a_rare_character_the_engine_cannot_output_never_makes_a_mismatch() -> None:
    form = ApplicantForm(applicant_id="1", name="尉迟浩𫖯")
    charset = frozenset("尉迟浩頫顺频王")
    c = crosscheck.Context(form, "id_front", "f", date(2026, 1, 31), Rules(), charset)
    r = materials.extract("id_front", rows("姓名尉迟浩頫", confidence=0.99))
    assert (
        crosscheck.compare(c, "name", form.name, r["name"], crosscheck.same_name).status == "pass"
    )
    other = materials.extract("id_front", rows("姓名王迟浩頫", confidence=0.99))
    found = crosscheck.compare(c, "name", form.name, other["name"], crosscheck.same_name)
    assert found.status == "mismatch"


def test_a_single_character_box_joins_its_row() -> None:
    from models import TextLine
    from stages.read import group_rows

    lines = [
        TextLine("性别", 0.99, (10, 100, 80, 140), "fake"),
        TextLine("男", 0.99, (100, 106, 126, 132), "fake"),
        TextLine("民族汉", 0.99, (200, 101, 300, 141), "fake"),
        TextLine("出生", 0.99, (10, 170, 80, 210), "fake"),
    ]
    grouped = group_rows(lines)
    assert [r.text for r in grouped] == ["性别男民族汉", "出生"]
    assert materials.extract("id_front", grouped)["gender"].value == "男"


def test_traditional_variant_from_the_recogniser_is_the_same_name() -> None:
    form = ApplicantForm(applicant_id="1", name="黄俊")
    c = crosscheck.Context(form, "id_front", "f", date(2026, 1, 31), Rules())
    r = materials.extract("id_front", rows("姓名黃俊"))
    found = crosscheck.compare(c, "name", form.name, r["name"], crosscheck.same_name)
    assert found.status == "pass" and found.observed == "黃俊"  # reported as read
    rare = materials.extract("id_front", rows("姓名尉迟浩頫"))
    f2 = ApplicantForm(applicant_id="1", name="尉迟浩𫖯")
    c2 = crosscheck.Context(f2, "id_front", "f", date(2026, 1, 31), Rules())
    assert (
        crosscheck.compare(c2, "name", f2.name, rare["name"], crosscheck.same_name).status == "pass"
    )


def test_question_mark_read_as_a_common_character_passes_and_names_it() -> None:
    # 002: "?" stands for a character the form cannot type; the region completes those names
    # with the national centre, so a look-alike read there is noted, not sent to review
    form = ApplicantForm(applicant_id="1", name="萧薇?")
    c = crosscheck.Context(form, "diploma", "f", date(2026, 1, 31), Rules())
    common = materials.extract("id_front", rows("姓名萧薇建"))
    rare = materials.extract("id_front", rows("姓名萧薇𬭚"))
    other = materials.extract("id_front", rows("姓名萧蔷建"))
    found = crosscheck.compare(c, "name", form.name, common["name"], crosscheck.same_name)
    assert found.status == "pass" and "建" in found.message
    assert found.variant is Variant.UNKNOWN_TYPABLE
    sure = crosscheck.compare(c, "name", form.name, rare["name"], crosscheck.same_name)
    assert sure.status == "pass"
    assert found.confidence is not None and sure.confidence is not None
    assert found.confidence < sure.confidence
    # the characters the form does give must still agree
    assert crosscheck.compare(c, "name", form.name, other["name"], crosscheck.same_name).status in (
        "mismatch",
        "unreadable",
    )


def test_a_common_character_at_a_question_mark_must_agree_with_the_other_documents() -> None:
    form = ApplicantForm(applicant_id="1", name="曹?")

    def found(slot: str, read: str) -> crosscheck.Finding:
        c = crosscheck.Context(form, slot, f"uploads/1/{slot}/a.jpg", date(2026, 1, 31), Rules())
        r = materials.extract("id_front", rows("姓名" + read))["name"]
        return crosscheck.compare(c, "name", form.name, r, crosscheck.same_name)

    def statuses(*reads: tuple[str, str]) -> list[str]:
        done = crosscheck.unknown_characters_agree([found(slot, r) for slot, r in reads])
        return [f.status for f in done]

    # the ID card shows the untypable 䶮, the pledge a clearly different common character
    assert statuses(("id_front", "曹䶮"), ("pledge", "曹芳")) == ["pass", "unreadable"]
    # the same look-alike read on every document (䶮 as 龚) is the character the form lacks
    assert statuses(("id_front", "曹龚"), ("pledge", "曹龚")) == ["pass", "pass"]
    # traditional and simplified forms are one character (頫 is 𫖯's traditional form)
    form = ApplicantForm(applicant_id="1", name="顾?")
    assert statuses(("id_front", "顾𫖯"), ("diploma", "顾頫")) == ["pass", "pass"]
    # a single document has nothing to disagree with
    form = ApplicantForm(applicant_id="1", name="曹?")
    assert statuses(("pledge", "曹芳")) == ["pass"]

    # with the crops at hand: only a crop that clearly shows none of the other documents'
    # characters is sent to review (𬇙 read 贝 here, 测 there: 测's crop supports 贝 too)
    def rescored(gap: float | None) -> list[str]:
        asked: list[str] = []

        def rescore(f: crosscheck.Finding, alternative: str) -> float | None:
            asked.append(alternative)
            return gap

        found_ = [found("id_front", "曹䶮"), found("pledge", "曹芳")]
        done = crosscheck.unknown_characters_agree(found_, rescore)
        assert asked == ["曹䶮"]
        return [f.status for f in done]

    assert rescored(-9.0) == ["pass", "unreadable"]
    assert rescored(-2.0) == ["pass", "pass"]
    assert rescored(None) == ["pass", "pass"]  # no crop to judge: no review on this ground


def test_id_front_name_after_a_clipped_label_box() -> None:
    label = TextLine("名", 0.99, (15, 0, 45, 30), "fake")
    value = TextLine("欧阳晓彧", 0.99, (80, 0, 200, 30), "fake")
    r = materials.extract("id_front", [Row((label, value)), *rows("", "性别女民族汉")[1:]])
    assert r["name"].value == "欧阳晓彧"
    # a name that merely starts with 名 on an unlabelled line is not taken for the label
    assert "name" not in materials.extract("id_front", rows("名城大道"))


def test_diploma_heading_read_in_traditional_forms_is_not_the_school() -> None:
    r = materials.extract(
        "diploma",
        rows("中等職業学校", "毕业证书", "学生魏薇，性别女，1994年10月9日生", "北京市实验职业学校"),
    )
    assert r["school"].value == "北京市实验职业学校"


class _Support(Look):
    """A second look whose crop favours the reading over the form's value by `gap` nats."""

    def __init__(self, gap: float) -> None:
        self.gap = gap

    def __call__(self, reading: object) -> None:
        return None

    def support(self, reading: Reading, expected: str) -> list[tuple[float, str]]:
        return [(-self.gap, reading.value)]


def test_prior_odds_follow_how_rare_each_character_is() -> None:
    def judge(form_name: str, read: str, gap: float) -> str:
        form = ApplicantForm(applicant_id="1", name=form_name)
        c = crosscheck.Context(form, "id_front", "f", date(2026, 1, 31), Rules())
        r = materials.extract("id_front", rows("姓名" + read))["name"]
        look = _Support(gap)
        return crosscheck.compare(c, "name", form_name, r, crosscheck.same_name, look).status

    # 赟 (outside GB 2312) read as 赞: a crop leaning 3.5 nats to 赞 is still a misread
    assert judge("吴赟", "吴赞", 3.5) == "pass"
    assert judge("吴赟", "吴赞", 12.0) == "mismatch"
    # two characters equally common get no such odds
    assert judge("张伟", "张明", 0.5) == "pass"
    assert judge("张伟", "张明", 3.5) == "unreadable"
    # a rarer character read where the form has a common one is likely printed: 哓 for 晓
    assert judge("韩哓薇", "韩晓薇", 0.7) == "pass"
    assert judge("韩晓薇", "韩哓薇", 0.7) == "unreadable"


class _Looks(Look):
    """A second look that scored the crop twice: as first read, and washed of a seal where
    it read `washed` (gap in nats against each)."""

    def __init__(self, gap: float, washed: str) -> None:
        self.gap, self.washed = gap, washed

    def __call__(self, reading: object) -> None:
        return None

    def support(self, reading: Reading, expected: str) -> list[tuple[float, str]]:
        return [(-8.0, reading.value), (-self.gap, self.washed)]


class _Wild(Look):
    """A second look that records what it was asked to score and answers with `gap`."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.asked: list[str] = []

    def __call__(self, reading: object) -> None:
        return None

    def support(self, reading: Reading, expected: str) -> list[tuple[float, str]]:
        self.asked.append(expected)
        return [(self.gap, reading.value)]


def test_a_question_mark_left_out_of_the_reading_is_scored_as_any_character() -> None:
    form = ApplicantForm(applicant_id="1", name="钟?")
    c = crosscheck.Context(form, "probation_cert", "f", date(2026, 1, 31), Rules())
    r = materials.extract("id_front", rows("姓名钟"))["name"]  # the `?` character under a seal
    look = _Wild(-0.5)
    found = crosscheck.compare(c, "name", "钟?", r, crosscheck.same_name, look)
    assert found.status == "pass" and look.asked == ["钟" + crosscheck.WILDCARD]
    # no character there that the crop supports: only a piece of the name was read
    found = crosscheck.compare(c, "name", "钟?", r, crosscheck.same_name, _Wild(-4.0))
    assert found.status == "unreadable" and found.variant is Variant.PARTIAL


def test_each_look_gets_the_prior_odds_of_what_it_read() -> None:
    form = ApplicantForm(applicant_id="1", name="禚璐婷")
    c = crosscheck.Context(form, "id_front", "f", date(2026, 1, 31), Rules())
    r = materials.extract("id_front", rows("姓名璐婷"))["name"]  # 禚 lost under a seal's edge

    def judge(gap: float, washed: str) -> str:
        return crosscheck.compare(
            c, "name", "禚璐婷", r, crosscheck.same_name, _Looks(gap, washed)
        ).status

    # washed, the crop reads 锰璐婷: 禚 (GB 2312 level 2) against 锰 (level 1) gets 1.5 nats
    assert judge(2.4, "锰璐婷") == "pass"
    # the same gap against a character as rare as the form's gets no such odds
    assert judge(2.4, "鍪璐婷") == "unreadable"
    # the first reading's competitor (a shorter name) gets none either
    assert judge(2.4, "璐婷") == "unreadable"


def test_an_empty_name_field_is_not_read_as_the_next_label() -> None:
    assert "name" not in materials.extract("probation_cert", rows("姓名性别女"))
    assert "name" not in materials.extract("practice_period_cert", rows("姓名性别女"))
    assert materials.extract("probation_cert", rows("姓名刘雨性别女"))["name"].value == "刘雨"


def test_a_piece_of_the_seals_ring_is_not_taken_for_the_issuer() -> None:
    r = materials.extract(
        "diploma",
        rows("学生仉楠，性别女，1998年7月28日生，于", "准予毕业。", "医科大学", "新疆医科大学"),
    )
    assert r["school"].value == "新疆医科大学"
    r = materials.extract(
        "diploma", rows("学生昝杰文，性别男，于", "准予毕业。", "华北理工大学学", "校(院)")
    )
    assert r["school"].value == "华北理工大学"


def test_degree_name_at_the_end_of_a_detected_line() -> None:
    # the detector can split the sentence after the gender, the comma going with the split
    r = materials.extract(
        "degree",
        rows("陆娜霞，女", "1995年10月13日生。在新疆医科大学", "临床医学专业完成了硕士学位"),
    )
    assert r["name"].value == "陆娜霞"


def test_degree_name_needs_the_gender_after_it() -> None:
    r = materials.extract("degree", rows("兹证明，女子学院", "在新疆医科大学"))
    assert "name" not in r


def test_certificate_name_before_a_seals_lettering_read_as_digits() -> None:
    # a seal's ring lettering read as "7" right after the name: not part of it, not a reason
    # to lose the name
    r = materials.extract(
        "assistant_qualification", rows("姓名杨睿超7", "性别男", "身份证件号码120112199307105018")
    )
    assert r["name"].value == "杨睿超"
    r = materials.extract("assistant_qualification", rows("姓名杨睿超7890", "性别男"))
    assert "name" not in r


def test_degree_school_under_a_seal_is_taken_from_the_issuers_line() -> None:
    r = materials.extract(
        "degree",
        rows(
            "彭薇雪，女，1989年11月9日生。在辽宁中医药大",
            "中医骨伤科学专业完成了硕士学位研究生学业，经",
            "予医学硕士学位。",
            "辽宁中医药大学",
            "学位评定委员会主席苏思超",
        ),
    )
    assert r["school"].value == "辽宁中医药大学"


def test_an_english_sub_label_is_part_of_its_label_never_the_value() -> None:
    """资格类别 Category over 临床: the English word is the label's, the value is below."""
    from stages.extract import labelled, sub_label

    stacked = rows("资格级别 Level", "执业助理医师", "资格类别 Category", "临床")
    labels = ("资格级别", "资格类别")
    got = labelled(stacked, "category", "资格类别", labels)
    assert got is not None and got.value == "临床"
    got = labelled(stacked, "qualification", "资格级别", labels)
    assert got is not None and got.value == "执业助理医师"
    assert sub_label("ID No.") and sub_label("Name") and not sub_label("PDY6458621201")
    assert not sub_label("临床") and not sub_label("")
    # a value beside its label is still read there
    beside = labelled(rows("资格类别：临床"), "category", "资格类别", labels)
    assert beside is not None and beside.value == "临床"


def test_a_name_never_runs_on_into_a_contact_label_the_material_does_not_list() -> None:
    from stages.extract import person_fields

    got = person_fields(rows("姓名：慕容联系电话：13800000000"), ("身份证号",), "身份证号")
    assert got["name"].value == "慕容"


def test_a_reading_the_reader_doubts_is_no_mismatch_whatever_its_crop_shows() -> None:
    """The seal's lettering read as the name (专科学 over 禚阳宇), the washed read not
    confirming it: its crop does show 专科学, but that is the seal's, not the name."""
    from dataclasses import replace

    form = ApplicantForm(applicant_id="1", name="禚阳宇")
    c = crosscheck.Context(form, "diploma", "f", date(2026, 1, 31), Rules())
    r = materials.extract("id_front", rows("姓名专科学"))["name"]
    sure = crosscheck.compare(c, "name", "禚阳宇", r, crosscheck.same_name, _Support(12.0))
    assert sure.status == "mismatch"
    doubted = replace(r, confidence=0.0)
    found = crosscheck.compare(c, "name", "禚阳宇", doubted, crosscheck.same_name, _Support(12.0))
    assert found.status == "unreadable"


def test_a_graduation_decades_ahead_is_a_misread_not_a_mismatch() -> None:
    """A glare read 2024 as 2084: no diploma prints a graduation years after the window."""
    from dataclasses import replace

    form = ApplicantForm(applicant_id="1", name="张三")
    c = crosscheck.Context(form, "diploma", "f", date(2026, 1, 31), Rules())
    r = Reading("graduation", "2084-06", 0.99, "fake")
    same = crosscheck.same_month
    assert crosscheck.compare(c, "graduation", "2024-06", r, same, None).status == "unreadable"
    other = replace(r, value="2023-06")
    assert crosscheck.compare(c, "graduation", "2024-06", other, same, None).status == "mismatch"


class _Months(Look):
    """A second look that records the print it was asked to score the form's month as and
    answers with a gap per asked text."""

    def __init__(self, gaps: dict[str, float]) -> None:
        self.gaps = gaps
        self.asked: list[tuple[str, str]] = []

    def __call__(self, reading: object) -> None:
        return None

    def support(self, reading: Reading, expected: str) -> list[tuple[float, str]]:
        self.asked.append((reading.value, expected))
        return [(self.gaps[expected], reading.value)]


def test_a_graduation_month_is_scored_on_the_crop_as_the_line_prints_it() -> None:
    """A glare left 2024 read as 2084 in the running sentence: the form's month scored in
    the line's own format decides (pass when the crop supports it about as well; a crop
    clearly showing another year stays a mismatch)."""
    form = ApplicantForm(applicant_id="1", name="张三")
    c = crosscheck.Context(form, "diploma", "f", date(2026, 1, 31), Rules())
    src = "划规定的全部课程，成绩合格，于2084年7月毕业，"
    r = Reading("graduation", "2084-07", 0.96, "fake", source=src, box=(0, 0, 600, 40))
    same = crosscheck.same_month
    near = _Months({"2024年7": -0.9})
    assert crosscheck.compare(c, "graduation", "2024-07", r, same, near).status == "pass"
    assert near.asked == [("2084年7", "2024年7")]
    printed = replace(r, value="2023-07", source="于2023年7月毕业")
    far = _Months({"2024年7": -17.0})
    assert crosscheck.compare(c, "graduation", "2024-07", printed, same, far).status == "mismatch"
    # a month in Chinese numerals cannot be rewritten: no scoring, decided as before
    cn = replace(r, value="2023-07", source="于二〇二三年七月毕业")
    unasked = _Months({})
    assert crosscheck.compare(c, "graduation", "2024-07", cn, same, unasked).status == "mismatch"
    assert unasked.asked == []


def test_a_slant_grouping_a_label_with_the_next_columns_values_takes_the_value_under_it() -> None:
    """A form printing each label over its value (姓名 | 性别 | 科室 over 古丽米拉·艾买尔 | 女 |
    针灸科): a slanted capture put 姓名 on the row of 女 and 针灸科, which stand under their own
    labels; the name is the line under 姓名, on the probation form and the diploma alike."""

    def line(text: str, x: int, y: int) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + 30 * len(text), y + 30), "fake")

    slanted = [
        Row((line("性别", 340, 0), line("科室", 540, -10))),
        Row((line("姓名", 10, 24), line("女", 345, 32), line("针灸科", 545, 22))),
        Row((line("古丽米拉·艾买尔", 14, 58),)),
        Row((line("证件号码", 10, 100),)),
    ]
    for material in ("probation_cert", "diploma"):
        assert materials.extract(material, slanted)["name"].value == "古丽米拉·艾买尔"
    # a grid printing label and value side by side keeps the value beside its label
    pairs = (("姓名", 10), ("张三", 200), ("性别", 340), ("女", 480))
    beside = [
        Row((line("科室", 10, 0), line("针灸科", 200, 0))),
        Row(tuple(line(text, x, 40) for text, x in pairs)),
    ]
    assert materials.extract("probation_cert", beside)["name"].value == "张三"


def test_a_long_value_under_a_row_of_labels_and_sub_labels_stays_its_labels() -> None:
    """单位名称 | 天津市第一中心医院 under 姓名 … 证件号码 and their English sub-labels: the
    unit reaches under 证件号码's column but stands beside its own label (not under another
    label's middle), and the sub-label under 单位名称 (Employer) is never a value."""

    def line(text: str, x: int, y: int, w: int = 30) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + w * len(text), y + 30), "fake")

    page = [
        Row((line("姓名", 10, 0), line("段芳霞", 120, 0), line("证件号码", 420, 0))),
        Row((line("Name", 10, 34, 15), line("ID No.", 420, 34, 15))),
        Row((line("单位名称", 10, 68), line("天津市第一中心医院", 160, 68, 40))),
        Row((line("Employer", 10, 102, 15),)),
    ]
    assert materials.extract("social_insurance", page)["work_unit"].value == "天津市第一中心医院"


def test_an_id_cards_birth_date_under_the_row_of_gender_and_ethnicity_is_the_birth_date() -> None:
    """性别 男 民族 汉 over 出生 1993年8月24日: the row above holds values, not only labels, so
    the date beside 出生 is its value though 民族 stands over its middle."""

    def line(text: str, x: int, y: int) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + 30 * len(text), y + 30), "fake")

    sex = (("性别", 10), ("男", 100), ("民族", 200), ("汉", 290))
    card = [
        Row((line("姓名", 10, 0), line("张三", 100, 0))),
        Row(tuple(line(t, x, 40) for t, x in sex)),
        Row((line("出生", 10, 80), line("1993年8月24日", 100, 80))),
        Row((line("住址", 10, 120), line("天津市南开区", 100, 120))),
    ]
    assert materials.extract("id_front", card)["birth_date"].value == "1993-08-24"


def test_a_licence_grid_labelling_the_unit_only_名称_gives_the_unit() -> None:
    """A 副本 printed as a grid (名称 | 地址 | 法定代表人): the unit is 名称's value, and a
    seal's lettering read onto its end (康委) is left to the comparison to judge."""
    page = rows("名称 天津市南开医院康委", "地址 天津市南开区长江道6号", "法定代表人 金楠楠")
    r = materials.extract("licence", page)
    assert r["work_unit"].value == "天津市南开医院康委"


def _at(text: str, x: int, y: int, h: int = 22, w: int = 20) -> TextLine:
    return TextLine(text, 0.99, (x, y, x + w * len(text), y + h), "fake")


def test_a_unit_column_in_a_header_row_gives_the_unit_under_it() -> None:
    """参保单位 heading a payment table's column, beside the other columns' names (缴费基数 |
    缴费状态, or the insurance groups over them): the unit is the cell under it."""
    table = [
        Row((_at("养老保险", 500, 0), _at("医疗保险", 800, 0))),
        Row((_at("结算期", 10, 40), _at("参保单位", 150, 40), _at("缴费基数", 500, 40),
             _at("缴费状态", 650, 40))),
        Row((_at("202505", 10, 80), _at("天津医科大学总医院", 150, 80), _at("11900.00", 500, 80),
             _at("足额缴费", 650, 80))),
    ]  # fmt: skip
    assert materials.extract("social_insurance", table)["work_unit"].value == "天津医科大学总医院"


def test_a_bilingual_label_block_gives_the_value_set_halfway_down_it() -> None:
    """学信网's report: 学校名称 over Institution, the value beside the pair, halfway down, so
    it shares a row with neither; 有效期 read as part of 验证有效期至 is no value; the
    president's name (校(院)长姓名) is not the holder's."""
    page = [
        Row((_at("学校名称", 94, 248),)),
        Row((_at("天津市卫生学校", 449, 262, 24),)),
        Row((_at("Institution", 94, 286, 15, 10),)),
        Row((_at("校(院)长姓名", 94, 320),)),
        Row((_at("史文涛", 449, 334, 24),)),
        Row((_at("President", 94, 358, 15, 10),)),
        Row((_at("姓名", 94, 392),)),
        Row((_at("蔡浩", 449, 406, 24),)),
        Row((_at("Name", 94, 430, 15, 10),)),
        Row((_at("验证有效期至", 94, 464),)),
        Row((_at("2026-03-09", 449, 478, 24, 14),)),
        Row((_at("Valid Until", 94, 502, 15, 10),)),
    ]
    r = materials.extract("diploma_record", page)
    assert r["school"].value == "天津市卫生学校"
    assert r["name"].value == "蔡浩"
    assert r["validity"].value == "2026-03-09"
    # 校(院)长姓名 beside its value on one row is still not the holder's name
    row = materials.extract("diploma_record", rows("校(院)长姓名 史文涛", "姓名 蔡浩"))
    assert row["name"].value == "蔡浩"


def test_a_panels_label_over_its_value_is_not_run_on_into_the_next_panel() -> None:
    """Two panels: 姓名 over 孟悦雪 on the left, a sentence of the right panel on 姓名's row
    far to its right: the name is the line under the label."""
    page = [
        Row((_at("姓名", 70, 0), _at("予参加医师资格考试。特发此", 600, 2))),
        Row((_at("孟悦雪", 72, 40), _at("证。", 600, 42))),
        Row((_at("证件号码", 70, 80),)),
    ]
    assert materials.extract("mentorship_cert", page)["name"].value == "孟悦雪"


def test_a_ticked_grade_is_the_result_and_an_open_box_is_only_a_choice() -> None:
    assert materials.extract("probation_cert", rows("考核结论:☑合格"))["result"].value == "合格"
    ticked = materials.extract("probation_cert", rows("考核结论：□合格 ☑不合格"))
    assert ticked["result"].value == "不合格"
    assert "result" not in materials.extract("probation_cert", rows("考核结论：□合格 □不合格"))


def test_a_colon_read_as_a_list_comma_still_ends_the_grades_label() -> None:
    # 鉴定意见：合格 read 鉴定意见、合格 (a tuned photocopied proof)
    page = rows("执业助理医师执业期考核证明", "鉴定意见、合格")
    assert materials.extract("practice_period_cert", page)["result"].value == "合格"


def test_名字_labels_the_name_and_曰_read_for_日_still_labels_a_date() -> None:
    assert (
        materials.extract("probation_cert", rows("名字 咎倩雪 性别 女"))["name"].value == "咎倩雪"
    )
    r = materials.extract("assistant_practice", rows("注册曰期 2016-02-05"))
    assert r["registration"].value.startswith("2016-02")


def test_a_grids_value_far_along_its_labels_row_stays_its_value() -> None:
    """A wide grid: 姓名 in a narrow label column, the name far right in its cell, 工作单位
    under 姓名: the name is the value beside it, not the next label."""
    page = [
        Row((_at("姓名", 70, 0), _at("张三", 600, 0))),
        Row((_at("工作单位", 70, 40), _at("天津市第一中心医院", 600, 40))),
    ]
    assert materials.extract("mentorship_cert", page)["name"].value == "张三"


def test_a_registration_printed_as_a_month_only_is_read_as_that_month() -> None:
    """发证日期 over 二○一九年二月 (a booklet printing no day): the month is the reading, as the
    form's registration is a month."""
    page = [
        Row((_at("发证日期", 59, 602),)),
        Row((_at("二○一九年二月", 59, 645), _at("证书编号", 610, 649))),
    ]
    assert materials.extract("assistant_practice", page)["registration"].value == "2019-02"


def test_a_rights_record_counts_the_months_paid_per_insurance() -> None:
    """个人权益记录单: a row per insurance with its run of months, how many were paid and the
    months owed (— for none): a run paid in full is paid month by month; a month owed is
    owed; a count that does not add up says nothing."""
    from stages.materials.social_insurance import payment_months

    head = "险种 缴费起止年月 实缴月数 欠缴年月 缴费基数（元）"
    full = rows(head, "城镇职工基本养老保险 202505—202512 8 — 11800.00")
    months, _ = payment_months(full)
    assert months["2025-10"] == "已缴" and len(months) == 8
    owed = rows(head, "城镇职工基本养老保险 202505—202512 7 202511 11800.00")
    months, _ = payment_months(owed)
    assert months["2025-11"] == "欠缴" and months["2025-12"] == "已缴"
    unsure = rows(head, "城镇职工基本养老保险 202505—202512 6 — 11800.00")
    months, _ = payment_months(unsure)
    assert set(months.values()) == {"?"}


def test_a_label_inside_a_bracketed_remark_is_no_label() -> None:
    """(由执业机构填写) under the title names who fills the form in, not the unit."""
    page = rows("医师执业期考核证明", "(由执业机构填写)", "执业地点 天津市人民医院")
    assert materials.extract("practice_period_cert", page)["work_unit"].value == "天津市人民医院"


def test_a_grade_after_a_comma_in_running_text_is_the_result() -> None:
    # 经考核，结果为合格 (a proof in one sentence, wrapped before 结果)
    page = rows("2025年10月31日在我单位口腔颌面外科试用，经考核，", "结果为合格。")
    assert materials.extract("probation_cert", page)["result"].value == "合格"
    page = rows("经考核，其成绩为优秀。")
    assert materials.extract("probation_cert", page)["result"].value == "优秀"


def test_an_unlabelled_id_number_counts_only_where_its_check_digit_holds() -> None:
    # a 学历认证报告 labels the ID 身份证件号 and prints its 18-digit 证书编号 first
    page = rows("证书编号 312011201607007061", "姓名 李文明", "身份证件号 210103199703160778")
    assert materials.extract("diploma_record", page)["id_number"].value == "210103199703160778"
    # the label misread: the certificate number (check digit 0, printed 1) is no ID number
    page = rows("证书编号 312011201607007061", "姓名 李文明", "身份证忤号 210103199703160778")
    assert materials.extract("diploma_record", page)["id_number"].value == "210103199703160778"


def test_a_minority_name_whose_dot_was_read_as_a_dash_is_read_whole() -> None:
    page = rows("姓名：吐尔逊-吐尔洪", "身份证号码：650102198805254434")
    assert materials.extract("social_insurance", page)["name"].value == "吐尔逊-吐尔洪"


def test_a_degree_names_its_holder_after_the_word_for_student() -> None:
    page = rows("学生禚璐蕾，女，1996年8月27日生，在", "首都医科大学修完临床医学专业")
    assert materials.extract("degree", page)["name"].value == "禚璐蕾"


def test_a_grade_under_its_kaohe_dengci_label_is_the_result() -> None:
    page = rows("试用期 2024年7月1日至2025年6月30日", "考核等次 合格")
    assert materials.extract("probation_cert", page)["result"].value == "合格"


def test_a_diploma_dating_entry_and_graduation_apart_gives_its_graduation() -> None:
    page = rows(
        "学生乔琳芳，女，于2017年9月入学，2022年6月在", "滨州医学院临床医学专业五年制本科修业期满"
    )
    assert materials.extract("diploma", page)["graduation"].value == "2022-06"


def test_a_probation_tables_head_row_over_its_value_row_gives_name_and_grade() -> None:
    """姓名 | 公民身份号码 | 所在科室 | 考核结果 across the top, one row of values under them:
    the recogniser joins the head row into one row of labels, so the name is no run of the
    other labels but the line under 姓名, and the grade the line under 考核结果."""

    def line(text: str, x: int, y: int) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + 30 * len(text), y + 40), "fake")

    head = (("姓名", 64), ("公民身份号码", 242), ("所在科室", 503), ("考核结果", 672))
    values = (("贺昊斌", 64), ("120221199409202195", 242), ("麻醉科", 501), ("合格", 668))
    page = [
        Row((line("试用期考核证明", 273, 100),)),
        Row(tuple(line(text, x, 217) for text, x in head)),
        Row(tuple(line(text, x, 280) for text, x in values)),
        Row((line("用人单位：天津市宝坻区人民医院", 57, 363),)),
    ]
    r = materials.extract("probation_cert", page)
    assert (r["name"].value, r["result"].value) == ("贺昊斌", "合格")
    assert r["id_number"].value == "120221199409202195"


def test_a_period_whose_至_is_a_label_of_its_own_is_read() -> None:
    """试用期自：二〇二三年一月一日 | 至：二〇二三年十二月三十一日, each on a line of its own, and
    the same in digits: 至： joins the two dates as 至 does."""
    hanzi = rows("姓名：邱颖欣", "试用期自：二〇二三年一月一日", "至：二〇二三年十二月三十一日")
    assert materials.extract("probation_cert", hanzi)["period"].value == "2023-01-01/2023-12-31"
    digits = rows("姓名：邱颖欣", "试用期自：2023年1月1日", "至：2023年12月31日")
    assert materials.extract("probation_cert", digits)["period"].value == "2023-01-01/2023-12-31"


def test_a_boxed_grade_is_the_result_not_the_running_texts_考核结果如上() -> None:
    """A proof printing the grade in a ruled box on the right, 考核结果 a caption over it,
    and closing with ……该同志试用期考核结果如上。特此证明: the grade under the caption is the
    result, not the words after 考核结果 in the sentence; words before a fail grade after
    the label (考核结果：经评定不合格) are still read where no grade stands alone."""

    def line(text: str, x: int, y: int) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + 30 * len(text), y + 40), "fake")

    page = [
        Row((line("试用期考核证明", 250, 101),)),
        Row((line("姓名：刘芳", 71, 220), line("考核结果", 645, 214))),
        Row((line("性别：女", 69, 280), line("合格", 649, 299))),
        Row((line("公民身份号码：120114199410193581", 76, 343),)),
        Row((line("经科室考核、医院考核小组审定，该同志试用期考核结果如上。特", 120, 619),)),
        Row((line("此证明。", 71, 666),)),
    ]
    assert materials.extract("probation_cert", page)["result"].value == "合格"
    worded = materials.extract("probation_cert", rows("姓名：刘芳", "考核结果：经评定不合格"))
    assert worded["result"].value == "经评定不合格"


def test_a_speck_read_as_letters_between_a_diplomas_study_dates_is_no_break() -> None:
    """于2021年9月 | aa (a speck by the next line's start) | 至2024年6月在…: the period is
    read whole."""
    page = rows(
        "学生亓磊一，性别男，二○○四年二月八日生，于2021年9月",
        "aa",
        "至2024年6月在天津醫學高等專科學校臨床醫學專業三年製專",
        "科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。",
    )
    assert materials.extract("diploma", page)["graduation"].value == "2024-06"


def test_a_records_validity_in_a_head_row_of_two_labels_is_the_date_under_it() -> None:
    """A 备案表 printing each pair as a grey label over its value, two to a row (报告有效期至 |
    更新日期 over 2026-11-01 | 2025-10-06): the validity is the date under its label."""

    def line(text: str, x: int, y: int) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + 20 * len(text), y + 24), "fake")

    page = [
        Row((line("毕业日期", 80, 600), line("校长姓名", 620, 600))),
        Row((line("2014-06-30", 80, 640), line("欧阳娟婧", 620, 640))),
        Row((line("报告有效期至", 80, 700), line("更新日期", 620, 700))),
        Row((line("2026-11-01", 80, 740), line("2025-10-06", 620, 740))),
    ]
    assert materials.extract("diploma_record", page)["validity"].value == "2026-11-01"


def test_a_grid_of_label_bands_over_values_keeps_each_value_under_its_label() -> None:
    """Three label bands a row, each over its value (入学日期 | 毕(结)业日期 | 校(院)长姓名 over
    2021年9月1日 | 2024年7月1日 | 杨辰浩): the previous row's value stands about as close above
    a label as its own below it, so the label is no caption of the one above; the validity
    is the date under 有效期至, not the words after 有效期 in the note (本表在有效期内…)."""

    def line(text: str, x: int, y0: int, y1: int) -> TextLine:
        return TextLine(text, 0.99, (x, y0, x + 30 * len(text), y1), "fake")

    page = [
        Row(
            (
                line("专业", 375, 416, 464),
                line("学制", 666, 416, 464),
                line("院校名称", 85, 418, 462),
            )
        ),
        Row((line("北京市实验职业学校", 92, 476, 512), line("临床医学", 378, 471, 517))),
        Row((line("入学日期", 87, 523, 567), line("毕（结)业日期", 375, 523, 567))),
        Row((line("2021年9月1日", 87, 578, 622), line("2024年7月1日", 378, 578, 622))),
        Row((line("证书编号", 85, 629, 672), line("有效期至", 669, 629, 675))),
        Row((line("311011202407008827", 87, 686, 727), line("2026年7月19日", 666, 686, 730))),
        Row(
            (line("本表在有效期内可凭在线验证码于学信网查询,更新日期:2025年10月6日", 80, 754, 795),)
        ),
    ]
    r = materials.extract("diploma_record", page)
    assert r["graduation"].value == "2024-07"
    assert r["validity"].value == "2026-07-19"


def test_a_value_over_its_caption_is_the_labels_not_the_next_rows_value() -> None:
    """A certificate printing each value over a rule with its grey caption beneath (郗浩 over
    姓名, 执业助理医师 over 资格名称): the name is the line just over 姓名, not the next row's
    value under it; a form printing the label over its value keeps the value under it."""

    def line(text: str, x: int, y: int, h: int = 50) -> TextLine:
        return TextLine(text, 0.99, (x, y, x + 30 * len(text), y + h), "fake")

    captioned = [
        Row((line("郗浩", 361, 585), line("男", 787, 590))),
        Row((line("姓名", 370, 633), line("性别", 780, 639))),
        Row((line("210105199901230936", 468, 710),)),
        Row((line("身份证件号码", 538, 757),)),
        Row((line("执业助理医师", 311, 826), line("临床", 771, 823))),
        Row((line("资格名称", 346, 871), line("类别", 780, 874))),
    ]
    r = materials.extract("assistant_qualification", captioned)
    assert r["name"].value == "郗浩"
    stacked = [
        Row((line("医师资格证书", 300, 300),)),
        Row((line("姓名", 370, 450),)),
        Row((line("郗浩", 361, 505),)),
        Row((line("资格名称", 346, 620),)),
        Row((line("执业助理医师", 311, 675),)),
    ]
    assert materials.extract("assistant_qualification", stacked)["name"].value == "郗浩"


def test_an_approval_letters_unlabelled_date_is_the_registration() -> None:
    """经审核，准予在北京市海淀医院注册执业 … 北京市海淀区卫生健康委员会 / 二〇二〇年十二月十日:
    no 发证日期 label; the date standing alone under the issuer is when it was granted."""

    def line(text: str, y: int) -> TextLine:
        return TextLine(text, 0.99, (100, y, 100 + 30 * len(text), y + 40), "fake")

    page = [
        Row((line("姜蕾欣，女，身份证号120101199903090941，经审核，准予", 384),)),
        Row((line("在北京市海淀医院注册执业。执业级别：执业助理医师；执", 430),)),
        Row((line("证书编码：211120202971242", 576),)),
        Row((line("北京市海淀区卫生健康委员会", 722),)),
        Row((line("二〇二○年十二月十日", 772),)),
    ]
    assert materials.extract("assistant_practice", page)["registration"].value == "2020-12-10"

"""Form-aware verification: the form's value found where the page prints it alone."""

from __future__ import annotations

from dataclasses import replace

from models import ApplicantForm, Education
from stages import formsearch
from tests.fakes import rows

FORM = ApplicantForm(
    applicant_id="2026120000017",
    name="王芳",
    id_number="120101199701257460",
    education=Education(
        "本科", "天津医科大学", "医学影像学", "2024-06", "100621202405000123", "全日制"
    ),
    work_unit="天津市第一中心医院",
)


def found(*lines: str, field: str) -> str | None:
    r = formsearch.supported(rows(*lines), field, formsearch.form_value(FORM, field))
    return r.value if r else None


def test_a_value_in_running_text_wrapped_across_lines_is_found() -> None:
    text = (
        "学生王芳，女，于2019年9月至2024年6月在本校医学影",
        "像学专业五年制本科学习，准予毕业。",
    )
    assert found(*text, field="major") == "医学影像学"
    assert found(*text, field="name") == "王芳"


def test_a_value_under_another_label_or_in_a_letter_is_found() -> None:
    assert found("试用单位：天津市第一中心医院", field="work_unit") == "天津市第一中心医院"
    letter = ("兹证明王芳同志（公民身份号码120101199701257460）于2024年7月1日起在",
              "天津市第一中心医院试用，考核合格。")  # fmt: skip
    assert found(*letter, field="work_unit") == "天津市第一中心医院"
    assert found(*letter, field="id_number") == "120101199701257460"
    assert found(*letter, field="name") == "王芳"


def test_a_value_inside_a_longer_one_is_not_support() -> None:
    assert found("试用机构：天津市第一中心医院分院", field="work_unit") is None
    assert found("工作单位：北京天津市第一中心医院", field="work_unit") is None
    assert found("学生王芳芳，女", field="name") is None
    assert found("身份证号1201011997012574601", field="id_number") is None
    assert found("在本校中西医学影像学专业学习", field="major") is None


def test_a_different_value_is_not_found_and_short_values_are_not_searched() -> None:
    assert found("试用机构：天津市第二中心医院", field="work_unit") is None
    assert formsearch.supported(rows("性别：女"), "gender", "女") is None


def test_complete_fills_only_what_the_parser_missed() -> None:
    page = rows("试用单位：天津市第一中心医院", "姓名：王芳芳")
    parsed = formsearch.supported(page, "name", "王芳芳")
    assert parsed is not None
    out = formsearch.complete(("name", "work_unit", "period"), FORM, page, {"name": parsed})
    assert out["name"].value == "王芳芳"  # the parser's reading is kept: compared as read
    assert out["work_unit"].value == "天津市第一中心医院"
    assert "period" not in out


def test_a_parse_too_unsure_to_be_a_mismatch_gives_way_to_the_forms_value_on_the_page() -> None:
    """姓名 | 热日 (0.35: the name's tops glimpsed in the strip beside the label) | 性别, the
    name printed under the label: the form's value found whole decides, as for a field the
    parser missed; a sure parse of another value is still compared as read."""
    page = rows("姓名 性别 科室", "王芳 女 儿科")
    glimpse = formsearch.supported(rows("姓名热日"), "name", "热日")
    assert glimpse is not None
    unsure = replace(glimpse, confidence=0.35)
    out = formsearch.complete(("name",), FORM, page, {"name": unsure})
    assert out["name"].value == "王芳"
    sure = replace(unsure, confidence=0.95)
    assert formsearch.complete(("name",), FORM, page, {"name": sure})["name"].value == "热日"


def test_an_assessment_proof_as_a_letter_gives_its_period_and_grade() -> None:
    from stages import materials

    letter = rows(
        "医师资格考试试用期考核证明",
        "兹证明王芳同志，公民身份号码120101199701257460，于2024年7月1日",
        "至2025年6月30日在天津市第一中心医院试用，考核合格。",
    )
    r = materials.extract("probation_cert", letter)
    assert r["period"].value == "2024-07-01/2025-06-30"
    assert r["result"].value == "合格"
    graded = materials.extract(
        "probation_cert", rows("考核等级：优秀", "试用期限 2024.07.01-2025.06.30")
    )
    assert graded["result"].value == "优秀"
    assert graded["period"].value == "2024-07-01/2025-06-30"
    failed = materials.extract("practice_period_cert", rows("考核意见：不合格"))
    assert failed["result"].value == "不合格"


def test_a_diploma_as_a_table_gives_its_graduation() -> None:
    from stages import materials

    table = rows(
        "姓名王芳性别女", "出生日期1997年1月25日", "学习时间2019.09-2024.06", "专业医学影像学"
    )
    assert materials.extract("diploma", table)["graduation"].value == "2024-06"
    labelled = rows("入学时间2019年9月", "毕业时间2024年6月")
    assert materials.extract("diploma", labelled)["graduation"].value == "2024-06"


def test_other_issuers_label_wordings_are_read() -> None:
    from stages import materials

    prob = materials.extract(
        "probation_cert",
        rows(
            "公民身份号码：120101199701257460",
            "试用单位：天津市第一中心医院",
            "试用期限：2024年7月1日至2025年6月30日",
        ),
    )
    assert prob["id_number"].value == "120101199701257460"
    assert prob["work_unit"].value == "天津市第一中心医院"
    assert prob["period"].value == "2024-07-01/2025-06-30"
    lic = materials.extract("licence", rows("有效期至2030年12月31日"))
    assert lic["validity"].value == "2030-12-31"
    rec = materials.extract(
        "diploma_record",
        rows(
            "院校名称：天津医科大学", "毕业日期：2024年06月30日", "学历证书编号：100621202405000123"
        ),
    )
    assert rec["school"].value == "天津医科大学"
    assert rec["graduation"].value == "2024-06"
    assert rec["diploma_number"].value == "100621202405000123"


def test_a_value_filling_its_line_is_whole_whatever_the_next_line_says() -> None:
    assert found("校名：天津医科大学", "二〇一六年六月三十日", field="school") == "天津医科大学"
    cells = rows("试用单位", "天津市第一中心医院", "科室外科")
    r = formsearch.supported(cells, "work_unit", "天津市第一中心医院")
    assert r is not None and r.value == "天津市第一中心医院"
    # but a value running on inside its line is not
    assert found("校名：天津医科大学附属中学", field="school") is None


def test_a_parse_run_on_into_the_next_column_is_cut_to_the_forms_value() -> None:
    page = rows("机构名称天津市第一中心医院", "预防保健科；内科；外科；")
    from models import Reading

    long = Reading("work_unit", "天津市第一中心医院预防保健科;内科;", 0.99, "fake")
    out = formsearch.complete(("work_unit",), FORM, page, {"work_unit": long})
    assert out["work_unit"].value == "天津市第一中心医院"
    branch = Reading("work_unit", "天津市第一中心医院分院", 0.99, "fake")
    same_line = rows("机构名称天津市第一中心医院分院")
    kept = formsearch.complete(("work_unit",), FORM, same_line, {"work_unit": branch})
    assert kept["work_unit"].value == "天津市第一中心医院分院"


def test_a_parse_that_names_no_institution_gives_way_to_the_forms_unit_on_the_page() -> None:
    """A payment table's column names taken for the unit under 参保单位, the remark 填写 under
    a title: no institution, and the page prints the form's unit alone elsewhere."""
    from models import Reading

    page = rows("参保单位 缴费基数 个人缴纳", "天津市第一中心医院 6500.00 520.00")
    header = Reading("work_unit", "缴费基数个人缴纳", 0.99, "fake")
    out = formsearch.complete(("work_unit",), FORM, page, {"work_unit": header})
    assert out["work_unit"].value == "天津市第一中心医院"
    # another hospital read is an institution: compared as read, never talked away
    other = Reading("work_unit", "天津市第二中心医院", 0.99, "fake")
    kept = formsearch.complete(("work_unit",), FORM, page, {"work_unit": other})
    assert kept["work_unit"].value == "天津市第二中心医院"
    # and a non-institution stays when the page does not print the form's unit alone
    elsewhere = rows("参保单位 缴费基数 个人缴纳", "天津市第二中心医院 6500.00 520.00")
    stays = formsearch.complete(("work_unit",), FORM, elsewhere, {"work_unit": header})
    assert stays["work_unit"].value == "缴费基数个人缴纳"
    school = Reading("school", "填写", 0.99, "fake")
    found_school = formsearch.complete(
        ("school",), FORM, rows("毕业学校 天津医科大学"), {"school": school}
    )
    assert found_school["school"].value == "天津医科大学"


def test_a_one_character_name_gives_way_and_a_unit_may_be_followed_by_为() -> None:
    from models import Reading

    page = rows("姓 名 性 出生日期", "王芳 女 1997/1/25")
    short = Reading("name", "性", 0.99, "fake")  # 性别 read short, taken for the name
    assert formsearch.complete(("name",), FORM, page, {"name": short})["name"].value == "王芳"
    letter = rows(
        "兹证明王芳（身份证号码：120101199701257460）由", "天津市第一中心医院为其办理参保登记"
    )
    r = formsearch.supported(letter, "work_unit", "天津市第一中心医院")
    assert r is not None and r.value == "天津市第一中心医院"


def test_licence_subjects_printed_apart_from_their_label_are_read() -> None:
    from stages import materials

    page = rows(
        "机构名称天津市第一中心医院", "妇产科；儿科；眼科；口腔科；", "有效期至2030年12月31日"
    )
    assert "口腔科" in materials.extract("licence", page)["subjects"].value


def test_a_school_under_its_label_is_read() -> None:
    from stages import materials

    page = rows("校名：天津医科大学", "校长：张三医科大学", "二〇二六年六月三十日")
    assert materials.extract("diploma", page)["school"].value == "天津医科大学"


def test_a_letters_grade_and_major_are_read() -> None:
    from datetime import date

    from models import Rules
    from stages import crosscheck, materials

    r = materials.extract("probation_cert", rows("考核结果为合格。"))
    ctx = crosscheck.Context(FORM, "probation_cert", "u/x.jpg", date(2026, 1, 31), Rules())
    assert crosscheck.result_check(ctx, r["result"], "试用期考核结果").status == "pass"
    proof = materials.extract("diploma", rows("于2019年9月至2024年6月在我校医学影像学专业学习"))
    assert proof["major"].value == "医学影像学"


def test_an_assessment_letter_titled_only_证明_is_told_from_an_id_card() -> None:
    from stages import classify

    letter = (
        "证明",
        "兹证明王芳（女，公民身份号码",
        "120101199701257460）系我单位执业助理医",
        "师，执业类别为临床。该同志自二○二一年",
        "四月三十日至二〇二五年十二月三十一日在",
        "我单位执业，执业满四年。经考核，考核意",
        "见：合格。同意其报考执业医师资格考试。",
    )
    assert classify.classify(letter).best == "practice_period_cert"
    from stages.extract import service_period

    period = service_period(rows(*letter))
    assert period is not None and period.value.startswith("二○二一年四月三十日至")


def test_a_payment_table_of_runs_of_months_gives_every_month() -> None:
    from stages import materials

    table = materials.extract(
        "social_insurance",
        rows(
            "险种 起始年月 截止年月 月数 缴费状态",
            "城镇职工基本养老保险 2025年05月 2025年07月 3 已到账",
            "失业保险 2025年08月 2025年08月 1 欠缴",
        ),
    )
    assert table["period"].value == "2025-05:已缴;2025-06:已缴;2025-07:已缴;2025-08:欠缴"


def test_a_payment_table_of_two_blocks_side_by_side_gives_every_month() -> None:
    from stages import materials

    table = materials.extract(
        "social_insurance",
        rows(
            "费款所属期 险种类型 缴费基数 缴费状态 费款所属期 险种类型 缴费基数 缴费状态",
            "202506 养老 5000.00 已实缴 202509 养老 5000.00 已实缴",
            "202507 养老 5000.00 已实缴 202510 养老 5000.00 欠缴",
            "202508 养老 5000.00 已实缴",
        ),
    )
    assert table["period"].value == (
        "2025-06:已缴;2025-07:已缴;2025-08:已缴;2025-09:已缴;2025-10:欠缴"
    )


def test_two_blocks_are_read_as_such_when_one_blocks_month_heading_is_lost() -> None:
    # the left block's 年月 unread (a stain): its 险种, 缴费基数, 状态 still repeat
    from stages import materials

    table = materials.extract(
        "social_insurance",
        rows(
            "险种 缴费基数 状态 年月 险种 缴费基数 状态",
            "2025-09 养老保险 8400.00 已缴 2025-11 养老保险 8400.00 已缴",
            "2025-10 养老保险 8400.00 已缴 2025-12 养老保险 8400.00 已缴",
        ),
    )
    assert table["period"].value == "2025-09:已缴;2025-10:已缴;2025-11:已缴;2025-12:已缴"


def test_a_month_cell_grouped_below_its_rows_states_takes_them() -> None:
    # a table photographed a little askew: the last row's month cell grouped into a row of
    # its own under the row of its amount and states (the fourteenth report's 社保 list)
    from stages import materials

    page = rows("缴费月份 缴费基数 养老保险 医疗保险", "2025年11月 4500.00 已缴 已缴",
                "4500.00 欠缴 已缴", "2025年12月")  # fmt: skip
    value = materials.extract("social_insurance", page)["period"].value
    assert value == "2025-11:已缴;2025-12:欠缴"
    # a summary line's one status is no row of the table: the month below it stays unknown
    summary = rows("缴费月份 缴费基数 养老保险", "2025年11月 4500.00 已缴", "合计：已实缴1条",
                   "2025年12月")  # fmt: skip
    assert materials.extract("social_insurance", summary)["period"].value.endswith("2025-12:?")


def test_a_month_printed_beyond_the_months_read_is_unknown_not_absent() -> None:
    # a row's second month, in a second block the header does not announce: read as the
    # row's first month only, the other is printed all the same, so its state is unknown
    from stages import materials

    table = materials.extract(
        "social_insurance",
        rows(
            "缴费年月 险种 状态",
            "2025-10 养老保险 已缴 2025-12 养老保险 已缴",
            "2025-11 养老保险 已缴",
        ),  # fmt: skip
    )
    assert table["period"].value == "2025-10:已缴;2025-11:已缴;2025-12:?"


def test_a_form_printing_公民身份号码_is_not_taken_for_an_id_card() -> None:
    from stages import classify

    card = ["姓名张三", "性别男民族汉", "出生1990年1月1日", "住址天津市和平区南京路1号",
            "公民身份号码120101199001011234"]  # fmt: skip
    assert classify.classify(card).best == "id_front"
    form = ["医师资格考试试用期考核证明", "名字田婧佳性别女", "公民身份号码371402199206091463",
            "所在单位天津市和平区中医医院", "考核等级合格"]  # fmt: skip
    assert classify.classify(form).best == "probation_cert"


def test_a_school_followed_by_the_forms_major_in_a_pledge_is_found() -> None:
    """ "系天津医科大学医学影像学专业……": the school, then the major, in running text."""
    page = rows("本人王芳，身份证号码：120101199701257460，系天津医科大学", "医学影像学专业2024届")
    out = formsearch.complete(("school", "major"), FORM, page, {})
    assert out["school"].value == "天津医科大学"
    # the major must follow whole and end there: another word after the school stays unread
    other = rows("系天津医科大学医学院附属医院")
    assert "school" not in formsearch.complete(("school",), FORM, other, {})


def test_a_value_cut_in_two_by_a_seal_is_taken_whole() -> None:
    """The parser took a piece (首 | 都医科大学); the page prints the form's value whole."""
    form = replace(FORM, education=replace(FORM.education, school="首都医科大学"))
    page = rows("准予毕业。", "首都医科大学")
    piece = formsearch.supported(rows("都医科大学"), "school", "都医科大学")
    assert piece is not None
    out = formsearch.complete(("school",), form, page, {"school": piece})
    assert out["school"].value == "首都医科大学"
    # a shorter name printed alone stays what was read (a mismatch)
    alone = rows("准予毕业。", "都医科大学")
    assert formsearch.complete(("school",), form, alone, {"school": piece})["school"].value == (
        "都医科大学"
    )


def test_labels_read_in_traditional_forms_still_match_and_values_stay_as_read() -> None:
    from stages import materials

    page = rows("经考核，考核意見：合格。", "姓名：黃芳")
    assert materials.extract("practice_period_cert", page)["result"].value == "合格"
    name = formsearch.supported(rows("姓名：黃芳"), "name", "黄芳")
    assert name is not None and name.value == "黃芳"  # reported as read


def test_a_record_report_with_other_issuers_labels_gives_graduation_and_code() -> None:
    from stages import materials

    page = rows(
        "学历认证报告",
        "验证码：HSPCSYQUSA9RX7HJ",
        "报告有效期至：2026.07.03",
        "入学时间 2010.09.01 毕业时间 2013.06.20",
    )
    got = materials.extract("diploma_record", page)
    assert got["graduation"].value == "2013-06"
    assert got["verification_code"].value == "HSPCSYQUSA9RX7HJ"
    assert got["validity"].value == "2026-07-03"


def test_a_name_the_form_could_not_type_is_found_with_any_character_for_its_question_mark() -> None:
    form = replace(FORM, name="卢?")
    page = rows("兹证明卢頔同志，性别女，身份证号：")
    out = formsearch.complete(("name",), form, page, {})
    assert out["name"].value == "卢頔"  # the comparison (names.same_name) decides on it
    assert "name" not in formsearch.complete(("name",), form, rows("兹证明卢頔頔同志"), {})


def test_a_date_with_stray_digits_glued_to_its_day_and_a_dash_read_as_one() -> None:
    from stages import materials

    got = materials.extract("assistant_practice", rows("注册日期：2021.04.2320"))
    assert got["registration"].value == "2021-04-23"
    period = materials.extract("probation_cert", rows("起止日期 2024年10月1日一2025年9月30日"))
    assert period["period"].value == "2024-10-01/2025-09-30"


def test_a_date_under_its_label_is_read_only_when_it_is_a_date() -> None:
    from stages import materials

    page = rows("发证日期", "二〇二二年五月十四日")
    assert materials.extract("assistant_practice", page)["registration"].value == "2022-05-14"
    assert "registration" not in materials.extract(
        "assistant_practice", rows("发证日期", "天津市卫生健康委员会")
    )


def test_a_period_as_a_table_of_start_and_end_labels_is_read() -> None:
    from models import TextLine
    from stages import materials
    from stages.read import Row

    def cells(y: int, *texts: str) -> Row:
        return Row(tuple(TextLine(t, 0.99, (150 * i, y, 150 * i + 120, y + 30), "fake")
                         for i, t in enumerate(texts)))  # fmt: skip

    table = [cells(0, "试用期起", "试用期止"), cells(40, "2024-07-01", "2025-06-30")]
    assert materials.extract("probation_cert", table)["period"].value == "2024-07-01/2025-06-30"
    inline = rows("试用期起 2024-07-01 试用期止 2025-06-30")
    assert materials.extract("probation_cert", inline)["period"].value == "2024-07-01/2025-06-30"
    # two dates under other labels are no period
    other = [cells(0, "出生日期", "发证日期"), cells(40, "1998-01-02", "2025-06-30")]
    assert "period" not in materials.extract("probation_cert", other)


def test_an_institution_read_one_character_off_is_offered_as_read_for_the_crop_to_decide() -> None:
    # a seal's stroke across the sign-off (天津医科大学 read 天津医料大学): not a match, but
    # where the page prints the school, so the comparison scores the crop for both
    page = rows("准予毕业。", "天津医料大学", "二〇二四年六月")
    out = formsearch.complete(("school",), FORM, page, {})
    assert out["school"].value == "天津医料大学" and out["school"].source == "天津医料大学"
    unit = rows("工作单位：天津市第二中心医院")  # one character off: offered, as read
    assert formsearch.complete(("work_unit",), FORM, unit, {})["work_unit"].value == (
        "天津市第二中心医院"
    )
    far = rows("工作单位：天津市第一中心医院分院")  # two characters more: not offered
    assert "work_unit" not in formsearch.complete(("work_unit",), FORM, far, {})


def test_a_major_after_the_forms_school_in_running_text_is_found() -> None:
    """ "在天津医科大学医学影像学专业五年制本科学习": the school named where 本校 would stand,
    then the major."""
    page = rows("学生王芳，于2019年9月至2024年6月在天津医科大学医学影像学", "专业五年制本科学习")
    out = formsearch.complete(("major",), FORM, page, {})
    assert out["major"].value == "医学影像学"
    # another word before it is still no boundary: the major printed there is read whole,
    # never as the form's
    other = rows("在天津医科大学中西医学影像学专业学习")
    assert formsearch.complete(("major",), FORM, other, {})["major"].value == "中西医学影像学"


def test_the_major_between_the_school_and_its_word_is_offered_as_read() -> None:
    """在天津医科大学医学影象学专业…: the major misread by a character is read where the
    sentence prints it (the crop then decides), not left unfound."""
    page = rows("于2019年9月至2024年6月在天津医科大学医学影象学专业五年制", "本科学习")
    out = formsearch.complete(("major",), FORM, page, {})
    assert out["major"].value == "医学影象学"
    # another major printed there is read as what it is
    other = rows("在天津医科大学口腔医学专业学习")
    assert formsearch.complete(("major",), FORM, other, {})["major"].value == "口腔医学"
    # the school itself read a character wrong
    misread = rows("在天津医料大学医学影象学专业学习")
    assert formsearch.complete(("major",), FORM, misread, {})["major"].value == "医学影象学"
    # no school of the form's before it (本校), or labels between: nothing offered
    assert "major" not in formsearch.complete(("major",), FORM, rows("在本校医学影象学专业"), {})
    table = rows("院校名称 天津医科大学", "学历层次 本科", "专业 医学影象学")
    assert "major" not in formsearch.complete(("major",), FORM, table, {})


def test_a_number_read_a_digit_off_is_offered_as_read_for_the_crop_to_decide() -> None:
    """The form's ID number read with a digit twice (19 digits) where a table prints it."""
    page = rows("1 王芳 1201011997701257460 临床 合格")
    out = formsearch.complete(("id_number",), FORM, page, {})
    assert out["id_number"].value == "1201011997701257460"
    # two digits off, or no such number: nothing offered
    assert "id_number" not in formsearch.complete(
        ("id_number",), FORM, rows("120101199701257999"), {}
    )
    assert "id_number" not in formsearch.complete(("id_number",), FORM, rows("王芳 临床"), {})


def test_a_speck_read_between_the_halves_of_the_word_after_a_value_is_no_part_of_it() -> None:
    """…在本校医学影像学专 | 8 | 业（五年制本科）: a mark beside the line's end (a
    glare's edge, a photo's corner) is read as 8 and joined into the row between 专 and 业;
    the major still ends at 专业, and a longer major with a speck inside stays longer."""
    assert found(
        "于2019年9月至2024年6月在本校医学影像学专8", "业（五年制本科）学习", field="major"
    ) == ("医学影像学")
    assert found("在本校医学影像学专业学习", field="major") == "医学影像学"
    # a longer major with a speck inside it is still a longer major
    assert found("在本校医学影像学技8术专业学习", field="major") is None


def test_a_unit_before_注册执业_is_found() -> None:
    """准予在天津市第一中心医院注册执业: 注册 goes on with the sentence after the unit."""
    assert (
        found("经审核，准予在天津市第一中心医院注册执业。", field="work_unit")
        == "天津市第一中心医院"
    )

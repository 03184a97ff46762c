"""The diploma_record material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from models import Finding, Reading

from .. import textnorm
from ..crosscheck import (
    Context,
    compare,
    judged,
    not_found,
    same_id,
    same_month,
    same_name,
    validity_check,
)
from ..extract import (
    date_reading,
    labelled,
    person_fields,
    put_reading,
)
from ..looks import Look
from ..read import Row
from . import Material

#: A date's value as printed after or under its label (2026年8月14日, 2026-08-14, 二〇二六年…;
#: 至 may stand between: 有效期：至2026年…).
_DATE_VALUE = r"至?\s*[0-9〇○零一二].+?"

RECORD_LABELS = (
    r"姓名",
    r"性[别別]",
    r"证件号码",
    r"出生日期",
    r"入学日期",
    r"入学时间",
    r"毕\(结\)业日期",
    r"毕业日期",
    r"毕业时间",
    r"身份证号",
    r"(?<!在线)验证码",
    r"(?:报告|验证)?有效期至",
    r"毕结业结论",
    r"校(?:\(院\))?长",  # 校长, 校(院)长 heading a column of a 备案表
    r"学校名称",
    r"院校名称",
    r"毕业院校",
    r"学历层次",
    r"专业",
    r"学制",
    r"层次",
    r"学历类别",
    r"学习形式",
    r"毕\(结\)业(?!日期)",
    r"(?:学历)?证书编号",
    r"校\(院\)长姓名",
    r"在线验证码",
    r"更新日期",
)


def extract_record(rows: Sequence[Row]) -> dict[str, Reading]:
    out = person_fields(rows, RECORD_LABELS, r"证件号码|身份证号")
    # the 备案表's labels first, then the 学历认证报告's and other issuers' wording
    put_reading(out, labelled(rows, "school", r"学校名称|院校名称|毕业院校", RECORD_LABELS))
    put_reading(out, labelled(rows, "education_level", r"(?:学历)?层次", RECORD_LABELS))
    graduated = labelled(rows, "graduation", r"毕\(结\)业日期|毕业日期|毕业时间", RECORD_LABELS)
    put_reading(out, date_reading(graduated, True))
    number = labelled(rows, "diploma_number", r"(?:学历)?证书编号", RECORD_LABELS, r"[0-9]{17,18}")
    put_reading(out, number)
    put_reading(
        out,
        labelled(rows, "verification_code", r"在线验证码|验证码", RECORD_LABELS, r"[0-9A-Za-z]+"),
    )
    # (the label whole, 报告有效期至, so that it is found alone over its value's cell; its
    # value a date, not the words after 有效期 in a note: 本表在有效期内可凭…)
    validity = labelled(
        rows, "validity", r"(?:报告|验证)?有效期至|有效期", RECORD_LABELS, _DATE_VALUE
    )
    put_reading(out, date_reading(validity))
    return out


RECORD_LEVEL = {
    "研究生": ("硕士", "博士", "研究生"),
    "本科": ("本科",),
    "专科": ("专科", "高职", "大专"),
    "中专": ("中专", "中等专业", "中职"),
}


CODE_RE = re.compile(r"[A-Z0-9]{16}|[0-9]{12}")


def check_record(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    e = ctx.form.education
    yield compare(ctx, "name", ctx.form.name, r.get("name"), same_name, look)
    if "id_number" in r:  # not every 备案表 prints it (domain-facts A5)
        yield compare(ctx, "id_number", ctx.form.id_number, r.get("id_number"), same_id, look)
    yield compare(ctx, "school", e.school, r.get("school"), textnorm.same_institution, look)
    yield compare(ctx, "graduation", e.graduation, r.get("graduation"), same_month, look)
    yield compare(ctx, "diploma_number", e.diploma_number, r.get("diploma_number"), same_id, look)
    level = r.get("education_level")
    if level is None:
        yield not_found(ctx, "education_level", e.level)
    elif e.level in RECORD_LEVEL:
        yield judged(
            ctx,
            "education_level",
            level,
            any(w in level.value for w in RECORD_LEVEL[e.level]),
            e.level,
            f"备案表上的层次“{level.value}”与报名学历相符。",
            f"备案表上的层次为“{level.value}”，与报名表填写的学历“{e.level}”不符。",
        )
    code = r.get("verification_code")
    if code is None:
        yield not_found(ctx, "verification_code", "16位大写字母或数字")
    else:
        yield judged(
            ctx,
            "verification_code",
            code,
            bool(CODE_RE.fullmatch(code.value)),
            "16位大写字母或数字",
            "在线验证码格式正确（可在学信网核验）。",
            f"在线验证码“{code.value}”格式不正确（应为16位大写字母或数字）。",
            "invalid",
        )
    yield validity_check(ctx, r.get("validity"), "在线验证报告有效期")


MATERIAL = Material(
    slot="diploma_record",
    extract=extract_record,
    check=check_record,
    fields=(
        "name",
        "id_number",
        "school",
        "graduation",
        "diploma_number",
        "education_level",
        "verification_code",
        "validity",
    ),
    personal=True,
    markers=(
        "电子注册备案表",
        "在线验证码",
        "学历类别",
        "学习形式",
        "学校名称",
        "层次",
        "更新日期",
    ),
    heading="电子注册备案表|学历认证报告",
    short_value_labels=("姓名",),
)

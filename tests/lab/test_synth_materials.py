"""The generator's materials beyond the first six: every category's slots, what each new
renderer prints (recorded as drawn, no OCR), the PDFs' text layers, every fault kind, the
regions, photo variety and determinism."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import random
from datetime import date
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from PIL import Image

from lab.synth import FAULT_KINDS, families, pdfdoc
from lab.synth import faults as flt
from lab.synth import render as rnd
from lab.synth.people import VARIANTS, make_person
from lab.synth.window import (
    Plan,
    clean_docs,
    clean_form,
    generate_windows,
    slots_for,
    variant_slots,
    write_applicant,
)

REF = date(2026, 1, 31)
OPENS = date(2026, 1, 5)
BASE = {"id_front", "id_back", "photo"}

#: docs/materials.md's table: the slots beyond id_front, id_back, photo (Tianjin adds
#: social_insurance, Liaoning id_handheld).
SPEC = {
    "bk_probation": {"diploma", "probation_cert", "licence"},
    "yingjie": {"diploma", "probation_cert", "licence", "pledge"},
    "yjs_graduated": {"diploma", "degree", "probation_cert", "licence"},
    "yjs_current": {"pledge"},
    "yjs_long": {"diploma", "pledge"},
    "asst_zhuanke": {
        "diploma",
        "licence",
        "assistant_qualification",
        "assistant_practice",
        "practice_period_cert",
    },
    "asst_benke": {
        "diploma",
        "licence",
        "assistant_qualification",
        "assistant_practice",
        "practice_period_cert",
    },
    "asst_zhongzhuan": {
        "diploma",
        "diploma_record",
        "licence",
        "assistant_qualification",
        "assistant_practice",
        "practice_period_cert",
    },
    "zhuanke_assistant": {"diploma", "probation_cert", "licence"},
    "zhongzhuan_assistant": {"diploma", "diploma_record", "probation_cert", "licence"},
    "mentorship": {"mentorship_cert", "probation_cert", "licence"},
    "rural": {"diploma", "probation_cert", "licence"},
}
NO_SOCIAL = {"rural", "yjs_current", "yjs_long"}


def person_plan(variant: str, region: str = "天津市", seed: int = 3, **hints: object) -> Plan:
    rng = random.Random(seed)
    person = make_person(rng, REF, variant=variant, region=region, **hints)  # type: ignore[arg-type]
    aid = "2026120000001"
    form = clean_form(aid, person, region)
    return Plan(
        1,
        aid,
        person,
        form,
        clean_docs(person, REF, rng, OPENS),
        REF,
        slots=slots_for(form, region),
        region=region,
        earlier={"photo": [("2026120000000", 0, "")], "id_back": []},
    )


def plan_for(kind: str, seed: int = 3) -> Plan:
    for region in ("天津市", "辽宁省", "北京市"):
        for key, v in VARIANTS.items():
            if flt.feasible(kind, v, variant_slots(key, region, REF, OPENS), 1):
                return person_plan(key, region, seed, **flt.PERSON_HINTS.get(kind, {}))
    pytest.skip(f"no category can carry {kind} under the current rules")


# --------------------------------------------------------------------------------------------
# Categories and forms


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_category_gets_its_slots(variant: str) -> None:
    for region, extra in (("天津市", "social_insurance"), ("辽宁省", "id_handheld")):
        plan = person_plan(variant, region)
        want = BASE | SPEC[variant]
        if region == "天津市" and variant not in NO_SOCIAL:
            want |= {extra}
        if region == "辽宁省":
            want |= {extra}
        assert set(plan.slots) == want, (variant, region)
    assert set(person_plan(variant, "北京市").slots) == BASE | SPEC[variant]


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_forms_carry_the_category(variant: str) -> None:
    v = VARIANTS[variant]
    plan = person_plan(variant)
    form, edu = plan.form, plan.form["education"]
    assert edu["level"] == v.level and form["exam"]["level"] == v.exam_level
    assert form["duty_status"] == v.duty
    assert form["exam"]["category"] == ("乡村全科" if v.rural else plan.person.category)
    if v.duty == "当年毕业研究生" or v.level == "师承或确有专长":
        assert edu["diploma_number"] == ""
    if v.long:
        assert edu["study_mode"] in ("七年制", "八年制")
    if v.current:
        assert edu["graduation"].startswith("2026")
    if v.assistant:
        a = form["assistant"]
        q = a["qualification_number"]
        assert len(q) == 27 and q.endswith(form["id_number"]) and q[6] == "2"
        assert q[:4] == a["qualification_date"][:4] and q[4:6] == "12"
        assert len(a["practice_number"]) == 15 and a["practice_number"].isdigit()
        cutoff = {"专科": "2024-08", "中专": "2021-08"}.get(v.level)
        if cutoff:
            assert a["registration_date"] <= cutoff
    else:
        assert "assistant" not in form


def test_region_province_codes_and_local_schools() -> None:
    for region, code in (("北京市", "11"), ("辽宁省", "21")):
        plan = person_plan("asst_zhuanke", region)
        assert plan.form["assistant"]["qualification_number"][4:6] == code
    for seed in range(6):
        p = person_plan("yjs_current", "辽宁省", seed).person
        assert p.school.province == "辽宁省"


# --------------------------------------------------------------------------------------------
# What the renderers print


def drawn_text(doc: rnd.Doc, monkeypatch: pytest.MonkeyPatch) -> tuple[str, rnd.Rendered]:
    seen: list[str] = []
    real = rnd.Canvas.text

    def spy(self: rnd.Canvas, xy: tuple[float, float], s: str, *a: object, **k: object) -> float:
        seen.append(s)
        return real(self, xy, s, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(rnd.Canvas, "text", spy)
    out = rnd.render(doc, random.Random(1))
    return "\n".join(seen), out


LABELS = {
    "degree": ("学位证书", "学位评定委员会主席", "证书编号：", "《中华人民共和国学位条例》"),
    "diploma_record": (
        "姓名",
        "性别",
        "证件号码",
        "出生日期",
        "入学日期",
        "毕(结)业日期",
        "学校名称",
        "专业",
        "学制",
        "层次",
        "学历类别",
        "学习形式",
        "毕(结)业",
        "证书编号",
        "校(院)长姓名",
        "在线验证码",
        "在线验证报告有效期至",
        "更新日期：",
    ),
    "assistant_qualification": (
        "医师资格证书",
        "经国家医师资格考试，成绩合格，具有执业助理医师资格。",
        "身份证件号码",
        "资格级别",
        "资格类别",
        "资格证书编码",
        "签发日期",
    ),
    "assistant_practice": (
        "医师执业证书",
        "身份证号",
        "医师级别",
        "执业类别",
        "执业范围",
        "执业证书编码",
    ),
    "practice_period_cert": (
        "执业助理医师报考执业医师执业期考核证明",
        "身份证号",
        "执业机构",
        "执业时间",
        "执业类别",
        "考核结果",
        "考核意见",
        "单位（公章）",
    ),
    "mentorship_cert": ("身份证号", "专业", "证书编号", "发证机关", "发证日期"),
    "pledge": (
        "应届医学专业毕业生医师资格考试报考承诺书",
        "身份证号",
        "毕业学校",
        "专业",
        "预计毕业时间",
        "承诺人（签字）：",
    ),
    "social_insurance": (
        "姓名：",
        "社会保障号码：",
        "单位名称：",
        "缴费年月",
        "险种",
        "缴费基数",
        "缴费状态",
    ),
    "id_handheld": ("公民身份号码", "姓名"),
}
VALUES = {
    "degree": ("name", "school", "degree_number"),
    "diploma_record": ("name", "id_number", "school", "major", "record_level", "verification_code"),
    "assistant_qualification": ("name", "id_number", "qualification_number"),
    "assistant_practice": ("name", "id_number", "practice_number", "work_unit"),
    "practice_period_cert": ("name", "id_number", "work_unit", "result"),
    "mentorship_cert": ("title", "name", "id_number", "cert_number"),
    "pledge": ("name", "id_number", "school", "major"),
    "social_insurance": ("title", "name", "id_number", "work_unit"),
    "id_handheld": ("name", "id_number"),
}
WHO = {
    "degree": "yjs_graduated",
    "diploma_record": "asst_zhongzhuan",
    "assistant_qualification": "asst_zhuanke",
    "assistant_practice": "asst_zhuanke",
    "practice_period_cert": "asst_zhuanke",
    "mentorship_cert": "mentorship",
    "pledge": "yjs_current",
    "social_insurance": "bk_probation",
    "id_handheld": "bk_probation",
}


@pytest.mark.parametrize("doc_type", list(LABELS))
def test_renderers_print_labels_and_values(doc_type: str, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = person_plan(WHO[doc_type], "辽宁省").docs[doc_type]
    # the built-in layout these labels belong to (other families print other labels)
    family = "table" if doc_type == "social_insurance" else "classic"
    if doc_type == "id_handheld":
        family = "national"
    doc = rnd.Doc(doc.doc_type, {**doc.fields, "family": family}, doc.look, doc.extra)
    text, out = drawn_text(doc, monkeypatch)
    for label in LABELS[doc_type]:
        assert label in text, (doc_type, label)
    for key in VALUES[doc_type]:
        assert doc.fields[key] in text.replace(" ", "") or doc.fields[key] in text, (doc_type, key)
    assert out.doc_type == doc_type and out.min_glyph >= 12
    if doc_type == "degree":
        assert f"{doc.fields['degree_level']}学位证书" in text
    if doc_type == "social_insurance":
        for month in doc.extra["required"].split(","):
            assert month in text


@pytest.mark.parametrize("words", [("已实缴", "欠费"), ("正常缴费", "欠缴")])
def test_social_insurance_serial_family(
    words: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second layout family: 序号 first, insurance before month, its own status words."""
    doc = person_plan("bk_probation", "天津市").docs["social_insurance"]
    paid, unpaid = words
    fields = {**doc.fields, "family": "serial", "paid": paid, "unpaid": unpaid}
    first = fields["payments"].split(";")[0].split("|")
    fields["payments"] = fields["payments"].replace("|".join(first), "|".join([*first[:3], "欠缴"]))
    text, out = drawn_text(rnd.Doc(doc.doc_type, fields, doc.look, doc.extra), monkeypatch)
    for label in ("姓名：", "公民身份号码：", "参保单位名称：", "序号", "费款所属期", "缴费状态"):
        assert label in text
    assert "社会保障号码" not in text and "已缴" not in text.replace("已缴费", "")
    assert paid in text and unpaid in text and out.doc_type == "social_insurance"
    drawn = {rnd.si_family(d.fields) for d in _si_docs()}
    assert len(drawn) >= 2 and drawn <= set(families.FAMILIES["social_insurance"])


def _si_docs() -> list[rnd.Doc]:
    plans = [person_plan("bk_probation", "天津市", seed) for seed in range(8)]
    return [plan.docs["social_insurance"] for plan in plans]


def test_handheld_card_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = person_plan("bk_probation", "辽宁省").docs["id_handheld"]
    big = rnd.render(
        rnd.Doc("id_handheld", doc.fields, doc.look, {"legible": "1"}), random.Random(2)
    )
    small = rnd.render(
        rnd.Doc("id_handheld", doc.fields, doc.look, {"legible": "0"}), random.Random(2)
    )
    # The capture keeps min_glyph ≥ 20 px: a legible card's number stays above 20 px.
    assert big.card_glyph >= 22 and big.min_glyph <= big.card_glyph
    assert small.card_glyph < 16


# --------------------------------------------------------------------------------------------
# PDFs


@pytest.mark.parametrize("slot", ["diploma_record", "social_insurance"])
def test_pdf_text_layer(slot: str) -> None:
    doc = person_plan("asst_zhongzhuan").docs[slot]
    if slot == "social_insurance":  # the built-in 'table' layout (other families: their tests)
        fields = {**doc.fields, "family": "table", "paid": "已缴", "unpaid": "欠缴"}
        doc = rnd.Doc(doc.doc_type, fields, doc.look, doc.extra)
    build = pdfdoc.record_pdf if slot == "diploma_record" else pdfdoc.social_insurance_pdf
    # the built-in layouts these labels belong to (this person's proof draws "serial")
    family = "table" if slot == "social_insurance" else "classic"
    doc = rnd.Doc(doc.doc_type, {**doc.fields, "family": family}, doc.look, doc.extra)
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000
    assert build(doc.fields) == data  # deterministic
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = pdf.pages[0].extract_text()
    labels = LABELS[slot] if slot == "social_insurance" else LABELS[slot][:-1]
    for label in labels:
        assert label in text, label
    for key in VALUES[slot]:
        assert doc.fields[key] in text, key
    if slot == "diploma_record":
        assert rnd.group4(doc.fields["diploma_number"]) in text
        assert doc.fields["title"] in text
    else:
        assert "202512 城镇职工基本养老保险" in text and "已缴" in text


# --------------------------------------------------------------------------------------------
# Faults

#: Kinds whose change is a file, a slot or a reused image (nothing printed changes).
NOT_PRINTED = {
    "file_empty",
    "file_truncated",
    "file_wrong_type",
    "file_too_large",
    "photo_too_large",
    "photo_not_jpeg",
    "missing_slot",
    "form_malformed_line",
    "form_underage",
    "id_expired",
    "same_image_other_applicant",
}


@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_fault_changes_only_what_it_expects(kind: str) -> None:
    plan = plan_for(kind)
    form = copy.deepcopy(plan.form)
    docs = {s: (d.doc_type, dict(d.fields), dict(d.extra)) for s, d in plan.docs.items()}
    fault = flt.FAULTS[kind](plan, random.Random(5))
    assert fault.kind == kind and fault.expect
    slots = {s for s, _ in fault.expect}
    for slot in slots - {"form", "window"}:
        assert slot in plan.slots, (kind, slot)
    changed = {s for s, d in plan.docs.items() if (d.doc_type, d.fields, d.extra) != docs[s]}
    # Documents change only in the slots the fault names (a slot whose document was swapped
    # for another's counts as that slot).
    assert changed <= slots | {fault.slot}, (kind, changed)
    assert (
        changed & set(plan.slots)
        or kind in NOT_PRINTED
        or plan.form != form
        or plan.reuse
        or plan.capture_fault
    )
    if plan.form != form and kind not in ("form_malformed_line",):
        assert "form" in slots or kind.startswith("form_"), kind


def test_new_faults_values() -> None:
    plan = plan_for("aq_tail_not_applicant")
    flt.FAULTS["aq_tail_not_applicant"](plan, random.Random(1))
    q = plan.form["assistant"]["qualification_number"]
    assert q == plan.docs["assistant_qualification"].fields["qualification_number"]
    assert not q.endswith(plan.form["id_number"]) and len(q) == 27

    plan = plan_for("ap_registered_late")
    flt.FAULTS["ap_registered_late"](plan, random.Random(1))
    cutoff = flt.registration_cutoff(plan.form["education"]["level"], 2026)
    assert cutoff is not None
    assert plan.docs["assistant_practice"].fields["registration_date"] > cutoff.isoformat()
    assert plan.form["assistant"]["registration_date"] > f"{cutoff:%Y-%m}"

    plan = plan_for("record_code_invalid")
    flt.FAULTS["record_code_invalid"](plan, random.Random(1))
    code = plan.docs["diploma_record"].fields["verification_code"]
    assert len(code) != 16 or code != code.upper()

    plan = plan_for("si_month_unpaid")
    required = plan.docs["social_insurance"].extra["required"].split(",")
    assert required == ["202510", "202511", "202512"]
    flt.FAULTS["si_month_unpaid"](plan, random.Random(1))
    rows = [r.split("|") for r in plan.docs["social_insurance"].fields["payments"].split(";")]
    paid = {r[0] for r in rows if r[3] == "已缴"}
    assert not set(required) <= paid

    plan = plan_for("licence_no_subject")
    assert plan.person.category in ("口腔", "中医")
    flt.FAULTS["licence_no_subject"](plan, random.Random(1))
    assert not {"口腔科", "中医科"} & set(plan.docs["licence"].fields["subjects"].split("；"))

    plan = plan_for("degree_level_mismatch")
    flt.FAULTS["degree_level_mismatch"](plan, random.Random(1))
    assert plan.docs["degree"].fields["degree_level"] == "学士"  # a 研究生 form


def test_same_image_in_two_slots_is_written_twice(tmp_path: Path) -> None:
    plan = plan_for("same_image_two_slots")
    fault = flt.FAULTS["same_image_two_slots"](plan, random.Random(4))
    assert plan.reuse is not None
    src, dst = plan.reuse[1], plan.reuse[2]
    entries = write_applicant(plan, random.Random(1), 1, tmp_path)
    by_slot = {e["slot"]: e for e in entries}
    assert by_slot[dst]["reused_from"] == {"applicant_id": plan.applicant_id, "slot": src}
    assert by_slot[dst]["doc_type"] == by_slot[src]["doc_type"]
    assert (dst, "doc_type") in fault.expect and ("window", "image") in fault.expect


# --------------------------------------------------------------------------------------------
# Photos, windows, determinism


def ahash(img: Image.Image) -> np.ndarray:
    small = np.asarray(img.convert("L").resize((16, 16), Image.Resampling.BILINEAR), np.float32)
    return (small > small.mean()).ravel()


def test_photos_of_different_people_differ() -> None:
    rng = random.Random(11)
    looks = [make_person(rng, REF).look for _ in range(12)]
    hashes = [ahash(rnd.render_photo(look, random.Random(0))) for look in looks]
    close = [
        (i, j)
        for i in range(len(hashes))
        for j in range(i)
        if np.count_nonzero(hashes[i] != hashes[j]) < 20
    ]
    assert len(close) <= 2, close


def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_windows_per_region_deterministic(tmp_path: Path) -> None:
    a = generate_windows(tmp_path / "a", 3, 5, fault_rate=0.0)
    b = generate_windows(tmp_path / "b", 3, 5, fault_rate=0.0)
    assert len(a) == 3 and [p.name for p in a] == [p.name for p in b]
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    regions = []
    for path in a:
        truth = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert len(truth) == 1
        t = truth[0]
        regions.append(t["region"])
        assert t["category"] and {u["slot"] for u in t["uploads"]} == set(t["slots"])
        for u in t["uploads"]:
            if u["kind"] == "pdf":
                assert u["rotation"] == 0
    assert regions == ["天津市", "北京市", "辽宁省"]

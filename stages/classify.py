"""Which material is this? Keyword evidence per document type, counted on the page's text.

Printed headings and labels are the most stable thing on these documents; two or more of a
type's markers identify it. A page whose text matches another type better than the slot's
own is the wrong document (e.g. the diploma uploaded as the ID card front).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .textnorm import fold_variants

MARKERS: dict[str, tuple[str, ...]] = {
    "id_front": ("公民身份号码", "姓名", "性[别別]", "民族", "出生", "住址", r"[1-9]\d{16}[\dX]"),
    "id_back": ("居民身份证", "签发机关", "有效期限", "中华人民共和国"),
    "diploma": ("毕业证书", "准予毕业", "证书编号", "校\\(?院\\)?长", "在本校", "学习"),
    "licence": ("医疗机构执业许可证", "机构名称", "登记号", "诊疗科目", "法定代表人", "发证机关"),
    "probation_cert": ("试用期考核", "试用机构", "考核结果", "试用时间", "试用科室"),
    "degree": ("学位证书", "授予", "学位评定委员会", "学位条例", "(学士|硕士|博士)学位"),
    "diploma_record": (
        "电子注册备案表",
        "在线验证码",
        "学历类别",
        "学习形式",
        "学校名称",
        "层次",
        "更新日期",
    ),
    "assistant_qualification": (
        "医师资格证书",
        "资格级别",
        "资格类别",
        "资格证书编码",
        "医师资格考试",
    ),
    "assistant_practice": (
        "医师执业证书",
        "执业地点|主要执业机构",
        "执业类别",
        "执业范围",
        "执业证书编码",
        "医师级别",
    ),
    "practice_period_cert": ("执业期考核", "执业机构", "执业时间", "考核结果", "执业类别"),
    "mentorship_cert": ("师承", "出师", "确有专长", "医术", "传统医学", "中医(药)?管理局"),
    "pledge": ("承诺书", "应届", "本人承诺", "预计毕业", "承诺人"),
    "social_insurance": ("社会保险", "缴费", "社会保障号码", "险种", "已缴|欠缴", "缴费年月"),
}
#: Markers (regular expressions) that alone identify a type.
HEADINGS: dict[str, str] = {
    "id_front": "公民身份号码",
    "id_back": "居民身份证",
    "diploma": "毕业证书|毕业证明书",
    "licence": "执业许可证|诊所备案证",
    "probation_cert": "试用期考核",
    "degree": "学位证书",
    "diploma_record": "电子注册备案表|学历认证报告",
    "assistant_qualification": "医师资格证书",
    "assistant_practice": "医师执业证书",
    "practice_period_cert": "执业期考核证明",
    "mentorship_cert": "出师证书|确有专长证书",
    "pledge": "报考承诺书",
    "social_insurance": "社会保险",
}
#: Slots whose material shows another type's markers (the card held in the hand).
SHOWS = {"id_handheld": "id_front"}
MIN_MARKERS = 2


@dataclass(frozen=True, slots=True)
class DocType:
    best: str | None
    scores: dict[str, int]

    def score(self, doc_type: str) -> int:
        return self.scores.get(doc_type, 0)


def classify(texts: Iterable[str]) -> DocType:
    # PP-OCR answers some large serif titles in traditional characters (傳統醫學…證書)
    text = fold_variants(re.sub(r"\s+", "", "".join(texts)))
    text = text.replace("（", "(").replace("）", ")")
    scores = {}
    for doc_type, markers in MARKERS.items():
        n = sum(1 for m in markers if re.search(m, text))
        if re.search(HEADINGS[doc_type], text):
            n += 2
        scores[doc_type] = n
    best = max(scores, key=lambda k: scores[k])
    return DocType(best if scores[best] >= MIN_MARKERS else None, scores)


def is_expected(doc: DocType, slot: str) -> bool | None:
    """True: the slot's material; False: clearly another one; None: cannot tell."""
    if slot == "id_handheld" and doc.best in (None, "id_front") and doc.score("id_front") >= 1:
        # a person holding a card: the card's few legible words (its number, 姓名) suffice
        return True
    slot = SHOWS.get(slot, slot)
    if slot not in MARKERS:
        return True
    own = doc.score(slot)
    if own >= MIN_MARKERS and own >= max(doc.scores.values()) - 1:
        return True
    if doc.best is not None and doc.best != slot:
        return False
    return None

"""Which material is this? Keyword evidence per document type, counted on the page's text.

Printed headings and labels are the most stable thing on these documents; two or more of a
type's markers identify it. A page whose text matches another type better than the slot's
own is the wrong document (e.g. the diploma uploaded as the ID card front).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MARKERS: dict[str, tuple[str, ...]] = {
    "id_front": ("公民身份号码", "姓名", "性[别別]", "民族", "出生", "住址"),
    "id_back": ("居民身份证", "签发机关", "有效期限", "中华人民共和国"),
    "diploma": ("毕业证书", "准予毕业", "证书编号", "校\\(?院\\)?长", "在本校", "学习"),
    "licence": ("医疗机构执业许可证", "机构名称", "登记号", "诊疗科目", "法定代表人", "发证机关"),
    "probation_cert": ("试用期考核", "试用机构", "考核结果", "试用时间", "试用科室"),
}
#: Markers that alone identify a type.
HEADINGS: dict[str, str] = {
    "id_front": "公民身份号码",
    "id_back": "居民身份证",
    "diploma": "毕业证书",
    "licence": "执业许可证",
    "probation_cert": "试用期考核",
}
MIN_MARKERS = 2


@dataclass(frozen=True, slots=True)
class DocType:
    best: str | None
    scores: dict[str, int]

    def score(self, doc_type: str) -> int:
        return self.scores.get(doc_type, 0)


def classify(texts: Iterable[str]) -> DocType:
    text = re.sub(r"\s+", "", "".join(texts))
    text = text.replace("（", "(").replace("）", ")")
    scores = {}
    for doc_type, markers in MARKERS.items():
        n = sum(1 for m in markers if re.search(m, text))
        if HEADINGS[doc_type] in text:
            n += 2
        scores[doc_type] = n
    best = max(scores, key=lambda k: scores[k])
    return DocType(best if scores[best] >= MIN_MARKERS else None, scores)


def is_expected(doc: DocType, slot: str) -> bool | None:
    """True: the slot's material; False: clearly another one; None: cannot tell."""
    if slot not in MARKERS:
        return True
    own = doc.score(slot)
    if own >= MIN_MARKERS and own >= max(doc.scores.values()) - 1:
        return True
    if doc.best is not None and doc.best != slot:
        return False
    return None

"""The run in OUT, loaded into the desk's database.

`certcheck serve` loads `applicants.csv`, `findings.jsonl` and `forms.jsonl` (the form lines
the run read) into the `applicants` table, one row per applicant with the queue's columns
(site, severity, first problem type, masked ID) indexed by site, and the detail as JSON, so a
reviewer's page never scans OUT. A load happens only when OUT's files changed (their sizes and
times are kept in `meta`). An applicant whose findings changed since a decision (a re-run after
re-uploads) is reopened: the decision stays, in the history too, and the queue shows it again.
The page images are read from the applicant's part on demand (pipeline.run.load_result).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from .db import Applicant, ApplicantDetail, DecisionRow, DeskError, FeedbackTemplate, Meta
from .events import canonical, mask_id

#: the order of a problem's status in the queue: the most severe first
SEVERITY = {"invalid": 0, "missing": 1, "mismatch": 2, "expired": 3, "unreadable": 4}
SPOT_SEVERITY = 8  # an auto-cleared applicant drawn for a spot check (抽查)
CLEAR_SEVERITY = 9
SPOT_TYPE = "抽查"
DEFAULT_SPOT_SHARE = 0.02
FINDING_KEYS = (
    "applicant_id",
    "slot",
    "file",
    "field",
    "status",
    "expected",
    "observed",
    "confidence",
    "message",
)
#: 反馈意见 offered for a material when nothing better is configured (admin can edit them)
DEFAULT_TEMPLATES: dict[str, str] = {
    "id_front": "身份证人像面不清晰或与报名信息不符，请上传本人有效身份证人像面清晰彩色扫描件。",
    "id_back": "身份证国徽面不清晰或已过有效期，请上传有效身份证国徽面清晰彩色扫描件。",
    "id_handheld": "手持身份证照片中证件内容无法辨认，请重新上传本人手持身份证清晰照片。",
    "photo": "报名照片不符合要求，请上传近期小2寸白色背景免冠正面证件照（jpg格式）。",
    "diploma": "毕业证书与报名信息不符或不清晰，请上传毕业证书原件清晰扫描件。",
    "degree": "学位证书不清晰，请上传学位证书原件清晰扫描件。",
    "diploma_record": "请上传有效期内的教育部学历证书电子注册备案表或学历认证报告。",
    "probation_cert": "试用期考核证明不符合要求，请上传加盖公章的医师资格考试试用期考核证明。",
    "licence": "医疗机构执业许可证副本不符合要求，请上传有效期内的执业许可证副本清晰扫描件。",
    "assistant_qualification": "请上传执业助理医师《医师资格证书》清晰扫描件。",
    "assistant_practice": "请上传执业助理医师《医师执业证书》清晰扫描件。",
    "practice_period_cert": "请上传执业助理医师报考执业医师执业期考核证明。",
    "social_insurance": "社保缴费证明不符合要求，请上传覆盖要求期间的社保缴费证明。",
    "mentorship_cert": "请上传传统医学师承出师证书或医术确有专长证书清晰扫描件。",
    "pledge": "请上传本人签字的应届毕业生报考承诺书。",
    "other": "请按要求补充上传相关材料。",
}


def finding_hash(finding: dict[str, Any]) -> str:
    """sha256 of a finding's canonical JSON: what a decision or review was about."""
    return hashlib.sha256(canonical(finding)).hexdigest()


def type_key(f: dict[str, Any]) -> str:
    return f"{f.get('slot')}.{f.get('field')}.{f.get('status')}"


def spot_drawn(applicant_id: str, share: float) -> bool:
    """Whether an auto-cleared applicant is drawn for a spot check: a fixed draw per id (so
    every start draws the same), about `share` of them."""
    h = int(hashlib.sha256(("spot:" + applicant_id).encode()).hexdigest()[:8], 16)
    return h < share * 0x1_0000_0000


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{path.name}:{st.st_size}:{st.st_mtime_ns}"


def _need(out: Path) -> tuple[Path, Path, Path]:
    paths = (out / "applicants.csv", out / "findings.jsonl", out / "forms.jsonl")
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise DeskError(
            f"{out} is not a finished certcheck run ({', '.join(missing)} missing): run "
            f"`certcheck run WINDOW --out {out}` first / 不是已完成的核对结果目录"
        )
    return paths


def _read_forms(path: Path) -> dict[str, dict[str, Any]]:
    forms: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                forms[str(obj.get("applicant_id"))] = obj
    return forms


def _read_findings(path: Path) -> dict[str, list[dict[str, Any]]]:
    by_id: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                by_id[str(obj.get("applicant_id"))].append(obj)
    return by_id


def _rows(out: Path, spot_share: float) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    csv_path, findings_path, forms_path = _need(out)
    forms = _read_forms(forms_path)
    findings = _read_findings(findings_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        for position, row in enumerate(csv.DictReader(f)):
            aid = row["applicant_id"]
            if aid.startswith("'"):  # pipeline.run.csv_cell kept a formula-like id as text
                aid = aid[1:]
            form, found = forms.get(aid, {}), findings.get(aid, [])
            yield (
                applicant_row(aid, position, row["verdict"], form, found, spot_share),
                detail_row(aid, form, found),
            )


def applicant_row(
    aid: str,
    position: int,
    verdict: str,
    form: dict[str, Any],
    findings: list[dict[str, Any]],
    spot_share: float = DEFAULT_SPOT_SHARE,
) -> dict[str, Any]:
    """The `applicants` row of one applicant (also used by the load test's synthetic rows)."""
    problems = [f for f in findings if f.get("status") != "pass"]
    problems.sort(key=lambda f: (SEVERITY.get(str(f.get("status")), 5), type_key(f)))
    spot = verdict == "clear" and not problems and spot_drawn(aid, spot_share)
    if problems:
        severity = SEVERITY.get(str(problems[0].get("status")), 5)
        top = type_key(problems[0])
    else:
        severity, top = (SPOT_SEVERITY, SPOT_TYPE) if spot else (CLEAR_SEVERITY, "")
    return {
        "applicant_id": aid,
        "position": position,
        "name": str(form.get("name") or ""),
        "site": str(form.get("site") or ""),
        "region": str(form.get("region") or ""),
        "id_masked": mask_id(str(form.get("id_number") or "")),
        "verdict": verdict,
        "n_findings": len(problems),
        "severity": severity,
        "top_type": top,
        "types": " " + " ".join(sorted({type_key(f) for f in problems})) + " ",
        "materials": " " + " ".join(sorted({str(f.get("slot")) for f in problems})) + " ",
        "spot_check": spot,
        "content_hash": hashlib.sha256(b"\n".join(canonical(f) for f in findings)).hexdigest(),
    }


def detail_row(aid: str, form: dict[str, Any], findings: list[dict[str, Any]]) -> dict[str, Any]:
    """The `applicant_details` row of one applicant."""
    return {
        "applicant_id": aid,
        "form_json": json.dumps(form, ensure_ascii=False),
        "findings_json": json.dumps(findings, ensure_ascii=False),
    }


def seed_templates(db: Session) -> None:
    have = set(db.scalars(select(FeedbackTemplate.slot)))
    for slot, wording in DEFAULT_TEMPLATES.items():
        if slot not in have:
            db.add(FeedbackTemplate(slot=slot, text=wording))


def load_run(out: Path, factory: sessionmaker[Any], spot_share: float = DEFAULT_SPOT_SHARE) -> int:
    """Load OUT into the database when it changed since the last load; returns the number of
    applicants loaded (0 when nothing changed)."""
    stamp = ";".join(_stamp(p) for p in _need(out)) + f";spot={spot_share}"
    with factory.begin() as db:
        seed_templates(db)
        meta = db.get(Meta, "run_stamp")
        if meta is not None and meta.value == stamp:
            return 0
    pairs = list(_rows(out, spot_share))
    rows = [r for r, _d in pairs]
    with factory.begin() as db:
        old = {a: h for a, h in db.execute(select(Applicant.applicant_id, Applicant.content_hash))}
        db.execute(delete(Applicant))
        db.execute(delete(ApplicantDetail))
        for i in range(0, len(pairs), 2000):
            db.execute(insert(Applicant), rows[i : i + 2000])
            db.execute(insert(ApplicantDetail), [d for _r, d in pairs[i : i + 2000]])
        changed = [
            r["applicant_id"]
            for r in rows
            if old.get(r["applicant_id"], r["content_hash"]) != r["content_hash"]
        ]
        for i in range(0, len(changed), 500):
            db.execute(
                update(DecisionRow)
                .where(DecisionRow.applicant_id.in_(changed[i : i + 500]))
                .values(reopened=True)
            )
        db.merge(Meta(key="run_stamp", value=stamp))
    with factory.begin() as db:
        db.execute(text("ANALYZE"))  # the planner's statistics for the new rows
    return len(rows)

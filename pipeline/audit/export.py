"""`certcheck audit export OUT --format jsonl|csv|xlsx|parquet`: the verified trail as the rows
an auditor filters: one per check that ran (every run), per applicant verdict, per part
recomputed against the log, and per reviewer event (decisions first of all).

Every format holds the same rows and columns: JSONL and Parquet with the English keys, CSV
(UTF-8 with BOM) and XLSX with Chinese headers. Ids stay text: in XLSX every text cell is a
string cell; in CSV a cell of 11 or more digits starts with a tab (Excel would show
2.02612E+12) and one that would start a formula with `'`. An empty text is null everywhere,
so the formats compare equal. Full ID numbers appear here and nowhere in logs or lists.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from models import SLOT_LABELS

from .chain import canonical, sha256_hex
from .verify import Trail

FORMATS = ("jsonl", "csv", "xlsx", "parquet")

#: (key, Chinese header) of every column, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("record", "记录类型"),
    ("run_id", "运行编号"),
    ("seq", "日志序号"),
    ("time", "时间"),
    ("actor", "操作者"),
    ("applicant_id", "报名序列号"),
    ("id_number", "证件号码"),
    ("slot", "材料栏目"),
    ("material", "材料名称"),
    ("file", "文件"),
    ("file_sha256", "文件SHA-256"),
    ("check", "核对规则"),
    ("variant", "判定方式"),
    ("field", "核对项"),
    ("result", "结果"),
    ("expected", "报名信息或规则值"),
    ("observed", "识别值"),
    ("confidence", "置信度"),
    ("message", "说明"),
    ("finding_sha256", "记录SHA-256"),
    ("engine_versions", "引擎及模型版本"),
    ("code_sha256", "代码SHA-256"),
    ("rules_sha256", "规则及校准文件SHA-256"),
    ("log", "日志文件"),
    ("record_hash", "日志记录哈希"),
    ("details", "详情"),
)
KEYS = tuple(k for k, _ in COLUMNS)
NUMERIC = {"seq": "int", "confidence": "float"}
_LONG_DIGITS = re.compile(r"\d{11,}[0-9Xx]?")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def _row(base: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    values = {**(base or {}), **changes}
    row: dict[str, Any] = {}
    for key in KEYS:
        v = values.get(key)
        if key == "seq":
            row[key] = None if v is None else int(v)
        elif key == "confidence":
            row[key] = None if v is None else float(v)
        else:
            row[key] = _text(v)
    return row


def rows(trail: Trail) -> Iterator[dict[str, Any]]:
    """Every export row, runs in chain order, then the desk's events."""
    id_numbers: dict[str, str] = {}
    for run_id, records in trail.runs:
        run = records[0]["payload"]
        common = {
            "run_id": run_id,
            "engine_versions": "; ".join(f"{k}={v}" for k, v in run["engines"].items())
            + "; "
            + "; ".join(f"{m['file'].rsplit('/', 1)[-1]}={m['sha256']}" for m in run["models"]),
            "code_sha256": run["code"]["source_sha256"],
            "rules_sha256": "; ".join(f"{r['file']}={r['sha256']}" for r in run["rules"])
            + (
                f"; calibration={run['calibration']['sha256']}"
                if run["calibration"]["sha256"]
                else ""
            ),
            "log": f"audit/runs/{run_id}.jsonl",
        }
        for r in records:
            p, aid = r["payload"], str(r.get("applicant_id") or "")
            base = {
                **common,
                "record": r["kind"],
                "seq": r["seq"],
                "time": r["time"],
                "actor": r["actor"],
                "applicant_id": aid,
                "record_hash": r["hash"],
            }
            if r["kind"] == "applicant":
                if p.get("id_number"):
                    id_numbers[aid] = p["id_number"]
                yield _row(
                    base,
                    record="verdict",
                    id_number=p.get("id_number"),
                    result=p["verdict"],
                    details=canonical({k: v for k, v in p.items() if k != "id_number"}).decode(),
                )
            elif r["kind"] == "check":
                f = p["finding"]
                yield _row(
                    base,
                    id_number=id_numbers.get(aid),
                    slot=f["slot"],
                    material=SLOT_LABELS.get(f["slot"], f["slot"]),
                    file=f["file"],
                    file_sha256=p["file_sha256"],
                    check=f["check"],
                    variant=f["variant"],
                    field=f["field"],
                    result=f["status"],
                    expected=f["expected"],
                    observed=f["observed"],
                    confidence=f["confidence"],
                    message=f["message"],
                    finding_sha256=sha256_hex(canonical(f)),
                    details=canonical({"evidence": f.get("evidence")}).decode(),
                )
            elif r["kind"] == "part_recomputed":
                yield _row(base, result="recomputed", message=p["reason"],
                           details=canonical(p).decode())  # fmt: skip
    for e in trail.desk:
        p = e.get("payload") or {}
        who = e.get("applicant_id")
        yield _row(
            record=e.get("kind"),
            run_id=p.get("run_id"),
            seq=e.get("seq"),
            time=e.get("time"),
            actor=e.get("actor"),
            applicant_id=who,
            id_number=id_numbers.get(who) if isinstance(who, str) else None,
            result=p.get("decision"),
            message=p.get("reason"),
            log="audit/desk-events.jsonl",
            record_hash=e.get("hash"),
            details=canonical(p).decode(),
        )


def write(trail: Trail, fmt: str, path: Path) -> int:
    """Write the rows in `fmt` to `path` (whole: a temporary name, then renamed); returns how
    many rows."""
    from .. import outdir

    data = list(rows(trail))
    tmp = outdir.tmp_path(path)
    try:
        {"jsonl": _jsonl, "csv": _csv, "xlsx": _xlsx, "parquet": _parquet}[fmt](data, tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return len(data)


def _jsonl(data: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in data:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def csv_text(value: Any) -> Any:
    """A CSV cell Excel keeps as text: long digit strings behind a tab, formulas behind `'`."""
    if not isinstance(value, str):
        return "" if value is None else value
    if _LONG_DIGITS.fullmatch(value):
        return "\t" + value
    return "'" + value if value.startswith(_FORMULA) else value


def _csv(data: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([h for _, h in COLUMNS])
        for row in data:
            writer.writerow([csv_text(row[k]) for k in KEYS])


def _xlsx(data: list[dict[str, Any]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计记录")
    ws.append([h for _, h in COLUMNS])
    for row in data:
        cells: list[Any] = []
        for key in KEYS:
            value = row[key]
            if isinstance(value, str):
                cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
                cell.data_type = "s"  # text, never a number or a formula
                cell.number_format = "@"
                cells.append(cell)
            else:
                cells.append(value)
        ws.append(cells)
    wb.save(path)


def _parquet(data: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(k, types[NUMERIC[k]] if k in NUMERIC else pa.string()) for k in KEYS])
    pq.write_table(pa.Table.from_pylist(data, schema=schema), path)


def read(fmt: str, path: Path) -> list[dict[str, Any]]:
    """The rows of an export file, by English key (the round-trip tests and auditors' scripts)."""
    if fmt == "jsonl":
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return list(pq.read_table(path).to_pylist())
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        it = wb.worksheets[0].iter_rows(values_only=True)
        by_header = {h: k for k, h in COLUMNS}
        keys = [by_header[h] for h in next(it)]
        out = [dict(zip(keys, values, strict=True)) for values in it]
        wb.close()
        return out
    raise ValueError(f"cannot read back {fmt}")

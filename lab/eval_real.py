"""`certcheck eval-real`: measure on the third-party material in ../shared/realdata.

That material is for measuring only; nothing from it is copied into the repository.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from stages import idnumber
from stages.textnorm import edit_distance

REGION_WORDS = ("birth place", "地址码", "address code", "county", "region")


def id_vectors(realdata: Path) -> tuple[int, int, list[str]]:
    """Every 18-character row judged as its `expected` column says; rows whose reason is the
    region code are expected VALID from us (we deliberately never reject on the region)."""
    path = realdata / "id_vectors" / "cn_ric_vectors.tsv"
    right = total = 0
    wrong: list[str] = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            number = row["id_number"].strip()
            if len(number) != 18:
                continue
            reason = (row.get("failure_reason") or "") + " " + (row.get("expected") or "")
            # rows rejected only for their region code are set aside: we deliberately accept
            # them when checksum and date hold; a region row with a bad checksum stays invalid
            region_row = any(w in reason for w in REGION_WORDS)
            checksum_ok = (row.get("gb11643_checksum_ok") or "").strip() == "yes"
            expected_valid = row["expected"].startswith("valid") or (region_row and checksum_ok)
            got = idnumber.is_valid(number)
            total += 1
            if got == expected_valid:
                right += 1
            else:
                wrong.append(
                    f"{number}: expected {'valid' if expected_valid else 'invalid'}, got "
                    f"{'valid' if got else 'invalid'} ({row['expected']}; "
                    f"{row.get('failure_reason', '')})"
                )
    return right, total, wrong


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("——", "--")
    return re.sub(r"[\s,，.。:：;；!！?？\-—_\"'“”]", "", text)


def cer(ref: str, hyp: str) -> float:
    """Character error rate: edit distance / reference length."""
    a, b = _norm(ref), _norm(hyp)
    return edit_distance(a, b) / max(1, len(a))


def chinese_cer(
    realdata: Path,
) -> list[tuple[str, float, float | None, str, float | None, list[tuple[str, str]]]]:
    """PP-OCR (through our normalise + read path) and Tesseract chi_sim on the full-text rows:
    Tesseract on the whole page (psm 3, what a user would call) and on our detected lines
    (psm 7, how the agreement mode calls it), with each line's two readings."""
    from stages.normalise import load_image, normalise
    from stages.ocr.rapid import RapidEngine
    from stages.ocr.tesseract import TesseractEngine
    from stages.read import group_rows, recognise_lines
    from stages.read import quad_box as q_box

    engine = RapidEngine(threads=1)
    try:
        tess: TesseractEngine | None = TesseractEngine(timeout=60)
    except Exception:  # noqa: BLE001 - reported as missing figures
        tess = None
    rows = []
    with (realdata / "chinese_ocr_gt.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if not row["scope"].startswith("full") or "繁" in row["note"] + row["text"][:2]:
                continue
            path = realdata / row["file"]
            if not path.exists():
                continue
            ref = row["text"].replace("\\n", "")
            image, exif = load_image(path.read_bytes())
            norm = normalise(image, engine, exif_orientation=exif)
            lines = recognise_lines(norm.image, norm.quads, engine)
            grouped = group_rows(lines)
            ours = "".join(r.text for r in grouped)
            t_cer = t7_cer = None
            pairs: list[tuple[str, str]] = []
            if tess is not None:
                t_cer = cer(ref, tess.page_text(norm.image, lang="chi_sim"))
                by_box = {q_box(q): q for q in norm.quads}
                t7 = []
                for r in grouped:
                    for line in r.lines:
                        quad = by_box.get(line.box)
                        if quad is None:
                            continue
                        (rec,) = tess.recognise([engine.crop(norm.image, quad)])
                        t7.append(rec.text)
                        pairs.append((line.text, rec.text))
                t7_cer = cer(ref, "".join(t7))
            rows.append((row["file"], cer(ref, ours), t_cer, ours, t7_cer, pairs))
    return rows


SPECIMEN_FORM = {
    # what an applicant would type from the specimen card (chineseocr idcard-demo.jpeg):
    # its printed number fails GB 11643 and encodes 1989-08-13, while 2013-05-06 is printed
    "applicant_id": "9000000000001",
    "name": "代用名",
    "id_type": "resident_id",
    "id_number": "430512198908131367",
    "gender": "男",
    "birth_date": "2013-05-06",
    "ethnicity": "汉族",
}


def specimen_card(realdata: Path) -> list[tuple[str, str, str, str | None, str | None]]:
    """The upside-down specimen ID card through the real pipeline, as an id_front upload.
    The window is built in a temporary folder outside the repository."""
    import json
    import tempfile

    from pipeline.run import run_window

    card = realdata / "chineseocr_demo" / "idcard-demo.jpeg"
    with tempfile.TemporaryDirectory() as tmp:
        window = Path(tmp) / "window"
        folder = window / "uploads" / SPECIMEN_FORM["applicant_id"] / "id_front"
        folder.mkdir(parents=True)
        (folder / card.name).write_bytes(card.read_bytes())
        (window / "applicants.jsonl").write_text(
            json.dumps(SPECIMEN_FORM, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        out = Path(tmp) / "out"
        run_window(window, out, sync=True, progress=False)
        rows = []
        for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines():
            f = json.loads(line)
            if f["slot"] in ("form", "id_front") and f["field"] != "presence":
                rows.append((f["slot"], f["field"], f["status"], f["expected"], f["observed"]))
        return rows


def main(realdata: Path, work: Path) -> int:
    work.mkdir(parents=True, exist_ok=True)
    print("== orientation (orientation_gt.tsv, as an EXIF-honouring viewer shows each file) ==")
    from .eval_orientation import _print_real, evaluate_real

    _print_real(evaluate_real(realdata))

    right, total, wrong = id_vectors(realdata)
    print("\n== GB 11643 form check on id_vectors/cn_ric_vectors.tsv (18-character rows) ==")
    print(f"judged as the row says: {right}/{total}")
    for w in wrong:
        print(f"  wrong: {w}")

    print(
        "\n== specimen ID card (chineseocr_demo/idcard-demo.jpeg, upside down, bad check digit) =="
    )
    for slot, field, status, expected, observed in specimen_card(realdata):
        print(f"  {slot:8s} {field:12s} {status:10s} form={expected!s:22s} read={observed}")

    print("\n== character error rate, chinese_ocr_gt.tsv (full transcriptions, simplified) ==")
    rows = chinese_cer(realdata)
    for file, ours, tess, text, t7, _pairs in rows:
        t = f"{tess:.3f}" if tess is not None else "n/a"
        t7s = f"{t7:.3f}" if t7 is not None else "n/a"
        print(f"  {file:45s} ppocr {ours:.3f}  tesseract page {t} lines {t7s}  «{text[:30]}»")
    if rows:

        def mean(vals: list[float | None]) -> str:
            got = [v for v in vals if v is not None]
            return f"{sum(got) / len(got):.3f}" if got else "n/a"

        print(
            f"mean CER over {len(rows)} images: ppocr {mean([r[1] for r in rows])}, "
            f"tesseract chi_sim page (psm 3) {mean([r[2] for r in rows])}, "
            f"tesseract on our lines (psm 7) {mean([r[4] for r in rows])}"
        )
        pairs = [p for r in rows for p in r[5]]
        same = [p for p in pairs if _norm(p[0]) == _norm(p[1]) and _norm(p[0])]
        print(
            f"lines where both engines read the same text: {len(same)}/{len(pairs)}; the chosen "
            "combination reads with PP-OCR and asks Tesseract only about fields that disagree "
            "with the form, so on this set (no form) its CER is PP-OCR's"
        )
    return 0

"""`certcheck eval` and `eval-real`: the measured figures the README quotes, and the window
generation, product runs and scoring that `bench` and `calibrate` share.

Evaluation windows are generated fresh from a seed given on the command line (the Makefile's
SEED_EVAL was never used while tuning); the truth file sits beside the window, never in it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipeline.run import load_results
from stages.extract import clean

READ_FIELDS = (
    "name",
    "id_number",
    "diploma_number",
    "qualification_number",
    "practice_number",
    "work_unit",
    "school",
    "major",
)
REGIONS = ("天津市", "北京市", "辽宁省")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load_forms(window: Path) -> dict[str, dict[str, Any]]:
    """The window's form lines by applicant id; malformed lines are skipped."""
    forms = {}
    for line in (window / "applicants.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            d = json.loads(line)
            forms[d["applicant_id"]] = d
        except (ValueError, KeyError, TypeError):
            continue
    return forms


def fresh(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)


def generate(
    window: Path,
    applicants: int,
    seed: int,
    region: str = "天津市",
    hard: float = 0.0,
    families: str = "tuned",
) -> Path:
    from .synth import generate_window

    fresh(window)
    truth = window.with_name(window.name + ".truth.jsonl")
    if truth.exists():
        truth.unlink()
    return generate_window(window, applicants, seed, region=region, hard=hard, families=families)


def run_certcheck(*args: str, env: dict[str, str] | None = None) -> tuple[int, float, float]:
    """Run the CLI as a child process: (exit code, wall seconds, CPU seconds of the whole
    process tree — workers, nannies and Tesseract subprocesses included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    full = {**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], env=full, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return proc.returncode, wall, cpu


# -- scoring ---------------------------------------------------------------------------------


def score(out: Path, truth_path: Path) -> dict[str, Any]:
    truth = {t["applicant_id"]: t for t in load_jsonl(truth_path)}
    findings = load_jsonl(out / "findings.jsonl")
    with (out / "applicants.csv").open(encoding="utf-8-sig") as fh:
        verdicts = {row["applicant_id"]: row["verdict"] for row in csv.DictReader(fh)}
    by_app: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_app[f["applicant_id"]].append(f)

    faults = [t for t in truth.values() if not t["clean"]]
    # an applicant whose file another applicant copied is flagged with them (window/image):
    # expected, so such applicants are neither clean nor faulted here
    copied = {t["applicant_id"] for t in truth.values() if t["clean"] and t.get("window_expect")}
    clean_apps = [t for t in truth.values() if t["clean"] and t["applicant_id"] not in copied]
    caught: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for t in faults:
        expect = {tuple(e) for e in t["expect"]}
        hit = any(
            f["status"] != "pass" and (f["slot"], f["field"]) in expect
            for f in by_app.get(t["applicant_id"], [])
        )
        kind = t["fault"]["kind"]
        by_kind[kind][1] += 1
        if hit:
            caught.append(t)
            by_kind[kind][0] += 1
        else:
            missed.append(
                {
                    "applicant_id": t["applicant_id"],
                    "kind": kind,
                    "expect": t["expect"],
                    "flagged": [
                        (f["slot"], f["field"], f["status"])
                        for f in by_app.get(t["applicant_id"], [])
                        if f["status"] != "pass"
                    ],
                }
            )
    false_alarms = []
    for t in clean_apps:
        if verdicts.get(t["applicant_id"]) == "review":
            false_alarms.append(
                {
                    "applicant_id": t["applicant_id"],
                    "flagged": [
                        (f["slot"], f["field"], f["status"], f.get("expected"), f.get("observed"))
                        for f in by_app[t["applicant_id"]]
                        if f["status"] != "pass"
                    ],
                }
            )
    # orientation, over every image upload the truth knows a rotation for
    orient = {
        f["file"]: f["observed"] for f in findings if f["field"] == "orientation" and f["file"]
    }
    o_total = o_right = 0
    o_wrong = []
    for t in truth.values():
        for u in t["uploads"]:
            if u.get("rotation") is None or u["file"] not in orient:
                continue
            o_total += 1
            if str(u["rotation"]) == orient[u["file"]]:
                o_right += 1
            else:
                o_wrong.append((u["file"], u["rotation"], orient[u["file"]]))
    reads, read_misses = _read_counts(out, truth)
    clean_ids = {t["applicant_id"] for t in clean_apps}
    family_counts = _all_pass_by_family(findings, truth, clean_ids)
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    caught_ids = {t["applicant_id"] for t in caught}
    alarm_ids = {fa["applicant_id"] for fa in false_alarms}
    for t in truth.values():
        if t["applicant_id"] in copied:
            continue
        row = by_category[str(t.get("category") or "?")]
        if t.get("hard"):
            hard_row = by_category["(hard captures, all categories)"]
            if t["clean"]:
                hard_row[2] += t["applicant_id"] in alarm_ids
                hard_row[3] += 1
            else:
                hard_row[0] += t["applicant_id"] in caught_ids
                hard_row[1] += 1
        if t["clean"]:
            row[2] += t["applicant_id"] in alarm_ids
            row[3] += 1
        else:
            row[0] += t["applicant_id"] in caught_ids
            row[1] += 1
    return {
        "applicants": len(truth),
        "faulted": len(faults),
        "clean": len(clean_apps),
        "caught": len(caught),
        "alarms": len(false_alarms),
        "copied_from": len(copied),
        "orientation_right": o_right,
        "kind_counts": {k: list(v) for k, v in by_kind.items()},
        "category_counts": {k: list(v) for k, v in by_category.items()},
        "family_counts": family_counts,
        "read_counts": {k: list(v) for k, v in reads.items()},
        "recall": len(caught) / len(faults) if faults else 1.0,
        "false_alarm_rate": len(false_alarms) / len(clean_apps) if clean_apps else 0.0,
        "orientation_accuracy": o_right / o_total if o_total else 1.0,
        "orientation_images": o_total,
        "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
        "missed": missed,
        "false_alarms": false_alarms,
        "orientation_wrong": o_wrong,
        "read_misses": read_misses,
        "reads": _fmt_reads(reads),
    }


def _all_pass_by_family(
    findings: list[dict[str, Any]], truth: dict[str, Any], clean_ids: set[str]
) -> dict[str, list[int]]:
    """Per material and layout family ("slot/family"): the clean applicants' uploads of the
    right document whose every finding is `pass` (issue 15's per-material figure), of all."""
    worst: dict[str, bool] = {}
    for f in findings:
        if f.get("file"):
            worst[f["file"]] = worst.get(f["file"], True) and f["status"] == "pass"
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for aid in clean_ids:
        for u in truth[aid]["uploads"]:
            if u.get("doc_type") != u.get("slot") or u["file"] not in worst:
                continue
            family = (u.get("fields") or {}).get("family", "-")
            folder = f" (in {u['folder']})" if u.get("folder") else ""
            row = counts[f"{u['slot']}/{family}{folder}"]
            row[0] += worst[u["file"]]
            row[1] += 1
    return dict(counts)


def merge(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """One score over several windows (one per region): counts add up, rates are recomputed."""

    def add(key: str) -> dict[str, list[int]]:
        total: dict[str, list[int]] = {}
        for sc in scores:
            for k, v in sc[key].items():
                row = total.setdefault(k, [0] * len(v))
                for i, x in enumerate(v):
                    row[i] += x
        return total

    n = {
        k: sum(sc.get(k, 0) for sc in scores)
        for k in ("applicants", "faulted", "clean", "caught", "copied_from")
    }
    alarms = sum(sc["alarms"] for sc in scores)
    o_right = sum(sc["orientation_right"] for sc in scores)
    o_total = sum(sc["orientation_images"] for sc in scores)
    kinds = add("kind_counts")
    reads = add("read_counts")
    return {
        **n,
        "alarms": alarms,
        "recall": n["caught"] / n["faulted"] if n["faulted"] else 1.0,
        "false_alarm_rate": alarms / n["clean"] if n["clean"] else 0.0,
        "orientation_accuracy": o_right / o_total if o_total else 1.0,
        "orientation_right": o_right,
        "orientation_images": o_total,
        "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(kinds.items())},
        "kind_counts": kinds,
        "category_counts": add("category_counts"),
        "family_counts": add("family_counts"),
        "read_counts": reads,
        "reads": _fmt_reads(reads),
        "missed": [m for sc in scores for m in sc["missed"]],
        "false_alarms": [fa for sc in scores for fa in sc["false_alarms"]],
        "orientation_wrong": [w for sc in scores for w in sc["orientation_wrong"]],
        "read_misses": [m for sc in scores for m in sc.get("read_misses", [])],
    }


CHECKED_FIELDS = {
    "id_front": {
        "name": "name",
        "id_number": "id_number",
        "gender": "gender",
        "birth_date": "birth_date",
    },
    "diploma": {
        "name": "name",
        "diploma_number": "education.diploma_number",
        "school": "education.school",
        "major": "education.major",
        "graduation": "education.graduation",
    },
    "licence": {"work_unit": "work_unit"},
    "probation_cert": {"name": "name", "id_number": "id_number", "work_unit": "work_unit"},
    "id_handheld": {"id_number": "id_number"},
    "degree": {"name": "name", "school": "education.school"},
    "diploma_record": {
        "name": "name",
        "id_number": "id_number",
        "school": "education.school",
        "diploma_number": "education.diploma_number",
        "graduation": "education.graduation",
    },
    "assistant_qualification": {
        "name": "name",
        "id_number": "id_number",
        "qualification_number": "assistant.qualification_number",
    },
    "assistant_practice": {
        "name": "name",
        "id_number": "id_number",
        "practice_number": "assistant.practice_number",
        "work_unit": "work_unit",
    },
    "practice_period_cert": {"name": "name", "id_number": "id_number", "work_unit": "work_unit"},
    "mentorship_cert": {"name": "name", "id_number": "id_number"},
    "pledge": {"name": "name", "id_number": "id_number", "school": "education.school"},
    "social_insurance": {"name": "name", "id_number": "id_number", "work_unit": "work_unit"},
}
BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001)


def _form_value(form: dict[str, Any], path: str) -> str:
    value: Any = form
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return str(value or "")


def decisions(
    window: Path, out: Path, truth_path: Path, raw: bool = False
) -> list[tuple[str, float, bool]]:
    """(status, confidence, right?) of every field decision the truth can judge. The right
    answer comes from the truth: what the document printed against what the form says (a `?`
    on the form matches any one character), so form faults that make a document differ count
    too. `raw`: the recogniser's scores as the workers left them (`load_results`), before
    calibration (what `calibrate` fits on)."""
    from stages import crosscheck, textnorm

    forms = load_forms(window)
    printed: dict[tuple[str, str], str] = {}
    for t in load_jsonl(truth_path):
        for u in t["uploads"]:
            if u.get("doc_type") == u.get("slot"):
                for field, value in (u.get("fields") or {}).items():
                    printed[(u["file"], field)] = str(value)
    if raw:
        findings = [f.to_json() for r in load_results(out).values() for f in r.findings]
    else:
        findings = load_jsonl(out / "findings.jsonl")
    samples = []
    for f in findings:
        fields = CHECKED_FIELDS.get(f["slot"], {})
        key = (f["file"], f["field"])
        if f["field"] not in fields or key not in printed or f["confidence"] is None:
            continue
        form = forms.get(f["applicant_id"])
        if form is None:
            continue
        expected = _form_value(form, fields[f["field"]])
        shown = printed[key]
        if f["field"] == "name":
            same = crosscheck.same_name(expected, shown)
        elif f["field"] == "graduation":
            same = expected[:7] == shown[:7]
        else:
            same = (
                clean(textnorm.normalise(expected)).upper()
                == clean(textnorm.normalise(shown)).upper()
            )
        samples.append((str(f["status"]), float(f["confidence"]), (f["status"] == "pass") == same))
    return samples


def reliability(window: Path, out: Path, truth_path: Path) -> list[dict[str, Any]]:
    """How often a field decision with a given confidence is right, per confidence bin."""
    rows = [[0, 0, 0.0] for _ in BINS[:-1]]
    for _status, conf, right in decisions(window, out, truth_path):
        for i in range(len(BINS) - 1):
            if BINS[i] <= conf < BINS[i + 1]:
                rows[i][0] += right
                rows[i][1] += 1
                rows[i][2] += conf
    return [
        {
            "bin": f"{BINS[i]:.2f}–{min(BINS[i + 1], 1.0):.2f}",
            "decisions": int(n),
            "right": int(r),
            "accuracy": r / n if n else None,
            "confidence_sum": c,
            "mean_confidence": c / n if n else None,
        }
        for i, (r, n, c) in enumerate(rows)
    ]


def _fmt_reads(counts: dict[str, list[int]]) -> dict[str, str]:
    return {k: f"{v[0]}/{v[1]} ({v[0] / v[1]:.1%})" for k, v in sorted(counts.items()) if v[1]}


NAMES_TYPED = "name (form without `?`)"


def _as_read(text: str) -> str:
    """A value as the exact-read count compares it: spaces (the grouping of 备案表 numbers) and
    the optional `·` (in any of its code points: the recogniser writes ・ too) dropped, and
    traditional forms folded (靜 is the character 静)."""
    from stages import names, textnorm

    return textnorm.fold_variants(names.normalise_name(clean(text)).replace("·", ""))


def _read_counts(
    out: Path, truth: dict[str, Any]
) -> tuple[dict[str, list[int]], list[list[str | None]]]:
    """Exact reads per field: what the reader returned vs what the truth says was printed,
    and each miss (applicant, slot, field, printed, read) so a figure can be looked into.
    Names are also counted without the applicants whose form has a `?` (a character the form
    cannot type, which the recogniser cannot read either: see the README)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[list[str | None]] = []
    results = load_results(out)
    for aid, t in truth.items():
        result = results.get(aid)
        if result is None:
            continue
        readings: dict[tuple[str, str], str] = {}
        for path, r in result.readings:
            readings.setdefault((path, r.field), r.value)
        for u in t["uploads"]:
            if u.get("doc_type") != u.get("slot"):
                continue
            for field, value in (u.get("fields") or {}).items():
                if field not in READ_FIELDS or field not in CHECKED_FIELDS.get(u["slot"], {}):
                    continue
                got = readings.get((u["file"], field))
                right = got is not None and _as_read(got) == _as_read(str(value))
                counts[field][1] += 1
                counts[field][0] += right
                if not right:
                    misses.append([aid, u["slot"], field, str(value), got])
                if field == "name" and "?" not in str(t.get("form_name", "")):
                    counts[NAMES_TYPED][1] += 1
                    counts[NAMES_TYPED][0] += right
    return dict(counts), misses


def _print_score(s: dict[str, Any], label: str) -> None:
    print(f"\n== {label} ==")
    print(
        f"applicants {s['applicants']} (faulted {s['faulted']}, clean {s['clean']}, "
        f"{s.get('copied_from', 0)} whose file another applicant copied)"
    )
    print(f"recall of injected faults:        {s['recall']:.1%}")
    print(f"clean applicants sent to review:  {s['false_alarm_rate']:.1%}")
    print(
        f"orientation right:                {s['orientation_accuracy']:.1%} "
        f"of {s['orientation_images']} images"
    )
    print("by fault kind: " + ", ".join(f"{k} {v}" for k, v in s["by_kind"].items()))
    if s.get("category_counts"):
        print("by applicant category (faults caught, clean sent to review):")
        for k, v in sorted(s["category_counts"].items()):
            print(f"  {k}: caught {v[0]}/{v[1]}, clean→review {v[2]}/{v[3]}")
    if s.get("family_counts"):
        print("clean uploads whose every finding passes, by material/layout family:")
        for k, v in sorted(s["family_counts"].items()):
            print(f"  {k}: {v[0]}/{v[1]}")
    if s.get("uploads"):
        print(
            f"cost: {s['cpu_seconds']} core-s for {s['uploads']} uploads = "
            f"{s['cpu_seconds'] / s['uploads']:.3f} core-s/upload (wall {s['wall_seconds']} s)"
        )
    print("exact reads: " + ", ".join(f"{k} {v}" for k, v in s["reads"].items()))
    if s.get("reliability"):
        print("reliability of field decisions (confidence bin: right/decisions):")
        for row in s["reliability"]:
            if row["decisions"]:
                print(
                    f"  {row['bin']}: {row['right']}/{row['decisions']} = {row['accuracy']:.1%}"
                    f" right, mean confidence {row['mean_confidence']:.3f}"
                )
    for m in s["missed"]:
        print(
            f"  missed {m['applicant_id']} {m['kind']} expect={m['expect']} flagged={m['flagged']}"
        )
    for fa in s["false_alarms"]:
        print(f"  false alarm {fa['applicant_id']}: {fa['flagged']}")
    for w in s["orientation_wrong"]:
        print(f"  orientation wrong {w}")
    for aid, slot, field, printed, got in s.get("read_misses", []):
        print(f"  read miss {aid} {slot}.{field}: printed {printed!r}, read {got!r}")


def run_regions(
    args: argparse.Namespace, env: dict[str, str] | None = None
) -> list[dict[str, Any]] | None:
    """Generate one fresh window per region (applicants split between them) and run each;
    None when a run failed."""
    work: Path = args.work
    regions = [r for r in str(args.regions).split(",") if r] or ["天津市"]
    runs = []
    for i, region in enumerate(regions):
        n = args.applicants // len(regions) + (i < args.applicants % len(regions))
        if n == 0:
            continue
        seed = args.seed + 1000 * i  # one reproducible seed per region's window
        window = work / f"window-seed{seed}"
        out = work / f"out-seed{seed}"
        t0 = time.perf_counter()
        selection = getattr(args, "families", "tuned")
        truth = generate(window, n, seed, region, args.hard, selection)
        print(
            f"generated {n} applicants for {region} (seed {seed}, families {selection}) in "
            f"{time.perf_counter() - t0:.1f} s: {window}"
        )
        fresh(out)
        cmd = ["run", str(window), "--out", str(out), "--no-progress"]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        code, wall, cpu = run_certcheck(*cmd, env=env)
        if code != 0:
            print(f"certcheck run failed with exit code {code}")
            return None
        uploads = sum(1 for p in (window / "uploads").rglob("*") if p.is_file())
        runs.append(
            {
                "region": region,
                "seed": seed,
                "window": window,
                "out": out,
                "truth": truth,
                "wall": wall,
                "cpu": cpu,
                "uploads": uploads,
            }
        )
    return runs


def cmd_eval(args: argparse.Namespace) -> int:
    """One fresh window per region, run, scored, merged."""
    runs = run_regions(args)
    if runs is None:
        return 1
    scores = []
    for r in runs:
        sc = score(r["out"], r["truth"])
        sc["reliability_counts"] = reliability(r["window"], r["out"], r["truth"])
        if len(runs) > 1:
            _print_score(sc, f"{r['region']} (seed {r['seed']})")
        scores.append(sc)
    s = merge(scores)
    s.update(
        {
            "seed": args.seed,
            "families": getattr(args, "families", "tuned"),
            "regions": [r["region"] for r in runs],
            "uploads": sum(r["uploads"] for r in runs),
            "wall_seconds": round(sum(r["wall"] for r in runs), 1),
            "cpu_seconds": round(sum(r["cpu"] for r in runs), 1),
        }
    )
    s["reliability"] = merge_reliability([sc["reliability_counts"] for sc in scores])
    title = f"eval seed {args.seed}, families {s['families']}: {', '.join(s['regions'])}"
    _print_score(s, title)
    from .synth import families

    stale = families.without_held_out(s["families"])
    if stale:
        s["no_held_out_family"] = stale
        print(
            "WARNING: no held-out family left for "
            + ", ".join(stale)
            + ": these materials were drawn from tuned layouts (write new held-out families "
            "before reporting on them)"
        )
    (args.work / f"score-seed{args.seed}.json").write_text(
        json.dumps(s, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return 0


def merge_reliability(tables: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for rows in zip(*tables, strict=True):
        n = sum(r["decisions"] for r in rows)
        right = sum(r["right"] for r in rows)
        conf = sum(r["confidence_sum"] for r in rows)
        out.append(
            {
                "bin": rows[0]["bin"],
                "decisions": n,
                "right": right,
                "accuracy": right / n if n else None,
                "confidence_sum": conf,
                "mean_confidence": conf / n if n else None,
            }
        )
    return out


def cmd_eval_real(args: argparse.Namespace) -> int:
    from . import eval_real

    return eval_real.main(args.realdata, args.work)

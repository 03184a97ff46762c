"""`make bench-desk`: a bounded load test of the reviewer's desk on loopback (issue 17).

It writes a synthetic finished run (applicants.csv, findings.jsonl, forms.jsonl: no OCR, no
images) of N applicants over 50 考点, creates one account per reviewer (two reviewers share
each pair of sites, so they compete for applicants), starts `certcheck serve` as a separate
process, and lets R reviewers (plain asyncio + httpx, one session each) work for S seconds:
list (API), queue page, applicant page (which reserves), detail (API), decision (API, with the
version read). A 409 (someone decided first, or holds the reservation) is the contract's
answer, not an error; anything else that is not 2xx/3xx, or no answer, is. Afterwards every
decision a reviewer got a version for must be in the database's history and the event log
("0 lost decisions"). Prints the figures; exits 1 on an error or a lost decision.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PASSWORD = "bench-password"
SITES = 50
STATUSES = ("mismatch", "unreadable", "missing", "invalid", "expired")
SLOTS = ("id_front", "id_back", "photo", "diploma", "licence", "probation_cert")


def write_run(out: Path, n: int, seed: int) -> None:
    """A finished run's contract files for `n` synthetic applicants (about 40% to review)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    with (
        (out / "applicants.csv").open("w", encoding="utf-8-sig", newline="") as fa,
        (out / "findings.jsonl").open("w", encoding="utf-8") as ff,
        (out / "forms.jsonl").open("w", encoding="utf-8") as fo,
    ):
        w = csv.writer(fa)
        w.writerow(["applicant_id", "verdict", "findings"])
        for i in range(n):
            aid = f"2026{i:09d}"
            site = f"考点{i % SITES:02d}"
            form = {
                "applicant_id": aid,
                "name": f"考生{i}",
                "site": site,
                "region": "天津市",
                "id_number": f"120101199{i % 10}0101{i % 10000:04d}",
            }
            fo.write(json.dumps(form, ensure_ascii=False) + "\n")
            lines: list[dict[str, Any]] = [
                {
                    "applicant_id": aid,
                    "slot": "id_front",
                    "file": f"uploads/{aid}/a.jpg",
                    "field": "orientation",
                    "status": "pass",
                    "expected": None,
                    "observed": "0",
                    "confidence": None,
                    "message": "方向正确",
                }
            ]
            if rng.random() < 0.4:
                for _ in range(rng.randint(1, 3)):
                    lines.append(
                        {
                            "applicant_id": aid,
                            "slot": rng.choice(SLOTS),
                            "file": f"uploads/{aid}/b.jpg",
                            "field": "name",
                            "status": rng.choice(STATUSES),
                            "expected": form["name"],
                            "observed": "某某",
                            "confidence": 0.8,
                            "message": "与报名信息不一致",
                            "check": "bench.name",
                        }
                    )
            for x in lines:
                ff.write(json.dumps(x, ensure_ascii=False) + "\n")
            problems = len(lines) - 1
            w.writerow([aid, "review" if problems else "clear", problems])


def add_reviewers(url: str, n: int) -> list[str]:
    from pipeline.desk import auth
    from pipeline.desk.db import User, open_db

    db = open_db(url)
    hashed = auth.hash_password(PASSWORD)  # one hash for all: the same password
    names = []
    with db.write.begin() as s:
        for i in range(n):
            name = f"reviewer{i:02d}"
            sites = [f"考点{(i // 2) % SITES:02d}", f"考点{(i // 2 + SITES // 2) % SITES:02d}"]
            s.add(
                User(
                    username=name,
                    password_hash=hashed,
                    role="reviewer",
                    sites=json.dumps(sites, ensure_ascii=False),
                    disabled=False,
                    created_at=auth.now(),
                )
            )
            names.append(name)
    db.dispose()
    return names


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Stats:
    def __init__(self) -> None:
        self.page: list[float] = []
        self.api: list[float] = []
        self.login: list[float] = []  # once per reviewer, argon2 by design: apart
        self.errors: list[str] = []
        self.conflicts = 0
        self.decided: dict[str, int] = {}  # applicant -> highest version we were given

    def p(self, xs: list[float], q: float) -> float:
        if not xs:
            return 0.0
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000


async def reviewer(
    base: str,
    name: str,
    start: asyncio.Barrier,
    seconds: float,
    stats: Stats,
    seed: int,
    think: float,
) -> None:
    import httpx

    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as c:

        async def timed(
            kind: str, method: str, url: str, ok: tuple[int, ...] = (200,), **kw: Any
        ) -> httpx.Response | None:
            t = time.perf_counter()
            try:
                r = await c.request(method, url, **kw)
            except httpx.HTTPError as exc:
                stats.errors.append(f"{method} {url}: {type(exc).__name__}")
                return None
            {"page": stats.page, "api": stats.api}.get(kind, stats.login).append(
                time.perf_counter() - t
            )
            if r.status_code not in ok:
                stats.errors.append(f"{method} {url}: {r.status_code}")
                return None
            return r

        r = await timed(
            "login",
            "POST",
            "/api/login",
            json={"username": name, "password": PASSWORD},
            timeout=300,  # 50 argon2 verifications queue on a small machine
        )
        await start.wait()  # every reviewer logged in: the measured work starts together
        if r is None:
            return
        csrf = r.json()["csrf_token"]
        until = time.perf_counter() + seconds

        async def pause() -> None:
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

        while time.perf_counter() < until:
            await pause()
            r = await timed(
                "api", "GET", "/api/applicants", params={"state": "todo", "limit": "50"}
            )
            await timed("page", "GET", "/")
            if r is None or not r.json()["applicants"]:
                continue
            aid = rng.choice(r.json()["applicants"])["applicant_id"]
            await pause()
            await timed("page", "GET", f"/applicants/{aid}")
            d = await timed("api", "GET", f"/api/applicants/{aid}")
            if d is None:
                continue
            version = d.json()["version"]
            await pause()
            choice = rng.choice(["pass", "resubmit", "reject"])
            body = {
                "decision": choice,
                "version": version,
                "reason": "材料不符",
                "materials": ["id_front"] if choice == "resubmit" else [],
                "feedback": "请重新上传",
            }
            r = await timed(
                "api",
                "POST",
                f"/api/applicants/{aid}/decision",
                ok=(200, 409),
                json=body,
                headers={"X-CSRF-Token": csrf},
            )
            if r is None:
                continue
            if r.status_code == 409:
                stats.conflicts += 1
                await timed(
                    "api", "POST", f"/api/applicants/{aid}/release", headers={"X-CSRF-Token": csrf}
                )
            else:
                v = r.json()["version"]
                stats.decided[aid] = max(v, stats.decided.get(aid, 0))


def lost_decisions(url: str, out: Path, decided: dict[str, int]) -> int:
    """Decisions a reviewer was given a version for that the database's history or the event
    log does not hold."""
    from sqlalchemy import select

    from pipeline.desk.db import DecisionHistory, open_db

    db = open_db(url)
    with db.read() as s:
        have = {
            (a, v)
            for a, v in s.execute(select(DecisionHistory.applicant_id, DecisionHistory.version))
        }
    db.dispose()
    logged = set()
    for line in (out / "audit" / "desk-events.jsonl").read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        if e["kind"] == "decision":
            logged.add((e["applicant_id"], e["payload"]["version"]))
    return sum(1 for a, v in decided.items() if (a, v) not in have or (a, v) not in logged)


async def load(base: str, names: list[str], seconds: float, stats: Stats, think: float) -> None:
    """Every reviewer logs in (argon2: timed apart), then all work for `seconds`."""
    start = asyncio.Barrier(len(names))
    await asyncio.gather(
        *(reviewer(base, n, start, seconds, stats, i, think) for i, n in enumerate(names))
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=Path("eval/bench-desk"))
    ap.add_argument("--applicants", type=int, default=100_000)
    ap.add_argument("--reviewers", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--db", default=None, help="database URL (default: SQLite in OUT)")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    ap.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="a reviewer's mean pause between actions, seconds (0: back to back)",
    )
    args = ap.parse_args(argv)

    import shutil

    shutil.rmtree(args.work, ignore_errors=True)
    out = args.work / "out"
    t = time.perf_counter()
    write_run(out, args.applicants, args.seed)
    url = args.db or f"sqlite:///{(out / 'desk' / 'desk.sqlite').resolve()}"
    names = add_reviewers(url, args.reviewers)
    print(
        f"synthetic run of {args.applicants} applicants written in {time.perf_counter() - t:.1f} s"
    )
    port = _port()
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "serve",
        str(out),
        "--db",
        url,
        "--port",
        str(port),
        "--insecure-cookies",
        "--workers",
        str(args.workers),
    ]
    t = time.perf_counter()
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        print(f"server up (run loaded into the database) in {time.perf_counter() - t:.1f} s")
        stats = Stats()
        asyncio.run(load(f"http://127.0.0.1:{port}", names, args.seconds, stats, args.think))
    finally:
        server.terminate()
        server.wait(timeout=30)
    lost = lost_decisions(url, out, stats.decided)
    n = len(stats.page) + len(stats.api)
    print(
        f"server: {args.workers} process(es); "
        f"{args.reviewers} reviewers (pause {args.think:g} s between actions) for "
        f"{args.seconds:g} s on {args.applicants} applicants: "
        f"{n} requests ({n / args.seconds:.0f}/s), {len(stats.errors)} errors, "
        f"{len(stats.decided)} applicants decided, {stats.conflicts} conflicts answered 409, "
        f"{lost} lost decisions"
    )
    print(
        f"pages: n={len(stats.page)} p50={stats.p(stats.page, 0.5):.0f} ms "
        f"p95={stats.p(stats.page, 0.95):.0f} ms max={stats.p(stats.page, 1):.0f} ms"
    )
    print(
        f"API:   n={len(stats.api)} p50={stats.p(stats.api, 0.5):.0f} ms "
        f"p95={stats.p(stats.api, 0.95):.0f} ms max={stats.p(stats.api, 1):.0f} ms"
    )
    print(
        f"login: n={len(stats.login)} p50={stats.p(stats.login, 0.5):.0f} ms "
        f"max={stats.p(stats.login, 1):.0f} ms (argon2id, once per reviewer)"
    )
    if stats.errors:
        print("first errors:", "; ".join(stats.errors[:5]))
    return 1 if stats.errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())

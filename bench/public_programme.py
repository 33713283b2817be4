"""How fast the public programme is served, against the framework's ceiling.

Run from the project root (wrk: ``apt-get install -y wrk``):

    .venv/bin/python -m bench.public_programme --size demo
    .venv/bin/python -m bench.public_programme --size wsf

Builds a published forum in a fresh SQLite database in a temporary directory (the
demo: ``flask seed-demo``; WSF-size: 1,500 activities, 100 rooms, 5 days × 4
slots, bench/public_world.py), starts gunicorn with 2 workers on 127.0.0.1
(gunicorn.conf.py, bench/public_server.py) and runs wrk (8 connections, 15 s,
twice each) against the programme page, a session page and schedule.json (each
skipped while it answers 404), and against the ceiling: a bare Flask endpoint in
the same gunicorn returning the same bytes from memory. Requests are sent like a
phone's (Arabic, gzip accepted). Prints req/s, p50/p99 latency and the size raw
and gzipped, and how close each page comes to its ceiling.
"""

import argparse
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
HEADERS = {"Accept-Language": "ar,en;q=0.5", "Accept-Encoding": "gzip"}
CEILING = "/__ceiling"


@dataclass
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def main() -> None:
    options = _options()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `apt-get install -y wrk` (Debian)")
    workdir = Path(tempfile.mkdtemp(prefix="muntada-bench-"))
    env = _environment(workdir, options)
    server = None
    try:
        slug = _build(options.size, env)
        session_id = _a_published_session(workdir / "bench.sqlite3", slug)
        server = _start_gunicorn(env, options.port, workdir)
        base = f"http://127.0.0.1:{options.port}"
        targets = {
            "programme page": f"/{slug}/programme",
            "session page": f"/{slug}/programme/{session_id}",
            "schedule.json": f"/{slug}/schedule.json",
        }
        headers = dict(HEADERS)
        if options.encoding == "identity":
            headers.pop("Accept-Encoding")
        runs = f"{options.connections} connections × {options.duration} s × {options.runs}"
        print(f"\n{options.size}: /{slug}/, gunicorn 2 workers, wrk {runs}, headers {headers}")
        for name, path in targets.items():
            _measure(name, base, path, headers, options)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        if options.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=("demo", "wsf"), default="demo")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=2, help="wrk runs per target")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--encoding", choices=("gzip", "identity"), default="gzip")
    parser.add_argument("--redis", default="", help="a REDIS_URL for the public cache")
    parser.add_argument("--keep", action="store_true", help="keep the database and logs")
    return parser.parse_args()


def _environment(workdir: Path, options) -> dict[str, str]:
    env = {
        **os.environ,
        "MUNTADA_ENV": "development",
        "MUNTADA_INSTANCE": str(workdir / "instance"),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "REDIS_URL": options.redis,
        "MAIL_DISPATCH": "none",
        "FLASK_APP": "app:create_app",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("SECRET_KEY", None)
    return env


def _build(size: str, env: dict[str, str]) -> str:
    started = time.perf_counter()
    _run([VENV_BIN / "flask", "db", "upgrade"], env)
    if size == "demo":
        _run([VENV_BIN / "flask", "seed-demo"], env)
        slug = "isf-4"
    else:
        _run([sys.executable, "-m", "bench.public_world"], env)
        slug = "wsf"
    print(f"built the {size} forum in {time.perf_counter() - started:.0f} s")
    return slug


def _run(command: list, env: dict[str, str]) -> None:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}")


def _a_published_session(database: Path, slug: str) -> int:
    """The first session of the forum's latest published version."""
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT s.activity_id FROM published_sessions s"
            " JOIN schedule_versions v ON v.id = s.version_id"
            " JOIN forums f ON f.id = v.forum_id WHERE f.slug = ?"
            " ORDER BY v.number DESC, s.day_id, s.starts_at, s.activity_id LIMIT 1",
            (slug,),
        ).fetchone()
    if row is None:
        sys.exit(f"/{slug}/ has no published session")
    return row[0]


def _start_gunicorn(env: dict[str, str], port: int, workdir: Path) -> subprocess.Popen:
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen(  # noqa: S603 - our own fixed command
        [VENV_BIN / "gunicorn", "-c", "gunicorn.conf.py", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "bench.public_server:app"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(100):
        time.sleep(0.2)
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped; see {workdir / 'gunicorn.log'}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            continue
    server.terminate()
    sys.exit("gunicorn did not answer in 20 s")


def _fetch(url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    try:
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http://127.0.0.1 only
        with urllib.request.urlopen(request) as answer:  # noqa: S310
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _measure(name: str, base: str, path: str, headers: dict[str, str], options) -> None:
    status, raw = _fetch(base + path, {"Accept-Language": HEADERS["Accept-Language"]})
    if status != 200:
        print(f"{name:<15} {path}: {status}, skipped")
        return
    _status, zipped = _fetch(base + path, HEADERS)
    _warm_up(base + path, headers, options.connections)
    _warm_up(base + CEILING + path, headers, options.connections)  # each worker copies it
    sizes = f"{len(raw) / 1024:.1f} KB raw, {len(zipped) / 1024:.1f} KB gzipped"
    print(f"{name:<15} {path}: {sizes}")
    ours = [_wrk(base + path, headers, options) for _ in range(options.runs)]
    ceiling = [_wrk(base + CEILING + path, headers, options) for _ in range(options.runs)]
    for label, runs in (("  ours", ours), ("  ceiling", ceiling)):
        for run in runs:
            errors = f", {run.errors} errors" if run.errors else ""
            print(f"{label:<15} {run.requests_per_second:8.0f} req/s  p50 {run.p50_ms:6.2f} ms"
                  f"  p99 {run.p99_ms:6.2f} ms{errors}")  # fmt: skip
    best = max(run.requests_per_second for run in ours)
    top = max(run.requests_per_second for run in ceiling)
    if top:
        print(f"  {'share':<13} {best / top:8.0%} of the ceiling (best runs)")


def _warm_up(url: str, headers: dict[str, str], connections: int) -> None:
    """Requests in parallel, twice, so that every worker has rendered (or copied) the page."""
    with ThreadPoolExecutor(connections) as pool:
        for _ in range(2):
            list(pool.map(lambda _n: _fetch(url, headers), range(connections)))


def _wrk(url: str, headers: dict[str, str], options) -> Run:
    command = ["wrk", "-t2", f"-c{options.connections}", f"-d{options.duration}s", "--latency",
               "--timeout", "10s"]  # fmt: skip
    for header, value in headers.items():
        command += ["-H", f"{header}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    return Run(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_milliseconds(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1)),
        p99_ms=_milliseconds(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1)),
        errors=_errors(output),
    )


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _errors(output: str) -> int:
    found = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return (int(found.group(1)) if found else 0) + (sum(map(int, socket.groups())) if socket else 0)


if __name__ == "__main__":
    main()

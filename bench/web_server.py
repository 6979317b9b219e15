"""The server side of the web benchmark: its own PostgreSQL database with the demo area,
and Senda under gunicorn in production mode (DEBUG off, WhiteNoise serving static files).

Used by bench/web_bench.py. It creates and drops one database (``senda_bench`` by default)
and refuses the names the test suites use.
"""

from __future__ import annotations

import http.client
import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
SENDA = [sys.executable, "-m", "senda.cli"]
#: Databases other runs use: the benchmark never creates, drops or connects to them.
FORBIDDEN = frozenset({"test", "test_test", "postgres", "template0", "template1"})
DROP = "DROP DATABASE IF EXISTS {} WITH (FORCE)"


def database_url(server: str, name: str) -> str:
    return f"{server.rstrip('/')}/{name}"


def recreate_database(server: str, name: str) -> None:
    """Drop (if there) and create ``name`` on the server at ``server`` (postgres://user@host:port)."""
    _check_name(name)
    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL(DROP).format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(server: str, name: str) -> None:
    _check_name(name)
    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL(DROP).format(sql.Identifier(name)))


def _check_name(name: str) -> None:
    if name in FORBIDDEN or not name.startswith("senda_bench"):
        raise SystemExit(f"refusing to touch database {name!r}: use a name starting senda_bench")


def base_env(db_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDA_")}
    env.update(DATABASE_URL=db_url, SENDA_DATA_DIR=str(data_dir))
    return env


def build_demo(db_url: str, data_dir: Path, cases: int) -> float:
    """``senda demo --no-serve`` into the benchmark database; returns seconds taken."""
    started = time.monotonic()
    env = base_env(db_url, data_dir) | {"SENDA_ENV": "development"}
    subprocess.run([*SENDA, "demo", "--no-serve", "--cases", str(cases)], env=env, check=True)
    return time.monotonic() - started


def case_ids(db_url: str, la_code: str = "990") -> list[int]:
    """Every case of the demo's main area (any officer or manager there may open each)."""
    query = (
        "SELECT c.id FROM casework_case c JOIN people_localauthority l ON l.id = c.la_id "
        "WHERE l.code = %s ORDER BY c.id"
    )
    with psycopg.connect(db_url) as conn:
        return [row[0] for row in conn.execute(query, (la_code,))]


@dataclass
class Server:
    """gunicorn serving Senda; ``stop()`` ends the processes this object started."""

    bind: str
    workers: int
    threads: int
    process: subprocess.Popen[bytes] | None = None
    env: dict[str, str] = field(default_factory=dict)

    def start(self, db_url: str, data_dir: Path, log: Path) -> None:
        self.env = base_env(db_url, data_dir) | {
            "SENDA_ENV": "production",
            "SENDA_SECRET_KEY": secrets.token_urlsafe(50),
            "SENDA_ALLOWED_HOSTS": self.bind.split(":")[0],
            # As deployed: a proxy in front ends TLS and says so in X-Forwarded-Proto.
            "SENDA_TLS_PROXY": "true",
        }
        collect = [*SENDA, "collectstatic", "--noinput", "--verbosity", "0"]
        subprocess.run(collect, env=self.env, check=True)
        argv = [sys.executable, "-m", "gunicorn", "senda.wsgi:application"]
        argv += ["--bind", self.bind, "--workers", str(self.workers)]
        argv += ["--worker-class", "gthread", "--threads", str(self.threads)]
        argv += ["--keep-alive", "30"]
        with log.open("wb") as out:  # gunicorn's and Django's logs (tracebacks of any 500)
            self.process = subprocess.Popen(
                argv, env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 60) -> None:
        host, port = self.bind.split(":")
        deadline = time.monotonic() + timeout
        last: object = "no answer"
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}: see its log")
            try:
                conn = http.client.HTTPConnection(host, int(port), timeout=5)
                conn.request("GET", "/sign-in/", headers={"X-Forwarded-Proto": "https"})
                response = conn.getresponse()
                if response.status == 200:
                    return
                last = f"{response.status} {response.read()[:300]!r}"
            except OSError as error:
                last = error
            time.sleep(0.3)
        raise SystemExit(f"gunicorn on {self.bind}: no 200 within {timeout:.0f}s ({last})")

    def cpu_seconds(self) -> float:
        """User + system CPU of the gunicorn master and its workers so far (Linux /proc)."""
        if self.process is None:
            return 0.0
        pids = [self.process.pid, *_children(self.process.pid)]
        return sum(_cpu(pid) for pid in pids)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    # After the command name: state is field 3, utime 14 and stime 15 (1-based, man proc).
    return (int(fields[11]) + int(fields[12])) / ticks

"""A throwaway PostgreSQL server for the store tests (a real server, as users run).

Started from the Debian binaries on a Unix socket in a temp dir, as the `postgres` user
(initdb refuses root); skipped with a reason where they or psycopg are absent.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _bin(name: str) -> str | None:
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / name).exists():
            return str(d / name)
    return shutil.which(name)


def why_unavailable() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'psycopg[binary]')"
    if not (_bin("initdb") and _bin("pg_ctl")):
        return "PostgreSQL server binaries are absent (apt-get install postgresql)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser to drop to the postgres user"
    return None


class TempPostgres:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="warledger-pg-"))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as_user:
            shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        self._run([_bin("initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"])
        self._run([_bin("pg_ctl"), "-D", str(data), "-l", str(self.dir / "log"), "-w", "-o",
                   f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off", "start"])
        self.url = f"postgresql+psycopg://postgres@/postgres?host={self.dir}&port={self.port}"

    def _run(self, cmd: list[str]) -> None:
        subprocess.run(self._as_user + cmd, check=True, capture_output=True, timeout=120)

    def fresh_database(self) -> str:
        """A new empty database on this server, as a SQLAlchemy URL."""
        name = f"t{time.monotonic_ns()}"
        import psycopg

        with psycopg.connect(host=str(self.dir), port=self.port, user="postgres",
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.replace("/postgres?", f"/{name}?")

    def stop(self) -> None:
        try:
            self._run([_bin("pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"])
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

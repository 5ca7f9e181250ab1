"""A real PostgreSQL for the tests: initdb + pg_ctl in a temporary folder on a free loopback port.

Found with ``pg_config --bindir`` or under ``/usr/lib/postgresql/*/bin``. As root (initdb refuses
root) the server runs as the ``postgres`` system user. Without the binaries the PostgreSQL tests
skip with one line saying how to enable them. The server asks for a password on TCP (scram), so
tests also see that the password never shows.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ENABLE_HINT = (
    "PostgreSQL tests skipped: no initdb/pg_ctl found; install the server "
    "(apt-get install postgresql) or put its bin folder on PATH"
)
PASSWORD = "s3cret-Pa55"
USER = "briefing"


def find_bindir() -> Path | None:
    candidates: list[str] = []
    if os.environ.get("BRIEFING_PG_BINDIR"):
        candidates.append(os.environ["BRIEFING_PG_BINDIR"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10
            ).stdout.strip()
            candidates.append(out)
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    which = shutil.which("initdb")
    if which:
        candidates.append(str(Path(which).parent))
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    bindir: Path
    root: Path
    port: int
    as_user: list[str]

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{dbname}"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.as_user, *args], capture_output=True, text=True, timeout=120, check=False
        )

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    options: str = ""

    def stop(self) -> None:
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "stop")

    def start(self) -> subprocess.CompletedProcess[str]:
        """(Re)start the server on the same port and folder, as it was first started."""
        return self.run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.root / "data"),
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            self.options,
            "start",
        )


def start_server(durable: bool = False) -> PgServer:
    """initdb + pg_ctl start; ``durable`` keeps fsync on (benchmarks), tests turn it off."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(ENABLE_HINT)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests skipped: psycopg is not installed (pip install -e '.[dev]')")
    root = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    os.chmod(root, 0o700)
    pwfile = root / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if as_user:
        shutil.chown(pwfile, "postgres", "postgres")
    port = _free_port()
    server = PgServer(bindir, root, port, as_user)
    init = server.run(
        str(bindir / "initdb"),
        "-D",
        str(root / "data"),
        "-U",
        USER,
        "--pwfile",
        str(pwfile),
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    )
    if init.returncode != 0:
        pytest.fail(f"initdb failed: {init.stderr.strip()[-500:]}")
    server.options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=60" + (
        "" if durable else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    start = server.start()
    if start.returncode != 0:
        log = (root / "log").read_text(errors="replace") if (root / "log").exists() else ""
        pytest.fail(f"pg_ctl start failed: {start.stderr.strip()[-300:]} {log[-500:]}")
    return server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = start_server()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh, empty database on the session's server (no schema yet)."""
    return pg_server.create_database()

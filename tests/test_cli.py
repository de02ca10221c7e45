"""The command line as a user meets it: exit codes, messages without tracebacks, docs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pactwatch.cli import build_parser, main
from tests.conftest import REPO


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pactwatch", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env=env,
        timeout=60,
        check=False,
    )


def test_config_check_on_the_shipped_config() -> None:
    result = run_cli("config", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("config OK: 2 institutions, 6 sources")


def test_broken_config_is_reported_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("database: sqlite:///x.db\nsources:\n  - name: a\n    kind: rss\n")
    result = run_cli("--config", str(path), "config", "check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}:4: sources[0].kind:" in result.stderr
    assert f"{path}:3: sources[0].institution: Field required" in result.stderr


def test_config_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("institutions: []\n")
    import os

    env = {**os.environ, "PACTWATCH_CONFIG": str(path)}
    result = run_cli("config", "check", env=env)
    assert result.returncode == 0, result.stderr
    assert "0 institutions, 0 sources" in result.stdout


def test_unknown_source_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        ["--config", str(REPO / "config" / "pactwatch.yaml"), "crawl", "--source", "nope"]
    )
    assert status == 2
    err = capsys.readouterr().err
    assert "unknown source 'nope'; configured: hust-en-news-rss" in err


def test_every_option_names_its_environment_variable() -> None:
    parser = build_parser()
    help_text = " ".join(parser.format_help().split())
    assert "[env: PACTWATCH_CONFIG]" in help_text
    crawl = parser._subparsers._group_actions[0].choices["crawl"]  # type: ignore[union-attr]
    assert "[env: PACTWATCH_CRAWL_MAX_PAGES]" in " ".join(crawl.format_help().split())


def test_environment_sets_an_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTWATCH_CRAWL_MAX_PAGES", "7")
    args = build_parser().parse_args(["crawl"])
    assert args.max_pages == 7


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [name for name in commands if not re.search(rf"pactwatch {name}\b", readme)]
    assert not missing, f"commands missing from README.md: {missing}"

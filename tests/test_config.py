"""The config file: the shipped one loads, every mistake is named with file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.config import ConfigError, load_config, parse_duration
from tests.conftest import REPO

MINIMAL = """\
database: sqlite:///x.db
institutions:
  - id: usth
    name: University of Science and Technology of Hanoi
    aliases: [USTH]
sources:
  - name: usth-en
    institution: usth
    kind: feed
    url: https://usth.edu.vn/en/feed/
"""


def write(tmp_path: Path, text: str, name: str = "pactwatch.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, env: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_config(path, env=env or {})
    return [str(p) for p in info.value.problems]


def test_shipped_config_loads_with_real_sources() -> None:
    settings = load_config(REPO / "config" / "pactwatch.yaml", env={})
    names = {s.name for s in settings.sources}
    assert {"hust-vi-cooperation", "usth-en-feed"} <= names
    assert {s.profile for s in settings.sources} == {"nukeviet", "wordpress"}
    assert {s.kind for s in settings.sources} == {"feed", "listing"}
    assert settings.database == "sqlite:///data/pactwatch.db"
    hust = settings.institution("hust")
    assert "Đại học Bách khoa Hà Nội" in hust.aliases
    # partners.yaml is included
    assert any("CNES" in p.acronyms for p in settings.partners)


def test_minimal_config_defaults(tmp_path: Path) -> None:
    settings = load_config(write(tmp_path, MINIMAL), env={})
    source = settings.source("usth-en")
    assert source.profile == "generic"
    assert source.timezone == "Asia/Ho_Chi_Minh"
    assert source.hosts == frozenset({"usth.edu.vn", "www.usth.edu.vn"})
    assert source.schedule.every == 1800


def test_unknown_key_is_named_with_line(tmp_path: Path) -> None:
    text = MINIMAL.replace("    kind: feed\n", "    kind: feed\n    colour: blue\n")
    found = problems(write(tmp_path, text))
    assert found == [f"{tmp_path / 'pactwatch.yaml'}:10: sources[0].colour: unknown key"]


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    text = MINIMAL.replace("kind: feed", "kind: rss").replace(
        "url: https://usth.edu.vn/en/feed/", "url: ftp://x\n    timezone: Mars/Olympus"
    )
    found = problems(write(tmp_path, text))
    assert any(":9: sources[0].kind:" in p for p in found)
    assert any(":10: sources[0].url: must be an http" in p for p in found)
    assert any(":11: sources[0].timezone: unknown time zone 'Mars/Olympus'" in p for p in found)


def test_env_substitution_and_missing_variable(tmp_path: Path) -> None:
    text = MINIMAL.replace("sqlite:///x.db", "${DB_URL}")
    path = write(tmp_path, text)
    assert load_config(path, env={"DB_URL": "sqlite:///y.db"}).database == "sqlite:///y.db"
    found = problems(path)
    assert found == [
        f"{path}:1: database: environment variable DB_URL is not set "
        "(write ${DB_URL:-default} to give a default)"
    ]
    assert (
        load_config(
            write(tmp_path, text.replace("${DB_URL}", "${DB_URL:-sqlite:///z.db}")), env={}
        ).database
        == "sqlite:///z.db"
    )


def test_unknown_institution_reference(tmp_path: Path) -> None:
    found = problems(write(tmp_path, MINIMAL.replace("institution: usth", "institution: hust")))
    assert len(found) == 1
    assert "names institution 'hust', which is not under 'institutions'" in found[0]


def test_invalid_yaml_points_at_line(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "database: [unclosed\nsources: []\n"))
    assert found[0].startswith(f"{tmp_path / 'pactwatch.yaml'}:")
    assert "invalid YAML" in found[0]


def test_missing_file(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]


def test_include_appends_lists_and_points_into_included_file(tmp_path: Path) -> None:
    write(tmp_path, "partners:\n  - name: CNES\n    kind: spaceship\n", "partners.yaml")
    path = write(tmp_path, "include: [partners.yaml]\n" + MINIMAL)
    found = problems(path)
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'partners.yaml'}:3: partners[0].kind:")
    write(tmp_path, "partners:\n  - name: CNES\n    acronyms: [CNES]\n", "partners.yaml")
    text = "include: [partners.yaml]\n" + MINIMAL + "partners:\n  - name: USTH Consortium\n"
    settings = load_config(write(tmp_path, text), env={})
    assert [p.name for p in settings.partners] == ["USTH Consortium", "CNES"]


def test_schedule_shorthands(tmp_path: Path) -> None:
    text = MINIMAL + "    schedule: 15m\n"
    assert load_config(write(tmp_path, text), env={}).sources[0].schedule.every == 900
    text = MINIMAL + "    schedule: 'cron: 0 8 * * 1-5'\n"
    assert load_config(write(tmp_path, text), env={}).sources[0].schedule.cron == "0 8 * * 1-5"
    found = problems(write(tmp_path, MINIMAL + "    schedule: 'cron: 0 8'\n"))
    assert "cron needs five fields" in found[0]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [(90, 90.0), ("90s", 90.0), ("15m", 900.0), ("2h", 7200.0), ("250ms", 0.25)],
)
def test_parse_duration(text: object, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_parse_duration_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration("soon")

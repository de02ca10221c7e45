"""Configs for end-to-end runs against the fixture sites: a YAML file a user could have written."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from pactwatch.config import PartnerConfig, SourceConfig
from tests.conftest import REPO
from tests.support.sites import fixture_institutions


def write_config(
    path: Path,
    *,
    database: str,
    sources: Iterable[SourceConfig],
    channels: Iterable[dict[str, Any]] = (),
    partners: bool = True,
    http: dict[str, Any] | None = None,
) -> Path:
    """Write a config for `sources` (e.g. `fixture_sources(...)`) with the shipped partners."""
    data: dict[str, Any] = {
        "database": database,
        "http": {
            "min_delay": 0,
            "retries": 1,
            "backoff_base": 0.05,
            "read_timeout": 5,
            **(http or {}),
        },
        "institutions": [
            i.model_dump(mode="json", exclude_defaults=True) for i in fixture_institutions()
        ],
        "sources": [s.model_dump(mode="json", exclude_defaults=True) for s in sources],
        "channels": list(channels),
    }
    if partners:
        shipped = yaml.safe_load((REPO / "config" / "partners.yaml").read_text(encoding="utf-8"))
        data["partners"] = [
            PartnerConfig(**p).model_dump(mode="json", exclude_defaults=True)
            for p in shipped["partners"]
        ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path

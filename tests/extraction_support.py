"""Shared loading for the extraction tests: the bench scorer, seeds, institutions."""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def bench() -> ModuleType:
    """bench/extraction.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location(
        "bench_extraction", ROOT / "bench" / "extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_extraction"] = module
    spec.loader.exec_module(module)
    return module

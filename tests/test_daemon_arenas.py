"""The daemon caps glibc's malloc arenas (see pactwatch.daemon.arenas)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    platform.libc_ver()[0] != "glibc", reason="malloc arenas are glibc's: this C library has none"
)

# Eight threads allocate at once, then the arenas are counted in malloc_info's report.
PROBE = """
import ctypes, ctypes.util, sys, tempfile, threading
from pactwatch.daemon.arenas import limit_malloc_arenas
limited = limit_malloc_arenas() if sys.argv[1] == "limit" else None
barrier = threading.Barrier(8)
def work():
    barrier.wait()
    kept = [bytearray(4096) for _ in range(2000)]
    barrier.wait()
threads = [threading.Thread(target=work) for _ in range(8)]
for thread in threads: thread.start()
for thread in threads: thread.join()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
with tempfile.NamedTemporaryFile(suffix=".xml") as report:
    stream = libc.fopen(report.name.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    print(limited, open(report.name).read().count("<heap nr="))
"""


def _arenas(mode: str, **env: str) -> tuple[str, int]:
    environ = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"} | env
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode], env=environ, capture_output=True, text=True, check=True
    ).stdout.split()
    return out[0], int(out[1])


def test_threads_share_two_arenas_once_limited() -> None:
    _, unlimited = _arenas("plain")
    limited, arenas = _arenas("limit")
    assert unlimited > 2  # otherwise this machine cannot show the difference
    assert (limited, arenas) == ("True", 2)


def test_the_operators_malloc_arena_max_wins() -> None:
    limited, arenas = _arenas("limit", MALLOC_ARENA_MAX="3")
    assert (limited, arenas) == ("False", 3)

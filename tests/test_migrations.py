"""Migrations on SQLite and PostgreSQL: they build exactly the models' schema, go down and up
again, run atomically, and an out-of-date database is reported instead of touched."""

from __future__ import annotations

import shutil
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from pactwatch.store import migrate
from pactwatch.store.db import create_engine_for
from pactwatch.store.models import Base
from tests.conftest import REPO

NEXT_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("future_thing", sa.Column("id", sa.Integer(), primary_key=True))
    {fail}


def downgrade() -> None:
    op.drop_table("future_thing")
"""


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = create_engine_for(db_url)
    yield engine
    engine.dispose()


def tables(engine: Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def scripts_with_next_revision(tmp_path: Path, *, fail: bool = False) -> Path:
    """A copy of the migrations with one more revision on top, as a newer release would ship."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    body = NEXT_REVISION.format(
        down=migrate.head_revision(), fail='raise RuntimeError("boom")' if fail else "pass"
    )
    (copy / "versions" / "9999_next.py").write_text(body, encoding="utf-8")
    return copy


def test_upgrade_head_builds_exactly_the_models(engine: Engine) -> None:
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert tables(engine) == set(Base.metadata.tables) | {"alembic_version"}
    assert migrate.schema_differences(engine) == []


def test_drift_is_detected(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP INDEX ix_outbox_due"))
        conn.execute(sa.text("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))
    kinds = {diff[0] for diff in migrate.schema_differences(engine)}
    assert {"add_index", "remove_table"} <= kinds


def test_downgrade_to_base_and_up_again(engine: Engine) -> None:
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    assert tables(engine) == {"alembic_version"}
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert migrate.schema_differences(engine) == []


def test_ensure_schema_creates_an_empty_database_once(engine: Engine) -> None:
    first = migrate.ensure_schema(engine)
    assert (first.state, first.ok) == ("created", True)
    assert "ix_outbox_due" in {i["name"] for i in sa.inspect(engine).get_indexes("outbox")}
    second = migrate.ensure_schema(engine)
    assert (second.state, second.ok, second.current) == ("current", True, first.head)


def test_a_locked_database_at_start_is_looked_at_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lock lost to another starting instance past the busy timeout cannot be had on
    # demand in a test: the first upgrade is told so, as SQLite tells it.
    real_upgrade = migrate.upgrade
    calls: list[int] = []

    def locked_once(target: Engine, *args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise sa.exc.OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
        real_upgrade(target)

    monkeypatch.setattr(migrate, "upgrade", locked_once)
    monkeypatch.setattr(migrate, "_LOCKED_PAUSE_S", 0.01)
    status = migrate.ensure_schema(engine)
    assert (status.state, len(calls)) == ("created", 2)
    assert migrate.schema_differences(engine) == []


def test_other_operational_errors_at_start_are_not_retried(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(target: Engine, *args: object, **kwargs: object) -> None:
        raise sa.exc.OperationalError("CREATE TABLE", {}, Exception("disk I/O error"))

    monkeypatch.setattr(migrate, "upgrade", broken)
    with pytest.raises(sa.exc.OperationalError, match="disk I/O error"):
        migrate.ensure_schema(engine)


def test_instances_starting_together_create_the_schema_once(db_url: str) -> None:
    engines = [create_engine_for(db_url) for _ in range(3)]
    results: list[object] = []

    def start(engine: Engine) -> None:
        try:
            results.append(migrate.ensure_schema(engine).state)
        except Exception as exc:  # kept to be asserted on, in the main thread
            results.append(exc)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(results) == 3 and "created" in results
        assert set(results) <= {"created", "current"}, results
        assert migrate.schema_differences(engines[0]) == []
    finally:
        for engine in engines:
            engine.dispose()


def test_outdated_database_is_reported_not_migrated(engine: Engine, tmp_path: Path) -> None:
    migrate.upgrade(engine)
    newer = scripts_with_next_revision(tmp_path)
    status = migrate.ensure_schema(engine, scripts=newer)
    assert (status.state, status.ok) == ("outdated", False)
    assert (status.current, status.head) == (migrate.head_revision(), "9999")
    assert "pactwatch db upgrade" in status.message
    assert "future_thing" not in tables(engine)
    migrate.upgrade(engine, scripts=newer)
    assert migrate.ensure_schema(engine, scripts=newer).state == "current"


def test_database_from_a_newer_release_is_reported(engine: Engine, tmp_path: Path) -> None:
    migrate.upgrade(engine, scripts=scripts_with_next_revision(tmp_path))
    status = migrate.ensure_schema(engine)
    assert (status.state, status.ok, status.current) == ("ahead", False, "9999")
    assert "newer pactwatch" in status.message


def test_tables_without_history_are_left_alone(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE someone_elses (id INTEGER PRIMARY KEY)"))
    status = migrate.ensure_schema(engine)
    assert (status.state, status.ok) == ("unversioned", False)
    assert tables(engine) == {"someone_elses"}


def test_a_failing_migration_leaves_nothing_behind(engine: Engine, tmp_path: Path) -> None:
    migrate.upgrade(engine)
    with pytest.raises(RuntimeError, match="boom"):
        migrate.upgrade(engine, scripts=scripts_with_next_revision(tmp_path, fail=True))
    assert "future_thing" not in tables(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_migrations_are_found_from_the_package() -> None:
    directory = migrate.migrations_dir()
    assert (directory / "env.py").is_file()
    assert any(directory.glob("versions/0001_*.py"))


def test_a_built_package_carries_the_migrations_and_every_subpackage() -> None:
    setup_py = REPO / "setup.py"
    if setup_py.is_file() and '"pactwatch.store.migrations": "migrations"' in setup_py.read_text():
        return  # setup.py finds the packages itself and maps migrations/ into them
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    if "pactwatch.store.migrations" not in setuptools.get("package-dir", {}):
        pytest.skip("the packaging does not ship migrations/ inside the package yet")
    assert setuptools["package-dir"]["pactwatch.store.migrations"] == "migrations"
    listed = set(setuptools["packages"])
    src = REPO / "src"
    on_disk = {
        ".".join(path.parent.relative_to(src).parts)
        for path in (src / "pactwatch").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    # An explicit package list (find cannot map an outside directory) must name every
    # subpackage, or the wheel silently leaves it out.
    assert on_disk - listed == set()
    assert {"pactwatch.store.migrations", "pactwatch.store.migrations.versions"} <= listed

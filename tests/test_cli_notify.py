"""`pactwatch notify …` against real receivers on 127.0.0.1, on SQLite and PostgreSQL.

Each test writes a config in tmp_path whose channels point at an aiosmtpd server or a webhook
receiver, stores events through the outbox, runs the verbs through the module's own parser and
checks the output, the exit status and what arrived.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml

from pactwatch.commands import notify as notify_cmd
from pactwatch.commands.common import UserError
from pactwatch.config import Settings, load_config
from pactwatch.notify.deliver import deliver_pending
from pactwatch.notify.events import Event
from pactwatch.notify.outbox import add_event
from pactwatch.notify.render import Renderer
from pactwatch.store import Database, ensure_schema, open_database, utcnow
from pactwatch.store.models import OutboxRecord
from tests.notify_samples import CNES, ECL
from tests.support.receivers import SmtpReceiver, WebhookReceiver

PASSWORD = "Sm7p-pa55word-XYZ"
HOOK_TOKEN = "hookT0ken-0123456789abcdef"

# aiosmtpd itself warns on every successful AUTH (in its server thread).
auth_warning = pytest.mark.filterwarnings("ignore:Session.login_data is deprecated")


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Setup:
    config: Path
    settings: Settings
    db: Database
    capsys: pytest.CaptureFixture[str]

    def run(self, *argv: str) -> Result:
        """Run `pactwatch --config … notify ARGV` as the command line would (UserError → 2)."""
        parser = argparse.ArgumentParser(prog="pactwatch")
        parser.add_argument("--config", type=Path)
        notify_cmd.register(parser.add_subparsers(dest="command", required=True))
        args = parser.parse_args(["--config", str(self.config), "notify", *argv])
        self.capsys.readouterr()
        try:
            code = args.handler(args)
        except UserError as exc:
            print(f"pactwatch: {exc}", file=sys.stderr)
            code = 2
        out, err = self.capsys.readouterr()
        return Result(code, out, err)

    def store(self, event: Event, key: str) -> int:
        with self.db.session() as session, session.begin():
            event_id = add_event(session, event, dedupe_key=key, channels=self.settings.channels)
            assert event_id is not None
            return event_id

    def outbox(self) -> list[OutboxRecord]:
        with self.db.session() as session:
            return list(session.scalars(sa.select(OutboxRecord).order_by(OutboxRecord.id)))


@pytest.fixture
def make_setup(
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Any]:
    """make_setup(channels) → Setup: the config file, its settings and the open database."""
    monkeypatch.setenv("TEST_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("TEST_HOOK_TOKEN", HOOK_TOKEN)
    opened: list[Database] = []

    def make(channels: list[dict[str, Any]]) -> Setup:
        config = tmp_path / "pactwatch.yaml"
        config.write_text(
            yaml.safe_dump({"database": db_url, "channels": channels}), encoding="utf-8"
        )
        db = open_database(db_url)
        opened.append(db)
        ensure_schema(db.engine)
        return Setup(config, load_config(config), db, capsys)

    yield make
    for db in opened:
        db.close()


def mail_channel(smtp: SmtpReceiver, **extra: Any) -> dict[str, Any]:
    """A channel whose URL names the password through ${TEST_SMTP_PASSWORD}."""
    assert smtp.credentials is not None
    url = smtp.url(to="coop@example.edu.vn").replace(PASSWORD, "${TEST_SMTP_PASSWORD}")
    return {"name": "mail", "urls": [url], "format": "html", "retry_base": 60, **extra}


def hook_channel(hook: WebhookReceiver, name: str = "hook", **extra: Any) -> dict[str, Any]:
    url = f"json://bot:${{TEST_HOOK_TOKEN}}@127.0.0.1:{hook.port}/alerts"
    return {"name": name, "urls": [url], "format": "markdown", "retry_base": 60, **extra}


# -- send ---------------------------------------------------------------------------------------


@auth_warning
def test_send_delivers_each_alert_once_per_channel(make_setup: Any) -> None:
    with (
        SmtpReceiver(user="alerts", password=PASSWORD) as smtp,
        WebhookReceiver() as hook,
    ):
        setup = make_setup([mail_channel(smtp), hook_channel(hook)])
        ecl = setup.store(ECL, "agreement:1:new")
        cnes = setup.store(CNES, "agreement:2:known")

        first = setup.run("send")
        assert first.code == 0, first.err
        lines = first.out.splitlines()
        for event_id in (ecl, cnes):
            for channel in ("mail", "hook"):
                assert f"sent: event {event_id} → {channel}" in lines
        assert "4 sent, 0 failed (will retry), 0 dead" in lines

        second = setup.run("send")
        assert second.code == 0
        assert second.out.strip() == "nothing due now"
        assert len(smtp.messages) == 2 and len(hook.posts) == 2
    subjects = sorted(m.subject for m in smtp.messages)
    assert subjects[1].startswith("New partner: École Centrale de Lyon (France)")
    assert all(m.recipients == ["coop@example.edu.vn"] for m in smtp.messages)


def test_send_for_one_channel_leaves_the_others(make_setup: Any) -> None:
    with WebhookReceiver() as one, WebhookReceiver() as two:
        setup = make_setup([hook_channel(one, "one"), hook_channel(two, "two")])
        setup.store(ECL, "agreement:1:new")
        result = setup.run("send", "--channel", "two")
        assert result.code == 0 and "sent: event" in result.out
        assert len(two.posts) == 1 and one.posts == []
        status = {row.channel: row.status for row in setup.outbox()}
        assert status == {"one": "pending", "two": "sent"}


@auth_warning
def test_channel_down_waits_goes_dead_then_retry_delivers(make_setup: Any) -> None:
    smtp = SmtpReceiver(user="alerts", password=PASSWORD)  # not started: connection refused
    setup = make_setup([mail_channel(smtp, max_attempts=2)])
    event_id = setup.store(ECL, "agreement:1:new")

    failed = setup.run("send")
    assert failed.code == 1
    assert f"failed: event {event_id} → mail (attempt 1 of 2, retried later):" in failed.out
    assert "Traceback" not in failed.err + failed.out
    assert "1 waiting to retry (next at " in failed.out

    status = setup.run("status")
    assert status.code == 0
    header, mail_row = status.out.splitlines()[:2]
    assert header.split()[:4] == ["channel", "mode", "due", "waiting"]
    assert mail_row.split()[:4] == ["mail", "instant", "0", "1"]
    assert "mail: last error: " in status.out
    (as_json,) = [json.loads(line) for line in setup.run("status", "--json").out.splitlines()]
    assert (as_json["due"], as_json["waiting"], as_json["sent"], as_json["dead"]) == (0, 1, 0, 0)
    assert as_json["next_attempt"] is not None and as_json["last_error"]
    assert as_json["urls"] and as_json["urls"][0].startswith("mailto://")

    listed = setup.run("status", "--channel", "mail").out.split("\n\n", 1)[1].splitlines()
    assert listed[0].split()[:4] == ["event", "kind", "status", "attempts"]
    assert listed[1].split()[:4] == [str(event_id), "agreement.new_partner", "waiting", "1"]

    # Not due yet: a plain send leaves it waiting; retry makes it due.
    assert setup.run("send").out.startswith("nothing due now")
    retried = setup.run("retry")
    assert retried.out.startswith("1 alert(s) made due now")

    dead = setup.run("send")
    assert dead.code == 1
    assert f"dead: event {event_id} → mail after 2 attempt(s):" in dead.out
    assert setup.run("status", "--json", "--channel", "mail").out.count('"dead": 1') == 1

    for text in (failed.out, failed.err, status.out, dead.out, json.dumps(as_json)):
        assert PASSWORD not in text

    assert setup.run("retry", "--channel", "mail").out.startswith("1 alert(s) on mail made due")
    with smtp:
        delivered = setup.run("send")
        assert delivered.code == 0, delivered.out
        assert f"sent: event {event_id} → mail" in delivered.out
        (mail,) = smtp.wait_for(1)
        assert setup.run("send").out.strip() == "nothing due now"
        assert len(smtp.messages) == 1
    assert mail.subject.startswith("New partner: École Centrale de Lyon")
    after = json.loads(setup.run("status", "--json").out)
    assert (after["sent"], after["dead"], after["waiting"], after["last_error"]) == (1, 0, 0, None)
    assert setup.run("retry").out.strip() == "no dead or waiting alert"


def test_status_hides_a_secret_even_in_an_error_stored_in_clear(make_setup: Any) -> None:
    url = "mailto://alerts:${TEST_SMTP_PASSWORD}@127.0.0.1:9?mode=insecure&to=coop@example.org"
    setup = make_setup([{"name": "mail", "urls": [url]}])
    event_id = setup.store(ECL, "agreement:1:new")
    with setup.db.session() as session, session.begin():
        session.execute(sa.update(OutboxRecord).values(last_error=f"login {PASSWORD} refused"))
    outputs = [
        setup.run(*argv).out
        for argv in (("status",), ("status", "--json"), ("status", "--channel", "mail"),
                     ("status", "--json", "--channel", "mail"))
    ]  # fmt: skip
    for text in outputs:
        assert PASSWORD not in text and "login **** refused" in text
    unsent = json.loads(outputs[3])["unsent"]
    assert [(u["event_id"], u["status"]) for u in unsent] == [(event_id, "due")]


def test_status_lists_idle_and_unconfigured_channels(make_setup: Any) -> None:
    with WebhookReceiver() as hook:
        setup = make_setup([hook_channel(hook, "old"), hook_channel(hook, "new")])
        setup.store(ECL, "agreement:1:new")
    # The config loses "old": its rows stay visible, marked as such, and nothing sends them.
    setup = make_setup([hook_channel(hook, "new")])
    with setup.db.session() as session, session.begin():
        session.execute(sa.delete(OutboxRecord).where(OutboxRecord.channel == "new"))
    rows = [json.loads(line) for line in setup.run("status", "--json").out.splitlines()]
    assert [(r["channel"], r["configured"], r["due"]) for r in rows] == [
        ("new", True, 0),
        ("old", False, 1),
    ]
    assert all(HOOK_TOKEN not in url for r in rows for url in r["urls"])
    assert "old (not configured)" in setup.run("status").out


# -- test, preview, digest ----------------------------------------------------------------------


@auth_warning
def test_test_message_and_its_failure(make_setup: Any) -> None:
    with SmtpReceiver(user="alerts", password=PASSWORD) as smtp:
        setup = make_setup([mail_channel(smtp)])
        ok = setup.run("test", "--channel", "mail")
        assert ok.code == 0 and ok.out.strip() == "channel mail: test message sent"
        (mail,) = smtp.wait_for(1)
    assert mail.subject == "pactwatch test: channel mail works"
    down = setup.run("test", "--channel", "mail")  # the server is gone now
    assert down.code == 1
    assert down.err.startswith("pactwatch: channel mail: test failed: ")
    assert PASSWORD not in down.err and "Traceback" not in down.err


def test_preview_prints_the_exact_rendering(make_setup: Any) -> None:
    with WebhookReceiver() as hook:
        setup = make_setup(
            [
                hook_channel(hook),
                {"name": "mail", "urls": ["json://127.0.0.1:9/"], "format": "html"},
            ]
        )
        event_id = setup.store(ECL, "agreement:1:new")
        for name in ("hook", "mail"):
            channel = notify_cmd.channel_named(setup.settings, name)
            expected = Renderer(setup.settings.base_dir).render(ECL, channel)
            result = setup.run("preview", str(event_id), "--channel", name)
            assert result.code == 0
            head, body = result.out.split("\n\n", 1)
            assert head == f"Subject: {expected.subject}\nFormat: {expected.format}"
            assert body.rstrip("\n") == expected.body.rstrip("\n")
        assert hook.posts == []  # a preview sends nothing
        missing = setup.run("preview", "999", "--channel", "hook")
        assert missing.code == 2 and "no event 999" in missing.err


def test_digest_sends_once_per_period(make_setup: Any) -> None:
    with WebhookReceiver() as hook:
        daily = hook_channel(hook, "daily", mode="digest", digest={"cron": "0 8 * * *"})
        setup = make_setup([daily])
        setup.store(ECL, "agreement:1:new")
        setup.store(CNES, "agreement:2:known")
        assert setup.outbox() == []  # digest channels read the events, not the outbox

        sent = setup.run("digest")
        assert sent.code == 0
        assert sent.out.startswith("daily: digest of 2 event(s) sent")
        (post,) = hook.wait_for(1)
        assert "École Centrale de Lyon" in json.dumps(post.body, ensure_ascii=False)

        again = setup.run("digest", "--channel", "daily")
        assert again.code == 0 and again.out.startswith("daily: nothing new")
        assert len(hook.posts) == 1
        status = json.loads(setup.run("status", "--json").out)
        assert status["mode"] == "digest" and status["digest"]["last_sent"] is not None

        setup.store(ECL, "agreement:3:new")
        hook.stop()
        failed = setup.run("digest")
        assert failed.code == 1 and "daily: digest of 1 event(s) failed: " in failed.out
        assert HOOK_TOKEN not in failed.out
        hook.start()
        retried = setup.run("digest")
        assert retried.out.startswith("daily: digest of 1 event(s) sent")


# -- mistakes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("status", "--channel", "nope"),
        ("send", "--channel", "nope"),
        ("retry", "--channel", "nope"),
        ("test", "--channel", "nope"),
        ("preview", "1", "--channel", "nope"),
        ("digest", "--channel", "nope"),
    ],
)
def test_unknown_channel_lists_the_configured_ones(make_setup: Any, argv: tuple[str, ...]) -> None:
    setup = make_setup(
        [
            {"name": "mail", "urls": ["json://127.0.0.1:9/"]},
            {"name": "chat", "urls": ["json://127.0.0.1:9/"]},
        ]
    )
    result = setup.run(*argv)
    assert result.code == 2
    assert result.err.strip() == "pactwatch: unknown channel 'nope'; configured: mail, chat"


def test_verbs_refuse_the_wrong_kind_of_channel(make_setup: Any) -> None:
    setup = make_setup(
        [
            {"name": "now", "urls": ["json://127.0.0.1:9/"]},
            {
                "name": "daily",
                "urls": ["json://127.0.0.1:9/"],
                "mode": "digest",
                "digest": {"cron": "0 8 * * *"},
            },
        ]
    )
    assert (
        "use `pactwatch notify digest --channel daily`"
        in setup.run("send", "--channel", "daily").err
    )
    assert "is instant, not a digest" in setup.run("digest", "--channel", "now").err


def notify_verbs() -> dict[str, argparse.ArgumentParser]:
    sub = argparse.ArgumentParser(prog="pactwatch").add_subparsers()
    notify_cmd.register(sub)
    for action in sub.choices["notify"]._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("notify has no verbs")


def test_every_option_names_its_environment_variable() -> None:
    verbs = notify_verbs()
    assert "[env: PACTWATCH_NOTIFY_STATUS_JSON]" in " ".join(verbs["status"].format_help().split())
    for verb in ("status", "send", "retry", "test", "preview", "digest"):
        name = f"[env: PACTWATCH_NOTIFY_{verb.upper()}_CHANNEL]"
        assert name in " ".join(verbs[verb].format_help().split())


def test_environment_names_the_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTWATCH_NOTIFY_PREVIEW_CHANNEL", "mail")
    args = notify_verbs()["preview"].parse_args(["7"])
    assert (args.event_id, args.channel) == (7, "mail")


# -- the library function for one-shot runs -----------------------------------------------------


def test_deliver_pending_takes_over_rows_of_a_dead_local_dispatcher(make_setup: Any) -> None:
    with WebhookReceiver() as hook:
        setup = make_setup([hook_channel(hook)])
        dead_id = setup.store(ECL, "agreement:1:new")
        live_id = setup.store(CNES, "agreement:2:known")
        gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
        host = socket.gethostname()
        owners = {dead_id: f"{host}:{gone.stdout.strip()}", live_id: f"{host}:{os.getppid()}"}
        with setup.db.session() as session, session.begin():
            for row in session.scalars(sa.select(OutboxRecord)):
                row.lease_owner = owners[row.event_id]
                row.lease_expires_at = utcnow().replace(year=2100)

        report = deliver_pending(setup.settings, setup.db)

        sent = {d.event_id for d in report.deliveries if d.status == "sent"}
        if setup.db.is_sqlite:
            # One instance per SQLite file: the dead process's lease is released at once,
            # the live one's is kept.
            assert sent == {dead_id}
            assert len(hook.wait_for(1)) == 1
        else:
            # Several hosts may share PostgreSQL: leases are only taken over once expired.
            assert sent == set()
        assert len(hook.posts) == len(sent)
        leased = {r.event_id for r in setup.outbox() if r.lease_owner is not None}
        assert live_id in leased


# -- through the installed command line ---------------------------------------------------------


def test_the_command_line_reports_a_down_channel_without_traceback(make_setup: Any) -> None:
    with WebhookReceiver() as hook:
        setup = make_setup([hook_channel(hook)])
    event_id = setup.store(ECL, "agreement:1:new")  # the receiver is gone: connection refused
    result = subprocess.run(
        [sys.executable, "-m", "pactwatch", "--config", str(setup.config), "notify", "send"],
        capture_output=True,
        text=True,
        env={**os.environ, "TEST_HOOK_TOKEN": HOOK_TOKEN},
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert f"failed: event {event_id} → hook (attempt 1 of 8, retried later): " in result.stdout
    assert "Traceback" not in result.stderr
    assert HOOK_TOKEN not in result.stdout + result.stderr

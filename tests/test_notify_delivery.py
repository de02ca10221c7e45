"""Sending through apprise to real receivers on 127.0.0.1: SMTP (aiosmtpd) and webhooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.config import ChannelConfig
from pactwatch.notify.render import Renderer
from pactwatch.notify.send import channel_urls, redact, secrets_in, send_message
from tests.notify_samples import CNES, ECL, HOSTILE_EVENT
from tests.support.receivers import SmtpReceiver, WebhookReceiver

PASSWORD = "s3cr3t-Pa55word"
TOKEN = "w3bh00kT0kenABCDEF123"

# aiosmtpd itself warns on every successful AUTH (in its server thread).
auth_warning = pytest.mark.filterwarnings("ignore:Session.login_data is deprecated")


def make_channel(name: str, urls: list[str], fmt: str) -> ChannelConfig:
    return ChannelConfig.model_validate({"name": name, "urls": urls, "format": fmt})


@auth_warning
def test_html_email_with_text_part_utf8_subject_and_recipients() -> None:
    renderer = Renderer()
    with SmtpReceiver(user="alerts", password=PASSWORD) as smtp:
        url = smtp.url(to="coop@example.edu.vn")
        channel = make_channel("office-mail", [url], "html")
        result = send_message(channel, renderer.render(ECL, channel))
        assert result.ok, result.error
        (mail,) = smtp.wait_for(1)
    assert mail.recipients == ["coop@example.edu.vn"]
    assert smtp.credentials is not None and smtp.credentials.seen == ["alerts"]
    assert mail.subject == (
        "New partner: École Centrale de Lyon (France) — cooperation agreement with USTH, "
        "signed 27 Jan 2026"
    )
    assert mail.message.get_content_type() == "multipart/alternative"
    html, text = mail.part("text/html"), mail.part("text/plain")
    assert html is not None and "<strong>École Centrale de Lyon (ECL)</strong>" in html
    assert text is not None and "<" not in text
    for fact in ("École Centrale de Lyon (ECL)", "27 Jan 2026", "https://usth.edu.vn/en/news"):
        assert fact in text
    assert PASSWORD not in result.log and "Sent Email" in result.log


def test_plain_text_email() -> None:
    renderer = Renderer()
    with SmtpReceiver() as smtp:
        channel = make_channel("plain", [smtp.url(to="a@example.org")], "text")
        assert send_message(channel, renderer.render(CNES, channel)).ok
        (mail,) = smtp.wait_for(1)
    assert "Known partner since 16 Nov 2015" in (
        mail.part("text/html") or mail.part("text/plain") or ""
    )


def test_json_and_mattermost_webhooks_get_escaped_markdown() -> None:
    renderer = Renderer()
    with WebhookReceiver() as hook:
        channel = make_channel(
            "chat", [hook.mattermost_url(TOKEN), hook.json_url("/alerts")], "markdown"
        )
        result = send_message(channel, renderer.render(HOSTILE_EVENT, channel))
        assert result.ok, result.error
        posts = {post.path: post.body for post in hook.wait_for(2)}
    mattermost = posts[f"/hooks/{TOKEN}"]
    assert mattermost["username"] == "pactwatch"
    assert "<script>" not in mattermost["text"] and "&lt;script&gt;" in mattermost["text"]
    assert "\\*\\*Bold\\*\\*" in mattermost["text"]
    plain = posts["/alerts"]
    assert plain["title"].startswith("New partner: &lt;script&gt;")
    assert "Confidence 70%" in plain["message"]
    assert TOKEN not in result.log


def test_down_channel_fails_with_redacted_error_and_log() -> None:
    renderer = Renderer()
    with WebhookReceiver() as hook:
        hook.stop()  # connection refused from now on
        channel = make_channel(
            "chat",
            [hook.mattermost_url(TOKEN), f"json://bot:{PASSWORD}@127.0.0.1:{hook.port}/"],
            "markdown",
        )
        result = send_message(channel, renderer.render(ECL, channel))
        shown = channel_urls(channel)
    assert not result.ok and not result.permanent
    assert result.error is not None and "Connection error" in result.error
    assert "Connection refused" in result.log
    for text in (result.error, result.log, *shown):
        assert TOKEN not in text and PASSWORD not in text


def test_unusable_url_is_a_permanent_error_without_secrets() -> None:
    channel = make_channel("broken", [f"nosuchscheme://user:{PASSWORD}@host/{TOKEN}"], "text")
    result = send_message(channel, Renderer().render(ECL, channel))
    assert not result.ok and result.permanent
    assert result.error is not None and "URL #1" in result.error
    assert PASSWORD not in result.error


def test_secrets_found_in_headers_and_tokens() -> None:
    urls = [f"json://h/p?-X-Api-Key={TOKEN}", f"mailto://u:{PASSWORD}@h?to=a@b.org"]
    secrets = secrets_in(urls)
    assert TOKEN in secrets and PASSWORD in secrets
    text = redact(f"GET /p?X-Api-Key={TOKEN} https://u:{PASSWORD}@h smtp://x:y@h2", secrets)
    assert TOKEN not in text and PASSWORD not in text and "x:****@h2" in text


def test_apprise_config_file_relative_to_the_config_and_filtered_by_tag(tmp_path: Path) -> None:
    renderer = Renderer()
    with WebhookReceiver() as hook:
        (tmp_path / "apprise.yml").write_text(
            "version: 1\n"
            "urls:\n"
            f"  - {hook.json_url('/office')}:\n"
            "      tag: office\n"
            f"  - {hook.json_url('/elsewhere')}:\n"
            "      tag: elsewhere\n",
            encoding="utf-8",
        )
        channel = ChannelConfig.model_validate(
            {"name": "office", "apprise_config": "apprise.yml", "tag": "office"}
        )
        result = send_message(channel, renderer.render(ECL, channel), base_dir=tmp_path)
        assert result.ok, result.error
        # apprise returns once every post is answered, and the receiver records before it answers
        (post,) = hook.wait_for(1)
    assert post.path == "/office"
    assert post.body["title"].startswith("New partner: École Centrale de Lyon")


def test_missing_apprise_config_file_is_a_permanent_error(tmp_path: Path) -> None:
    channel = ChannelConfig.model_validate({"name": "office", "apprise_config": "absent.yml"})
    result = send_message(channel, Renderer().render(ECL, channel), base_dir=tmp_path)
    assert not result.ok and result.permanent
    assert result.error is not None and "cannot read apprise config" in result.error
    assert str(tmp_path / "absent.yml") in result.error

"""Rendering, escaping of scraped text, routing filters and the event payload round trip."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import markdown
import pytest

from pactwatch.config import ChannelConfig, ChannelFilters
from pactwatch.notify.events import Digest, event_from_json, event_to_json
from pactwatch.notify.render import Renderer, RenderError, escape_markdown
from pactwatch.notify.routing import channels_for, wants
from tests.notify_samples import BLOCKED, CNES, ECL, HOSTILE_EVENT


def channel(name: str = "c", **kwargs: object) -> ChannelConfig:
    return ChannelConfig.model_validate({"name": name, "urls": ["json://127.0.0.1/x"], **kwargs})


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def test_subjects_name_partner_country_kind_institution_and_date(renderer: Renderer) -> None:
    assert renderer.render_as(ECL, "text").subject == (
        "New partner: École Centrale de Lyon (France) — cooperation agreement with USTH, "
        "signed 27 Jan 2026"
    )
    assert renderer.render_as(CNES, "html").subject == (
        "Known partner: CNES (France, partner since 16 Nov 2015) — MoU with USTH, signed 3 Nov 2018"
    )
    assert renderer.render_as(BLOCKED, "text").subject == (
        "Source blocked: hust-news (HUST) — 3 failed runs in a row"
    )


def test_text_body_has_every_fact(renderer: Renderer) -> None:
    body = renderer.render_as(ECL, "text").body
    for fact in (
        "École Centrale de Lyon (ECL)",
        "France, university",
        "New: not in the partner registry",
        "cooperation agreement",
        "27 Jan 2026",
        "2026-01-27 – 2031-01-26 (for five years)",
        "aeronautics; joint master programme",
        "Đinh Thị Mai Thanh, Rector (USTH)",
        "93%",
        "partner not in the registry",
        "https://usth.edu.vn/en/news/ecl-2026",
    ):
        assert fact in body, fact
    known = renderer.render_as(CNES, "text").body
    assert "Known partner since 16 Nov 2015" in known
    assert "signed a new MoU" in known


def test_html_escapes_scraped_text_and_drops_script_links(renderer: Renderer) -> None:
    body = renderer.render_as(HOSTILE_EVENT, "html").body
    assert "<script" not in body
    assert "&lt;script&gt;" in body
    assert "javascript:" not in body
    assert "&#39;q&#39;" in body and "&amp;" in body
    # The template's own markup is intact.
    assert "<strong>HUST</strong>" in body and body.count("<ul>") == 2


def test_markdown_shows_scraped_text_literally(renderer: Renderer) -> None:
    body = renderer.render_as(HOSTILE_EVENT, "markdown").body
    html = markdown.markdown(body)
    assert "<script" not in html
    assert "<strong>Bold</strong>" not in html
    assert 'href="y"' not in html and "javascript:" not in html
    # What a reader sees still contains the name, characters and all.
    assert "**Bold** [x](y) &amp; 'q'" in html.replace("\\", "")
    assert html.count("<strong>") == 1  # only the template's own bold partner name


def test_escape_markdown_neutralises_syntax() -> None:
    rendered = markdown.markdown(escape_markdown("*a* _b_ `c` [d](e) <i>f</i> # g"))
    assert "<em>" not in rendered and "<code>" not in rendered and "<a " not in rendered
    assert "<i>" not in rendered


def test_chat_message_is_short(renderer: Renderer) -> None:
    body = renderer.render_as(ECL, "markdown").body
    assert len(body.splitlines()) <= 6
    assert "[USTH and École Centrale de Lyon sign a cooperation agreement]" in body
    assert "(https://usth.edu.vn/en/news/ecl-2026)" in body


def test_source_events_render_in_every_format(renderer: Renderer) -> None:
    for fmt in ("text", "markdown", "html"):
        body = renderer.render_as(BLOCKED, fmt).body
        assert "Cloudflare challenge" in body
        assert "403, 429 or a bot wall" in body


def test_channel_template_override(tmp_path: Path) -> None:
    (tmp_path / "subject.j2").write_text("[{{ event.institution }}] {{ event.kind }}")
    (tmp_path / "body.j2").write_text('{% extends "agreement.html.j2" %}', encoding="utf-8")
    (tmp_path / "md.j2").write_text("Partner: {{ event.partners[0].name }}")
    renderer = Renderer(base_dir=tmp_path)
    html_channel = channel(
        format="html", templates={"subject": "subject.j2", "agreement": "body.j2"}
    )
    message = renderer.render(ECL, html_channel)
    assert message.subject == "[USTH] cooperation_agreement"
    assert "<strong>École Centrale de Lyon (ECL)</strong>" in message.body
    md = renderer.render(
        HOSTILE_EVENT, channel(format="markdown", templates={"agreement": "md.j2"})
    )
    assert md.body.startswith("Partner: &lt;script&gt;")  # overrides are escaped as well
    assert renderer.check(html_channel) == []


def test_broken_overrides_are_reported(tmp_path: Path) -> None:
    (tmp_path / "bad.j2").write_text("{{ event.nope }}")
    renderer = Renderer(base_dir=tmp_path)
    problems = renderer.check(channel(templates={"agreemnt": "x.j2", "source": "missing.j2"}))
    assert len(problems) == 2 and "unknown template 'agreemnt'" in problems[0]
    with pytest.raises(RenderError, match="nope"):
        renderer.render(ECL, channel(templates={"agreement": "bad.j2"}))


def test_digest_groups_new_partners_first_with_counts(renderer: Renderer) -> None:
    digest = Digest(
        "c",
        datetime(2026, 1, 27, 1, tzinfo=UTC),
        datetime(2026, 1, 28, 1, tzinfo=UTC),
        (CNES, BLOCKED, ECL),
    )
    for fmt in ("text", "markdown", "html"):
        message = renderer.render_digest(digest, channel(format=fmt))
        assert message.subject == (
            "pactwatch digest 28 Jan 2026: 1 new partner, 1 known partner, 1 source alert"
        )
        body = message.body
        assert body.index("New partners (1)") < body.index("Known partners (1)")
        assert body.index("École Centrale de Lyon") < body.index("CNES")
        assert "hust-news" in body


def test_routing_filters() -> None:
    everything = channel(events=["agreement.new_partner", "source.failing"])
    assert wants(everything, ECL) and wants(everything, BLOCKED)
    assert not wants(everything, CNES)  # known_partner was not asked for
    by_country = channel(filters=ChannelFilters(countries=("fr",)))
    assert wants(by_country, ECL) and not wants(by_country, HOSTILE_EVENT)
    by_kind = channel(filters=ChannelFilters(partner_kinds=("company",)))
    assert wants(by_kind, HOSTILE_EVENT) and not wants(by_kind, ECL)
    sure = channel(filters=ChannelFilters(min_confidence=0.9))
    assert wants(sure, ECL) and not wants(sure, CNES)
    hust_only = channel(
        events=["agreement.new_partner", "source.failing"],
        filters=ChannelFilters(institutions=("hust",), countries=("FR",)),
    )
    # Partner filters do not apply to source events; the institution filter does.
    assert wants(hust_only, BLOCKED) and not wants(hust_only, ECL)
    names = [c.name for c in channels_for(ECL, [everything, by_kind, sure])]
    assert names == ["c", "c"]


def test_payload_round_trip() -> None:
    for event in (ECL, CNES, HOSTILE_EVENT, BLOCKED):
        assert event_from_json(json.loads(json.dumps(event_to_json(event)))) == event

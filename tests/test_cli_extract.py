"""`pactwatch extract`: files and URLs in, the extraction contract out, in input order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactwatch.cli import main
from tests.conftest import REPO
from tests.support.sites import materialize_site, serve_site, site_articles
from tests.support.webserver import WebServer

CONFIG = str(REPO / "config" / "pactwatch.yaml")
CONTRACT_KEYS = {"url", "title", "published", "language", "is_agreement", "confidence", "reasons"}


@pytest.fixture(scope="module")
def usth_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Served from the real host name, so the shipped config's USTH sources claim the pages.
    return materialize_site("usth", tmp_path_factory.mktemp("usth"), "https://usth.edu.vn")


def extract(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["--config", CONFIG, "extract", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_files_give_json_lines_in_input_order(
    usth_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = [a for a in site_articles("usth") if a.path.endswith("/")]
    files = [str(usth_site / a.path.strip("/") / "index.html") for a in pages]
    status, out, _ = extract(capsys, *files, "--json")
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["url"] for r in rows] == [
        "https://usth.edu.vn" + a.path.rstrip("/") for a in pages
    ]  # each file's URL is its canonical link
    for row, page in zip(rows, pages, strict=True):
        assert row.keys() >= CONTRACT_KEYS
        assert row["is_agreement"] is page.is_agreement
        assert row["published"] == page.published.date().isoformat()
        if page.is_agreement:
            agreement = row["agreement"]
            assert agreement["institution"] == "usth"
            assert agreement["partners"] and agreement["kind"]
        else:
            assert row["agreement"] is None


def test_readable_summary_without_json(usth_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = next(a for a in site_articles("usth") if a.key == "usth-centrale-lyon")
    status, out, _ = extract(capsys, str(usth_site / page.path.strip("/") / "index.html"))
    assert status == 0
    assert "verdict:    AGREEMENT" in out
    assert "partner:    École Centrale de Lyon" in out
    assert "signed on:  2026-01-27" in out


def test_plain_text_with_an_institution_named_on_the_command_line(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = next((shared_dir / "seeds").glob("001_*.txt"))
    status, out, _ = extract(
        capsys, str(seed), "--institution", "Université des Sciences et Technologies de Hanoï",
        "--alias", "USTH", "--json",
    )  # fmt: skip
    assert status == 0
    row = json.loads(out)
    assert row["is_agreement"] is True
    assert [p["name"] for p in row["agreement"]["partners"]] == ["École Centrale de Lyon"]


def test_a_url_is_fetched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with WebServer() as web:
        serve_site(web, "usth", tmp_path / "usth")
        page = next(a for a in site_articles("usth") if a.key == "usth-centrale-lyon")
        status, out, _ = extract(capsys, web.url(page.path), "--institution", "usth", "--json")
    assert status == 0
    assert json.loads(out)["is_agreement"] is True


def test_a_missing_input_is_reported_and_the_others_still_read(
    usth_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = site_articles("usth")[0]
    good = str(usth_site / page.path.strip("/") / "index.html")
    status, out, err = extract(capsys, str(usth_site / "nope.html"), good, "--json")
    assert status == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["error"].startswith("cannot read")
    assert second["is_agreement"] is True
    assert "Traceback" not in err


def test_an_unknown_home_institution_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>x</title></head><body><p>Hello</p></body></html>")
    status, _, err = extract(capsys, str(page))
    assert status == 2
    assert "give --source NAME or --institution NAME" in err

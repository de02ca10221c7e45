"""`pactwatch partners …` and `pactwatch agreements` corrections through the real command line
(`pactwatch.cli.main`), on SQLite and PostgreSQL.

Each test writes a config in tmp_path with the institutions usth and hust and the partners
shipped in config/partners.yaml; the database is created by the first command.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from pactwatch.cli import build_parser, main
from pactwatch.config import SourceConfig
from pactwatch.model import AgreementDraft, Article
from pactwatch.store import Database, open_database
from pactwatch.store.agreements import Party, save_agreement
from pactwatch.store.articles import save_article
from pactwatch.store.models import (
    AgreementPartnerRecord,
    AgreementRecord,
    CorrectionRecord,
    PartnerRecord,
)
from pactwatch.store.sources import sync_sources
from tests.conftest import REPO

HANOI = timezone(timedelta(hours=7))
CNES_NAME = "Centre national d'études spatiales"
CONSORTIUM = "Consortium for the Development of USTH"
MINES = "École Nationale Supérieure des Mines de Saint-Étienne"
CENTRALE = "École Centrale de Lyon"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json_lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


@dataclass
class Cli:
    config: Path
    db_url: str
    capsys: pytest.CaptureFixture[str]
    _db: Database | None = None

    def __call__(self, *argv: str) -> Result:
        """`pactwatch --config … ARGV` as a user runs it: exit status, stdout, stderr."""
        self.capsys.readouterr()
        code = main(["--config", str(self.config), *argv])
        out, err = self.capsys.readouterr()
        assert "Traceback" not in err
        return Result(code, out, err)

    def ok(self, *argv: str) -> Result:
        result = self(*argv)
        assert result.code == 0, result.err
        return result

    def fails(self, *argv: str) -> str:
        """A usage mistake: exit 2 and one clear message on stderr."""
        result = self(*argv)
        assert result.code == 2, result.out
        assert result.err.startswith("pactwatch: ")
        return result.err

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = open_database(self.db_url)
        return self._db

    def partners(self, *, include_merged: bool = False) -> dict[str, dict[str, Any]]:
        """The registry as `partners list --json` shows it, by name."""
        argv = ["partners", "list", "--json", *(["--all"] if include_merged else [])]
        return {p["name"]: p for p in self.ok(*argv).json_lines()}

    def add(self, name: str, *options: str) -> int:
        out = self.ok("partners", "add", name, *options).out
        assert out.startswith("added partner #"), out
        return int(out.split("#", 1)[1].split(":", 1)[0])

    def match(self, name: str, *options: str) -> dict[str, Any]:
        lines = self.ok("partners", "match", name, "--json", *options).json_lines()
        assert len(lines) == 1
        return lines[0]

    def store_agreement(self, parties: list[Party], outcome: str, *, url: str) -> int:
        """An agreement as the crawl stores it, with `parties` already decided."""
        with self.db.session() as s, s.begin():
            sources = sync_sources(
                s,
                [SourceConfig(name="usth", institution="usth", kind="feed", url="https://u/f")],
            )
            saved = save_article(
                s,
                source_id=sources["usth"],
                institution="usth",
                article=Article(
                    url=url,
                    title="Signing ceremony",
                    published=datetime(2024, 5, 6, 9, tzinfo=HANOI),
                    language="en",
                    paragraphs=("signed",),
                ),
            )
            return save_agreement(
                s,
                institution="usth",
                draft=AgreementDraft(
                    kind="mou", institution="usth", partners=(), signed_on=date(2024, 5, 6)
                ),
                outcome=outcome,
                parties=parties,
                first_article_id=saved.article_id,
                confidence=0.9,
            )

    def agreement(self, agreement_id: int) -> tuple[str, list[AgreementPartnerRecord]]:
        with self.db.session() as s:
            record = s.get(AgreementRecord, agreement_id)
            assert record is not None
            rows = s.scalars(
                select(AgreementPartnerRecord)
                .where(AgreementPartnerRecord.agreement_id == agreement_id)
                .order_by(AgreementPartnerRecord.position)
            ).all()
            s.expunge_all()
            return record.outcome, list(rows)

    def corrections(self) -> list[CorrectionRecord]:
        with self.db.session() as s:
            rows = list(s.scalars(select(CorrectionRecord).order_by(CorrectionRecord.id)))
            s.expunge_all()
            return rows


@pytest.fixture
def cli(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    config = tmp_path / "pactwatch.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database": db_url,
                "include": [str(REPO / "config" / "partners.yaml")],
                "institutions": [
                    {"id": "usth", "name": "University of Science and Technology of Hanoi"},
                    {"id": "hust", "name": "Hanoi University of Science and Technology"},
                ],
            }
        ),
        encoding="utf-8",
    )
    tool = Cli(config, db_url, capsys)
    yield tool
    if tool._db is not None:
        tool._db.close()


def party(name: str, partner_id: int | None, *, was_new: bool, status: str = "matched") -> Party:
    return Party(
        name=name,
        acronym=None,
        country="FR",
        kind="university",
        partner_id=partner_id,
        match_status=status,
        match_score=0.9 if partner_id else 0.0,
        was_new=was_new,
    )


# -- list, add, match ---------------------------------------------------------------------------


def test_list_shows_the_config_partners_once(cli: Cli) -> None:
    table = cli.ok("partners").out
    assert CONSORTIUM in table and CNES_NAME in table
    assert table.splitlines()[0].split()[:3] == ["id", "name", "origin"]
    # Every verb syncs the config first; doing it again adds nothing.
    registry = cli.partners()
    assert set(registry) == {CONSORTIUM, CNES_NAME}
    cnes = registry[CNES_NAME]
    assert cnes["origin"] == "config"
    assert (cnes["country"], cnes["kind"], cnes["since"]) == ("FR", "government", "2015-11-16")
    assert cnes["institutions"] == ["usth"] and cnes["acronyms"] == ["CNES"]
    assert "French National Centre for Space Studies" in cnes["aliases"]


def test_add_then_match_finds_it_with_its_reasons(cli: Cli) -> None:
    mines = cli.add(MINES, "--country", "fr", "--kind", "university", "--institution", "usth")
    entry = cli.partners()[MINES]
    assert (entry["id"], entry["origin"], entry["country"]) == (mines, "admin", "FR")
    assert entry["institutions"] == ["usth"]

    text = cli.ok("partners", "match", "Mines Saint-Étienne", "--institution", "usth").out
    assert text.startswith(f"'Mines Saint-Étienne': matched #{mines} '{MINES}'")
    assert "why: " in text and "reaches the threshold" in text
    assert f"#{mines}  0." in text and "partner of usth" in text
    # The candidate's own reasons: how the names compare, after translation.
    assert "token-set" in text and "ecole→school" in text

    for written in ("Mines Saint-Étienne", "Ecole des Mines de Saint Etienne"):
        found = cli.match(written, "--institution", "hust")
        assert (found["status"], found["partner_id"]) == ("matched", mines), found
        assert found["candidates"][0]["partner_of_institution"] is False
        assert found["candidates"][0]["reasons"]


def test_the_issue_matching_cases(cli: Cli) -> None:
    centrale = cli.add(CENTRALE, "--country", "FR", "--kind", "university")
    vju = cli.add("Vietnam Japan University", "--acronym", "VJU", "--country", "VN")
    danang = cli.add("Đại học Đà Nẵng", "--country", "VN", "--kind", "university")
    cnes = cli.partners()[CNES_NAME]["id"]
    consortium = cli.partners()[CONSORTIUM]["id"]
    expected = {
        "USTH Consortium": consortium,
        "Consortium pour le développement de l'USTH": consortium,
        "VJU": vju,
        "VNU Vietnam Japan University": vju,
        "University of Danang": danang,
        "The University of Da Nang": danang,
    }
    for written, partner_id in expected.items():
        found = cli.match(written)
        assert (found["status"], found["partner_id"]) == ("matched", partner_id), found

    # A translated name with its acronym, known to usth since the first MoU.
    found = cli.match(
        "French National Centre for Space Studies", "--acronym", "CNES", "--institution", "usth"
    )
    assert (found["status"], found["partner_id"]) == ("matched", cnes)
    assert found["known"] == {"known": True, "since": "2015-11-16", "how": "registry (config)"}

    lyon = cli.match("University of Lyon")
    assert lyon["status"] == "new" and lyon["partner_id"] is None
    assert lyon["candidates"][0]["partner_id"] == centrale
    assert lyon["candidates"][0]["score"] < 0.7
    text = cli.ok("partners", "match", "University of Lyon").out
    assert "new: no registry entry is this partner" in text
    assert "no candidate reaches 0.70" in text


def test_two_close_candidates_need_review(cli: Cli) -> None:
    first = cli.add("Université de Lyon", "--country", "FR")
    out = cli.ok("partners", "add", "University of Lyon", "--country", "FR").out
    # The second entry is flagged as a likely twin of the first when it is added.
    assert f"note: close to #{first} 'Université de Lyon'" in out
    found = cli.match("Univ. of Lyon")
    assert found["status"] == "review" and found["partner_id"] is None
    assert "two close candidates" in found["reasons"][0]
    assert "review: a person should decide" in cli.ok("partners", "match", "Lyon University").out


# -- rename, merge ------------------------------------------------------------------------------


def test_rename_keeps_the_old_name(cli: Cli) -> None:
    partner_id = cli.add("Ecole des Mines de Saint Etienne")
    out = cli.ok("partners", "rename", str(partner_id), "Mines Saint-Étienne").out
    assert "'Ecole des Mines de Saint Etienne' → 'Mines Saint-Étienne'" in out
    entry = cli.partners()["Mines Saint-Étienne"]
    assert entry["id"] == partner_id
    assert "Ecole des Mines de Saint Etienne" in entry["aliases"]
    assert cli.match("École des Mines de Saint-Étienne")["partner_id"] == partner_id


def test_merge_moves_the_history_to_the_survivor(cli: Cli) -> None:
    keep = cli.add(MINES, "--country", "FR", "--since", "2019-03-01", "--institution", "usth")
    merged = cli.add("Mines de Saint-Étienne (EMSE)", "--since", "2017-06-02")
    agreement = cli.store_agreement(
        [party("Mines de Saint-Étienne (EMSE)", merged, was_new=True)],
        "new_partner",
        url="https://usth.edu.vn/en/emse",
    )
    assert cli.partners()["Mines de Saint-Étienne (EMSE)"]["agreements"] == 1

    out = cli.ok("partners", "merge", str(keep), str(merged), "--note", "one school").out
    assert f"merged #{merged} 'Mines de Saint-Étienne (EMSE)' into #{keep}" in out
    assert f"1 agreement(s) moved, #{keep} now has 1" in out

    _, parties = cli.agreement(agreement)
    assert [p.partner_id for p in parties] == [keep]
    registry = cli.partners()
    assert "Mines de Saint-Étienne (EMSE)" not in registry
    survivor = registry[MINES]
    assert survivor["agreements"] == 1 and survivor["since"] == "2017-06-02"
    assert "Mines de Saint-Étienne (EMSE)" in survivor["aliases"]
    every = cli.partners(include_merged=True)
    assert every["Mines de Saint-Étienne (EMSE)"]["merged_into_id"] == keep
    assert f"→#{keep}" in cli.ok("partners", "list", "--all").out
    assert cli.match("EMSE")["partner_id"] == keep
    merge_rows = [c for c in cli.corrections() if c.action == "merge"]
    assert [(c.partner_id, c.target_partner_id, c.note) for c in merge_rows] == [
        (merged, keep, "one school")
    ]


def test_names_merged_into_a_config_entry_survive_the_next_sync(cli: Cli) -> None:
    cnes = cli.partners()[CNES_NAME]["id"]
    learnt = cli.add("Agence spatiale française")
    cli.ok("partners", "merge", str(cnes), str(learnt))
    assert "Agence spatiale française" in cli.partners()[CNES_NAME]["aliases"]


# -- CSV ------------------------------------------------------------------------------------------


def test_export_then_import_round_trip(cli: Cli, tmp_path: Path) -> None:
    mines = cli.add(
        MINES,
        "--alias",
        "Mines Saint-Étienne",
        "--acronym",
        "EMSE",
        "--country",
        "FR",
        "--kind",
        "university",
        "--institution",
        "usth",
        "--institution",
        "hust",
        "--since",
        "2017-06-02",
        "--notes",
        "double degree, | in notes",
    )
    path = tmp_path / "partners.csv"
    assert cli.ok("partners", "export", str(path)).out == f"exported 3 partner(s) to {path}\n"
    assert cli.ok("partners", "export").out == path.read_bytes().decode("utf-8")
    before = cli.partners()

    out = cli.ok("partners", "import", str(path)).out
    assert out == f"imported {path}: 0 added, 0 updated, 3 unchanged\n"
    assert cli.partners() == before

    # Edited in a spreadsheet: one entry changed, one row added (no id), a BOM in front.
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        if row["id"] == str(mines):
            row["aliases"] += "|Ecole des Mines de Saint Etienne"
    rows.append({"name": CENTRALE, "acronyms": "ECL", "country": "FR", "kind": "university"})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    out = cli.ok("partners", "import", str(path)).out
    assert out == f"imported {path}: 1 added, 1 updated, 2 unchanged\n"

    registry = cli.partners()
    entry = registry[MINES]
    assert set(entry["aliases"]) == {"Mines Saint-Étienne", "Ecole des Mines de Saint Etienne"}
    assert (entry["acronyms"], entry["institutions"]) == (["EMSE"], ["hust", "usth"])
    assert (entry["since"], entry["notes"]) == ("2017-06-02", "double degree, | in notes")
    assert registry[CENTRALE]["origin"] == "admin"
    assert cli.match("ECL")["partner_id"] == registry[CENTRALE]["id"]


BAD_ROWS = [
    ({"name": CENTRALE, "country": "France"}, "line 3: unknown country 'France'"),
    ({"name": CENTRALE, "kind": "school"}, "line 3: unknown kind 'school'"),
    ({"name": CENTRALE, "institutions": "usth|vnu"}, "line 3: unknown institution 'vnu'"),
    ({"name": CENTRALE, "since": "May 2019"}, "line 3: since 'May 2019' is not YYYY-MM-DD"),
    ({"name": " "}, "line 3: empty name"),
    ({"id": "x7", "name": CENTRALE}, "line 3: id 'x7' is not a number"),
    ({"id": "999", "name": CENTRALE}, "line 3: no partner #999"),
    ({"id": "1", "name": "USTH Consortium Renamed"}, "is declared in the config"),
]


def test_a_bad_csv_row_names_its_line_and_imports_nothing(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    before = cli.partners()
    # One database for every case (a schema per case costs more than the cases).
    for row, message in BAD_ROWS:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(
                handle, fieldnames=["id", "name", "country", "kind", "institutions", "since"]
            )
            writer.writeheader()
            writer.writerow({"name": MINES, "country": "FR"})
            writer.writerow(row)
        err = cli.fails("partners", "import", str(path))
        assert message in err and "nothing was imported" in err, (row, err)
        assert cli.partners() == before, row


def test_import_refuses_a_missing_or_headless_file(cli: Cli, tmp_path: Path) -> None:
    assert "cannot read" in cli.fails("partners", "import", str(tmp_path / "nope.csv"))
    headless = tmp_path / "headless.csv"
    headless.write_text("a,b\n1,2\n", encoding="utf-8")
    assert "CSV needs a 'name' column" in cli.fails("partners", "import", str(headless))
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name\nÉcole\n".encode("latin-1"))
    assert "is not UTF-8 text" in cli.fails("partners", "import", str(latin))


# -- mistakes -----------------------------------------------------------------------------------


def test_mistakes_are_clear_usage_errors(cli: Cli) -> None:
    mines = cli.add(MINES)
    consortium = cli.partners()[CONSORTIUM]["id"]
    assert "no partner #404" in cli.fails("partners", "rename", "404", "X")
    assert "no partner #404" in cli.fails("partners", "merge", str(mines), "404")
    assert f"cannot merge partner #{mines} into itself" in cli.fails(
        "partners", "merge", str(mines), str(mines)
    )
    assert "unknown country 'ZZ'" in cli.fails("partners", "add", "X", "--country", "ZZ")
    assert "unknown kind 'school'" in cli.fails("partners", "add", "X", "--kind", "school")
    err = cli.fails("partners", "add", "X", "--institution", "vnu")
    assert "unknown institution 'vnu'; configured: usth, hust" in err
    assert "unknown institution" in cli.fails("partners", "match", "X", "--institution", "vnu")
    err = cli.fails("partners", "add", "USTH Consortium")
    assert f"partner #{consortium} '{CONSORTIUM}' already has the name 'USTH Consortium'" in err
    # The config owns its entries: renamed or merged away here, the next sync brings them back.
    err = cli.fails("partners", "rename", str(consortium), "USTH Consortium")
    assert "is declared in the config: rename it there" in err
    err = cli.fails("partners", "merge", str(mines), str(consortium))
    assert f"merge the other way (`partners merge {consortium} {mines}`)" in err
    cli.ok("partners", "merge", str(consortium), str(mines))
    assert f"already merged into #{consortium}" in cli.fails(
        "partners", "merge", str(consortium), str(mines)
    )
    assert set(cli.partners()) == {CONSORTIUM, CNES_NAME}


def verbs_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_partners_option_names_its_environment_variable() -> None:
    commands = verbs_of(build_parser())
    verbs = verbs_of(commands["partners"])
    assert set(verbs) == {"list", "add", "rename", "merge", "import", "export", "match"}
    add_help = " ".join(verbs["add"].format_help().split())
    assert "[env: PACTWATCH_PARTNERS_ADD_COUNTRY]" in add_help
    correct = verbs_of(commands["agreements"])["correct"]
    assert "[env: PACTWATCH_AGREEMENTS_CORRECT_SAME_AS]" in " ".join(correct.format_help().split())


# -- agreements: the outcome and its corrections --------------------------------------------------


def test_agreements_still_lists_without_an_action(cli: Cli) -> None:
    cnes = cli.partners()[CNES_NAME]["id"]
    agreement = cli.store_agreement(
        [party("CNES", cnes, was_new=False), party("Unknown Lab", None, was_new=True)],
        "new_partner",
        url="https://usth.edu.vn/en/cnes",
    )
    table = cli.ok("agreements").out
    assert "outcome" in table.splitlines()[0]
    line = next(x for x in table.splitlines() if x.startswith(str(agreement)))
    assert "new_partner" in line
    assert f"1. CNES (FR) known #{cnes}; 2. Unknown Lab (FR) new" in line
    assert cli.ok("agreements", "--institution", "hust").out.count("\n") == 1
    assert cli.ok("agreements", "--since", "2024-06-01").out.count("\n") == 1
    (row,) = cli.ok("agreements", "--json").json_lines()
    assert row["outcome"] == "new_partner"
    assert [p["match"] for p in row["partners"]] == ["matched", "matched"]
    rows = list(csv.DictReader(io.StringIO(cli.ok("agreements", "--csv").out)))
    assert [r["partners"] for r in rows] == ["CNES; Unknown Lab"]


def test_correct_a_wrong_match_as_new(cli: Cli) -> None:
    centrale = cli.add(CENTRALE, "--country", "FR", "--institution", "usth")
    cli.store_agreement(
        [party("École Centrale de Lyon", centrale, was_new=True)],
        "new_partner",
        url="https://usth.edu.vn/en/ecl-2019",
    )
    # The later article's party was matched to Centrale: wrongly, it is the University of Lyon.
    wrong = cli.store_agreement(
        [party("University of Lyon", centrale, was_new=False)],
        "known_partner",
        url="https://usth.edu.vn/en/lyon-2024",
    )
    out = cli.ok("agreements", "correct", str(wrong), "--party", "1", "--new").out
    assert f"party 1 'University of Lyon': known #{centrale} → new #" in out
    assert "outcome: known_partner → new_partner (correction kept)" in out

    outcome, (row,) = cli.agreement(wrong)
    learnt = row.partner_id
    assert outcome == "new_partner" and learnt not in (None, centrale) and row.was_new
    (kept,) = cli.corrections()
    assert (kept.agreement_id, kept.action, kept.partner_id, kept.target_partner_id) == (
        wrong,
        "new",
        centrale,
        learnt,
    )
    assert cli.partners()["University of Lyon"]["origin"] == "learnt"
    assert cli.match("University of Lyon")["partner_id"] == learnt
    shown = cli.ok("agreements", "show", str(wrong)).out
    assert f"agreement #{wrong} (usth): new_partner" in shown
    assert f"1. University of Lyon (FR): new #{learnt} = 'University of Lyon'" in shown
    assert "correction new (" in shown and f"#{centrale} → #{learnt}: University of Lyon" in shown


def test_correct_a_partner_as_the_same_as_a_known_one(cli: Cli) -> None:
    mines = cli.add(MINES, "--country", "FR", "--institution", "usth", "--since", "2017-06-02")
    learnt = cli.add("EMSE Saint-Etienne")
    with cli.db.session() as s, s.begin():
        record = s.get(PartnerRecord, learnt)
        assert record is not None
        record.origin = "learnt"  # as the crawl would have made it from the article
    agreement = cli.store_agreement(
        [
            party("EMSE Saint-Etienne", learnt, was_new=True),
            party("Somewhere", None, was_new=True, status="review"),
        ],
        "review",
        url="https://usth.edu.vn/en/emse-2024",
    )
    out = cli.ok(
        "agreements",
        "correct",
        str(agreement),
        "--party",
        "1",
        "--same-as",
        str(mines),
        "--note",
        "EMSE is Mines Saint-Étienne",
    ).out
    assert f"party 1 'EMSE Saint-Etienne': new #{learnt} → known #{mines} '{MINES}'" in out
    # The second party is still open: the agreement stays under review.
    assert "outcome: review → review (correction kept)" in out
    out = cli.ok("agreements", "correct", str(agreement), "--party", "2", "--new").out
    assert "outcome: review → new_partner" in out

    outcome, parties = cli.agreement(agreement)
    assert outcome == "new_partner"
    assert (parties[0].partner_id, parties[0].was_new) == (mines, False)
    actions = [(c.action, c.partner_id, c.target_partner_id) for c in cli.corrections()]
    assert actions[:2] == [("merge", learnt, mines), ("same_as", learnt, mines)]
    assert actions[2][0] == "new"
    # The learnt entry was merged into the one chosen; its name now matches it.
    assert cli.partners(include_merged=True)["EMSE Saint-Etienne"]["merged_into_id"] == mines
    assert cli.match("EMSE Saint-Etienne")["partner_id"] == mines
    line = next(x for x in cli.ok("agreements").out.splitlines() if x.startswith(str(agreement)))
    assert f"1. EMSE Saint-Etienne (FR) known #{mines}" in line


def test_correction_mistakes_are_usage_errors(cli: Cli) -> None:
    cnes = cli.partners()[CNES_NAME]["id"]
    agreement = cli.store_agreement(
        [party("CNES", cnes, was_new=False)], "known_partner", url="https://usth.edu.vn/en/c"
    )
    a = str(agreement)
    assert "no agreement #999" in cli.fails("agreements", "correct", "999", "--party", "1", "--new")
    err = cli.fails("agreements", "correct", a, "--party", "2", "--new")
    assert f"agreement #{agreement} has 1 part(y/ies): --party takes 1 to 1" in err
    err = cli.fails("agreements", "correct", a, "--party", "1", "--same-as", "404")
    assert "no partner #404" in err
    assert "no agreement #999" in cli.fails("agreements", "show", "999")
    assert cli.corrections() == []
    assert cli.agreement(agreement)[0] == "known_partner"

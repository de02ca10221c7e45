"""Score and time the agreement extractor on labelled pages.

Usage::

    .venv/bin/python bench/extraction.py ../shared/corpus ../shared/seeds [--json]
    .venv/bin/python bench/extraction.py --speed [--pages 400] ../shared/corpus ../shared/seeds

Inputs are directories in the format of shared/corpus (NNN.json with `label`) or the seeds
directory (plain .txt files, labelled by tests/fixtures/extraction/seeds.json, written from
the seeds README). The home institution of each page comes from `home_institution`, mapped
to an InstitutionConfig through tests/fixtures/extraction/institutions.yaml (test
configuration: in production admins configure aliases; the extractor never sees this file),
or `--institutions PATH`; an input directory's own institutions.yaml, when it has one, holds
the institutions of that directory's pages.

Scores: detection precision, recall, F1 and false-alarm rate on negatives; partner
precision/recall/F1 (a predicted partner matches a labelled one when its name, acronym or one
of its mentions equals one of the label's name or mentions, compared folded: case, accents,
punctuation); signing date, kind and country accuracy on true positives; each by language;
and every error. `--speed` wraps each text in ~90 KB of NukeViet or WordPress page chrome and
times parse + classify + extract against trafilatura.extract on the same pages, in rounds that
alternate the two (the median round is reported: the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pactwatch.agreements import extract_agreement, load_lexicon  # noqa: E402
from pactwatch.agreements.home import key  # noqa: E402
from pactwatch.config import InstitutionConfig  # noqa: E402
from pactwatch.model import Article, Decision  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "extraction"
SITES = ROOT.parent / "shared" / "sites"


@dataclass
class Page:
    """One labelled page."""

    ident: str
    url: str
    home: str
    language: str
    title: str | None
    published: date | None
    paragraphs: tuple[str, ...]
    label: dict[str, Any]
    directory: str = ""

    def article(self) -> Article:
        when = (
            datetime(self.published.year, self.published.month, self.published.day, 12)
            if self.published
            else None
        )
        return Article(self.url, self.title, when, self.language, self.paragraphs)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("\n") if p.strip())


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_pages(paths: Iterable[Path]) -> list[Page]:
    """Labelled pages from corpus directories (NNN.json) and the seeds directory (.txt)."""
    pages: list[Page] = []
    seeds = json.loads((FIXTURES / "seeds.json").read_text(encoding="utf-8"))
    for path in paths:
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".json" and file.name != "seeds.json":
                data = json.loads(file.read_text(encoding="utf-8"))
                text = data["text"]
                if data.get("format") == "html":
                    text = _html_text(text)
                pages.append(
                    Page(
                        file.name,
                        data["url"],
                        data["home_institution"],
                        data.get("language") or "en",
                        data.get("title"),
                        _date(data.get("published")),
                        _paragraphs(text),
                        data["label"],
                        str(file.parent.resolve()),
                    )
                )
            elif file.suffix == ".txt" and file.name in seeds:
                meta = seeds[file.name]
                pages.append(
                    Page(
                        file.name,
                        f"https://{meta['site']}/seed/{file.stem}",
                        meta["home_institution"],
                        meta["language"],
                        meta.get("title"),
                        _date(meta.get("published")),
                        _paragraphs(file.read_text(encoding="utf-8")),
                        meta["label"],
                        str(file.parent.resolve()),
                    )
                )
    return pages


def _html_text(html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    # NukeViet's lead paragraph is a div (.hometext): the site profile reads it, so do we;
    # pactwatch.article reads figure captions as paragraphs of their own, so do we.
    # A table cell is a paragraph of its own, as pactwatch.article reads it (a cell that
    # holds paragraphs is read through them).
    blocks = [
        n
        for n in tree.css("p, li, h1, h2, h3, .hometext, figcaption, td, th")
        if n.tag not in {"td", "th"} or n.css_first("p, li") is None
    ]
    return "\n".join(" ".join(n.text(separator="").split()) for n in blocks)


def load_institutions(path: Path = FIXTURES / "institutions.yaml") -> dict[str, InstitutionConfig]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for ident, entry in data.items():
        safe_id = re.sub(r"[^A-Za-z0-9_.-]+", "-", ident)
        out[ident] = InstitutionConfig(
            id=safe_id,
            name=entry["name"],
            aliases=(*tuple(entry.get("aliases") or ()), ident),
            country=entry.get("country", "VN"),
        )
    return out


def institutions_for(path: Path, dirs: Iterable[Path]) -> dict[str, InstitutionConfig]:
    """The institutions of `path`, then those of each directory's own institutions.yaml
    (what that set's admin configured), keyed "<directory>/<name>" so that they apply to the
    pages of that directory only."""
    out = load_institutions(path)
    for directory in dirs:
        own = directory / "institutions.yaml"
        if directory.is_dir() and own.is_file() and own.resolve() != path.resolve():
            for ident, config in load_institutions(own).items():
                out[f"{directory.resolve()}/{ident}"] = config
    return out


def institution_for(page: Page, institutions: dict[str, InstitutionConfig]) -> InstitutionConfig:
    own = f"{page.directory}/{page.home}"
    if own in institutions:
        return institutions[own]
    if page.home in institutions:
        return institutions[page.home]
    safe_id = re.sub(r"[^A-Za-z0-9_.-]+", "-", page.home)
    return InstitutionConfig(id=safe_id, name=page.home, aliases=(), country="VN")


# -- scoring -------------------------------------------------------------------------------


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    p_tp: int = 0
    p_fp: int = 0
    p_fn: int = 0
    date_ok: int = 0
    kind_ok: int = 0
    country_ok: int = 0
    country_n: int = 0

    def report(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 1.0

        precision = ratio(self.tp, self.tp + self.fp)
        recall = ratio(self.tp, self.tp + self.fn)
        p_prec = ratio(self.p_tp, self.p_tp + self.p_fp)
        p_rec = ratio(self.p_tp, self.p_tp + self.p_fn)
        return {
            "pages": self.tp + self.fp + self.fn + self.tn,
            "positives": self.tp + self.fn,
            "negatives": self.fp + self.tn,
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "false_alarm_rate": ratio(self.fp, self.fp + self.tn) if self.fp + self.tn else 0.0,
            "partner_precision": p_prec,
            "partner_recall": p_rec,
            "partner_f1": _f1(p_prec, p_rec),
            "date_accuracy": ratio(self.date_ok, self.tp),
            "kind_accuracy": ratio(self.kind_ok, self.tp),
            "country_accuracy": ratio(self.country_ok, self.country_n),
        }


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


@dataclass
class Result:
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    errors: list[str] = field(default_factory=list)
    worst_ms: float = 0.0


def _form(name: str) -> str:
    """A name as compared: its key, without a French elided article ("l'Université Rennes 2"
    is "Université Rennes 2"; "the" is gone already)."""
    return key(name).removeprefix("l ")


def _label_forms(partner: dict[str, Any]) -> set[str]:
    return {_form(x) for x in [partner["name"], *partner.get("mentions", [])] if _form(x)}


def score(pages: list[Page], institutions: dict[str, InstitutionConfig]) -> Result:
    result = Result()
    lex = load_lexicon()
    for page in pages:
        started = time.perf_counter()
        decision = extract_agreement(
            page.article(), institution_for(page, institutions), lexicon=lex
        )
        result.worst_ms = max(result.worst_ms, (time.perf_counter() - started) * 1000)
        for group in ("all", page.language):
            _tally(result.tallies[group], page, decision, result.errors if group == "all" else None)
    return result


def _tally(t: Tally, page: Page, decision: Decision, errors: list[str] | None) -> None:
    label = page.label
    expected = bool(label["is_agreement"])
    got = decision.is_agreement
    # Errors name the page with its directory: every set numbers its pages from 001.
    where = f"{Path(page.directory).name}/{page.ident}" if page.directory else page.ident

    note = errors.append if errors is not None else (lambda _msg: None)

    if expected and got:
        t.tp += 1
    elif expected:
        t.fn += 1
        note(f"{where}: missed signing; reasons: {list(decision.reasons)}")
    elif got:
        t.fp += 1
        note(f"{where}: false alarm; reasons: {list(decision.reasons)}")
    else:
        t.tn += 1
    predicted = list(decision.agreement.partners) if got and decision.agreement else []
    wanted = list(label.get("partners") or []) if expected else []
    used: set[int] = set()
    for partner in predicted:
        forms = {
            _form(x) for x in [partner.name, partner.acronym or "", *partner.mentions] if _form(x)
        }
        match = next(
            (i for i, w in enumerate(wanted) if i not in used and forms & _label_forms(w)), None
        )
        if match is None:
            t.p_fp += 1
            note(f"{where}: extra partner {partner.name!r} ({partner.acronym})")
            continue
        used.add(match)
        t.p_tp += 1
        if expected and got:
            t.country_n += 1
            if partner.country == wanted[match].get("country"):
                t.country_ok += 1
            else:
                note(
                    f"{where}: country of {partner.name!r} is {partner.country}, "
                    f"expected {wanted[match].get('country')}"
                )
    for i, w in enumerate(wanted):
        if i not in used:
            t.p_fn += 1
            if got:
                note(f"{where}: missed partner {w['name']!r}")
    if expected and got and decision.agreement:
        signed = decision.agreement.signed_on
        want_date = _date(label.get("signed_on"))
        if signed == want_date:
            t.date_ok += 1
        else:
            note(f"{where}: signed_on {signed}, expected {want_date}")
        if decision.agreement.kind == label.get("kind"):
            t.kind_ok += 1
        else:
            note(f"{where}: kind {decision.agreement.kind}, expected {label.get('kind')}")


# -- speed ---------------------------------------------------------------------------------


def _chrome(kind: str) -> str:
    name = "nukeviet_article.html" if kind == "nukeviet" else "usth_wp_article.html"
    return (SITES / name).read_text(encoding="utf-8")


def build_page(page: Page, kind: str, size: int = 90_000) -> str:
    """A realistic page: the site skeleton, the article's paragraphs, menus and related lists
    padded to about `size` bytes; its canonical URL is the page's own."""
    skeleton = _chrome(kind)
    body = "".join(f"<p>{escape(p)}</p>\n" for p in page.paragraphs)
    title = escape(page.title or page.paragraphs[0][:120])
    if kind == "nukeviet":
        skeleton = re.sub(
            r'(<div id="news-bodyhtml"[^>]*>).*?(</div>)',
            lambda m: m.group(1) + body + m.group(2),
            skeleton,
            count=1,
            flags=re.S,
        )
        skeleton = re.sub(
            r'(<h1 class="title[^>]*>).*?(</h1>)',
            lambda m: m.group(1) + title + m.group(2),
            skeleton,
            count=1,
            flags=re.S,
        )
    else:
        skeleton = re.sub(
            r'(<div class="entry-content">).*?(<div class="share-buttons">)',
            lambda m: m.group(1) + body + m.group(2),
            skeleton,
            count=1,
            flags=re.S,
        )
        skeleton = re.sub(
            r'(<h1 class="entry-title">).*?(</h1>)',
            lambda m: m.group(1) + title + m.group(2),
            skeleton,
            count=1,
            flags=re.S,
        )
    skeleton = re.sub(
        r'(<link rel="canonical" href=")[^"]*(")|(<meta property="og:url" content=")[^"]*(")',
        lambda m: (m.group(1) or m.group(3)) + escape(page.url) + (m.group(2) or m.group(4)),
        skeleton,
    )
    padding: list[str] = []
    length = len(skeleton)
    i = 0
    while length < size:
        day = f"0{i % 9 + 1}"
        item = (
            f'<li class="menu-item"><a href="/vi/news/tin-tuc/bai-viet-lien-quan-{i}.html" '
            f'title="Bài viết liên quan số {i}">Tin tức liên quan {i}: Hội thảo, tuyển sinh '
            f"và hoạt động hợp tác quốc tế của nhà trường</a>"
            f'<span class="date">{day}/{day}/2025</span></li>\n'
        )
        padding.append(item)
        length += len(item)
        i += 1
    menu = f'<aside class="related"><ul class="related-list">{"".join(padding)}</ul></aside>'
    return skeleton.replace("</body>", menu + "</body>", 1)


_BODY_SELECTORS = "#news-bodyhtml, .bodytext, .entry-content, article, main"


def minimal_article(html: str, url: str) -> Article:
    """A bare lexbor parse: the headline and the paragraphs of the first body container."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    heading = tree.css_first("h1")
    container = tree.css_first(_BODY_SELECTORS) or tree.body
    paragraphs: tuple[str, ...] = ()
    if container is not None:
        paragraphs = tuple(
            text for node in container.css("p") if (text := node.text(separator=" ").strip())
        )
    title = heading.text().strip() if heading is not None else None
    return Article(url, title, None, None, paragraphs)


def _trafilatura_worker(conn: Connection) -> None:
    """Time trafilatura.extract over the pages it is sent, once per request (CPU seconds)."""
    import trafilatura

    conn.send(0.0)  # imported: the pages may come
    pages: list[str] = conn.recv()
    for html in pages:  # warm up
        trafilatura.extract(html)
    conn.send(0.0)
    while conn.recv():
        started = time.process_time()
        for html in pages:
            trafilatura.extract(html)
        conn.send(time.process_time() - started)


class _Trafilatura:
    """trafilatura.extract over `pages`, timed in a process of its own or in this one.

    Its own process by default: libxml2's allocations change this process's malloc state
    (freed memory goes back to the system, and lexbor then pays page faults on every page),
    which slows parse_article by a third when both run here; the crawl never runs lxml."""

    def __init__(self, pages: list[str], *, same_process: bool) -> None:
        self.pages = pages
        self.same_process = same_process
        if same_process:
            import trafilatura

            self._extract = trafilatura.extract
            self.time()
            return
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_trafilatura_worker, args=(child,), daemon=True)
        self._process.start()
        self._answer()
        self._conn.send(pages)
        self._answer()

    def _answer(self) -> float:
        # A child that died (trafilatura not installed: `pip install -e '.[bench]'`) never
        # answers: wait for its answer or its end, whichever comes first.
        wait([self._conn, self._process.sentinel])
        if not self._conn.poll():
            raise SystemExit(
                f"the trafilatura process ended (exit code {self._process.exitcode}); "
                "is trafilatura installed? pip install -e '.[bench]'"
            )
        seconds: float = self._conn.recv()
        return seconds

    def time(self) -> float:
        """CPU seconds for one pass over the pages."""
        if self.same_process:
            started = time.process_time()
            for html in self.pages:
                self._extract(html)
            return time.process_time() - started
        self._conn.send(True)
        return self._answer()

    def close(self) -> None:
        if not self.same_process:
            self._conn.send(False)
            self._process.join(timeout=30)


def speed(
    pages: list[Page],
    institutions: dict[str, InstitutionConfig],
    count: int,
    parser: str,
    rounds: int = 5,
    *,
    same_process: bool = False,
) -> dict[str, float | str]:
    """Time `count` pages per round, ours and trafilatura's in turn within each round.

    The machine may be shared: each round times both sides back to back in CPU time, the
    ratio is taken per round, and the median round is reported. trafilatura runs on every
    fifth page (at least 20) of each round, scaled to `count`, in a process of its own unless
    `same_process` (see `_Trafilatura`)."""
    import statistics
    from urllib.parse import urlsplit

    from pactwatch.article import parse_article
    from pactwatch.config import SourceConfig

    lex = load_lexicon()
    built = []
    for i, page in enumerate(pages):
        kind = "nukeviet" if i % 2 == 0 else "wordpress"
        # The source a crawl would have fetched the page from: the page's own site.
        host = urlsplit(page.url).hostname or "example.edu.vn"
        source = SourceConfig(
            name=f"bench-{kind}",
            institution="bench",
            kind="listing",
            url=f"https://{host}/",
            profile=kind,
        )
        built.append((build_page(page, kind), source, page, institution_for(page, institutions)))
    work = [built[i % len(built)] for i in range(count)]
    sample = [html for html, *_ in work[: max(20, count // 5)]]

    def ours() -> tuple[float, float, float]:
        parse_s = extract_s = worst = 0.0
        clock = time.process_time  # CPU time: other jobs on the machine do not count
        for html, source, page, institution in work:
            t0 = clock()
            if parser == "article":
                article = parse_article(html, page.url, source)
            else:
                article = minimal_article(html, page.url)
            t1 = clock()
            extract_agreement(article, institution, lexicon=lex)
            t2 = clock()
            parse_s += t1 - t0
            extract_s += t2 - t1
            worst = max(worst, t2 - t0)
        return parse_s, extract_s, worst

    theirs = _Trafilatura(sample, same_process=same_process)
    ours()  # warm caches and lazily compiled patterns
    per_round = []
    try:
        for _ in range(rounds):
            started = time.process_time()
            parse_s, extract_s, worst = ours()
            ours_s = time.process_time() - started
            theirs_s = theirs.time() / len(sample) * count
            per_round.append((ours_s, theirs_s, parse_s, extract_s, worst))
    finally:
        theirs.close()
    ours_s, theirs_s, parse_s, extract_s, _ = sorted(per_round, key=lambda r: r[0])[rounds // 2]
    return {
        "parser": "pactwatch.article.parse_article" if parser == "article" else "minimal lexbor",
        "pages": count,
        "rounds": rounds,
        "trafilatura_process": "this one" if same_process else "its own",
        "mean_page_kb": round(sum(len(b[0]) for b in built) / len(built) / 1024, 1),
        "pages_per_s": round(count / ours_s, 1),
        "parse_ms": round(parse_s / count * 1000, 3),
        "extract_ms": round(extract_s / count * 1000, 3),
        "trafilatura_pages_per_s": round(count / statistics.median(r[1] for r in per_round), 1),
        "ratio": round(statistics.median(t / o for o, t, *_ in per_round), 2),
        "worst_ms": round(max(r[4] for r in per_round) * 1000, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5, help="--speed rounds (median reported)")
    parser.add_argument(
        "--same-process",
        action="store_true",
        help="--speed: run trafilatura in this process too (slows ours: see _Trafilatura)",
    )
    parser.add_argument(
        "--institutions",
        type=Path,
        default=FIXTURES / "institutions.yaml",
        help="home institutions (YAML); each input directory's own institutions.yaml is merged in",
    )
    parser.add_argument(
        "--parser",
        choices=("article", "minimal"),
        default="article",
        help="HTML parsing for --speed: pactwatch.article.parse_article or a bare lexbor parse",
    )
    args = parser.parse_args(argv)
    dirs = args.dirs or [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "seeds"]
    pages = load_pages(dirs)
    institutions = institutions_for(args.institutions, dirs)
    if args.speed:
        report = speed(
            pages,
            institutions,
            args.pages,
            args.parser,
            args.rounds,
            same_process=args.same_process,
        )
        if args.json:
            print(json.dumps(report))
        else:
            print(
                f"{report['pages']} pages of {report['mean_page_kb']} KB, {report['parser']}, "
                f"median of {report['rounds']} rounds (CPU time): "
                f"{report['pages_per_s']} pages/s (parse + classify + extract; parse "
                f"{report['parse_ms']} ms, extract {report['extract_ms']} ms per page), "
                f"trafilatura.extract {report['trafilatura_pages_per_s']} pages/s "
                f"(in {report['trafilatura_process']} process), "
                f"ratio {report['ratio']}x, worst {report['worst_ms']} ms/page"
            )
        return 0
    result = score(pages, institutions)
    reports = {group: tally.report() for group, tally in result.tallies.items()}
    if args.json:
        print(
            json.dumps(
                {"scores": reports, "errors": result.errors, "worst_ms": result.worst_ms},
                ensure_ascii=False,
            )
        )
        return 0
    for group, scores in sorted(reports.items(), key=lambda kv: kv[0] != "all"):
        print(f"[{group}] " + ", ".join(f"{k}={v}" for k, v in scores.items()))
    print(f"worst time per page: {result.worst_ms:.2f} ms")
    print(f"{len(result.errors)} errors:")
    for error in result.errors:
        print("  - " + error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

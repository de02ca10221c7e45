"""Bench: match 10,000 names against a 10,000-entry partner registry on one core.

Usage::

    .venv/bin/python bench/partners.py [--entries 10000] [--queries 10000] [--seed 7]

The registry is synthetic but shaped like the real one: universities, schools, institutes,
academies, centres and companies in English, French, German, Spanish, Italian and Vietnamese,
named after places and fields, many with an alias in another language and an acronym. The
queries are the ways articles write them: exact, accent-stripped, reordered, with their generic
words translated, as acronyms, with a typo, and names the registry does not know (about 20%).

Prints matches per second, how the answers split per kind of query, the registry index's memory
(tracemalloc and the process's RSS growth) and, when rapidfuzz is installed, the same queries
through `rapidfuzz.process.extractOne` over the same names, measured in the same run.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import psutil  # type: ignore[import-untyped]

from pactwatch.partners.names import load_equivalents
from pactwatch.partners.registry import PartnerIndex, RegistryEntry


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PLACES = _words(
    "Lyon Paris Toulouse Bordeaux Grenoble Nantes Lille Rennes Strasbourg Marseille Montpellier "
    "Nancy Rouen Caen Dijon Brest Compiègne Orléans Poitiers Limoges Besançon Clermont Reims "
    "Berlin Munich Hamburg Stuttgart Dresden Leipzig Bonn Aachen Freiburg Heidelberg Mannheim "
    "Madrid Barcelona Sevilla Granada Valencia Salamanca Bilbao Zaragoza Murcia Oviedo Málaga "
    "Bologna Milano Torino Padova Pisa Napoli Firenze Genova Trento Parma Siena Verona "
    "Hanoi Danang Hue Vinh "
    "Tokyo Kyoto Osaka Nagoya Sendai Kobe Kurume Hiroshima Sapporo Fukuoka Seoul Busan Incheon "
    "Daejeon Taipei Tainan Bangkok Chiang Mai Khon Kaen Vientiane Savannakhet Phnom Penh "
    "Singapore Kuala Lumpur Penang Jakarta Bandung Manila Cebu Melbourne Sydney Adelaide Perth "
    "Brisbane Auckland Toronto Montréal Québec Ottawa Boston Chicago Austin Seattle Denver"
)
# Vietnamese places are two syllables ("Thái Nguyên"), often written joined in English.
VIET_PLACES = (
    "Hà Nội",
    "Đà Nẵng",
    "Huế",
    "Cần Thơ",
    "Vinh",
    "Thái Nguyên",
    "Quy Nhơn",
    "Nha Trang",
    "Đà Lạt",
    "Hải Phòng",
    "Nam Định",
    "Hà Tĩnh",
    "Bắc Ninh",
    "Nghệ An",
    "Thanh Hóa",
    "Quảng Ninh",
    "Sơn La",
    "Lào Cai",
    "Bình Định",
    "Tây Nguyên",
)
SYLLABLES = _words(
    "ka ri to mo sa na ve lo qui ber tan dor mi len gra sto val mar cor lin fen ros bel "
    "han vin thu quang phu long minh hoa an binh son lam kie ora ula esti bra del"
)
FIELDS = (
    ("Science", "Sciences", "Wissenschaften", "Ciencias", "Scienze", "Khoa học"),
    ("Technology", "Technologie", "Technologie", "Tecnología", "Tecnologia", "Công nghệ"),
    ("Agriculture", "Agriculture", "Landwirtschaft", "Agricultura", "Agricoltura", "Nông nghiệp"),
    ("Medicine", "Médecine", "Medizin", "Medicina", "Medicina", "Y khoa"),
    ("Economics", "Économie", "Wirtschaft", "Economía", "Economia", "Kinh tế"),
    ("Education", "Éducation", "Bildung", "Educación", "Educazione", "Giáo dục"),
    ("Law", "Droit", "Recht", "Derecho", "Giurisprudenza", "Luật"),
    ("Engineering", "Ingénieurs", "Ingenieurwesen", "Ingeniería", "Ingegneria", "Kỹ thuật"),
    ("Arts", "Beaux-Arts", "Künste", "Artes", "Arti", "Mỹ thuật"),
    ("Pharmacy", "Pharmacie", "Pharmazie", "Farmacia", "Farmacia", "Dược"),
    ("Transport", "Transports", "Verkehr", "Transporte", "Trasporti", "Giao thông"),
    ("Foreign Languages", "Langues étrangères", "Fremdsprachen", "Lenguas", "Lingue", "Ngoại ngữ"),
)
# (English, French, German, Spanish, Italian, Vietnamese) forms of the organisation kinds.
KINDS = (
    ("University", "Université", "Universität", "Universidad", "Università", "Trường Đại học"),
    ("School", "École", "Hochschule", "Escuela", "Scuola", "Trường"),
    ("Institute", "Institut", "Institut", "Instituto", "Istituto", "Viện"),
    ("Academy", "Académie", "Akademie", "Academia", "Accademia", "Học viện"),
    ("Centre", "Centre", "Zentrum", "Centro", "Centro", "Trung tâm"),
)
OF = ("of", "de", "für", "de", "di", "")
NATIONAL = ("National", "Nationale", "Nationale", "Nacional", "Nazionale", "Quốc gia")
SECTORS = ("Electronics", "Software", "Logistics", "Energy", "Pharma", "Steel", "Telecom", "Foods")
LANGS = ("en", "fr", "de", "es", "it", "vi")


def strip_accents(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@dataclass
class Synthetic:
    entry: RegistryEntry
    # Enough to write the name again in another language.
    kind: int
    field: int | None
    place: str
    national: bool


def _new_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _place(rng: random.Random, lang: int) -> str:
    if lang == 5 and rng.random() < 0.6:
        return rng.choice(VIET_PLACES)
    if rng.random() < 0.35:
        return rng.choice(PLACES)
    # Most places are made up, so that names are distinct as in a real registry.
    return _new_word(rng)


def write_name(kind: int, field: int | None, place: str, national: bool, lang: int) -> str:
    k = KINDS[kind][lang]
    nat = NATIONAL[lang] if national else ""
    f = FIELDS[field][lang] if field is not None else ""
    if lang == 0:
        parts = [place, nat, k] if not f else [place, nat, k, "of", f]
        return " ".join(p for p in parts if p)
    if lang == 5:
        return " ".join(p for p in (k, f, nat, place) if p)
    if lang == 2:
        return " ".join(p for p in (k, place, nat) if p) + (f" für {f}" if f else "")
    head = " ".join(p for p in (k, nat) if p)
    if f:
        head += f" {OF[lang]} {f}"
    return f"{head} {OF[lang]} {place}"


def initials(name: str) -> str:
    skip = {"of", "de", "für", "di", "and", "the", "du", "des", "la"}
    return "".join(w[0] for w in strip_accents(name).split() if w.lower() not in skip).upper()


def build_registry(n: int, rng: random.Random) -> list[Synthetic]:
    out: list[Synthetic] = []
    seen: set[str] = set()
    while len(out) < n:
        if rng.random() < 0.1:
            brand = _new_word(rng)
            name = f"{brand} {rng.choice(SECTORS)} Co., Ltd."
            if name in seen:
                continue
            seen.add(name)
            entry = RegistryEntry(len(out) + 1, name, acronyms=(brand.upper()[:4],), kind="company")
            out.append(Synthetic(entry, -1, None, brand, False))
            continue
        lang = rng.choice(range(6))
        kind = rng.randrange(len(KINDS))
        field = rng.randrange(len(FIELDS)) if rng.random() < 0.6 else None
        national = rng.random() < 0.2
        place = _place(rng, lang)
        name = write_name(kind, field, place, national, lang)
        # One organisation per (kind, field, place): its names in other languages are aliases.
        identity = f"{kind} {field} {strip_accents(place).lower()} {national}"
        if name in seen or identity in seen:
            continue
        seen.update((name, identity))
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.6:
            other = 0 if lang else rng.choice((1, 5))
            aliases = (write_name(kind, field, place, national, other),)
        acronym = initials(name if lang == 0 else (aliases[0] if aliases else name))
        acronyms = (acronym,) if rng.random() < 0.5 and len(acronym) >= 3 else ()
        entry = RegistryEntry(len(out) + 1, name, aliases=aliases, acronyms=acronyms)
        out.append(Synthetic(entry, kind, field, place, national))
    return out


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeioulnrst") + word[i + 1 :]


@dataclass(frozen=True)
class Query:
    variant: str
    name: str
    acronym: str | None
    expected: int | None


def build_queries(registry: list[Synthetic], n: int, rng: random.Random) -> list[Query]:
    queries: list[Query] = []
    variants = (
        "exact",
        "accent-stripped",
        "reordered",
        "translated",
        "acronym",
        "typo",
        "unknown",
    )
    weights = (0.15, 0.15, 0.12, 0.18, 0.1, 0.1, 0.2)
    while len(queries) < n:
        variant = rng.choices(variants, weights)[0]
        item = rng.choice(registry)
        entry = item.entry
        if variant == "unknown":
            lang = rng.randrange(6)
            place = _new_word(rng) + _new_word(rng).lower()
            kind = rng.randrange(len(KINDS))
            field = rng.randrange(len(FIELDS)) if rng.random() < 0.6 else None
            queries.append(Query(variant, write_name(kind, field, place, False, lang), None, None))
        elif variant == "exact":
            queries.append(Query(variant, entry.name, None, entry.id))
        elif variant == "accent-stripped":
            queries.append(Query(variant, strip_accents(entry.name).upper(), None, entry.id))
        elif variant == "reordered":
            if item.kind < 0:
                continue
            words = entry.name.replace(",", "").split()
            rng.shuffle(words)
            queries.append(Query(variant, " ".join(words), None, entry.id))
        elif variant == "translated":
            if item.kind < 0:
                continue
            lang = rng.randrange(6)
            name = write_name(item.kind, item.field, item.place, item.national, lang)
            queries.append(Query(variant, name, None, entry.id))
        elif variant == "acronym":
            if not entry.acronyms:
                continue
            queries.append(Query(variant, entry.acronyms[0], entry.acronyms[0], entry.id))
        else:
            words = entry.name.split()
            longest = max(range(len(words)), key=lambda i: len(words[i]))
            words[longest] = _typo(words[longest], rng)
            queries.append(Query(variant, " ".join(words), None, entry.id))
    return queries


def measure_index(entries: list[RegistryEntry]) -> tuple[PartnerIndex, float, int, int]:
    eq = load_equivalents()
    gc.collect()
    process = psutil.Process()
    rss_before = process.memory_info().rss
    tracemalloc.start()
    started = time.perf_counter()
    index = PartnerIndex(entries, eq)
    # The typo index is built on first need: build it now so it is counted.
    index.match("Univeristy of Lyonn")
    build_s = time.perf_counter() - started
    traced, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    gc.collect()
    rss_after = process.memory_info().rss
    return index, build_s, traced, rss_after - rss_before


def run(queries: list[Query], match: Callable[[Query], int | None]) -> tuple[float, Counter[str]]:
    outcomes: Counter[str] = Counter()
    started = time.perf_counter()
    for query in queries:
        got = match(query)
        if query.expected is None:
            outcomes[f"{query.variant}: {'new' if got is None else 'WRONG'}"] += 1
        elif got == query.expected:
            outcomes[f"{query.variant}: right"] += 1
        elif got is None:
            outcomes[f"{query.variant}: review/new"] += 1
        else:
            outcomes[f"{query.variant}: WRONG"] += 1
    return time.perf_counter() - started, outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--peer-sample", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    registry = build_registry(args.entries, rng)
    entries = [s.entry for s in registry]
    queries = build_queries(registry, args.queries, rng)
    names = sum(1 + len(e.aliases) for e in entries)
    print(f"registry: {len(entries)} entries, {names} names; queries: {len(queries)}")

    index, build_s, traced, rss = measure_index(entries)
    print(f"index build: {build_s:.2f} s")
    print(f"index memory: tracemalloc {traced / 1e6:.1f} MB, RSS delta {rss / 1e6:.1f} MB")

    def ours(query: Query) -> int | None:
        return index.match(query.name, acronym=query.acronym).partner_id

    statuses: Counter[str] = Counter()
    elapsed, outcomes = run(queries, ours)
    rate = len(queries) / elapsed
    print(f"pactwatch: {rate:,.0f} matches/s on one core ({elapsed:.2f} s for {len(queries)})")
    for query in queries[:2000]:
        statuses[index.match(query.name, acronym=query.acronym).status] += 1
    print(f"  statuses of the first 2000: {dict(statuses)}")
    for key in sorted(outcomes):
        print(f"  {key:32} {outcomes[key]:6}")

    try:
        from rapidfuzz import fuzz, process, utils
    except ImportError:
        print("peer: none (rapidfuzz is not installed)")
        return
    choices: list[str] = []
    owners: list[int] = []
    for e in entries:
        for text in (e.name, *e.aliases, *e.acronyms):
            choices.append(text)
            owners.append(e.id)

    def peer(query: Query) -> int | None:
        found = process.extractOne(
            query.name,
            choices,
            scorer=fuzz.token_set_ratio,
            processor=utils.default_process,
            score_cutoff=80,
        )
        return owners[found[2]] if found else None

    sample = queries[: args.peer_sample]
    if not sample:
        return
    peer_elapsed, peer_outcomes = run(sample, peer)
    peer_rate = len(sample) / peer_elapsed
    ours_sample, ours_outcomes = run(sample, ours)
    ours_rate = len(sample) / ours_sample
    print(
        f"peer rapidfuzz.process.extractOne(token_set_ratio, cutoff 80) over {len(choices)} "
        f"names: {peer_rate:,.0f} matches/s on the first {len(sample)} queries; "
        f"pactwatch on the same: {ours_rate:,.0f}/s, ratio {ours_rate / peer_rate:.1f}x"
    )

    def right(outcomes: Counter[str]) -> tuple[int, int]:
        good = sum(v for k, v in outcomes.items() if k.endswith(("right", ": new")))
        wrong = sum(v for k, v in outcomes.items() if k.endswith("WRONG"))
        return good, wrong

    good, wrong = right(ours_outcomes)
    peer_good, peer_wrong = right(peer_outcomes)
    print(
        f"  on that sample: pactwatch {good} right / {wrong} wrong, "
        f"rapidfuzz {peer_good} right / {peer_wrong} wrong (the rest: review or missed)"
    )


if __name__ == "__main__":
    main()

"""Words for codes: country names, agreement kinds, partner kinds and dates, in English."""

from __future__ import annotations

from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

AGREEMENT_KINDS = {
    "mou": "MoU",
    "cooperation_agreement": "cooperation agreement",
    "strategic_agreement": "strategic agreement",
    "framework_agreement": "framework agreement",
    "joint_program_agreement": "joint programme agreement",
    "exchange_agreement": "exchange agreement",
    "other": "agreement",
}

PARTNER_KINDS = {
    "university": "university",
    "research_institute": "research institute",
    "company": "company",
    "government": "government body",
    "consortium": "consortium",
    "other": "organisation",
}

# ISO 3166-1 alpha-2 codes of the countries universities here sign with most; others show
# as their code, which is still unambiguous.
COUNTRIES = {
    "AE": "United Arab Emirates", "AR": "Argentina", "AT": "Austria", "AU": "Australia",
    "BD": "Bangladesh", "BE": "Belgium", "BG": "Bulgaria", "BN": "Brunei", "BR": "Brazil",
    "CA": "Canada", "CH": "Switzerland", "CL": "Chile", "CN": "China", "CO": "Colombia",
    "CU": "Cuba", "CY": "Cyprus", "CZ": "Czechia", "DE": "Germany", "DK": "Denmark",
    "DZ": "Algeria", "EE": "Estonia", "EG": "Egypt", "ES": "Spain", "FI": "Finland",
    "FR": "France", "GB": "United Kingdom", "GR": "Greece", "HK": "Hong Kong", "HR": "Croatia",
    "HU": "Hungary", "ID": "Indonesia", "IE": "Ireland", "IL": "Israel", "IN": "India",
    "IR": "Iran", "IS": "Iceland", "IT": "Italy", "JP": "Japan", "KH": "Cambodia",
    "KR": "South Korea", "KZ": "Kazakhstan", "LA": "Laos", "LT": "Lithuania",
    "LU": "Luxembourg", "LV": "Latvia", "MA": "Morocco", "MM": "Myanmar", "MN": "Mongolia",
    "MX": "Mexico", "MY": "Malaysia", "NL": "Netherlands", "NO": "Norway", "NZ": "New Zealand",
    "PH": "Philippines", "PK": "Pakistan", "PL": "Poland", "PT": "Portugal", "QA": "Qatar",
    "RO": "Romania", "RS": "Serbia", "RU": "Russia", "SA": "Saudi Arabia", "SE": "Sweden",
    "SG": "Singapore", "SI": "Slovenia", "SK": "Slovakia", "SN": "Senegal", "TH": "Thailand",
    "TL": "Timor-Leste", "TN": "Tunisia", "TR": "Türkiye", "TW": "Taiwan", "UA": "Ukraine",
    "US": "United States", "UZ": "Uzbekistan", "VN": "Vietnam", "ZA": "South Africa",
}  # fmt: skip


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    return COUNTRIES.get(code.upper(), code.upper())


def human_date(value: date | None) -> str:
    """``27 Jan 2026``, the same whatever the process locale."""
    if value is None:
        return "date unknown"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def agreement_kind(kind: str) -> str:
    return AGREEMENT_KINDS.get(kind, "agreement")


def partner_kind(kind: str) -> str:
    return PARTNER_KINDS.get(kind, "organisation")


def with_article(phrase: str) -> str:
    """``a cooperation agreement``, ``an MoU``, ``an exchange agreement``."""
    vowel_sound = phrase[:1].lower() in "aeio" or phrase.startswith(("MoU", "MOU"))
    return f"{'an' if vowel_sound else 'a'} {phrase}"

"""The home institution's side: its names, aliases found in the text, and its units.

A `Full Name (ACRONYM)` definition in the article whose full name is one of the home
institution's names makes the acronym an alias too (and the other way round). A unit of the
home institution ("Department of International Cooperation of USTH", "USTH's Department",
"Trường ĐH Bách Khoa, ĐHQG-HCM") is the home side. Usage::

    home = HomeSide.build(institution)
    home.learn(orgs)
    home.is_home(org)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from pactwatch.agreements.parties import OrgMention
from pactwatch.agreements.text import fold
from pactwatch.config import InstitutionConfig


@lru_cache(maxsize=8192)
def key(name: str) -> str:
    """A name reduced for comparison: folded, punctuation-free, without a leading "the"."""
    words = re.sub(r"[^a-z0-9&]+", " ", fold(name)).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=256)
def _names_regex(keys: frozenset[str]) -> re.Pattern[str]:
    """Any of the name keys as whole words, the longest first (an institution's names are
    the same on every page: built once)."""
    alts = sorted(
        (r"[^a-z0-9]+".join(re.escape(w) for w in k.split()) for k in keys if k),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts or ["(?!x)x"]) + r")(?![a-z0-9])")


@dataclass
class HomeSide:
    institution: InstitutionConfig
    keys: set[str] = field(default_factory=set)
    _regex: re.Pattern[str] | None = None

    @classmethod
    def build(cls, institution: InstitutionConfig) -> HomeSide:
        side = cls(institution)
        for name in institution.names:
            if key(name):
                side.keys.add(key(name))
        return side

    def learn(self, orgs: Iterable[OrgMention]) -> None:
        """Add the aliases that the text defines for one of the home names."""
        for org in orgs:
            forms = {key(m) for m in org.mentions}
            if forms & self.keys:
                before = len(self.keys)
                self.keys |= {f for f in forms if f}
                if len(self.keys) != before:
                    self._regex = None

    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = _names_regex(frozenset(self.keys))
        return self._regex

    def mentioned(self, folded: str, start: int, end: int) -> re.Match[str] | None:
        return self.regex().search(folded, start, end)

    def is_home(self, org: OrgMention) -> bool:
        forms = {key(m) for m in org.mentions}
        if forms & self.keys:
            return True
        name_key = key(org.name)
        # "USTH Department of ...", "Department of International Cooperation of USTH".
        if org.is_unit and self.regex().search(name_key):
            return True
        # "Trường ĐH Bách Khoa, ĐHQG-HCM": a unit named with its parent right after it.
        lead = org.next_text.lstrip()[:1]
        if lead not in {",", "-", "("}:
            return False
        tail = re.sub(r"[^a-z0-9&]+", " ", org.next_text).strip()
        match = self.regex().match(tail)
        if match is None:
            return False
        # "CNES, USTH and IRD" is a list, not a unit and its parent.
        rest = tail[match.end() :].split()
        return not rest or rest[0] not in {"and", "va", "et"}

    def owns(self, org: OrgMention) -> bool:
        """Whether `org` is a home name followed by a possessive ("USTH's ...")."""
        return org.possessive and self.is_home(org)

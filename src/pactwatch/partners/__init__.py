"""Known partners: name matching across languages, the registry and the diff behind alerts.

Usage::

    from pactwatch.partners import PartnerIndex, entries_from_config, load_equivalents

    index = PartnerIndex(entries_from_config(settings.partners), load_equivalents())
    index.match("Ecole des Mines de Saint Etienne").status     # 'matched' | 'new' | 'review'

`names` folds and translates names, `matching` scores and decides, `registry` indexes entries in
memory, `repository` keeps them in the database and `diff` turns an extracted agreement into
exactly one of agreement.new_partner, agreement.known_partner or agreement.duplicate.
"""

from pactwatch.partners.matching import Candidate, MatchResult, MatchSettings, MatchStatus
from pactwatch.partners.names import Equivalents, NameForm, analyse, fold, load_equivalents
from pactwatch.partners.registry import PartnerIndex, RegistryEntry, entries_from_config

__all__ = [
    "Candidate",
    "Equivalents",
    "MatchResult",
    "MatchSettings",
    "MatchStatus",
    "NameForm",
    "PartnerIndex",
    "RegistryEntry",
    "analyse",
    "entries_from_config",
    "fold",
    "load_equivalents",
]

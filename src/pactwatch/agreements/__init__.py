"""Recognise agreement announcements and extract their facts (English, Vietnamese, French).

Explainable rules over lexicons kept as data in `lexicons/` (see en.yaml for the categories,
areas.yaml for the documented taxonomy of cooperation areas). Usage::

    from pactwatch.agreements import extract_agreement, decision_to_json

    decision = extract_agreement(article, institution)
    if decision.is_agreement:
        print(decision.agreement.partners, decision.confidence, decision.reasons)
    print(decision_to_json(article, decision))
"""

from __future__ import annotations

from collections.abc import Mapping

from pactwatch.agreements.contract import decision_to_json
from pactwatch.agreements.lexicon import Lexicon, load_lexicon
from pactwatch.agreements.reader import read_article
from pactwatch.config import InstitutionConfig
from pactwatch.model import Article, Decision

__all__ = ["Lexicon", "decision_to_json", "extract_agreement", "load_lexicon"]


def extract_agreement(
    article: Article,
    institution: InstitutionConfig,
    *,
    registry_countries: Mapping[str, str] | None = None,
    lexicon: Lexicon | None = None,
) -> Decision:
    """Decide whether `article` announces a signing by `institution` and read its facts.

    `registry_countries` maps known partner names (any spelling) to ISO country codes; it is
    used when the text itself says nothing about a partner's country.
    """
    lex = lexicon if lexicon is not None else load_lexicon()
    try:
        return read_article(article, institution, lex, registry_countries)
    except RecursionError:  # pragma: no cover - defensive: nothing here recurses deeply
        return Decision(False, 0.0, ("the article could not be read",), language=article.language)

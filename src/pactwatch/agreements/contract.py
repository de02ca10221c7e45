"""The extraction contract of DESIGN.md: one JSON object per article.

Usage::

    json.dumps(decision_to_json(article, decision), ensure_ascii=False)
"""

from __future__ import annotations

from typing import Any

from pactwatch.model import AgreementDraft, Article, Decision


def decision_to_json(article: Article, decision: Decision) -> dict[str, Any]:
    """The contract object for `article` and its `decision` (dates as YYYY-MM-DD)."""
    published = article.published_date
    return {
        "url": article.url,
        "title": article.title,
        "published": published.isoformat() if published else None,
        "language": decision.language or article.language,
        "is_agreement": decision.is_agreement,
        "confidence": round(float(decision.confidence), 3),
        "reasons": list(decision.reasons),
        "agreement": _agreement(decision.agreement) if decision.agreement else None,
    }


def _agreement(draft: AgreementDraft) -> dict[str, Any]:
    period = draft.period
    return {
        "kind": draft.kind,
        "signed_on": draft.signed_on.isoformat() if draft.signed_on else None,
        "period": {"start": period.start, "end": period.end} if period else None,
        "institution": draft.institution,
        "partners": [
            {"name": p.name, "acronym": p.acronym, "country": p.country, "kind": p.kind}
            for p in draft.partners
        ],
        "signatories": [
            {"name": s.name, "title": s.title, "organization": s.organization}
            for s in draft.signatories
        ],
        "areas": list(draft.areas),
        "renewal": draft.renewal,
    }

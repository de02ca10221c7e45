"""Sample events shared by the notify tests."""

from __future__ import annotations

from datetime import date

from pactwatch.model import Period, Signatory
from pactwatch.notify.events import AgreementEvent, ArticleInfo, PartnerInfo, SourceEvent

HOSTILE = "<script>alert(\"x\")</script> **Bold** [x](y) & 'q'"

ECL = AgreementEvent(
    name="agreement.new_partner",
    institution_id="usth",
    institution="USTH",
    kind="cooperation_agreement",
    partners=(PartnerInfo("École Centrale de Lyon", "ECL", "FR", "university"),),
    signed_on=date(2026, 1, 27),
    period=Period("2026-01-27", "2031-01-26", "for five years"),
    areas=("aeronautics", "joint master programme"),
    signatories=(Signatory("Đinh Thị Mai Thanh", "Rector", "USTH"),),
    confidence=0.93,
    reasons=("signing verb near an agreement noun", "partner not in the registry"),
    article=ArticleInfo(
        "https://usth.edu.vn/en/news/ecl-2026",
        "USTH and École Centrale de Lyon sign a cooperation agreement",
        date(2026, 1, 28),
    ),
)

CNES = AgreementEvent(
    name="agreement.known_partner",
    institution_id="usth",
    institution="USTH",
    kind="mou",
    partners=(
        PartnerInfo(
            "Centre national d'études spatiales", "CNES", "FR", "government", False,
            date(2015, 11, 16),
        ),
    ),
    signed_on=date(2018, 11, 3),
    confidence=0.81,
    article=ArticleInfo("https://usth.edu.vn/en/news/cnes-2018", "USTH and CNES sign an MoU"),
)  # fmt: skip

HOSTILE_EVENT = AgreementEvent(
    name="agreement.new_partner",
    institution_id="hust",
    institution="HUST",
    kind="mou",
    partners=(PartnerInfo(HOSTILE, None, "JP", "company"),),
    areas=(HOSTILE,),
    signatories=(Signatory(HOSTILE, HOSTILE, HOSTILE),),
    confidence=0.7,
    reasons=(HOSTILE,),
    article=ArticleInfo("javascript:alert(1)", HOSTILE),
)

BLOCKED = SourceEvent(
    name="source.failing",
    institution_id="hust",
    institution="HUST",
    source="hust-news",
    url="https://hust.edu.vn/news",
    consecutive_failures=3,
    blocked=True,
    error="HTTP 403 Forbidden (Cloudflare challenge)",
)

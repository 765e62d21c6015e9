"""Official statements: texts whose publication is the act they state.

A joint statement, a fact sheet, a ministry announcement or an executive order does what it
says on the day it is issued, so an event it states without a date of its own took place on
its publication date (the dateline).  A news report, by contrast, dates only what it reports
("the ministry said on Friday").
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

OFFICIAL_HEAD = re.compile(
    r"\b(?:joint statement|fact sheet|announcement (?:no\.|number)\s*\d+|executive order|"
    r"proclamation|press release|readout|notice of the|circular (?:no\.|of)|hereby|"
    r"federal register|final rule|interim final rule|tariff commission of the state council)\b",
    re.IGNORECASE,
)
OFFICIAL_DOMAINS = (
    "whitehouse.gov", "ustr.gov", "commerce.gov", "bis.gov", "bis.doc.gov", "treasury.gov",
    "federalregister.gov", "state.gov", "cbp.gov", "gov.cn", "mofcom.gov.cn", "fmprc.gov.cn",
    "customs.gov.cn", "mof.gov.cn",
)  # fmt: skip
HEAD_CHARS = 600


def is_official_statement(text: str, url: str | None = None) -> bool:
    """Whether the article is (a copy of) an official statement.

    True when its URL is on a government domain, or when its head names a statement's
    form ("Joint Statement", "Fact Sheet", "Announcement No. 70", "hereby", "final rule").
    """
    host = urlparse(url).hostname or "" if url else ""
    if any(host == domain or host.endswith("." + domain) for domain in OFFICIAL_DOMAINS):
        return True
    return bool(OFFICIAL_HEAD.search(text[:HEAD_CHARS]))

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
# the issuer's own words of an official text: the enacting formula of a US executive order or
# proclamation, opening a line ("By the authority vested in me as President by the
# Constitution and the laws of the United States of America, ..."; inside a quote it is a
# report of the order), the signature line ("THE WHITE HOUSE, March 3, 2025.") and the title
# of the issuer's page ("Modifying Duties ... – The White House")
US_ISSUER = re.compile(
    r"(?:^|\n)[ \t]*(?:NOW, THEREFORE, )?(?:I, [^,\n]{3,60}, [^,\n]{3,80}, )?by the authority "
    r"vested in me as President\b|(?:^|\n)[ \t]*THE WHITE HOUSE,[ \t]+[A-Z][a-z]+ \d{1,2}, \d{4}|"
    r"[–—-][ \t]*The White House[ \t]*(?:\n|$)",
    re.IGNORECASE,
)


def is_official_statement(text: str, url: str | None = None) -> bool:
    """Whether the article is (a copy of) an official statement.

    True when its URL is on a government domain, or when its head names a statement's
    form ("Joint Statement", "Fact Sheet", "Announcement No. 70", "hereby", "final rule").
    """
    host = urlparse(url).hostname or "" if url else ""
    if any(host == domain or host.endswith("." + domain) for domain in OFFICIAL_DOMAINS):
        return True
    return bool(OFFICIAL_HEAD.search(text[:HEAD_CHARS]))


def issuer(text: str, url: str | None = None) -> str | None:
    """The country whose government issues an official text (``USA``, ``CHN``), or None.

    An order's first person ("I imposed tariffs on Chinese products") and its agentless
    passives ("The tariff rate ... is amended from 10 percent to 20 percent", "shall instead
    be subject to ...") are acts of its issuer.  The issuer is known from a government
    domain, or from the issuer's own formulas in the text: the enacting formula of a US
    order or proclamation, its signature line or the title line of the White House's page.
    """
    host = urlparse(url).hostname or "" if url else ""
    if any(host == domain or host.endswith("." + domain) for domain in OFFICIAL_DOMAINS):
        return "CHN" if host == "gov.cn" or host.endswith(".gov.cn") else "USA"
    if US_ISSUER.search(text):
        return "USA"
    return None

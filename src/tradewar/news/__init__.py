"""News to the ledger: read trade-war articles, extract events with evidence, propose changes.

The pipeline is offline and rule-based by default:

* :mod:`tradewar.news.clean` drops page noise from pasted text (or HTML, via trafilatura)
  and keeps a map from cleaned offsets back to the text the user gave;
* :mod:`tradewar.news.dateline` finds the article's date; :mod:`tradewar.news.dates`
  resolves relative dates against it with the sentence's tense;
* :mod:`tradewar.news.extract` finds events (actor, action, target, products, rates,
  dates, modality) sentence by sentence with spaCy's blank English pipeline;
* :mod:`tradewar.news.propose` matches events to ledger measures and drafts proposals
  that a person accepts or rejects (:mod:`tradewar.services.news`).
"""

from __future__ import annotations

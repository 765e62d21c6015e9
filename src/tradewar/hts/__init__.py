"""US tariff lines: Chapter 99 headings, line lists as measure scopes, products by name."""

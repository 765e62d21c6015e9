"""Shared vocabularies: countries (ISO 3166-1 alpha-3) and products (HS codes)."""

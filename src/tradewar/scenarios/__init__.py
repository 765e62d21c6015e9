"""Scenarios: the record on a date, or explicit rates, turned into model runs."""

"""The multi-industry model of Lashkaripour & Lugovskyy (2023) on 44 regions × 16 industries.

See ``docs/models/ll2023.md`` for the equations, in the paper's notation.
"""

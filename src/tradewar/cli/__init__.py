"""The ``tradewar`` command line: thin commands over :mod:`tradewar.services`."""

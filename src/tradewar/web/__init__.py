"""The web: a JSON API and a server-rendered dashboard, in one FastAPI application.

:func:`tradewar.web.app.create_app` builds it from the settings; ``tradewar serve`` runs it.
"""

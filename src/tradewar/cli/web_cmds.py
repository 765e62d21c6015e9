"""``tradewar serve``: the JSON API and the dashboard, served by uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from tradewar.cli.context import console_err, settings_from_env


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    model_timeout: Annotated[
        float, typer.Option(min=1.0, help="Seconds a model run may take before it is abandoned.")
    ] = 60.0,
) -> None:
    """Serve the dashboard and the API (/api/v1, OpenAPI at /openapi.json) until stopped."""
    import uvicorn
    from sqlalchemy.engine import make_url

    from tradewar.web.app import create_app

    settings = settings_from_env()
    app = create_app(settings, model_timeout_s=model_timeout)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    console_err.print(
        f"tradewar dashboard: [bold]http://{shown}:{port}/[/]  "
        f"(API: http://{shown}:{port}/api/v1, docs: http://{shown}:{port}/api; Ctrl+C stops)",
        soft_wrap=True,
    )
    ledger = make_url(settings.database_url).render_as_string(hide_password=True)
    console_err.print(f"ledger: {ledger}  data: {settings.data_dir}", soft_wrap=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)

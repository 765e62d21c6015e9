"""``GET /api/v1/tokens/current``: which token a client holds, and until when it works.

A client (a bot, a newsroom script) can check its token before writing and renew it in
time: the answer names the token's owner, when it was created and when it expires (null:
never). Unknown, revoked or expired tokens get the same 401 as a write.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from tradewar.web.deps import READ_PROBLEMS, State, Writer, bearer
from tradewar.web.problems import ProblemError, problem_schema_responses

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS, tags=["tokens"])


class TokenOut(BaseModel):
    """The token of the request: its owner, creation and expiry (UTC, ISO 8601)."""

    name: str
    created_at: str
    expires_at: str | None = Field(description="When it stops working; null: never.")


@router.get(
    "/tokens/current",
    response_model=TokenOut,
    responses=problem_schema_responses(401),
    summary="The bearer token's owner and expiry (bearer token)",
)
def current_token(
    state: State,
    who: Writer,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> TokenOut:
    """Who the token belongs to and when it expires (``tradewar tokens create --expires``)."""
    info = state.ledger.store.token_info(credentials.credentials) if credentials else None
    if info is None:  # revoked or expired between the two checks
        raise ProblemError(
            401, "unauthorized", "Invalid bearer token", "The token is no longer valid."
        )
    return TokenOut(name=who, created_at=info["created_at"], expires_at=info["expires_at"])

"""Auditing what the hospital's inference server did for a draft: which server, which model,
how many tokens and how long. Never text: the record is built from counts and times only.

It sits beside the draft's own `draft_generate` / `draft_cancel` event, so an auditor sees who
drafted for which patient there and, here, that the notes went to that server.

A grounded draft sends one request per passage, each with the notes, so it is audited with one
event per request: each says what that request sent and got back, how long it took and how it
ended (a passage that failed is a failure of its own), and the events of one draft add up to
its tokens and time. One summed event could give neither a failed passage's outcome nor the
time to the first token of each request, and would not fit its counts in a reason of 64.
"""

from app.domain.audit import AuditAction, Outcome
from app.domain.notes import Draft
from app.inference.protocol import Engine
from app.inference.remote import RemoteEngine, ServerExchange
from app.services.audit_trail import AuditTrail
from app.services.session import Session

_OUTCOMES = {
    "completed": Outcome.SUCCESS,
    "cancelled": Outcome.SUCCESS,
    "failed": Outcome.FAILURE,
}


def exchange_reason(exchange: ServerExchange) -> str:
    """`OUTCOME:prompt:P:out:C:first_ms:F:ms:T`; F is `none` when no text came. 64 at most."""
    first = (
        "none"
        if exchange.time_to_first_token is None
        else str(round(exchange.time_to_first_token * 1000))
    )
    total = round(exchange.seconds * 1000)
    return (
        f"{exchange.outcome}:prompt:{exchange.prompt_tokens}:out:{exchange.completion_tokens}"
        f":first_ms:{first}:ms:{total}"
    )[:64]


def audit_server_exchange(
    trail: AuditTrail, session: Session, draft: Draft, engine: Engine
) -> None:
    """Record the engine's last server generation, if it ran on a server and was not recorded."""
    if not isinstance(engine, RemoteEngine):
        return
    exchange = engine.take_exchange()
    if exchange is None:
        return
    trail.record(
        session,
        AuditAction.SERVER_GENERATE,
        _OUTCOMES[exchange.outcome],
        object_type="inference_server",
        object_id=f"{exchange.server}/{exchange.model}"[:128],
        patient_ref=draft.patient_mrn,
        reason=exchange_reason(exchange),
    )

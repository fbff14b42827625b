"""The chat the inference adapter renders into a prompt.

Sampling settings, engine details and run statistics are domain values
(`app.domain.generation`), shared with the desk and the CLI.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["system", "user", "assistant"]


class ChatMessage(BaseModel):
    """One turn of a conversation, rendered into a prompt by the model's own chat template."""

    model_config = ConfigDict(frozen=True)

    role: Role
    content: str

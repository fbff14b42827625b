"""The machine policy's `[administrator]` table: the workstation's first administrator, named by IT.

Without it, the first local account of a standalone workstation is created by whoever runs
`wardscribe account add` first, with no sign-in. With it, IT provisions that administrator
through the policy it already controls (/etc or HKLM, which the user cannot write): the account
is created, or brought back into line, at every start, and the unsigned path is refused. The
policy holds the password's argon2id hash, never the password; `wardscribe account
hash-password` makes one.
"""

import unicodedata

from argon2 import extract_parameters
from argon2.exceptions import InvalidHashError
from pydantic import BaseModel, ConfigDict, Field, field_validator

_ARGON2ID = "$argon2id$"


class AdministratorPolicy(BaseModel):
    """Who administers local accounts on this workstation, and the hash of their password."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    username: str = Field(min_length=1, max_length=64)
    display_name: str = Field(default="IT administrator", min_length=1, max_length=128)
    password_hash: str = Field(max_length=256)
    """An argon2id hash (`$argon2id$v=19$m=...`), as `wardscribe account hash-password` prints."""

    @field_validator("username", "display_name")
    @classmethod
    def _plain_text(cls, value: str) -> str:
        if not value.strip() or any(
            unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in value
        ):
            raise ValueError("must be visible text without control or invisible characters")
        return value

    @field_validator("password_hash")
    @classmethod
    def _argon2id(cls, value: str) -> str:
        try:
            extract_parameters(value)
        except (InvalidHashError, ValueError):
            raise ValueError(
                "must be an argon2id hash made by `wardscribe account hash-password`"
            ) from None
        if not value.startswith(_ARGON2ID):
            raise ValueError("must be an argon2id hash made by `wardscribe account hash-password`")
        return value

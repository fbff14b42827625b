"""Process environment the app honours, read once through pydantic-settings.

Only locations and headless credentials come from the environment; anything a hospital wants
to control goes in the machine policy, which the environment cannot override.
"""

import sys
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

LINUX_POLICY_FILE = Path("/etc/wardscribe/policy.toml")


class Environment(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WARDSCRIBE_", extra="ignore", frozen=True)

    data_dir: Path | None = None
    policy_file: Path | None = None
    """Where the machine policy lives; tests and packagers point this elsewhere."""
    user: str | None = None
    password: SecretStr | None = None

    def policy_path(self) -> Path:
        if self.policy_file is not None:
            return self.policy_file
        if sys.platform == "win32":
            from os import environ

            program_data = Path(environ.get("PROGRAMDATA", r"C:\ProgramData"))
            return program_data / "WardScribe" / "policy.json"
        return LINUX_POLICY_FILE

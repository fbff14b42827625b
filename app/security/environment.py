"""Process environment the app honours, read once through pydantic-settings.

Only locations and headless credentials come from the environment; anything a hospital wants
to control goes in the machine policy, which the environment cannot override. The machine
policy lives where an ordinary user cannot write (`/etc`, ProgramData, HKLM);
`WARDSCRIBE_POLICY_FILE` exists for tests and development checkouts only, so it is refused in a
packaged build and wherever a machine policy is installed: pointing it at a missing or
home-made file must never drop or widen what IT set.
"""

import sys
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.domain.errors import WardScribeError

LINUX_POLICY_FILE = Path("/etc/wardscribe/policy.toml")
POLICY_FILE_VARIABLE = "WARDSCRIBE_POLICY_FILE"
_REGISTRY_POLICY_KEY = r"Software\Policies\WardScribe"


class PolicyOverrideRefused(WardScribeError):
    """WARDSCRIBE_POLICY_FILE was set where the machine policy must stand."""


def packaged_build() -> bool:
    """True inside the PyInstaller bundle IT installs, as opposed to a source checkout."""
    return bool(getattr(sys, "frozen", False))


def machine_policy_file() -> Path:
    """Where IT installs the policy file on this platform."""
    if sys.platform == "win32":
        from os import environ

        program_data = Path(environ.get("PROGRAMDATA", r"C:\ProgramData"))
        return program_data / "WardScribe" / "policy.json"
    return LINUX_POLICY_FILE


def machine_policy_installed() -> bool:
    """Whether IT installed a policy: the file, or on Windows the Group Policy key in HKLM."""
    if machine_policy_file().exists():
        return True
    if sys.platform != "win32":
        return False
    import winreg

    try:
        winreg.CloseKey(winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, _REGISTRY_POLICY_KEY))
    except OSError:
        return False
    return True


class Environment(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WARDSCRIBE_", extra="ignore", frozen=True)

    data_dir: Path | None = None
    policy_file: Path | None = None
    """A stand-in policy for tests and development checkouts; see `policy_path`."""
    user: str | None = None
    password: SecretStr | None = None

    def policy_path(self) -> Path:
        """The machine policy file, or the stand-in where one is allowed; refuses otherwise."""
        if self.policy_file is None:
            return machine_policy_file()
        if packaged_build():
            raise PolicyOverrideRefused(
                f"{POLICY_FILE_VARIABLE} is set, but an installed WardScribe reads its policy "
                f"only from {machine_policy_file()}. Unset {POLICY_FILE_VARIABLE}."
            )
        if machine_policy_installed():
            raise PolicyOverrideRefused(
                f"{POLICY_FILE_VARIABLE} is set, but this workstation has a machine policy "
                f"({machine_policy_file()}), which nothing may replace. "
                f"Unset {POLICY_FILE_VARIABLE}."
            )
        return self.policy_file

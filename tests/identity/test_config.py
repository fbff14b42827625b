"""The `[identity]` policy: the shipped examples validate, and unsafe settings do not."""

import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from app.domain.identity import ProviderKind
from app.domain.roles import Role
from app.identity.config import ActiveDirectoryConfig, EntraConfig, IdentityPolicy

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "policy-examples"
TENANT = "5b0d2a48-7c1e-4f7a-9a63-3f0e8e1d2c11"
CLIENT = "0f9c6d2e-2b61-4d8e-8f0a-6a1d7b9e4c55"


def _example(name: str) -> IdentityPolicy:
    with (EXAMPLES / name).open("rb") as policy:
        return IdentityPolicy.model_validate(tomllib.load(policy)["identity"])


def _directory(**changes: Any) -> ActiveDirectoryConfig:
    settings: dict[str, Any] = {
        "servers": ["ldaps://dc1.hospital.org:636"],
        "base_dn": "DC=hospital,DC=org",
        "upn_suffix": "hospital.org",
        "role_groups": {"WardScribe-Nurses": "nurse"},
    }
    return ActiveDirectoryConfig.model_validate(settings | changes)


def test_every_shipped_example_is_covered_here() -> None:
    names = {path.name for path in EXAMPLES.glob("*.toml")}
    assert names == {"entra.toml", "active-directory.toml", "standalone.toml"}


def test_entra_example_validates() -> None:
    policy = _example("entra.toml")
    assert policy.provider is ProviderKind.ENTRA_ID
    assert policy.entra_id is not None
    assert policy.entra_id.allow_device_code is False
    assert policy.entra_id.role_mapping.app_roles["charge_nurse"] is Role.CHARGE_NURSE


def test_active_directory_example_validates() -> None:
    policy = _example("active-directory.toml")
    assert policy.provider is ProviderKind.ACTIVE_DIRECTORY
    assert policy.active_directory is not None
    assert policy.active_directory.netbios_domain == "HOSPITAL"
    assert policy.active_directory.role_groups["WardScribe-IT"] is Role.IT_ADMIN


def test_standalone_example_validates() -> None:
    policy = _example("standalone.toml")
    assert policy.provider is ProviderKind.LOCAL
    assert policy.active_directory is None
    assert policy.entra_id is None


def test_provider_without_its_section_is_rejected() -> None:
    with pytest.raises(ValidationError, match=r"\[identity\.entra_id\]"):
        IdentityPolicy.model_validate({"provider": "entra_id"})


def test_misspelt_setting_is_rejected_rather_than_ignored() -> None:
    with pytest.raises(ValidationError, match="allow_devicecode"):
        EntraConfig.model_validate(
            {"tenant_id": TENANT, "client_id": CLIENT, "allow_devicecode": True}
        )


def test_policy_cannot_be_changed_once_loaded() -> None:
    config = EntraConfig(tenant_id=TENANT, client_id=CLIENT)
    with pytest.raises(ValidationError):
        config.allow_device_code = True  # type: ignore[misc]


def test_device_code_is_off_and_the_broker_on_by_default() -> None:
    config = EntraConfig(tenant_id=TENANT, client_id=CLIENT)
    assert config.allow_device_code is False
    assert config.use_broker is True


def test_tenant_must_be_a_guid() -> None:
    with pytest.raises(ValidationError, match="GUID"):
        EntraConfig(tenant_id="contoso.onmicrosoft.com", client_id=CLIENT)


def test_authority_must_use_https() -> None:
    with pytest.raises(ValidationError, match="https"):
        EntraConfig(tenant_id=TENANT, client_id=CLIENT, oidc_authority="http://localhost/t")


def test_plain_ldap_without_starttls_is_rejected() -> None:
    with pytest.raises(ValidationError, match="clear"):
        _directory(servers=["ldap://dc1.hospital.org:389"])


def test_starttls_with_ldaps_uris_is_rejected() -> None:
    with pytest.raises(ValidationError, match="ldap://"):
        _directory(use_starttls=True)


def test_directory_needs_a_domain_to_accept_names_from() -> None:
    with pytest.raises(ValidationError, match="upn_suffix or netbios_domain"):
        _directory(upn_suffix=None)


def test_unknown_role_in_group_mapping_is_rejected() -> None:
    with pytest.raises(ValidationError):
        _directory(role_groups={"WardScribe-Nurses": "superuser"})

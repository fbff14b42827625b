"""Group Policy values under HKLM, read through a stand-in for `winreg`.

The Windows registry cannot run here, so `FakeRegistry` plays `winreg` with the same calls and
the same value types; what is tested is the mapping from keys and values to policy tables.
"""

from pathlib import Path
from typing import Any

import pytest

from app.security.policy import PolicyInvalid, load_policy
from app.security.policy_registry import (
    POLICY_KEY,
    REG_DWORD,
    REG_MULTI_SZ,
    REG_SZ,
    read_registry_policy,
)

Tree = dict[str, Any]


class FakeRegistry:
    HKEY_LOCAL_MACHINE = 0x80000002

    def __init__(self, tree: Tree) -> None:
        self._tree = tree

    def OpenKey(self, key: Any, sub_key: str) -> Tree:
        node: Tree = self._tree if key == self.HKEY_LOCAL_MACHINE else key
        for part in sub_key.split("\\"):
            if part not in node["keys"]:
                raise FileNotFoundError(sub_key)
            node = node["keys"][part]
        return node

    def EnumKey(self, key: Tree, index: int) -> str:
        names = list(key["keys"])
        if index >= len(names):
            raise OSError("no more keys")
        return names[index]

    def EnumValue(self, key: Tree, index: int) -> tuple[str, Any, int]:
        values = list(key["values"].items())
        if index >= len(values):
            raise OSError("no more values")
        name, (value, kind) = values[index]
        return name, value, kind


def _key(values: dict[str, tuple[Any, int]] | None = None, **keys: Tree) -> Tree:
    return {"values": values or {}, "keys": keys}


def _hklm(**tables: Tree) -> FakeRegistry:
    parts = POLICY_KEY.split("\\")
    node = _key(**tables)
    for part in reversed(parts):
        node = _key(**{part: node})
    return FakeRegistry(node)


def test_keys_become_tables_and_values_become_fields() -> None:
    registry = _hklm(
        settings=_key({"idle_lock_minutes": (5, REG_DWORD), "model_path": ("", REG_SZ)}),
        identity=_key(
            {"provider": ("active_directory", REG_SZ)},
            active_directory=_key(
                {"servers": (["ldaps://dc1.ward.test", ""], REG_MULTI_SZ)},
                role_groups=_key({"WS-Nurses": ("nurse", REG_SZ)}),
            ),
        ),
    )
    assert read_registry_policy(registry) == {
        "settings": {"idle_lock_minutes": 5},
        "identity": {
            "provider": "active_directory",
            "active_directory": {
                "servers": ["ldaps://dc1.ward.test"],
                "role_groups": {"WS-Nurses": "nurse"},
            },
        },
    }


def test_no_policy_key_means_no_registry_policy() -> None:
    assert read_registry_policy(FakeRegistry(_key())) == {}


def test_registry_values_win_over_the_policy_file(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_text('{"settings": {"idle_lock_minutes": 30, "clipboard_clear_seconds": 20}}')
    registry = _hklm(settings=_key({"idle_lock_minutes": (5, REG_DWORD)}))
    policy = load_policy(path, lambda: read_registry_policy(registry))
    assert policy is not None
    assert policy.settings == {"idle_lock_minutes": 5, "clipboard_clear_seconds": 20}


def test_a_bad_registry_value_names_the_registry_key_and_field(tmp_path: Path) -> None:
    registry = _hklm(settings=_key({"idle_lock_minutes": (0, REG_DWORD)}))
    with pytest.raises(PolicyInvalid, match=r"HKLM.*settings\.idle_lock_minutes"):
        load_policy(tmp_path / "absent.json", lambda: read_registry_policy(registry))


def test_retention_and_log_forwarding_from_group_policy_load_as_policy(tmp_path: Path) -> None:
    registry = _hklm(
        retention=_key({"audit_days": (2555, REG_DWORD), "draft_days": (30, REG_DWORD)}),
        log_forwarding=_key(
            {
                "host": ("siem.ward.test", REG_SZ),
                "port": (6514, REG_DWORD),
                "ca_file": ("C:\\ProgramData\\WardScribe\\siem-ca.pem", REG_SZ),
                "client_cert_file": ("", REG_SZ),
            }
        ),
    )
    policy = load_policy(tmp_path / "absent.json", lambda: read_registry_policy(registry))
    assert policy is not None
    assert (policy.retention.audit_days, policy.retention.draft_days) == (2555, 30)
    assert policy.retention.signed_days is None
    assert policy.log_forwarding is not None
    assert (policy.log_forwarding.host, policy.log_forwarding.port) == ("siem.ward.test", 6514)
    assert policy.log_forwarding.client_cert_file is None


def test_an_audit_retention_under_six_years_from_group_policy_stops_the_start(
    tmp_path: Path,
) -> None:
    registry = _hklm(retention=_key({"audit_days": (365, REG_DWORD)}))
    with pytest.raises(PolicyInvalid, match=r"retention\.audit_days.*six years"):
        load_policy(tmp_path / "absent.json", lambda: read_registry_policy(registry))

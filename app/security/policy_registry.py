"""Reads the Group Policy / Intune half of the machine policy from the Windows registry.

The ADMX templates write under HKLM\\Software\\Policies\\WardScribe, laid out like the policy
file: one key per table and one value per field, named as the field. Empty strings count as
unset because the MSI writes empty values for properties IT did not give.
"""

from collections.abc import Callable
from typing import Any, Protocol

POLICY_KEY = r"Software\Policies\WardScribe"

REG_SZ = 1
REG_EXPAND_SZ = 2
REG_DWORD = 4
REG_MULTI_SZ = 7
REG_QWORD = 11


class Registry(Protocol):
    """The part of `winreg` this module uses; the tests give it a stand-in off Windows."""

    HKEY_LOCAL_MACHINE: int

    def OpenKey(self, key: Any, sub_key: str) -> Any: ...

    def EnumKey(self, key: Any, index: int) -> str: ...

    def EnumValue(self, key: Any, index: int) -> tuple[str, Any, int]: ...


def _decode(value: Any, kind: int) -> Any:
    if kind in (REG_SZ, REG_EXPAND_SZ):
        return value or None
    if kind == REG_MULTI_SZ:
        return [item for item in value if item] or None
    if kind in (REG_DWORD, REG_QWORD):
        return int(value)
    return None


def _enumerate(read: Callable[[int], Any]) -> list[Any]:
    items = []
    index = 0
    while True:
        try:
            items.append(read(index))
        except OSError:
            return items
        index += 1


def _read_key(registry: Registry, key: Any) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for name, value, kind in _enumerate(lambda index: registry.EnumValue(key, index)):
        decoded = _decode(value, kind)
        if decoded is not None:
            table[name] = decoded
    for child in _enumerate(lambda index: registry.EnumKey(key, index)):
        nested = _read_key(registry, registry.OpenKey(key, child))
        if nested:
            table[child] = nested
    return table


def read_registry_policy(registry: Registry) -> dict[str, Any]:
    """The policy tables found under HKLM; empty when Group Policy set nothing."""
    try:
        root = registry.OpenKey(registry.HKEY_LOCAL_MACHINE, POLICY_KEY)
    except OSError:
        return {}
    return _read_key(registry, root)


def merge_policy(file_tables: dict[str, Any], registry_tables: dict[str, Any]) -> dict[str, Any]:
    """Registry values win over the policy file, table by table, field by field."""
    merged = dict(file_tables)
    for name, value in registry_tables.items():
        current = merged.get(name)
        if isinstance(value, dict) and isinstance(current, dict):
            merged[name] = merge_policy(current, value)
        else:
            merged[name] = value
    return merged

"""Which grounded-draft layout a patient's unit uses: the machine policy's file for that unit,
else the unit's shipped file, else the shipped default."""

from collections.abc import Mapping
from pathlib import Path

from app.domain.grounded.layout import DraftLayout, load_layout, shipped_layout


class UnitLayouts:
    """Resolves a unit's layout, reading each file once per process."""

    def __init__(self, overrides: Mapping[str, Path] | None = None) -> None:
        """`overrides` maps unit names (any case) to layout files the hospital supplies."""
        self._overrides = {unit.casefold(): path for unit, path in (overrides or {}).items()}
        self._loaded: dict[str, DraftLayout] = {}

    def for_unit(self, unit: str) -> DraftLayout:
        """The unit's layout: its override if one is configured, else the shipped one; read once."""
        key = unit.strip().casefold()
        if key not in self._loaded:
            override = self._overrides.get(key)
            self._loaded[key] = load_layout(override) if override else shipped_layout(unit)
        return self._loaded[key]

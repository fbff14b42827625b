"""The Group Policy templates write exactly the machine policy's tables and fields.

Under HKLM\\Software\\Policies\\WardScribe each registry key is a policy table and each value a
field of it, named as in the policy file, so that a value the templates write is never one the
policy schema would refuse (which would stop WardScribe from starting on every ward).
"""

import re
import types
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from app.domain.settings import Settings
from app.security.policy import MachinePolicy
from tests.installer.conftest import INSTALLER

ADMX = INSTALLER / "windows" / "admx" / "WardScribe.admx"
ADML = INSTALLER / "windows" / "admx" / "en-US" / "WardScribe.adml"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
ROOT_KEY = "Software\\Policies\\WardScribe"
VALUE_ELEMENTS = ("text", "multiText", "decimal", "boolean", "enum")


def parse(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def policies() -> list[ET.Element]:
    return parse(ADMX).findall("p:policies/p:policy", NS)


def table_model(key: str) -> type[BaseModel]:
    """The schema model of the policy table that registry `key` holds."""
    if key == ROOT_KEY:
        return MachinePolicy  # a top-level field kept as a key of its own, e.g. draft_layouts
    assert key.startswith(ROOT_KEY + "\\"), key
    model: type[BaseModel] = MachinePolicy
    for table in key.removeprefix(ROOT_KEY + "\\").split("\\"):
        assert table in model.model_fields, f"{key}: the policy has no table {table!r}"
        if model is MachinePolicy and table == "settings":
            model = Settings  # [settings] is validated against Settings, key by key
            continue
        model = _model_in(model.model_fields[table].annotation)
    return model


def _model_in(annotation: Any) -> type[BaseModel]:
    candidates = get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else ()
    for candidate in (annotation, *candidates):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    raise AssertionError(f"{annotation} is not a policy table")


def registry_values() -> Iterator[tuple[ET.Element, str, str]]:
    """(element, key, value name) for every value a policy writes."""
    for policy in policies():
        key = policy.get("key", "")
        if policy.get("valueName"):
            yield policy, key, policy.get("valueName", "")
        for element in policy.findall("p:elements/*", NS):
            tag = element.tag.split("}")[1]
            if tag == "list":
                list_key = element.get("key", "")
                parent, _, name = list_key.rpartition("\\")
                yield element, parent, name
            else:
                assert tag in VALUE_ELEMENTS, tag
                yield element, element.get("key", key), element.get("valueName", "")


def test_both_files_are_well_formed_xml() -> None:
    assert parse(ADMX).tag == f"{{{NS['p']}}}policyDefinitions"
    assert parse(ADML).tag == f"{{{NS['p']}}}policyDefinitionResources"


def test_every_policy_is_a_machine_policy_under_the_policies_key() -> None:
    for policy in policies():
        assert policy.get("class") == "Machine", policy.get("name")
        assert policy.get("key", "").startswith(ROOT_KEY + "\\"), policy.get("name")


@pytest.mark.parametrize(
    ("element", "key", "name"),
    list(registry_values()),
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_each_registry_value_name_is_a_field_of_its_policy_table(
    element: ET.Element, key: str, name: str
) -> None:
    assert name in table_model(key).model_fields, f"{key}\\{name} is not a policy field"


def field_adapter(key: str, name: str) -> TypeAdapter[Any]:
    """Validates one value as the policy schema does, constraints included."""
    field = table_model(key).model_fields[name]
    constrained: Any = Annotated[field.annotation, *field.metadata]
    return TypeAdapter(constrained)


def accepts(key: str, name: str, value: object) -> bool:
    try:
        field_adapter(key, name).validate_python(value)
    except ValidationError:
        return False
    return True


def test_numeric_ranges_are_the_whole_numbers_the_schema_accepts() -> None:
    """Group Policy numbers are whole: each range ends where the schema's whole numbers end."""
    for element, key, name in registry_values():
        if element.tag.endswith("}decimal"):
            low, high = int(element.get("minValue", "0")), int(element.get("maxValue", "0"))
            assert accepts(key, name, low) and accepts(key, name, high), f"{key}\\{name}"
            assert not accepts(key, name, low - 1), f"{key}\\{name}: {low - 1} is accepted"
            assert not accepts(key, name, high + 1), f"{key}\\{name}: {high + 1} is accepted"


def test_every_field_the_policy_file_accepts_has_a_group_policy_setting() -> None:
    """What IT can write in policy.toml, Group Policy and Intune can write too."""
    written = {(key, name) for _, key, name in registry_values()}
    assert sorted(set(schema_fields(MachinePolicy, ROOT_KEY)) - written) == []


def schema_fields(model: type[BaseModel], key: str) -> Iterator[tuple[str, str]]:
    """(registry key, value name) of every field of `model`'s tables, nested tables walked."""
    for name, field in model.model_fields.items():
        nested = Settings if model is MachinePolicy and name == "settings" else _table(field)
        if nested is None:
            yield key, name
        else:
            yield from schema_fields(nested, f"{key}\\{name}")


def _table(field: FieldInfo) -> type[BaseModel] | None:
    try:
        return _model_in(field.annotation)
    except AssertionError:
        return None


def test_each_default_the_editor_shows_is_accepted_by_the_schema() -> None:
    defaults = {
        box.get("refId"): box.get("defaultValue")
        for box in parse(ADML).iter(f"{{{NS['p']}}}decimalTextBox")
    }
    for element, key, name in registry_values():
        if element.tag.endswith("}decimal"):
            default = defaults[element.get("id")]
            assert default is not None and accepts(key, name, int(default)), f"{key}\\{name}"


def test_every_choice_offered_is_accepted_by_the_schema() -> None:
    for element, key, name in registry_values():
        if element.tag.endswith("}enum"):
            field = table_model(key).model_fields[name]
            for value in element.findall("p:item/p:value/p:string", NS):
                TypeAdapter(field.annotation).validate_python(value.text)


def test_every_string_and_presentation_the_admx_names_is_in_the_adml() -> None:
    adml = parse(ADML)
    strings = {entry.get("id") for entry in adml.iter(f"{{{NS['p']}}}string")}
    presentations = {entry.get("id"): entry for entry in adml.iter(f"{{{NS['p']}}}presentation")}
    text = ADMX.read_text()
    assert set(re.findall(r"\$\(string\.(\w+)\)", text)) <= strings
    assert set(re.findall(r"\$\(presentation\.(\w+)\)", text)) <= set(presentations)
    for policy in policies():
        elements = {element.get("id") for element in policy.findall("p:elements/*", NS)}
        if not elements:  # an on/off policy has no controls to present
            assert policy.get("presentation") is None, policy.get("name")
            continue
        presentation = presentations[policy.get("name")]
        controls = {control.get("refId") for control in presentation}
        assert elements == controls, policy.get("name")

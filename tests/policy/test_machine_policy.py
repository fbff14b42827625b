from pathlib import Path

import pytest

from app.paths import resources_dir
from app.security.policy import PolicyInvalid, load_policy


def test_no_policy_file_means_no_policy(tmp_path: Path) -> None:
    assert load_policy(tmp_path / "policy.toml") is None


def test_a_valid_toml_policy_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text("[settings]\nidle_lock_minutes = 5\n\n[break_glass]\nenabled = true\n")
    policy = load_policy(path)
    assert policy is not None
    assert policy.settings == {"idle_lock_minutes": 5}
    assert policy.break_glass.enabled


def test_a_valid_json_policy_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_text('{"settings": {"clipboard_clear_seconds": 30}}')
    policy = load_policy(path)
    assert policy is not None
    assert policy.settings == {"clipboard_clear_seconds": 30}


def test_an_out_of_range_setting_names_the_file_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text("[settings]\nidle_lock_minutes = 0\n")
    with pytest.raises(PolicyInvalid, match=r"policy\.toml.*settings\.idle_lock_minutes"):
        load_policy(path)


def test_an_unknown_section_is_refused_rather_than_ignored(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text("[retention]\ndays = 30\n")
    with pytest.raises(PolicyInvalid, match="retention"):
        load_policy(path)


def test_a_malformed_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text("[settings\nidle_lock_minutes = ")
    with pytest.raises(PolicyInvalid, match=r"policy\.toml"):
        load_policy(path)


@pytest.mark.parametrize(
    "example", sorted((resources_dir() / "policy-examples").glob("*.toml")), ids=lambda p: p.stem
)
def test_every_shipped_policy_example_is_a_valid_machine_policy(example: Path) -> None:
    assert load_policy(example) is not None


def test_an_identity_section_naming_a_provider_without_its_settings_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "policy.toml"
    path.write_text('[identity]\nprovider = "active_directory"\n')
    with pytest.raises(PolicyInvalid, match="identity"):
        load_policy(path)

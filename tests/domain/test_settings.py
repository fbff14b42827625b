import pytest
from pydantic import ValidationError

from app.domain.settings import Settings, combine


def test_policy_values_win_over_user_values_and_are_locked() -> None:
    layered = combine({"idle_lock_minutes": 30}, {"idle_lock_minutes": 5})
    assert layered.effective.idle_lock_minutes == 5
    assert layered.is_locked("idle_lock_minutes")


def test_user_values_apply_where_the_policy_is_silent() -> None:
    layered = combine({"font_point_size": 14}, {"idle_lock_minutes": 5})
    assert layered.effective.font_point_size == 14
    assert not layered.is_locked("font_point_size")


def test_defaults_fill_what_no_layer_sets() -> None:
    assert combine({}, {}).effective == Settings()


def test_an_unknown_setting_is_an_error_naming_it() -> None:
    with pytest.raises(ValidationError, match="idle_lock"):
        combine({"idle_lock": 3}, {})

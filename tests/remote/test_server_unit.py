"""The systemd unit and its settings file agree, and keep what a request holds off disk and out
of reach. The flags themselves are checked against a real llama-server by `make server-check`
(tests/remote/test_real_llama_server.py)."""

from tests.remote.real_llama_server import expand, unit_command, unit_settings


def test_every_setting_the_unit_uses_is_in_its_settings_file() -> None:
    command = expand(unit_command(), unit_settings())

    assert command[0] == "/opt/llama.cpp/bin/llama-server"
    assert not [word for word in command if "${" in word]


def test_the_unit_turns_off_the_slots_endpoint_and_the_web_page() -> None:
    command = unit_command()

    assert "--no-slots" in command
    assert "--no-ui" in command


def test_the_unit_never_writes_caches_or_requests_anywhere() -> None:
    command = unit_command()

    assert "--slot-save-path" not in command
    assert not {"-v", "--verbose", "--log-verbose", "--log-file"} & set(command)


def test_the_unit_keeps_no_prompt_cache_in_memory_beyond_the_slots() -> None:
    command = unit_command()

    assert command[command.index("--cache-ram") + 1] == "0"

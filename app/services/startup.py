"""Protections a WardScribe process puts in place before it touches any note.

Both entry points, the window and the headless commands, call `protect_process` first, so what
protects a process cannot differ between them: no core dumps and crash reports without values
(`harden_process`), and the network guard that lets the process reach only the hosts the
machine policy names. Audit hooks cannot be removed, so the guard is installed once per process;
each workstation opened later sends the guard's refusals to its audit log.
"""

from dataclasses import dataclass

from pydantic import SecretStr

from app.security.environment import Environment
from app.security.hardening import HardeningReport, harden_process
from app.security.network_guard import NetworkGuard, installed_guard, policy_hosts
from app.security.policy import MachinePolicy, load_policy
from app.services.workstation import StartOptions, refuse_demo_under_policy
from app.storage.locations import DataLocations


@dataclass(frozen=True, slots=True)
class ProcessProtection:
    """What `protect_process` put in place: the hardening report and the installed network guard."""

    hardening: HardeningReport
    guard: NetworkGuard


@dataclass(frozen=True, slots=True)
class HeadlessCredentials:
    """Who a headless command signs in as: WARDSCRIBE_USER and WARDSCRIBE_PASSWORD, if set."""

    user: str | None
    password: SecretStr | None


def headless_credentials() -> HeadlessCredentials:
    """The sign-in the environment offers a command run without a terminal to prompt on."""
    environment = Environment()
    return HeadlessCredentials(environment.user, environment.password)


def protect_process(options: StartOptions) -> ProcessProtection:
    """Harden the process and install the network guard the machine policy calls for."""
    environment = Environment()
    policy = load_policy(environment.policy_path())
    refuse_demo_under_policy(options, policy)
    locations = DataLocations.resolve(options.data_dir or environment.data_dir, options.demo)
    hardening = harden_process(locations.root)
    guard = installed_guard()
    if guard is None:
        guard = network_guard_for(policy)
        guard.install()
    return ProcessProtection(hardening, guard)


def network_guard_for(policy: MachinePolicy | None) -> NetworkGuard:
    """Only the identity provider's hosts, the log collector, the inference server and the
    policy's `[network]` list; with no policy (local accounts, demo) nothing at all."""
    if policy is None:
        return NetworkGuard(())
    collector = () if policy.log_forwarding is None else (policy.log_forwarding.host,)
    server = () if policy.inference_server is None else (policy.inference_server.host,)
    hosts, allow_loopback = policy_hosts(policy.identity, policy.network, (*collector, *server))
    return NetworkGuard(hosts, allow_loopback=allow_loopback)

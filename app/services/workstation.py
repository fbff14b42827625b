"""The composition root: opens everything one running WardScribe needs, in order.

The UI and the CLI both start here, so the checks that guard a start (policy valid, keyring
usable, an interrupted key rotation finished, databases encrypted and readable, demo refused
under a policy, log forwarding started where the policy asks for it) cannot differ between them.
"""

import contextlib
import getpass
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import WardScribeError
from app.domain.settings import LayeredSettings, combine
from app.identity.local import LocalAccountProvider
from app.keys.entries import KeyEntries, database_entry
from app.keys.keystore import KeyStore
from app.security.environment import Environment
from app.security.log_forwarding import LogForwarder, Rfc5424Formatter, SyslogTlsTransport
from app.security.network_guard import ConnectionAttempt, NetworkGuard, installed_guard
from app.security.policy import MachinePolicy, load_policy
from app.services import settings_file as user_settings_file
from app.services.accounts import LocalAccountAdmin
from app.services.audit_review import AuditReview
from app.services.audit_trail import AuditTrail
from app.services.auth import DEFAULT_REVALIDATE_INTERVAL, AuthService, EmergencyAccess
from app.services.demo import holds_demo_account, seed_demo
from app.services.drafting import DraftService
from app.services.engine_host import EngineHost
from app.services.export import ExportService
from app.services.identity_setup import build_providers
from app.services.layouts import UnitLayouts
from app.services.lifecycle import LifecycleParts, LifecycleService
from app.services.measured_speed import SPEED_FILE, SpeedRecord
from app.services.review import ReviewService
from app.services.settings import SettingsService
from app.services.settings_file import vouched_user_settings
from app.services.signer_credentials import SignerCredentials
from app.storage.accounts import AccountStore
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import Checkpointer, CheckpointKey, CheckpointLog
from app.storage.chain_anchor import ChainAnchor
from app.storage.database import EncryptedDatabase
from app.storage.draft_ledger import (
    DRAFT_DIGEST_PURPOSE,
    refuse_lost_drafts,
    refuse_missing_drafts_file,
    refuse_rolled_back_drafts,
)
from app.storage.drafts import DraftStore
from app.storage.evidence import EvidenceStore
from app.storage.forward_queue import QUEUE_FILE, ForwardQueue
from app.storage.locations import DataLocations
from app.storage.rekey import RecoveredRotation, recover_interrupted_rotation
from app.storage.retention import RetentionPolicy, RetentionStore
from app.storage.review import ReviewStore
from app.storage.signer_credentials import SignerCredentialsStore

USER_SETTINGS_FILE = user_settings_file.USER_SETTINGS_FILE
"""Where a data folder keeps its user settings (named here for the self-test, which seeds it)."""


class Closable(Protocol):
    """Anything the workstation closes when it closes, in reverse order of opening."""

    def close(self) -> None:
        """Release what it holds; called once, when the workstation closes."""


class DemoRefused(WardScribeError):
    """Demo mode, or a demo data folder, on a workstation that has a machine policy."""


@dataclass(frozen=True)
class StartOptions:
    """How a process asks to start: its data folder, demo mode, and local sign-in only."""

    data_dir: Path | None = None
    demo: bool = False
    local_accounts_only: bool = False
    """Sign in with local accounts even where the policy names a directory: the self-test's
    throw-away account must not reach Entra ID or a domain controller. Every other table of
    the policy still applies."""


def refuse_demo_under_policy(options: StartOptions, policy: MachinePolicy | None) -> None:
    """Demo data and accounts must never exist where IT installed a policy."""
    if options.demo and policy is not None:
        raise DemoRefused(
            "Demo mode is disabled on this workstation because a machine policy is installed "
            f"({Environment().policy_path()}). Sign in with your hospital account instead."
        )


def refuse_demo_folder_under_policy(
    locations: DataLocations, accounts: AccountStore, policy: MachinePolicy | None
) -> None:
    """A demo folder opened with --data-dir is still demo data: refused under a policy too."""
    if policy is not None and holds_demo_account(accounts):
        raise DemoRefused(
            f"{locations.root} is a demo data folder (it holds the demo account), and demo mode "
            "is disabled on this workstation because a machine policy is installed. Use your "
            "own data folder and sign in with your hospital account."
        )


def _emergency_access(
    policy: MachinePolicy | None, accounts: AccountStore
) -> EmergencyAccess | None:
    if policy is None or not policy.break_glass.enabled:
        return None
    return EmergencyAccess(
        LocalAccountProvider(accounts),
        policy.break_glass.max_minutes,
        frozenset(policy.break_glass.roles),
    )


def _os_user() -> str:
    return f"os:{getpass.getuser()}"


@dataclass(frozen=True)
class _RefusalsAudited:
    """Closing it stops sending the guard's refusals to a log that is closing."""

    guard: NetworkGuard

    def close(self) -> None:
        self.guard.report_refused_to(None)


def _audit_refused_connections(trail: AuditTrail) -> _RefusalsAudited | None:
    """Route the process's network guard refusals into this audit log until it closes.

    The entry point installs the guard (`app.services.startup`) and it outlives any one
    workstation; refusals while no log is open are held for the next one.
    """
    guard = installed_guard()
    if guard is None:
        return None
    user = _os_user()

    def record(attempt: ConnectionAttempt) -> None:
        endpoint = attempt.host or "(any address)"
        if attempt.port is not None:
            endpoint = f"{endpoint}:{attempt.port}"
        trail.record_unauthenticated(
            user,
            AuditAction.NETWORK_BLOCKED,
            Outcome.DENIED,
            attempt.event,
            object_type="network_endpoint",
            object_id=endpoint[:128],
        )

    guard.report_refused_to(record)
    return _RefusalsAudited(guard)


def _audit_recovered_rotation(trail: AuditTrail, recovered: RecoveredRotation) -> None:
    """Recovery ran before the log could open, so it is audited once the log is open."""
    for paths, reason in (
        (recovered.completed, "interrupted_rotation_completed"),
        (recovered.rolled_back, "interrupted_rotation_rolled_back"),
    ):
        for path in paths:
            trail.record_unauthenticated(
                _os_user(),
                AuditAction.KEY_ROTATE,
                Outcome.SUCCESS,
                reason,
                object_type="database",
                object_id=path.name,
            )


def _start_forwarding(
    policy: MachinePolicy | None,
    locations: DataLocations,
    keys: KeyStore,
    store: AuditStore,
    cleanup: contextlib.ExitStack,
) -> tuple[LogForwarder, EncryptedDatabase] | None:
    """Queue what the log holds but the collector was never sent, then follow every commit."""
    if policy is None or policy.log_forwarding is None:
        return None
    forwarding = policy.log_forwarding
    try:
        transport = SyslogTlsTransport.from_policy(forwarding)
    except (OSError, ValueError) as error:
        raise WardScribeError(
            "The machine policy's log_forwarding certificates cannot be loaded "
            f"({type(error).__name__}: {error}); fix the policy or the files it names."
        ) from None
    queue_path = locations.root / QUEUE_FILE
    queue_db = EncryptedDatabase(queue_path, keys.database_key(queue_path))
    cleanup.callback(queue_db.close)
    forwarder = LogForwarder(
        ForwardQueue(queue_db),
        transport,
        formatter=Rfc5424Formatter(forwarding.app_name),
        retry_seconds=forwarding.retry_seconds,
    )
    forwarder.catch_up(store)
    store.subscribe(forwarder.offer_events)
    forwarder.start()
    cleanup.callback(forwarder.close)
    return forwarder, queue_db


def _revalidate_interval(policy: MachinePolicy | None) -> timedelta:
    if policy is None or policy.identity is None:
        return DEFAULT_REVALIDATE_INTERVAL
    return timedelta(minutes=policy.identity.revalidate_minutes)


class Workstation:
    """One running WardScribe: the opened databases, the engine host and the services over
    them. The desk and the CLI hold one, use its services, and close it when they are done."""

    def __init__(
        self,
        *,
        locations: DataLocations,
        settings: LayeredSettings,
        policy: MachinePolicy | None,
        demo: bool,
        closing: tuple[Closable, ...],
        auth: AuthService,
        drafts: DraftService,
        audit: AuditReview,
        review: ReviewService,
        exports: ExportService,
        settings_service: SettingsService,
        lifecycle: LifecycleService,
        accounts: LocalAccountAdmin,
        credentials: SignerCredentials,
        engine_host: EngineHost,
    ) -> None:
        """Use `Workstation.open`, which opens and wires these parts; `close` closes `closing`."""
        self.locations = locations
        self.settings = settings
        self.policy = policy
        self.demo = demo
        self.auth = auth
        self.drafts = drafts
        self.audit = audit
        self.review = review
        self.exports = exports
        self.settings_service = settings_service
        self.lifecycle = lifecycle
        self.accounts = accounts
        self.credentials = credentials
        self.engine_host = engine_host
        self._closing = closing

    @classmethod
    def open(cls, options: StartOptions, keystore: KeyStore | None = None) -> "Workstation":
        """Read the policy, open the encrypted databases (keys from `keystore`), wire services."""
        environment = Environment()
        policy = load_policy(environment.policy_path())
        refuse_demo_under_policy(options, policy)
        locations = DataLocations.resolve(options.data_dir or environment.data_dir, options.demo)
        settings_file = locations.root / USER_SETTINGS_FILE
        keys = keystore or KeyStore()
        entries = KeyEntries()
        # A rotation killed half-way leaves a file under a key the live entry may not hold yet.
        recovered = recover_interrupted_rotation(locations.root, entries)
        refuse_missing_drafts_file(locations.drafts_db, locations.audit_db)
        with contextlib.ExitStack() as cleanup:
            drafts_db = EncryptedDatabase(
                locations.drafts_db, keys.database_key(locations.drafts_db)
            )
            cleanup.callback(drafts_db.close)
            audit_db = EncryptedDatabase(locations.audit_db, keys.database_key(locations.audit_db))
            cleanup.callback(audit_db.close)
            draft_store = DraftStore(drafts_db)
            accounts = AccountStore(drafts_db)
            audit_store = AuditStore(audit_db)
            cleanup.callback(audit_store.close)
            refuse_lost_drafts(drafts_db, audit_store)
            forwarding = _start_forwarding(policy, locations, keys, audit_store, cleanup)
            checkpoint_log = CheckpointLog.beside(locations.audit_db)
            checkpoint_key = CheckpointKey.load(entries, locations.audit_db, checkpoint_log)
            draft_key = checkpoint_key.derived_key(DRAFT_DIGEST_PURPOSE)
            refuse_rolled_back_drafts(draft_store, locations.drafts_db, audit_store, draft_key)
            checkpointer = Checkpointer(
                audit_store,
                checkpoint_key,
                checkpoint_log,
                forward=None if forwarding is None else forwarding[0].offer_checkpoint,
                anchor=ChainAnchor(entries, locations.audit_db),
            )
            trail = AuditTrail(audit_store, draft_key=draft_key)
            user_settings = vouched_user_settings(trail, settings_file)
            settings = combine(user_settings, {} if policy is None else policy.settings)
            if recovered is not None:
                _audit_recovered_rotation(trail, recovered)
            refusals = _audit_refused_connections(trail)
            refuse_demo_folder_under_policy(locations, accounts, policy)
            if options.demo:
                seed_demo(accounts, draft_store)
            identity = None if policy is None or options.local_accounts_only else policy.identity
            account_admin = LocalAccountAdmin(
                accounts,
                trail,
                bootstrap=identity is None,
                demo=options.demo,
                administrator=None if policy is None else policy.administrator,
            )
            account_admin.provision()
            signer_credentials = SignerCredentials(SignerCredentialsStore(drafts_db), trail)
            providers = build_providers(identity, accounts, locations.root)
            engine_host = EngineHost(
                settings.effective,
                locations.models_dir,
                server=None if policy is None else policy.inference_server,
            )
            cleanup.pop_all()
        return cls(
            locations=locations,
            settings=settings,
            policy=policy,
            demo=options.demo,
            closing=(
                *(() if refusals is None else (refusals,)),
                audit_store,
                checkpointer,
                *(() if forwarding is None else forwarding),
                drafts_db,
                audit_db,
            ),
            auth=AuthService(
                trail,
                providers.password,
                providers.interactive,
                _emergency_access(policy, accounts),
                revalidate_interval=_revalidate_interval(policy),
                name_key=entries.read_or_create(f"{database_entry(locations.audit_db)}#name-key"),
                signer_credentials=signer_credentials,
            ),
            drafts=DraftService(
                draft_store,
                trail,
                engine_host,
                UnitLayouts(None if policy is None else policy.draft_layouts),
                SpeedRecord(locations.root / SPEED_FILE),
            ),
            audit=AuditReview(trail, locations.audit_db, entries),
            review=ReviewService(
                draft_store, ReviewStore(drafts_db), trail, EvidenceStore(drafts_db)
            ),
            exports=ExportService(draft_store, trail, ReviewStore(drafts_db)),
            lifecycle=LifecycleService(
                trail,
                LifecycleParts(
                    locations=locations,
                    databases=(drafts_db, audit_db),
                    retention=RetentionStore(drafts_db),
                    policy=RetentionPolicy() if policy is None else policy.retention,
                    keys=keys,
                    entries=entries,
                    hospital_key_id=None
                    if policy is None or policy.backup is None
                    else policy.backup.key_id,
                ),
            ),
            settings_service=SettingsService(
                trail,
                settings,
                settings_file,
                {} if policy is None else policy.settings,
                user_settings,
            ),
            accounts=account_admin,
            credentials=signer_credentials,
            engine_host=engine_host,
        )

    def close(self) -> None:
        """Unload the model, drain the audit writer, sign the last checkpoint, hand what is left
        to the log forwarder, then checkpoint and close the databases."""
        self.engine_host.close()
        for resource in self._closing:
            resource.close()

"""The composition root: opens everything one running WardScribe needs, in order.

The UI and the CLI both start here, so the checks that guard a start (policy valid, keyring
usable, databases encrypted and readable, demo refused under a policy) cannot differ between them.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.domain.errors import WardScribeError
from app.domain.settings import LayeredSettings, combine
from app.identity.local import LocalAccountProvider
from app.security.checkpoints import Checkpointer, CheckpointKey, CheckpointLog
from app.security.environment import Environment
from app.security.key_entries import KeyEntries
from app.security.keystore import KeyStore
from app.security.policy import MachinePolicy, load_policy
from app.services.accounts import LocalAccountAdmin
from app.services.audit_review import AuditReview
from app.services.audit_trail import AuditTrail
from app.services.auth import AuthService, EmergencyAccess
from app.services.demo import seed_demo
from app.services.drafting import DraftService
from app.services.engine_host import EngineHost
from app.services.export import ExportService
from app.services.identity_setup import build_providers
from app.services.lifecycle import LifecycleParts, LifecycleService
from app.services.review import ReviewService
from app.services.settings import SettingsService
from app.storage.accounts import AccountStore
from app.storage.audit import AuditStore
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from app.storage.locations import DataLocations
from app.storage.retention import RetentionPolicy, RetentionStore
from app.storage.review import ReviewStore

USER_SETTINGS_FILE = "settings.json"
"""Per-user preferences beside the databases; holds no patient data, so it is plain JSON."""


class Closable(Protocol):
    def close(self) -> None: ...


class DemoRefused(WardScribeError):
    pass


@dataclass(frozen=True)
class StartOptions:
    data_dir: Path | None = None
    demo: bool = False


def _read_user_settings(path: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise WardScribeError(f"The settings file {path} cannot be read: {error}") from None
    if not isinstance(loaded, dict):
        raise WardScribeError(f"The settings file {path} must hold a JSON object.")
    return loaded


def _emergency_access(
    policy: MachinePolicy | None, accounts: AccountStore
) -> EmergencyAccess | None:
    if policy is None or not policy.break_glass.enabled:
        return None
    return EmergencyAccess(LocalAccountProvider(accounts), policy.break_glass.max_minutes)


class Workstation:
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
        engines: EngineHost,
    ) -> None:
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
        self.engines = engines
        self._closing = closing

    @classmethod
    def open(cls, options: StartOptions, keystore: KeyStore | None = None) -> "Workstation":
        environment = Environment()
        policy = load_policy(environment.policy_path())
        if options.demo and policy is not None:
            raise DemoRefused(
                "Demo mode is disabled on this workstation because a machine policy is installed "
                f"({environment.policy_path()}). Sign in with your hospital account instead."
            )
        locations = DataLocations.resolve(options.data_dir or environment.data_dir, options.demo)
        settings = combine(
            _read_user_settings(locations.root / USER_SETTINGS_FILE),
            {} if policy is None else policy.settings,
        )
        keys = keystore or KeyStore()
        drafts_db = EncryptedDatabase(locations.drafts_db, keys.database_key(locations.drafts_db))
        try:
            audit_db = EncryptedDatabase(locations.audit_db, keys.database_key(locations.audit_db))
        except BaseException:
            drafts_db.close()
            raise
        draft_store = DraftStore(drafts_db)
        accounts = AccountStore(drafts_db)
        audit_store = AuditStore(audit_db)
        entries = KeyEntries()
        checkpoint_log = CheckpointLog.beside(locations.audit_db)
        checkpointer = Checkpointer(
            audit_store,
            CheckpointKey.load(entries, locations.audit_db, checkpoint_log),
            checkpoint_log,
        )
        trail = AuditTrail(audit_store)
        if options.demo:
            seed_demo(accounts, draft_store)
        providers = build_providers(
            None if policy is None else policy.identity, accounts, locations.root
        )
        engines = EngineHost(settings.effective, locations.models_dir)
        return cls(
            locations=locations,
            settings=settings,
            policy=policy,
            demo=options.demo,
            closing=(audit_store, checkpointer, drafts_db, audit_db),
            auth=AuthService(
                trail,
                providers.password,
                providers.interactive,
                _emergency_access(policy, accounts),
            ),
            drafts=DraftService(draft_store, trail, engines),
            audit=AuditReview(trail, locations.audit_db, entries),
            review=ReviewService(draft_store, ReviewStore(drafts_db), trail),
            exports=ExportService(draft_store, trail),
            lifecycle=LifecycleService(
                trail,
                LifecycleParts(
                    locations=locations,
                    databases=(drafts_db, audit_db),
                    retention=RetentionStore(drafts_db),
                    policy=RetentionPolicy() if policy is None else policy.retention,
                    keys=keys,
                    entries=entries,
                ),
            ),
            settings_service=SettingsService(
                trail,
                settings,
                locations.root / USER_SETTINGS_FILE,
                {} if policy is None else policy.settings,
            ),
            accounts=LocalAccountAdmin(accounts, trail),
            engines=engines,
        )

    def close(self) -> None:
        """Unload the model, drain the audit writer, then checkpoint and close both databases."""
        self.engines.close()
        for resource in self._closing:
            resource.close()

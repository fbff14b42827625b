"""Child of the rekey kill test: rotate the keys of both databases until killed.

Keys come from the test's file keyring; 'ready' is printed once both databases are open, and
'rotated' after each completed rotation.
"""

import sys
from pathlib import Path

import keyring

from app.keys.entries import KeyEntries
from app.keys.keystore import KeyStore
from app.storage.database import EncryptedDatabase
from app.storage.rekey import recover_interrupted_rotation, rotate_keys
from tests.trust.insecure_file_keyring import InsecureFileKeyringForTests


def main(root: Path) -> None:
    keyring.set_keyring(InsecureFileKeyringForTests.from_environment())
    recover_interrupted_rotation(root, KeyEntries())
    keys = KeyStore()
    databases = [
        EncryptedDatabase(root / name, keys.database_key(root / name))
        for name in ("drafts.db", "audit.db")
    ]
    print("ready", flush=True)
    while True:
        rotate_keys(databases, KeyEntries())
        print("rotated", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))

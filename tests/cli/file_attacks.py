"""What an attacker does to a data folder's files with nothing but the user's own access: copy
them aside and back later, or change a database with its key, which any process running as the
user can read from the credential store."""

import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.cli.conftest import Runner


@contextmanager
def rolled_back(folder: Path, names: Iterable[str], aside: Path) -> Iterator[None]:
    """Copy the files `names` of `folder` into `aside`, and back over the newer ones when the
    block ends: a rollback that needs no key."""
    copied = list(names)
    aside.mkdir(exist_ok=True)
    for name in copied:
        shutil.copy2(folder / name, aside / name)
    yield
    for name in copied:
        shutil.copy2(aside / name, folder / name)


_CHANGE_WITH_THE_KEY = """
import sys
from pathlib import Path
from app.keys.keystore import KeyStore
from app.storage.database import EncryptedDatabase
path = Path(sys.argv[1])
db = EncryptedDatabase(path, KeyStore().database_key(path))
db.execute(sys.argv[2])
db.close()
"""


def change_with_the_key(wardscribe: Runner, database: Path, sql: str) -> None:
    """Run `sql` on the encrypted `database` with its key, in a child process."""
    changed = wardscribe.python("-c", _CHANGE_WITH_THE_KEY, str(database), sql)
    assert changed.returncode == 0, changed.stderr

"""A real Active Directory domain controller (Samba) on 127.0.0.1, for the directory tests.

Provisioning takes about ten seconds, so one domain serves the whole session. Accounts are
created through `sam.ldb` before the server starts, which needs no network and no Kerberos.
Samba binds the privileged ports 389 and 636, so these tests run as root (as CI does).
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .certificates import ServerCertificate, issue_server_certificate

REALM = "WARD.TEST"
NETBIOS_DOMAIN = "WARD"
DNS_DOMAIN = "ward.test"
BASE_DN = "DC=ward,DC=test"
DC_NAME = "dc1"
DC_HOST_NAME = f"{DC_NAME}.{DNS_DOMAIN}"
ADMIN_PASSWORD = "Adm1n!Passw0rd-Test"  # only ever used on this throwaway loopback domain
LDAP_PORT = 389
LDAPS_PORT = 636
_START_TIMEOUT_S = 60.0
_COMMAND_TIMEOUT_S = 120.0
_NT_EPOCH_OFFSET_S = 11_644_473_600
"""Seconds from 1601-01-01 (Windows FILETIME, AD's NT time) to 1970-01-01."""
_SET_PASSWORD_LAST_SET = """
import sys
import ldb
from samba.auth import system_session
from samba.dsdb import DSDB_CONTROL_BYPASS_PASSWORD_HASH_OID
from samba.param import LoadParm
from samba.samdb import SamDB

sam_ldb, config_file, name, nt_time = sys.argv[1:]
parameters = LoadParm()
parameters.load(config_file)
samdb = SamDB(url=sam_ldb, session_info=system_session(), lp=parameters)
found = samdb.search(samdb.domain_dn(), expression=f"(sAMAccountName={name})", attrs=[])
change = ldb.Message()
change.dn = found[0].dn
change["pwdLastSet"] = ldb.MessageElement(nt_time, ldb.FLAG_MOD_REPLACE, "pwdLastSet")
samdb.modify(change, controls=[f"local_oid:{DSDB_CONTROL_BYPASS_PASSWORD_HASH_OID}:0"])
"""


def samba_binaries() -> tuple[str, str] | None:
    """`(samba-tool, samba)` when both are installed; `samba` lives in /usr/sbin on Debian."""
    samba_tool = shutil.which("samba-tool")
    samba = shutil.which("samba") or shutil.which("samba", path="/usr/sbin:/sbin")
    if samba_tool is None or samba is None:
        return None
    return samba_tool, samba


def port_is_open(port: int, host: str = "127.0.0.1") -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
        return True
    return False


@dataclass(frozen=True)
class SambaDomain:
    directory: Path
    tls: ServerCertificate
    samba_tool: str

    @property
    def ldaps_uri(self) -> str:
        return f"ldaps://127.0.0.1:{LDAPS_PORT}"

    @property
    def ldap_uri(self) -> str:
        return f"ldap://127.0.0.1:{LDAP_PORT}"

    @property
    def config_file(self) -> Path:
        return self.directory / "etc" / "smb.conf"

    def tool(self, *arguments: str) -> str:
        """Run `samba-tool` against this domain's database and return its output."""
        completed = subprocess.run(
            [
                self.samba_tool,
                *arguments,
                "-H",
                str(self.directory / "private" / "sam.ldb"),
                "-s",
                str(self.config_file),
            ],
            capture_output=True,
            text=True,
            timeout=_COMMAND_TIMEOUT_S,
            check=False,
        )
        if completed.returncode != 0:
            raise RuntimeError(
                f"samba-tool {arguments[:2]} failed ({completed.returncode}): "
                f"{completed.stderr[-2000:]}"
            )
        return completed.stdout

    def add_user(self, name: str, password: str, display_name: str, job_title: str = "") -> None:
        given, _, surname = display_name.partition(" ")
        title = (f"--job-title={job_title}",) if job_title else ()
        self.tool(
            "user",
            "create",
            name,
            password,
            f"--given-name={given}",
            f"--surname={surname}",
            *title,
        )

    def add_group(self, name: str, members: tuple[str, ...] = ()) -> None:
        self.tool("group", "add", name)
        if members:
            self.tool("group", "addmembers", name, ",".join(members))

    def set_password_last_set(self, name: str, when: datetime) -> None:
        """Backdate when `name` last set a password; only while the server is stopped.

        AD takes only 0 and -1 for pwdLastSet over LDAP and samba-tool has no option for it,
        so this writes sam.ldb through Samba's own Python bindings (samba-tool's interpreter),
        past the password_hash module that guards the attribute.
        """
        interpreter = Path(self.samba_tool).read_text().splitlines()[0].removeprefix("#!")
        nt_time = (int(when.timestamp()) + _NT_EPOCH_OFFSET_S) * 10_000_000
        subprocess.run(
            [
                *interpreter.split(),
                "-c",
                _SET_PASSWORD_LAST_SET,
                str(self.directory / "private" / "sam.ldb"),
                str(self.config_file),
                name,
                str(nt_time),
            ],
            capture_output=True,
            text=True,
            timeout=_COMMAND_TIMEOUT_S,
            check=True,
        )

    def sid_of(self, name: str) -> str:
        output = self.tool("user", "show", name, "--attributes=objectSid")
        for line in output.splitlines():
            if line.startswith("objectSid:"):
                return line.split(":", 1)[1].strip()
        raise LookupError(f"no objectSid for {name}")


def provision(directory: Path, samba_tool: str) -> SambaDomain:
    """Create the domain's database and TLS material; the server is not started yet."""
    tls = issue_server_certificate(
        directory / "tls",
        ca_name="Ward Test Domain CA",
        dns_names=(DC_HOST_NAME,),
        ip_addresses=("127.0.0.1",),
    )
    options = {
        "interfaces": "127.0.0.1",
        "bind interfaces only": "yes",
        "server services": "ldap",
        "log file": str(directory / "log.%m"),
        "pid directory": str(directory / "run"),
        "tls enabled": "yes",
        "tls keyfile": str(tls.key_file),
        "tls certfile": str(tls.cert_file),
        "tls cafile": str(tls.ca_file),
    }
    (directory / "run").mkdir(parents=True, exist_ok=True)
    command = [
        samba_tool,
        "domain",
        "provision",
        f"--realm={REALM}",
        f"--domain={NETBIOS_DOMAIN}",
        "--server-role=dc",
        "--dns-backend=NONE",
        f"--host-name={DC_NAME}",
        f"--targetdir={directory}",
        f"--adminpass={ADMIN_PASSWORD}",
        *(f"--option={key}={value}" for key, value in options.items()),
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=_COMMAND_TIMEOUT_S, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"samba-tool domain provision failed: {completed.stderr[-3000:]}")
    return SambaDomain(directory=directory, tls=tls, samba_tool=samba_tool)


@contextlib.contextmanager
def running(domain: SambaDomain, samba: str) -> Iterator[SambaDomain]:
    """Run the domain controller in the foreground of its own process group until exit."""
    for port in (LDAP_PORT, LDAPS_PORT):
        if port_is_open(port):
            raise RuntimeError(
                f"127.0.0.1:{port} is already in use; another directory server (or a samba "
                "left over from an earlier run) must be stopped first"
            )
    log_path = domain.directory / "samba.stdout"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [samba, "-s", str(domain.config_file), "-i", "-M", "single"],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        _wait_until_listening(process, log_path)
        yield domain
    finally:
        _stop(process)


def _wait_until_listening(process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"samba exited early: {log_path.read_text(errors='replace')}")
        if port_is_open(LDAPS_PORT) and port_is_open(LDAP_PORT):
            return
        time.sleep(0.1)
    raise RuntimeError(f"samba did not listen within {_START_TIMEOUT_S} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    # Children that outlived the leader still carry its process-group id.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)

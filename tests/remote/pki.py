"""A throwaway PKI for the loopback inference server: a CA, its server and client certificates.

EC P-256 keys, so a test session makes a dozen certificates in milliseconds.
"""

import datetime
import hashlib
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class IssuedCertificate:
    cert_file: Path
    key_file: Path

    @property
    def sha256(self) -> str:
        """The SHA-256 of the certificate's DER encoding: what a policy pins."""
        certificate = x509.load_pem_x509_certificate(self.cert_file.read_bytes())
        return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


class Authority:
    """A CA that writes its certificate to `<directory>/<name>-ca.pem` and issues leaves."""

    def __init__(self, directory: Path, name: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._directory = directory
        self._name = name
        self._key = ec.generate_private_key(ec.SECP256R1())
        subject = _name(f"{name} test CA")
        self._certificate = (
            _builder(subject, subject, self._key.public_key())
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(cert_sign=True), critical=True)
            .sign(self._key, hashes.SHA256())
        )
        self.ca_file = directory / f"{name}-ca.pem"
        self.ca_file.write_bytes(self._certificate.public_bytes(serialization.Encoding.PEM))

    def server(
        self, label: str, *, dns_names: tuple[str, ...] = (), ips: tuple[str, ...] = ()
    ) -> IssuedCertificate:
        names: list[x509.GeneralName] = [x509.DNSName(name) for name in dns_names]
        names += [x509.IPAddress(ipaddress.ip_address(ip)) for ip in ips]
        return self._issue(
            label,
            ExtendedKeyUsageOID.SERVER_AUTH,
            x509.SubjectAlternativeName(names),
        )

    def client(self, label: str) -> IssuedCertificate:
        return self._issue(label, ExtendedKeyUsageOID.CLIENT_AUTH, None)

    def _issue(
        self,
        label: str,
        usage: x509.ObjectIdentifier,
        alt_names: x509.SubjectAlternativeName | None,
    ) -> IssuedCertificate:
        key = ec.generate_private_key(ec.SECP256R1())
        builder = (
            _builder(_name(label), self._certificate.subject, key.public_key())
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(cert_sign=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                critical=False,
            )
        )
        if alt_names is not None:
            builder = builder.add_extension(alt_names, critical=False)
        certificate = builder.sign(self._key, hashes.SHA256())
        issued = IssuedCertificate(
            self._directory / f"{self._name}-{label}.pem",
            self._directory / f"{self._name}-{label}.key",
        )
        issued.cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        issued.key_file.touch(mode=0o600)
        issued.key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return issued


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(
    subject: x509.Name, issuer: x509.Name, public_key: ec.EllipticCurvePublicKey
) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )

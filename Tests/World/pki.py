"""The world's test PKI: a CA made at startup and leaf certificates made lazily.

Keys come from the `openssl` CLI (three at most per world); certificates are
built here and RSA-signed through libcrypto via ctypes (fastsign.py, ~0.1 ms),
falling back to pure Python (~5 ms), so a 10,000-host benchmark does not fork
10,000 openssl processes.

Certificate kinds: valid, expired, self-signed, wrong-host (and the internal
kind `unknown` for names the scenario does not know).
"""

import base64
import datetime
import hashlib
import os
import re
import secrets
import subprocess

import der
import fastsign

OID_RSA_SHA256 = "1.2.840.113549.1.1.11"
OID_COMMON_NAME = "2.5.4.3"
OID_ORGANIZATION = "2.5.4.10"
OID_BASIC_CONSTRAINTS = "2.5.29.19"
OID_KEY_USAGE = "2.5.29.15"
OID_EXT_KEY_USAGE = "2.5.29.37"
OID_SUBJECT_ALT_NAME = "2.5.29.17"
OID_SUBJECT_KEY_ID = "2.5.29.14"
OID_AUTHORITY_KEY_ID = "2.5.29.35"
OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1"
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")

KINDS = ("valid", "expired", "self-signed", "wrong-host", "unknown")
WRONG_HOST_NAME = "other.invalid"
UNKNOWN_HOST_NAME = "unknown.invalid"


def _openssl(*arguments):
    subprocess.run(["openssl", *arguments], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)


def _pem(label, data):
    body = base64.encodebytes(data).decode().replace("\n", "")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


class KeyPair:
    """A key made by openssl: its PEM file, its SubjectPublicKeyInfo and, for RSA,
    the private numbers needed to sign."""

    def __init__(self, path, algorithm):
        self.path = path
        if algorithm == "rsa":
            _openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path)
        else:
            _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path)
        self.spki = subprocess.run(["openssl", "pkey", "-in", path, "-pubout", "-outform", "DER"],
                                   check=True, capture_output=True).stdout
        self.key_id = hashlib.sha1(self.spki).digest()
        self.algorithm = algorithm
        self.fast_sign = fastsign.load_signer(path) if os.environ.get("WORLD_PURE_PYTHON_SIGN") != "1" else None
        self._rsa = None

    @property
    def rsa(self):
        """The private numbers for pure-Python signing, read on first need."""
        if self._rsa is None and self.algorithm == "rsa":
            private_der = subprocess.run(["openssl", "pkey", "-in", self.path, "-outform", "DER"],
                                         check=True, capture_output=True).stdout
            self._rsa = _RSAPrivateKey(private_der)
        return self._rsa

    def sign(self, data):
        """RSASSA-PKCS1-v1_5 / SHA-256 through libcrypto when possible, else in Python."""
        if self.fast_sign is not None:
            return self.fast_sign(data)
        return self.rsa.sign_sha256(data)


class _RSAPrivateKey:
    """RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2) using CRT."""

    def __init__(self, pkcs8_der):
        _, content, _ = der.read_tlv(pkcs8_der)
        children = der.read_children(content)
        if children[1][0] == 0x30:  # PKCS#8: unwrap the OCTET STRING
            _, content, _ = der.read_tlv(children[2][1])
            children = der.read_children(content)
        numbers = [int.from_bytes(value, "big") for _, value in children[1:9]]
        self.n, self.e, self.d, self.p, self.q, self.dp, self.dq, self.qinv = numbers
        self.size = (self.n.bit_length() + 7) // 8

    def sign_sha256(self, data):
        digest_info = SHA256_DIGEST_INFO + hashlib.sha256(data).digest()
        padded = b"\x00\x01" + b"\xff" * (self.size - len(digest_info) - 3) + b"\x00" + digest_info
        m = int.from_bytes(padded, "big")
        s1 = pow(m, self.dp, self.p)
        s2 = pow(m, self.dq, self.q)
        h = (self.qinv * (s1 - s2)) % self.p
        return (s2 + h * self.q).to_bytes(self.size, "big")


def _name(common_name):
    attributes = [der.set_of(der.sequence(der.oid(OID_ORGANIZATION), der.utf8_string("mtasts test world")))]
    attributes.append(der.set_of(der.sequence(der.oid(OID_COMMON_NAME), der.utf8_string(common_name))))
    return der.sequence(*attributes)


def _extension(identifier, value, critical=False):
    parts = [der.oid(identifier)]
    if critical:
        parts.append(der.boolean(True))
    parts.append(der.octet_string(value))
    return der.sequence(*parts)


def build_certificate(subject_cn, dns_names, subject_key, issuer_cn, issuer_key,
                      not_before, not_after, is_ca):
    """A DER X.509 v3 certificate (RFC 5280 §4.1) signed with sha256WithRSAEncryption."""
    algorithm = der.sequence(der.oid(OID_RSA_SHA256), der.null())
    extensions = [
        _extension(OID_BASIC_CONSTRAINTS, der.sequence(der.boolean(True)) if is_ca else der.sequence(), True),
        _extension(OID_SUBJECT_KEY_ID, der.octet_string(subject_key.key_id)),
    ]
    if is_ca:
        extensions.append(_extension(OID_KEY_USAGE, der.bit_string(b"\x06", 1), True))
    else:
        extensions.append(_extension(OID_AUTHORITY_KEY_ID,
                                     der.sequence(der.implicit_primitive(0, issuer_key.key_id))))
        extensions.append(_extension(OID_EXT_KEY_USAGE, der.sequence(der.oid(OID_SERVER_AUTH))))
    if dns_names:
        general_names = [der.implicit_primitive(2, name.encode("ascii")) for name in dns_names]
        extensions.append(_extension(OID_SUBJECT_ALT_NAME, der.sequence(*general_names)))
    tbs = der.sequence(
        der.explicit(0, der.integer(2)),
        der.integer(secrets.randbits(63) + 1),
        algorithm,
        _name(issuer_cn),
        der.sequence(der.time(not_before), der.time(not_after)),
        _name(subject_cn),
        subject_key.spki,
        der.explicit(3, der.sequence(*extensions)),
    )
    return der.sequence(tbs, algorithm, der.bit_string(issuer_key.sign(tbs)))


class PKI:
    """The CA and a disk cache of leaf certificates under `<dir>/certs`."""

    def __init__(self, directory, now=None):
        self.directory = directory
        self.certs_dir = os.path.join(directory, "certs")
        os.makedirs(self.certs_dir, exist_ok=True)
        self.now = now or datetime.datetime.now(datetime.timezone.utc)
        self.ca_key = KeyPair(os.path.join(directory, "ca.key"), "rsa")
        self.leaf_key = KeyPair(os.path.join(directory, "leaf.key"), "ec")
        self._self_signed_key = None
        self.ca_file = os.path.join(directory, "ca.pem")
        ca = build_certificate("mtasts test world CA", [], self.ca_key, "mtasts test world CA", self.ca_key,
                               self.now - datetime.timedelta(days=1),
                               self.now + datetime.timedelta(days=3650), is_ca=True)
        with open(self.ca_file, "w") as handle:
            handle.write(_pem("CERTIFICATE", ca))

    @property
    def self_signed_key(self):
        if self._self_signed_key is None:
            self._self_signed_key = KeyPair(os.path.join(self.directory, "self-signed.key"), "rsa")
        return self._self_signed_key

    def leaf(self, host, kind):
        """(certificate file, key file) for `host` and certificate `kind`, made on first use."""
        if kind not in KINDS:
            raise ValueError(f"unknown certificate kind {kind!r}")
        if kind == "wrong-host":
            host = WRONG_HOST_NAME
        elif kind == "unknown":
            host = UNKNOWN_HOST_NAME
        safe = re.sub(r"[^a-z0-9._-]", "_", host.lower())[:200]
        path = os.path.join(self.certs_dir, f"{kind}--{safe}.pem")
        key = self.self_signed_key if kind == "self-signed" else self.leaf_key
        if not os.path.exists(path):
            self._write_leaf(path, host, kind, key)
        return path, key.path

    def _write_leaf(self, path, host, kind, key):
        day = datetime.timedelta(days=1)
        if kind == "expired":
            not_before, not_after = self.now - 60 * day, self.now - 30 * day
        else:
            not_before, not_after = self.now - day, self.now + 365 * day
        if kind == "self-signed":
            issuer_cn, issuer_key = host, key
        else:
            issuer_cn, issuer_key = "mtasts test world CA", self.ca_key
        certificate = build_certificate(host, [host], key, issuer_cn, issuer_key,
                                        not_before, not_after, is_ca=False)
        temporary = path + ".tmp"
        with open(temporary, "w") as handle:
            handle.write(_pem("CERTIFICATE", certificate))
        os.replace(temporary, path)

#!/usr/bin/env python3
"""Verifies a ClaimsLedger export (claims export) without ClaimsLedger: recomputes every event's SHA-256 over
the canonical form of docs/integrity.md, checks the chain, and prints the head, or the first broken line.

Usage: python3 tools/verify-export.py EXPORT.ndjson [--digest DIGEST]
Exit status: 0 the chain holds (and extends the digest, if given); 1 it is broken; 2 bad usage or input.
Standard library only, on purpose: an independent check of the library's own.

It checks each line's "ledger" object: the event as stored and its hashes. It does not check that the line's
readable fields say what the stored bytes (ledger.data, base64 JSON) say; claims import does. Read the event from
ledger.data, not from the readable fields, when you rely on this check alone.
"""
import base64
import binascii
import hashlib
import json
import re
import sys

GENESIS = "0" * 64
HASH = re.compile(r"^[0-9a-f]{64}$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
RECORDED_AT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$")
DIGEST = re.compile(r"^claims-ledger-digest/v1/([1-9][0-9]*)/([0-9a-fA-F]{64})/([0-9a-fA-F]{64})/(\S+)$")


class BadInput(Exception):
    """The file or the digest is not what this tool reads (exit 2), as opposed to a broken chain (exit 1)."""


def field_of(ledger, name, kind):
    """A field of the ledger object, strictly typed: no bools for numbers, no loose base64."""
    value = ledger.get(name)
    if kind == "int":
        if type(value) is not int or value < 0:
            raise BadInput(f"ledger.{name} must be a whole number, found {value!r}")
    elif kind == "text":
        if not isinstance(value, str) or not value:
            raise BadInput(f"ledger.{name} must be a non-empty string, found {value!r}")
    elif kind == "base64":
        value = "" if value is None and name == "metadata" else value
        if not isinstance(value, str):
            raise BadInput(f"ledger.{name} must be base64, found {value!r}")
        try:
            return base64.b64decode(value, validate=True)
        except binascii.Error as error:
            raise BadInput(f"ledger.{name} is not valid base64: {error}") from error
    else:
        if not isinstance(value, str) or not kind.match(value):
            raise BadInput(f"ledger.{name} is malformed: {value!r}")
    return value


def canonical(ledger, previous_hex):
    """The canonical byte form of one event (docs/integrity.md)."""
    def field(name, value):
        return name.encode() + b":" + str(len(value)).encode() + b":" + value + b"\n"

    return b"".join([
        b"claims-ledger-event-v1\n",
        b"sequence:%d\n" % field_of(ledger, "sequence", "int"),
        field("stream", field_of(ledger, "stream", "text").encode("utf-8")),
        b"version:%d\n" % field_of(ledger, "version", "int"),
        field("type", field_of(ledger, "type", "text").encode("utf-8")),
        b"id:" + field_of(ledger, "id", UUID).lower().encode() + b"\n",
        b"recorded:" + field_of(ledger, "recordedAt", RECORDED_AT).encode() + b"\n",
        field("data", field_of(ledger, "data", "base64")),
        field("metadata", field_of(ledger, "metadata", "base64")),
        b"previous:" + previous_hex.encode() + b"\n",
    ])


def merkle_root(leaves):
    """RFC 6962 tree head over leaf hashes."""
    if not leaves:
        return hashlib.sha256(b"").hexdigest()

    def mth(items):
        if len(items) == 1:
            return items[0]
        k = 1
        while k << 1 < len(items):
            k <<= 1
        return hashlib.sha256(b"\x01" + mth(items[:k]) + mth(items[k:])).digest()

    return mth(leaves).hex()


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--digest"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return verify(argv[1], parse_digest(argv[3]) if len(argv) == 4 else None)
    except BadInput as error:
        print(f"bad input: {error}")
        return 2
    except OSError as error:
        print(f"cannot read {argv[1]}: {error}")
        return 2


def parse_digest(text):
    match = DIGEST.match(text.strip())
    if not match or not RECORDED_AT.match(match.group(4)):
        raise BadInput(f"{text!r} is not a digest: claims-ledger-digest/v1/SIZE/HASH/ROOT/RECORDEDAT")
    return int(match.group(1)), match.group(2).lower(), match.group(3).lower(), match.group(4)


def verify(path, digest):
    previous = GENESIS
    leaves = []
    sequence = 0
    with open(path, encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except ValueError as error:
                raise BadInput(f"line {number}: not JSON: {error}") from error
            if not isinstance(line, dict) or not isinstance(line.get("ledger"), dict):
                raise BadInput(f"line {number}: not an export line (no ledger object)")
            ledger = line["ledger"]
            sequence += 1
            try:
                if field_of(ledger, "sequence", "int") != sequence:
                    print(f"line {number}: broken at sequence {sequence}: the line says sequence {ledger['sequence']} "
                          "(an event is missing or out of order)")
                    return 1
                if field_of(ledger, "previous", HASH) != previous:
                    print(f"line {number}: broken at sequence {sequence}: its previous hash does not match the hash of "
                          "the event before it (an event was removed, inserted or reordered)")
                    return 1
                computed = hashlib.sha256(canonical(ledger, previous)).hexdigest()
                if computed != field_of(ledger, "hash", HASH):
                    print(f"line {number}: broken at sequence {sequence}: its content does not match its hash "
                          f"(computed {computed}, recorded {ledger.get('hash')})")
                    return 1
            except BadInput as error:
                raise BadInput(f"line {number}: {error}") from error
            previous = computed
            leaves.append(hashlib.sha256(b"\x00" + bytes.fromhex(computed)).digest())
            if digest and digest[0] == sequence:
                root = merkle_root(leaves)
                if digest[1] != computed or digest[2] != root or digest[3] != ledger["recordedAt"]:
                    print(f"line {number}: the ledger does not extend the digest: at size {sequence} its hash is "
                          f"{computed}, its root {root} and its recordedAt {ledger['recordedAt']}")
                    return 1
    if digest and digest[0] > sequence:
        print(f"the export holds {sequence} events, fewer than the digest's {digest[0]}")
        return 1
    print(f"OK: {sequence} events, head hash {previous}, tree root {merkle_root(leaves)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

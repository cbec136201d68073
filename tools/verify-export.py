#!/usr/bin/env python3
"""Verifies a ClaimsLedger export (claims export) without ClaimsLedger: recomputes every event's SHA-256 over
the canonical form of docs/integrity.md, checks the chain, and prints the head, or the first broken line.

Usage: python3 tools/verify-export.py EXPORT.ndjson [--digest DIGEST]
Exit status: 0 the chain holds (and extends the digest, if given); 1 it is broken; 2 bad usage or input.
Standard library only, on purpose: an independent check of the library's own.
"""
import base64
import hashlib
import json
import sys

GENESIS = "0" * 64


def canonical(ledger, previous_hex):
    """The canonical byte form of one event (docs/integrity.md)."""
    def field(name, value):
        return name.encode() + b":" + str(len(value)).encode() + b":" + value + b"\n"

    return b"".join([
        b"claims-ledger-event-v1\n",
        b"sequence:%d\n" % ledger["sequence"],
        field("stream", ledger["stream"].encode("utf-8")),
        b"version:%d\n" % ledger["version"],
        field("type", ledger["type"].encode("utf-8")),
        b"id:" + ledger["id"].lower().encode() + b"\n",
        b"recorded:" + ledger["recordedAt"].encode() + b"\n",
        field("data", base64.b64decode(ledger["data"])),
        field("metadata", base64.b64decode(ledger.get("metadata", ""))),
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
    digest = argv[3].split("/") if len(argv) == 4 else None
    previous = GENESIS
    leaves = []
    sequence = 0
    with open(argv[1], encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                ledger = json.loads(text)["ledger"]
            except (ValueError, KeyError) as error:
                print(f"line {number}: not an export line: {error}")
                return 2
            sequence += 1
            if ledger["sequence"] != sequence:
                print(f"line {number}: broken at sequence {sequence}: the line says sequence {ledger['sequence']} "
                      "(an event is missing or out of order)")
                return 1
            if ledger.get("previous") != previous:
                print(f"line {number}: broken at sequence {sequence}: its previous hash does not match the hash of "
                      "the event before it (an event was removed, inserted or reordered)")
                return 1
            computed = hashlib.sha256(canonical(ledger, previous)).hexdigest()
            if computed != ledger.get("hash"):
                print(f"line {number}: broken at sequence {sequence}: its content does not match its hash "
                      f"(computed {computed}, recorded {ledger.get('hash')})")
                return 1
            previous = computed
            leaves.append(hashlib.sha256(b"\x00" + bytes.fromhex(computed)).digest())
            if digest and int(digest[2]) == sequence:
                if digest[3] != computed or digest[4] != merkle_root(leaves):
                    print(f"line {number}: the ledger does not extend the digest: at size {sequence} its hash is "
                          f"{computed} and its root {merkle_root(leaves)}")
                    return 1
    if digest and int(digest[2]) > sequence:
        print(f"the export holds {sequence} events, fewer than the digest's {digest[2]}")
        return 1
    print(f"OK: {sequence} events, head hash {previous}, tree root {merkle_root(leaves)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

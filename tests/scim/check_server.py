"""Runs the PyPI package scim2-tester (an RFC 7643/7644 compliance checker) against a running
Campus IA: `check_server.py BASE_URL TOKEN`. Prints one line per check and exits 1 when any
check is an error. Called by tests/integration/scim.rs (through `make test`)."""

import sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server


def main() -> int:
    base_url, token = sys.argv[1], sys.argv[2]
    http = Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=20)
    client = SyncSCIMClient(http)
    results = check_server(client, raise_exceptions=False)
    errors = 0
    for result in results:
        print(f"{result.status.name:8} {result.resource_type or '-':6} {result.title}: {result.reason or ''}")
        if result.status == Status.ERROR:
            errors += 1
    successes = sum(1 for r in results if r.status == Status.SUCCESS)
    print(f"scim2-tester: {successes} succeeded, {errors} failed, {len(results)} checks")
    return 1 if errors or not successes else 0


if __name__ == "__main__":
    sys.exit(main())

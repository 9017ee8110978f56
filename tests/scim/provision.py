"""What a directory does through SCIM, with the PyPI package scim2-client: provision an agent
in a unit, rename them, move them to another unit, then deactivate them.
`provision.py BASE_URL TOKEN` prints one JSON line per step (read by tests/integration/scim.rs)."""

import json
import sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_models import Email, Group, GroupMember, Name, PatchOp, PatchOperation, SearchRequest, User


def step(name, **values):
    print(json.dumps({"step": name, **values}, ensure_ascii=False), flush=True)


def main() -> int:
    base_url, token = sys.argv[1], sys.argv[2]
    http = Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=20)
    client = SyncSCIMClient(http)
    client.discover()

    etat_civil = client.create(Group(display_name="État civil", external_id="EC"))
    urbanisme = client.create(Group(display_name="Urbanisme", external_id="URBA"))
    step("groups", etat_civil=etat_civil.id, urbanisme=urbanisme.id)

    agent = client.create(
        User(
            user_name="camille.durand@mairie-exemple.fr",
            external_id="RH-0042",
            name=Name(given_name="Camille", family_name="Durand"),
            emails=[Email(value="camille.durand@mairie-exemple.fr")],
            active=True,
        )
    )
    client.modify(Group, etat_civil.id, PatchOp[Group](operations=[PatchOperation(op=PatchOperation.Op.add, path="members", value=[GroupMember(value=agent.id)])]))
    step("created", id=agent.id)

    found = client.query(User, query_parameters=SearchRequest(filter='userName eq "Camille.Durand@mairie-exemple.fr"'))
    step("found", total=found.total_results, id=found.resources[0].id if found.resources else None)

    renamed = client.modify(User, agent.id, PatchOp[User](operations=[PatchOperation(op=PatchOperation.Op.replace_, path="name.familyName", value="Martin")]))
    step("renamed", family_name=renamed.name.family_name)

    client.modify(Group, urbanisme.id, PatchOp[Group](operations=[PatchOperation(op=PatchOperation.Op.add, path="members", value=[GroupMember(value=agent.id)])]))
    moved = client.query(User, agent.id)
    step("moved", group=moved.groups[0].value if moved.groups else None)

    deactivated = client.modify(User, agent.id, PatchOp[User](operations=[PatchOperation(op=PatchOperation.Op.replace_, path="active", value=False)]))
    step("deactivated", active=deactivated.active)
    return 0


if __name__ == "__main__":
    sys.exit(main())

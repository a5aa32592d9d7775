"""Files people upload (a census to import), handed from the portal to the service that reads
them through the JetStream object store: a request-reply message is too small for a file, and
the store keeps it while the job that reads it may restart."""

from __future__ import annotations

from nats.js import JetStreamContext
from nats.js.api import ObjectStoreConfig, StorageType
from nats.js.errors import BucketNotFoundError, ObjectNotFoundError
from nats.js.object_store import ObjectStore

BUCKET = "districte-fitxers"
# Long enough for any import to finish, or to be resumed after an outage.
KEEP_S = 7 * 24 * 3600.0
MAX_BYTES = 50 * 1024 * 1024  # per file


class UploadMissing(Exception):
    """The file is no longer in the store (its week passed, or it was never there)."""


async def upload_store(js: JetStreamContext, replicas: int = 1) -> ObjectStore:
    try:
        return await js.object_store(BUCKET)
    except BucketNotFoundError:
        return await js.create_object_store(BUCKET, config=ObjectStoreConfig(
            bucket=BUCKET, description="Fitxers pujats al portal (importacions)", ttl=KEEP_S,
            storage=StorageType.FILE, replicas=replicas))


async def put_upload(js: JetStreamContext, name: str, data: bytes) -> None:
    await (await upload_store(js)).put(name, data)


async def get_upload(js: JetStreamContext, name: str) -> bytes:
    try:
        result = await (await upload_store(js)).get(name)
    except ObjectNotFoundError as exc:
        raise UploadMissing(name) from exc
    return result.data or b""


async def delete_upload(js: JetStreamContext, name: str) -> None:
    try:
        await (await upload_store(js)).delete(name)
    except ObjectNotFoundError:
        pass

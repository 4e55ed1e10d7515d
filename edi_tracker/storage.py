"""The file store every kept file goes through (settings.STORAGES["default"], see settings.file_storage).

`storage_prepare` makes sure an object store's container or bucket exists and is private: run it once
per deployment, with the migrations. `storage_public_access` says whether anyone could read the files
without the product (for the check and the tests). The cloud SDKs are imported here, inside the
functions, never at start."""

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage, storages


def _backend():
    return storages["default"]


def storage_public_access() -> str | None:
    """What anyone on the internet may read without signing in ("container", "blob", "bucket ACL"),
    or None when the store is private. The local disk is never served, so it is private."""
    backend = _backend()
    kind = type(backend).__name__
    if kind == "AzureStorage":
        properties = backend.client.get_container_properties()
        return properties.public_access or None
    if kind == "S3Storage":
        acl = backend.connection.meta.client.get_bucket_acl(Bucket=backend.bucket_name)
        for grant in acl.get("Grants", []):
            if grant.get("Grantee", {}).get("URI", "").endswith(("/AllUsers", "/AuthenticatedUsers")):
                return "bucket ACL"
        return None
    return None


def storage_prepare() -> str:
    """Create the object store's container (Azure) or bucket (S3) if it is missing, private; refuse one
    that is readable by the public. Returns a sentence saying what was done."""
    backend = _backend()
    kind = type(backend).__name__
    if kind == "AzureStorage":
        from azure.core.exceptions import ResourceExistsError

        try:
            backend.client.create_container()  # no public_access: private
            done = f"Created the private container {backend.azure_container}."
        except ResourceExistsError:
            done = f"The container {backend.azure_container} is there."
    elif kind == "S3Storage":
        from botocore.exceptions import ClientError

        client = backend.connection.meta.client
        try:
            client.head_bucket(Bucket=backend.bucket_name)
            done = f"The bucket {backend.bucket_name} is there."
        except ClientError:
            # Private unless a policy says otherwise. Outside us-east-1 S3 wants the bucket's region named.
            region = client.meta.region_name
            where = {"CreateBucketConfiguration": {"LocationConstraint": region}} if region not in (None, "us-east-1") else {}
            client.create_bucket(Bucket=backend.bucket_name, **where)
            done = f"Created the private bucket {backend.bucket_name}."
    else:
        return f"Files are kept on the local disk in {default_storage.location}."
    public = storage_public_access()
    if public:
        raise ImproperlyConfigured(
            f"The object store is readable by the public ({public} access): turn public access off. Evidence files, "
            "workforce uploads and reports must be reachable only through EDI Tracker."
        )
    return done

"""The Azure backend against Azurite (make test starts it: scripts/services.sh), one fresh private
container per test, configured exactly as production is: from the environment through
settings.file_storage()."""

import os
import uuid

import pytest

from edi_tracker import settings as edi_settings

# The report tests below use the reports app's plan with a known history and its real Celery worker.
from tests.reports.conftest import history_plan, media_root, start_worker  # noqa: F401


def azurite_connection_string() -> str:
    value = os.environ.get("EDI_TEST_AZURITE_CONNECTION_STRING", "")
    assert value, "the storage tests need Azurite: run them with `make test` (scripts/services.sh starts it)"
    return value


@pytest.fixture
def azure_env():
    """The environment variables of a deployment on Azure Blob Storage, with a new container's name."""
    return {"STORAGE_BACKEND": "azure", "AZURE_CONNECTION_STRING": azurite_connection_string(),
            "AZURE_CONTAINER": f"edi-test-{uuid.uuid4().hex[:16]}"}


class Container:
    def __init__(self, storage):
        self.storage = storage
        self.client = storage.client  # azure.storage.blob.ContainerClient

    def names(self) -> list[str]:
        return sorted(blob.name for blob in self.client.list_blobs())

    def anonymous_status(self, name: str) -> int:
        """The HTTP status a stranger without the key gets for the blob's address."""
        import urllib.error
        import urllib.request

        url = self.client.get_blob_client(name).url
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


@pytest.fixture
def azure(settings, monkeypatch, azure_env):
    """The default storage is Azure Blob Storage (Azurite), in a container of this test's own."""
    from django.core.files.storage import storages

    from edi_tracker.storage import storage_prepare

    for name, value in azure_env.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": edi_settings.file_storage()}
    assert "Created the private container" in storage_prepare()
    container = Container(storages["default"])
    yield container
    container.client.delete_container()

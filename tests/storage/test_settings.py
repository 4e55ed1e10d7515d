"""STORAGE_BACKEND and its variables are parsed strictly: a wrong or missing value stops the app at
start naming the variable; the cloud SDKs are not imported at start."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from edi_tracker import settings as edi_settings
from tests.core.test_settings_and_deploy import PRODUCTION_ENV, ROOT, run_manage

STORAGE_VARIABLES = ("STORAGE_BACKEND", "AZURE_CONNECTION_STRING", "AZURE_ACCOUNT_NAME", "AZURE_ACCOUNT_KEY",
                     "AZURE_CONTAINER", "S3_BUCKET", "S3_ENDPOINT_URL", "S3_REGION", "S3_ACCESS_KEY_ID",
                     "S3_SECRET_ACCESS_KEY", "S3_ADDRESSING_STYLE")


@pytest.fixture
def env(monkeypatch):
    for name in STORAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def set_env(**values):
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        return edi_settings.file_storage()

    return set_env


def test_the_local_disk_is_the_default(env):
    assert env() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert env(STORAGE_BACKEND="local")["BACKEND"].endswith("FileSystemStorage")


def test_azure_with_a_connection_string_or_an_account_name_and_key(env):
    storage = env(STORAGE_BACKEND="Azure", AZURE_CONTAINER="edi-files",
                  AZURE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=council;AccountKey=a2V5;")
    assert storage["BACKEND"] == "storages.backends.azure_storage.AzureStorage"
    assert storage["OPTIONS"]["azure_container"] == "edi-files" and "account_key" not in storage["OPTIONS"]
    assert storage["OPTIONS"]["overwrite_files"] is False
    by_key = env(AZURE_CONNECTION_STRING="", AZURE_ACCOUNT_NAME="council", AZURE_ACCOUNT_KEY="a2V5")
    assert by_key["OPTIONS"]["account_name"] == "council" and by_key["OPTIONS"]["account_key"] == "a2V5"


@pytest.mark.parametrize("values,message", [
    ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND must be one of local, azure, s3, not 'ftp'."),
    ({"STORAGE_BACKEND": "azure", "AZURE_CONNECTION_STRING": "AccountName=x;"}, "AZURE_CONTAINER is not set."),
    ({"STORAGE_BACKEND": "azure", "AZURE_CONTAINER": "c"}, "AZURE_ACCOUNT_NAME is not set."),
    ({"STORAGE_BACKEND": "azure", "AZURE_CONTAINER": "c", "AZURE_ACCOUNT_NAME": "council"},
     "AZURE_ACCOUNT_KEY is not set."),
    ({"STORAGE_BACKEND": "azure", "AZURE_CONTAINER": "c", "AZURE_CONNECTION_STRING": "nonsense"},
     "AZURE_CONNECTION_STRING is not a storage connection string"),
    ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET is not set."),
    ({"STORAGE_BACKEND": "s3", "S3_BUCKET": "b", "S3_ENDPOINT_URL": "minio:9000"},
     "S3_ENDPOINT_URL must be an http:// or https:// address, not 'minio:9000'."),
    ({"STORAGE_BACKEND": "s3", "S3_BUCKET": "b", "S3_ACCESS_KEY_ID": "AKIA"}, "S3_SECRET_ACCESS_KEY is not set."),
    ({"STORAGE_BACKEND": "s3", "S3_BUCKET": "b", "S3_ADDRESSING_STYLE": "sideways"},
     "S3_ADDRESSING_STYLE must be one of auto, path, virtual"),
])
def test_a_wrong_or_missing_value_is_refused_naming_the_variable(env, values, message):
    with pytest.raises(ImproperlyConfigured) as error:
        env(**values)
    assert message in str(error.value)


def test_s3_compatible_store(env):
    storage = env(STORAGE_BACKEND="s3", S3_BUCKET="edi-files", S3_ENDPOINT_URL="https://s3.example.net/",
                  S3_ACCESS_KEY_ID="AKIA", S3_SECRET_ACCESS_KEY="secret", S3_ADDRESSING_STYLE="path")
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "edi-files" and options["endpoint_url"] == "https://s3.example.net"
    assert options["default_acl"] is None and options["querystring_auth"] is True
    assert options["access_key"] == "AKIA" and options["addressing_style"] == "path"
    assert "access_key" not in env(S3_ACCESS_KEY_ID="", S3_SECRET_ACCESS_KEY="")["OPTIONS"]  # the machine's role


def test_the_app_stops_at_start_naming_the_missing_variable():
    result = run_manage("check", env={**PRODUCTION_ENV, "STORAGE_BACKEND": "azure", "AZURE_ACCOUNT_NAME": "council",
                                      "AZURE_ACCOUNT_KEY": "a2V5"})
    assert result.returncode != 0
    assert "AZURE_CONTAINER is not set" in result.stderr


def test_an_object_store_imports_no_cloud_sdk_at_start():
    """Start-up is budgeted: the URL configuration and settings import neither the Azure SDK nor boto3."""
    code = ("import django, sys; django.setup(); from django.urls import get_resolver; get_resolver().url_patterns; "
            "from django.core.files.storage import default_storage; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('azure', 'boto3', 'botocore', 'storages')))")
    for backend in ({"STORAGE_BACKEND": "azure", "AZURE_CONTAINER": "c",
                     "AZURE_CONNECTION_STRING": "AccountName=council;AccountKey=a2V5;"},
                    {"STORAGE_BACKEND": "s3", "S3_BUCKET": "b"}):
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                env={**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "edi_tracker.settings", **backend})
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "[]", result.stdout


def test_the_options_are_ones_the_backends_know(env):
    """django-storages refuses an option it does not know: build each backend from what the settings give."""
    from django.utils.module_loading import import_string

    for values in ({"STORAGE_BACKEND": "azure", "AZURE_CONTAINER": "c", "AZURE_ACCOUNT_NAME": "council",
                    "AZURE_ACCOUNT_KEY": "a2V5"},
                   {"STORAGE_BACKEND": "s3", "S3_BUCKET": "b", "S3_ENDPOINT_URL": "http://127.0.0.1:9",
                    "S3_ACCESS_KEY_ID": "AKIA", "S3_SECRET_ACCESS_KEY": "secret", "S3_REGION": "eu-west-2"}):
        storage = env(**values)
        backend = import_string(storage["BACKEND"])(**storage["OPTIONS"])
        assert getattr(backend, "azure_container", None) == "c" or backend.bucket_name == "b"

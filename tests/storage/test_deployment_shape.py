"""docker-compose.yml is the production shape on more than one machine: two web replicas and two
workers that share PostgreSQL, Redis and the object store; one beat; migrations run once."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def services() -> dict[str, str]:
    """Each top-level service of docker-compose.yml and its block of text."""
    text = (ROOT / "docker-compose.yml").read_text()
    block = text.split("\nservices:\n", 1)[1].split("\nconfigs:\n", 1)[0]
    parts = re.split(r"^  ([a-z]+):\n", block, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_two_web_replicas_and_two_workers_share_the_object_store_and_one_beat_runs():
    found = services()
    assert {"db", "redis", "azurite", "setup", "web", "worker", "beat", "proxy"} <= set(found)
    assert "replicas: 2" in found["web"] and "replicas: 2" in found["worker"]
    assert "replicas:" not in found["beat"] and "replicas:" not in found["setup"]
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "STORAGE_BACKEND: ${STORAGE_BACKEND:-azure}" in compose and "MEDIA_ROOT" not in compose
    assert "volumes:\n      - media" not in compose  # no replica keeps files on its own disk


def test_migrations_run_once_before_web_and_workers_start():
    found = services()
    assert "manage.py migrate" in found["setup"] and "storage_prepare" in found["setup"]
    assert 'restart: "no"' in found["setup"]
    for name in ("web", "worker", "beat"):
        assert "migrate" not in found[name]
        assert "setup:\n        condition: service_completed_successfully" in found[name], name


def test_the_readme_says_how_to_run_it_on_a_container_platform():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running on Azure (or any container platform)", 1)[1]
    for needed in ("**Secrets**", "Health checks", "Migrations run once", "**exactly one**", "AZURE_CONNECTION_STRING",
                   "storage_prepare"):
        assert needed in section, needed

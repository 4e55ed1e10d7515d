"""Configuration comes only from the environment, with strict parsers and loud failures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from edi_tracker import settings as edi_settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "PATH": os.environ["PATH"],
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789abcdef",
    "PSEUDONYM_KEY": "another-long-random-key",
    "ALLOWED_HOSTS": "edi.example.gov.uk",
    "DATABASE_URL": "sqlite:////tmp/edi-deploy-check.sqlite3",
}


def run_manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_missing_secret_key_fails_loudly_in_production():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_wrong_value_fails_at_start_with_the_variables_name():
    result = run_manage("check", env={**PRODUCTION_ENV, "DEBUG": "perhaps"})
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'perhaps'" in result.stderr


@pytest.mark.parametrize("raw,expected", [("1", True), ("TRUE", True), ("off", False), ("", False)])
def test_env_bool(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert edi_settings.env_bool("SOME_FLAG", False) is expected


def test_env_int_refuses_words_and_small_numbers(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be a whole number"):
        edi_settings.env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        edi_settings.env_int("SOME_NUMBER", 1, minimum=1)


def test_without_redis_tasks_run_in_process():
    env = {**PRODUCTION_ENV}
    code = "import django;django.setup();from django.conf import settings;print(settings.CELERY_TASK_ALWAYS_EAGER)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**env, "DJANGO_SETTINGS_MODULE": "edi_tracker.settings"})
    assert out.stdout.strip() == "True", out.stderr
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**env, "REDIS_URL": "redis://127.0.0.1:6379/0", "DJANGO_SETTINGS_MODULE": "edi_tracker.settings"})
    assert out.stdout.strip() == "False", out.stderr


def test_security_headers_and_csp(client, db):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp

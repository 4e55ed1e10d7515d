# EDI Tracker: one image for web (gunicorn), worker (celery) and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
# Bytecode compiled once at build: with PYTHONDONTWRITEBYTECODE every gunicorn and Celery worker would
# otherwise compile Django and the libraries again at start-up (seconds, not milliseconds).
RUN uv sync --frozen --no-dev --no-install-project --compile-bytecode
COPY . .
RUN python -m compileall -q edi_tracker plans workforce metrics reports networks sso api
# collectstatic needs settings that import: these placeholders are replaced by the real environment at run time.
RUN SECRET_KEY=build PSEUDONYM_KEY=build python manage.py collectstatic --no-input -v0
RUN useradd --system --uid 1000 edi && mkdir -p /app/var && chown edi /app/var
# matplotlib's font list built once here, where every process reads it: the edi user has no home, and
# without a cache directory matplotlib would build it again in every process that draws a chart.
ENV MPLCONFIGDIR=/opt/matplotlib
RUN mkdir -p /opt/matplotlib && python -c "import matplotlib.font_manager" && chmod -R a+rX /opt/matplotlib
USER edi
EXPOSE 8000
CMD ["gunicorn", "edi_tracker.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

# syntax=docker/dockerfile:1

# Both stages must use the same interpreter: the venv's bin/python is a
# symlink to /usr/local/bin/python of the image it was created in.
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src

# Dependencies first so the layer is reused while only the source changes. The lock also pins
# the dev tools (pytest, playwright, ruff...): used as constraints it only fixes the versions of
# what pyproject.toml requires, so none of those reach the image. With no sources yet the
# package itself is empty; it is replaced below.
COPY requirements.lock pyproject.toml ./
RUN pip install --constraint requirements.lock . \
 && pip uninstall --yes districte

COPY shared/ shared/
COPY services/ services/
COPY districte/ districte/
# Also installs the `districte` console script (nats-config, provision) into /opt/venv/bin.
RUN pip install --no-deps .


FROM ${PYTHON_IMAGE}

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DISTRICTE_LOG_FORMAT=json \
    DISTRICTE_HTTP_HOST=0.0.0.0 \
    DISTRICTE_DATA_DIR=/var/lib/districte

# The data directory is the only place the app user may write. It exists in the image so that
# a named volume mounted there starts out owned by that user (docker-compose.yml relies on it);
# on Kubernetes the root filesystem is read-only and the secrets come from Secrets instead.
RUN groupadd --system --gid 10001 districte \
 && useradd --system --uid 10001 --gid districte \
        --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin districte \
 && install --directory --owner 10001 --group 10001 --mode 0755 /var/lib/districte

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# Sources stay root-owned (read-only for the app user). `python -m services.X`
# imports from the working directory, and alembic.ini / templates resolve here.
COPY shared/ shared/
COPY services/ services/
COPY districte/ districte/
# Pre-compile so nothing needs writing at runtime (read-only root filesystem).
RUN python -m compileall -q shared services districte

# Numeric so Kubernetes can verify runAsNonRoot without resolving the name.
USER 10001:10001

EXPOSE 8000 8080

CMD ["python", "-m", "services.portal"]

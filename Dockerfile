# syntax=docker/dockerfile:1

# Both stages must use the same interpreter: the venv's bin/python is a
# symlink to /usr/local/bin/python of the image it was created in.
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src

# Dependencies first so the layer is reused while only the source changes.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

# Copy only what the package needs (there is no .dockerignore to rely on).
COPY pyproject.toml ./
COPY shared/ shared/
COPY services/ services/
COPY districte/ districte/
RUN pip install --no-cache-dir --no-deps .


FROM ${PYTHON_IMAGE}

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DISTRICTE_LOG_FORMAT=json \
    DISTRICTE_HTTP_HOST=0.0.0.0

RUN groupadd --system --gid 10001 districte \
 && useradd --system --uid 10001 --gid districte \
        --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin districte

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

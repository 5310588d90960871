# heavylegs: the service and its trained model in one image (docs/deploy.md).
#
#   docker build -t heavylegs .
#   docker run -p 8000:8000 -v heavylegs-data:/data heavylegs
#
# Two stages: `build` installs the packages into a virtualenv and trains the model; the
# final stage gets only the virtualenv, the code, the knowledge files and the model. No
# compiler is needed (every package installs from a wheel), no pip cache is kept, and
# tests, docs, the bench and local files stay out (.dockerignore).

FROM python:3.10-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 \
    PYTHONWARNINGS=ignore \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app

RUN python -m venv /opt/venv
WORKDIR /app

# The runtime packages (not the [test] extras), pinned by the full freeze. Only the
# project's metadata is copied here, so this layer (about 2.7 GB) is rebuilt when
# pyproject.toml or constraints.txt change, not on every code change. It installs the
# dependencies and the `heavylegs` command; the code itself runs from /app (PYTHONPATH),
# beside api/static, api/migrations and data/knowledge, which a wheel would not carry.
# README.md is only the long description pyproject.toml names. TensorFlow's C++ headers
# (about 175 MB) are for compiling TensorFlow extensions, never read at run time.
COPY pyproject.toml constraints.txt ./
RUN touch README.md \
 && pip install --no-cache-dir -c constraints.txt . \
 && rm -rf /opt/venv/lib/python3.10/site-packages/tensorflow/include

# Train the model exactly as `make train` does.
COPY bot ./bot
COPY data ./data
RUN rasa train --config bot/config.yml --domain bot/domain.yml \
        --data data/nlu data/rules data/stories --out models --fixed-model-name heavylegs


FROM python:3.10-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONWARNINGS=ignore \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    FORWARDED_ALLOW_IPS=127.0.0.1 \
    DATABASE_URL=sqlite:////data/heavylegs.db \
    MODEL_DIR=/app/models \
    KNOWLEDGE_DIR=/app/data/knowledge

# An unprivileged user; /data (the default SQLite database) is the only place it writes
# besides /tmp and its home. Mount a volume there to keep the database.
RUN groupadd --system --gid 10001 heavylegs \
 && useradd --system --uid 10001 --gid heavylegs --create-home --home-dir /home/heavylegs \
        --shell /usr/sbin/nologin heavylegs \
 && install -d -o heavylegs -g heavylegs -m 0750 /data

WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY alembic.ini ./
COPY api ./api
COPY bot ./bot
COPY data/knowledge ./data/knowledge
COPY --from=build /app/models ./models

USER 10001:10001
EXPOSE 8000

# /health answers 200 once the model is loaded (503 before); urlopen raises on anything
# but 2xx. python:3.10-slim has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/health' % os.environ.get('PORT', '8000'), timeout=4)"]

# One uvicorn process per container: scale with replicas. Behind a proxy, set
# FORWARDED_ALLOW_IPS to the proxy's address (or * when only the proxy can reach the
# container) so X-Forwarded-For gives the runner's real address (rate limits, logs).
CMD ["/bin/sh", "-c", "exec uvicorn api.main:create_app --factory --host \"$HOST\" --port \"$PORT\" --proxy-headers --forwarded-allow-ips \"$FORWARDED_ALLOW_IPS\""]

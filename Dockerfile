# syntax=docker/dockerfile:1
# The saju appliance in one image: the Rust binary (it links only glibc and libgcc_s) on debian:bookworm-slim,
# run as a non-root user, configured by environment variables, its database in the /var/lib/saju volume.
#
#   docker build -t saju .
#   docker run -d --name saju -p 127.0.0.1:8000:8000 -v saju-data:/var/lib/saju --stop-timeout 30 saju
#
# Models are not baked in unless asked for. For an air-gapped host, build where the Hugging Face hub is reachable
# with the models named (names from `saju models list`), then move the image with `docker save` / `docker load`:
#
#   docker build -t saju:models --build-arg CHAT_MODEL=qwen2.5-0.5b-instruct \
#       --build-arg EMBEDDING_MODEL=multilingual-e5-small .
#
# They land in /usr/share/saju/models/<name>/ (outside the data volume, so a mounted volume cannot hide them) and
# the image's environment points [llm.local] model and [knowledge] embedding_model at them.

ARG RUST_VERSION=1.95
ARG DEBIAN_RELEASE=bookworm
ARG CARGO_CHEF_VERSION=0.1.78

# ---- chef: the Rust toolchain plus cargo-chef ------------------------------------------------------------------
FROM rust:${RUST_VERSION}-${DEBIAN_RELEASE} AS chef
ARG CARGO_CHEF_VERSION
RUN cargo install --locked cargo-chef --version "${CARGO_CHEF_VERSION}"
WORKDIR /src

# ---- plan: the dependency recipe ---------------------------------------------------------------------------------
# `cargo chef prepare` reads the manifest and every target cargo finds (bins, benches, tests, examples, build.rs)
# from the sources, so the dependency layer below cannot drift from Cargo.toml: a new [[bench]] or test needs no
# change here. recipe.json changes only when the manifest, the lock file or the set of targets does.
FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

# ---- build ---------------------------------------------------------------------------------------------------
FROM chef AS builder
# Dependency layer: the recipe's skeleton (every target as an empty file) built with the release profile. It is
# rebuilt only when recipe.json changes. tests/deploy (image.rs) runs these commands outside Docker.
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --locked --bin saju --recipe-path recipe.json

# The real sources (all of the context that .dockerignore lets through: src/, build.rs, knowledge/ which the
# binary embeds, tests/data/ that it includes). `touch` makes cargo see them as newer than the skeleton build
# above (COPY keeps the build context's modification times, which may be older).
COPY . .
RUN touch build.rs src/main.rs src/lib.rs \
    && cargo build --release --locked --bin saju \
    && ./target/release/saju --version | grep -q '^saju ' \
    && ./target/release/saju openapi > /dev/null \
    && install -m 0755 target/release/saju /usr/local/bin/saju

# ---- models (optional) ---------------------------------------------------------------------------------------
# `saju models pull` fetches each named model (checking the manifest's sha256 where it has one) into /bake/models.
# With neither argument set this stage only creates the empty folder.
FROM builder AS models
ARG CHAT_MODEL=""
ARG EMBEDDING_MODEL=""
RUN mkdir -p /bake/models \
    && for name in ${CHAT_MODEL} ${EMBEDDING_MODEL}; do saju models pull "$name" --data-dir /bake; done

# ---- runtime -------------------------------------------------------------------------------------------------
FROM debian:${DEBIAN_RELEASE}-slim AS runtime

# ca-certificates: for an https remote model service. No curl: the HEALTHCHECK is `saju probe`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 saju \
    && useradd --system --uid 10001 --gid saju --home-dir /var/lib/saju --no-create-home \
       --shell /usr/sbin/nologin saju \
    && install -d -o saju -g saju -m 0750 /var/lib/saju \
    && install -d -m 0755 /etc/saju

COPY --from=builder /usr/local/bin/saju /usr/local/bin/saju
COPY saju.example.toml /usr/share/doc/saju/saju.example.toml
COPY --from=models /bake/models /usr/share/saju/models

# Every key can be set as SAJU_<SECTION>__<KEY> (see saju.example.toml); a TOML file can be mounted and named with
# SAJU_CONFIG=/etc/saju/saju.toml or `--config`.
ARG CHAT_MODEL=""
ARG EMBEDDING_MODEL=""
ENV SAJU_SERVER__LISTEN=0.0.0.0:8000 \
    SAJU_SERVER__DATA_DIR=/var/lib/saju \
    SAJU_LLM__LOCAL__MODEL=${CHAT_MODEL:+/usr/share/saju/models/${CHAT_MODEL}} \
    SAJU_KNOWLEDGE__EMBEDDING_MODEL=${EMBEDDING_MODEL:+/usr/share/saju/models/${EMBEDDING_MODEL}}

VOLUME ["/var/lib/saju"]
EXPOSE 8000
USER 10001:10001
WORKDIR /var/lib/saju

# The process drains itself on SIGTERM (shutdown_drain_seconds + shutdown_grace_seconds, 2 + 20 s by default):
# give it `docker run --stop-timeout 30` / compose `stop_grace_period: 30s`.
STOPSIGNAL SIGTERM
# `saju probe` GETs /health/live on the configured server.listen (SAJU_SERVER__LISTEN, 0.0.0.0 → 127.0.0.1): exit 0
# when it answers 2xx. It reads the same environment as the server, so a changed port needs no change here.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["saju", "probe"]

ENTRYPOINT ["saju"]
CMD ["serve"]

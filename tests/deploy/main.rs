//! The deployment artifacts (Dockerfile, compose, nginx, systemd, Kubernetes, ECS, Prometheus, CI, the install
//! and deploy scripts, docs/operations.md) checked against the real binary: every file parses, every route a
//! probe uses exists, every `saju` subcommand and flag they use exists, every configuration they carry is
//! accepted by `saju check-config`, the scripts do what they say on a temporary root, and the process behaves
//! under a supervisor (SIGTERM drain, systemd notifications), and the .deb, the SBOM and the glibc floor check are
//! built and read back (packaging.rs). Only 127.0.0.1; every subprocess is bounded.

mod artifacts;
mod cli;
mod configs;
mod deploy_scripts;
mod image;
mod install;
mod kubernetes;
mod packaging;
mod supervisor;
mod support;

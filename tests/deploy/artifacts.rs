//! Every artifact parses, and the facts they state agree with each other and with the binary: probe routes
//! exist, ports and paths line up, one writer per volume, timeouts above drain + grace, locked-down containers.

use crate::support::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// The server's defaults (saju.example.toml) for the shutdown timings, seconds.
fn default_drain_plus_grace() -> u64 {
    let t: toml::Value = toml::from_str(&read("saju.example.toml")).unwrap();
    t["server"]["shutdown_drain_seconds"].as_integer().unwrap() as u64
        + t["server"]["shutdown_grace_seconds"].as_integer().unwrap() as u64
}

/// The path of an `http://host:port/path` URL inside a command line or string.
fn url_path(s: &str) -> Option<(u16, String)> {
    let re = regex::Regex::new(r"https?://[^/\s:]+:(\d+)(/[^\s'\x22]*)").unwrap();
    let c = re.captures(s)?;
    Some((c[1].parse().unwrap(), c[2].to_string()))
}

fn assert_route(path: &str, what: &str) {
    let routes = known_routes();
    assert!(routes.contains(path), "{what} probes {path}, which is not a route of the server: {routes:?}");
}

#[test]
fn every_yaml_json_and_toml_artifact_parses() {
    let mut n = 0;
    for rel in files_under("deploy", &[".yaml", ".yml"]).into_iter().chain(files_under(".github", &[".yml", ".yaml"])) {
        let docs = yaml_docs(&rel);
        assert!(!docs.is_empty() && docs.iter().all(|d| d.is_object()), "{rel}: expected mapping documents");
        n += 1;
    }
    for rel in files_under("deploy", &[".json"]) {
        assert!(json_file(&rel).is_object(), "{rel}");
        n += 1;
    }
    for rel in ["saju.example.toml", "Cargo.toml"] {
        toml::from_str::<toml::Value>(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        n += 1;
    }
    // The TOML inside the Kubernetes ConfigMap.
    toml::from_str::<toml::Value>(&k8s_config_toml()).expect("deploy/k8s/saju.toml");
    assert!(n >= 12, "only {n} artifacts found");
    // kustomization.yaml lists files that exist.
    let k = yaml("deploy/k8s/kustomization.yaml");
    for r in k["resources"].as_array().unwrap() {
        let rel = format!("deploy/k8s/{}", r.as_str().unwrap());
        assert!(repo().join(&rel).is_file(), "kustomization lists {rel}, which does not exist");
    }
    for g in k["configMapGenerator"].as_array().unwrap() {
        for f in g["files"].as_array().unwrap() {
            let rel = format!("deploy/k8s/{}", f.as_str().unwrap().rsplit('=').next().unwrap());
            assert!(repo().join(&rel).is_file(), "configMapGenerator reads {rel}, which does not exist");
        }
    }
}

pub fn k8s_config_toml() -> String {
    read("deploy/k8s/saju.toml")
}

#[test]
fn kubernetes_runs_one_locked_down_writer_with_real_probes() {
    let d = yaml("deploy/k8s/deployment.yaml");
    let spec = &d["spec"];
    assert_eq!(spec["replicas"], 1, "one writer per volume");
    assert_eq!(spec["strategy"]["type"], "Recreate", "a rolling update would start a second writer");
    let pod = &spec["template"]["spec"];
    let labels = &spec["template"]["metadata"]["labels"];
    assert_eq!(&spec["selector"]["matchLabels"], labels);
    assert_eq!(pod["enableServiceLinks"], false, "service links inject SAJU_* variables the config rejects");
    let psc = &pod["securityContext"];
    assert_eq!(psc["runAsNonRoot"], true);
    assert_eq!(psc["seccompProfile"]["type"], "RuntimeDefault");
    assert!(psc["runAsUser"].as_i64().unwrap() > 0);

    let config: toml::Value = toml::from_str(&k8s_config_toml()).unwrap();
    let drain = config["server"]["shutdown_drain_seconds"].as_integer().unwrap();
    let grace = config["server"]["shutdown_grace_seconds"].as_integer().unwrap();
    let termination = pod["terminationGracePeriodSeconds"].as_i64().unwrap();
    assert!(
        termination > drain + grace,
        "terminationGracePeriodSeconds {termination} <= drain {drain} + grace {grace}"
    );

    let containers = pod["containers"].as_array().unwrap();
    assert_eq!(containers.len(), 1);
    let c = &containers[0];
    assert!(c.get("lifecycle").is_none(), "no preStop hook: the server drains itself");
    let csc = &c["securityContext"];
    assert_eq!(csc["readOnlyRootFilesystem"], true);
    assert_eq!(csc["allowPrivilegeEscalation"], false);
    assert_eq!(csc["capabilities"]["drop"], serde_json::json!(["ALL"]));
    assert!(c["resources"]["requests"].is_object() && c["resources"]["limits"]["memory"].is_string());

    let port = &c["ports"][0];
    let (port_name, port_number) = (port["name"].as_str().unwrap(), port["containerPort"].as_i64().unwrap());
    let listen = config["server"]["listen"].as_str().unwrap();
    assert!(listen.ends_with(&format!(":{port_number}")), "containerPort {port_number} vs listen {listen}");
    for (probe, expected) in
        [("startupProbe", "/health/live"), ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready")]
    {
        let get = &c[probe]["httpGet"];
        let path = get["path"].as_str().unwrap_or_else(|| panic!("{probe} has no httpGet.path"));
        assert_eq!(path, expected, "{probe}");
        assert_route(path, probe);
        assert_eq!(get["port"], port_name, "{probe} port");
    }
    let ann = &spec["template"]["metadata"]["annotations"];
    assert_eq!(ann["prometheus.io/port"].as_str().unwrap(), port_number.to_string());
    assert_route(ann["prometheus.io/path"].as_str().unwrap(), "the prometheus.io/path annotation");

    // The config file is mounted where --config points; the data volume is the PVC, mounted at data_dir.
    let args: Vec<&str> = c["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    let config_path = args.windows(2).find(|w| w[0] == "--config").map(|w| w[1]).expect("--config");
    let mounts = c["volumeMounts"].as_array().unwrap();
    let mount_of = |name: &str| {
        mounts.iter().find(|m| m["name"] == name).unwrap_or_else(|| panic!("no mount {name}"))["mountPath"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(format!("{}/saju.toml", mount_of("config")), config_path);
    assert_eq!(mount_of("data"), config["server"]["data_dir"].as_str().unwrap());
    let volumes = pod["volumes"].as_array().unwrap();
    let pvc_name = volumes.iter().find(|v| v["name"] == "data").unwrap()["persistentVolumeClaim"]["claimName"].clone();
    let pvc = yaml("deploy/k8s/pvc.yaml");
    assert_eq!(pvc["metadata"]["name"], pvc_name);
    assert_eq!(pvc["spec"]["accessModes"], serde_json::json!(["ReadWriteOnce"]));
    // The ConfigMap comes from kustomize's generator (a content hash in its name rolls the pod on a change).
    let k = yaml("deploy/k8s/kustomization.yaml");
    let generator = k["configMapGenerator"].as_array().expect("configMapGenerator").iter().find(|g| {
        g["files"].as_array().is_some_and(|f| f.iter().any(|f| f == "saju.toml" || f == "saju.toml=saju.toml"))
    });
    let generator = generator.expect("a configMapGenerator for saju.toml");
    assert_eq!(volumes.iter().find(|v| v["name"] == "config").unwrap()["configMap"]["name"], generator["name"]);
    assert_ne!(k["generatorOptions"]["disableNameSuffixHash"], true, "the hash suffix is what rolls the pod");
    assert!(!repo().join("deploy/k8s/configmap.yaml").exists(), "a static ConfigMap would not roll the pod");
    // Readiness: one slow probe must not take the only replica out of the endpoints.
    let ready = &c["readinessProbe"];
    let (period, threshold) = (ready["periodSeconds"].as_i64().unwrap(), ready["failureThreshold"].as_i64().unwrap());
    assert!(threshold >= 2 && period * threshold >= 10, "readiness gives up after {threshold} × {period} s");
    assert!(ready["timeoutSeconds"].as_i64().unwrap() >= 2);
    let secret = yaml("deploy/k8s/secret.example.yaml");
    assert_eq!(c["envFrom"][0]["secretRef"]["name"], secret["metadata"]["name"]);

    let svc = yaml("deploy/k8s/service.yaml");
    assert_eq!(&svc["spec"]["selector"], labels);
    assert_eq!(svc["spec"]["ports"][0]["targetPort"], port_name);
    let ing = yaml("deploy/k8s/ingress.yaml");
    let backend = &ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"];
    assert_eq!(backend["name"], svc["metadata"]["name"]);
    assert_eq!(backend["port"]["name"], svc["spec"]["ports"][0]["name"]);
}

#[test]
fn ecs_task_is_fargate_with_efs_secrets_logs_and_a_real_health_check() {
    let t = json_file("deploy/ecs/task-definition.json");
    assert_eq!(t["requiresCompatibilities"], serde_json::json!(["FARGATE"]));
    assert_eq!(t["networkMode"], "awsvpc");
    let c = &t["containerDefinitions"][0];
    assert_eq!(t["containerDefinitions"].as_array().unwrap().len(), 1);
    assert_eq!(c["portMappings"][0]["containerPort"], 8000);
    let env: Vec<(String, String)> = c["environment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["name"].as_str().unwrap().to_string(), e["value"].as_str().unwrap().to_string()))
        .collect();
    let var = |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(var("SAJU_SERVER__LISTEN").as_deref(), Some("0.0.0.0:8000"));

    let cmd: Vec<String> =
        c["healthCheck"]["command"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!(cmd[0], "CMD");
    let (port, _) = url_path(&cmd.join(" ")).expect("health check URL");
    assert_eq!(port, 8000);
    assert_route(&probe_path(&cmd, "the ECS health check"), "the ECS health check");

    let secrets: BTreeSet<&str> =
        c["secrets"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(secrets, BTreeSet::from(["OPENAI_API_KEY", "SAJU_SECURITY__ADMIN_TOKEN"]));
    for s in c["secrets"].as_array().unwrap() {
        assert!(s["valueFrom"].as_str().unwrap().starts_with("arn:aws:secretsmanager:"), "{s}");
    }
    assert_eq!(c["logConfiguration"]["logDriver"], "awslogs");
    assert!(c["logConfiguration"]["options"]["awslogs-group"].is_string());

    let mount = &c["mountPoints"][0];
    assert_eq!(mount["containerPath"].as_str(), var("SAJU_SERVER__DATA_DIR").as_deref());
    let volume = t["volumes"].as_array().unwrap().iter().find(|v| v["name"] == mount["sourceVolume"]).unwrap();
    assert!(volume["efsVolumeConfiguration"]["fileSystemId"].is_string());

    let drain: u64 = var("SAJU_SERVER__SHUTDOWN_DRAIN_SECONDS").unwrap().parse().unwrap();
    let grace: u64 = var("SAJU_SERVER__SHUTDOWN_GRACE_SECONDS").unwrap().parse().unwrap();
    let stop = c["stopTimeout"].as_u64().unwrap();
    assert!(
        stop > drain + grace && stop <= 120,
        "stopTimeout {stop} vs drain {drain} + grace {grace} (Fargate max 120)"
    );
    assert_ne!(c["user"].as_str().unwrap().split(':').next(), Some("0"));
    assert_eq!(c["readonlyRootFilesystem"], true);
}

#[test]
fn compose_has_a_volume_a_health_check_a_restart_policy_and_time_to_drain() {
    let c = yaml("deploy/compose.yaml");
    let saju = &c["services"]["saju"];
    assert!(saju["deploy"]["replicas"].as_i64().unwrap_or(1) == 1, "one writer");
    assert!(matches!(saju["restart"].as_str(), Some("unless-stopped" | "always" | "on-failure")));
    let env = &saju["environment"];
    let data_dir = env["SAJU_SERVER__DATA_DIR"].as_str().unwrap();
    let volume = saju["volumes"][0].as_str().unwrap();
    let (name, target) = volume.split_once(':').unwrap();
    assert_eq!(target, data_dir);
    assert!(c["volumes"].get(name).is_some(), "named volume {name} is declared");
    let test: Vec<String> =
        saju["healthcheck"]["test"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    if let Some((port, _)) = url_path(&test.join(" ")) {
        assert!(env["SAJU_SERVER__LISTEN"].as_str().unwrap().ends_with(&format!(":{port}")));
    }
    assert_route(&probe_path(&test, "the compose health check"), "the compose health check");
    let grace = saju["stop_grace_period"].as_str().unwrap();
    let secs: u64 = grace.trim_end_matches('s').parse().unwrap();
    assert!(secs > default_drain_plus_grace(), "stop_grace_period {grace}");
    // Production by default (compose is how a site runs, not a laptop).
    assert_eq!(env["ENVIRONMENT"], "${ENVIRONMENT:-production}");
    // The app publishes only its own port, on loopback; 80 and 443 are the proxy's, published only with it.
    let ports = |svc: &Value| -> Vec<String> {
        svc["ports"].as_array().map_or(vec![], |p| p.iter().map(|x| x.as_str().unwrap().to_string()).collect())
    };
    assert_eq!(ports(saju), ["127.0.0.1:8000:8000"]);
    let nginx = &c["services"]["nginx"];
    assert_eq!(nginx["profiles"], serde_json::json!(["proxy"]));
    assert!(nginx.get("network_mode").is_none(), "nginx has its own network namespace and ports");
    assert_eq!(ports(nginx), ["80:80", "443:443"]);
    assert_eq!(nginx["depends_on"]["saju"]["restart"], true, "a recreated saju restarts nginx");
    // The app believes X-Forwarded-For from nginx's fixed address only, inside the compose subnet.
    let nginx_ip = nginx["networks"]["default"]["ipv4_address"].as_str().unwrap();
    assert_eq!(env["SAJU_SECURITY__TRUSTED_PROXIES"].as_str().unwrap(), format!("[\"{nginx_ip}\"]"));
    let subnet: ipnet::Ipv4Net =
        c["networks"]["default"]["ipam"]["config"][0]["subnet"].as_str().unwrap().parse().unwrap();
    assert!(subnet.contains(&nginx_ip.parse::<std::net::Ipv4Addr>().unwrap()));
    // nginx's mounts: the repository's config and the compose upstream (the saju service, on the app port), the
    // whole letsencrypt tree (live/ holds symlinks into archive/), and the ACME webroot saju.conf serves.
    let mounts: Vec<(String, String)> = nginx["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let parts: Vec<&str> = v.as_str().unwrap().split(':').collect();
            let source = if parts[0].starts_with("${") {
                v.as_str().unwrap().split("}:").next().unwrap().to_string() + "}"
            } else {
                parts[0].to_string()
            };
            let target = v.as_str().unwrap()[source.len() + 1..].split(':').next().unwrap().to_string();
            (source, target)
        })
        .collect();
    let target_of = |source_end: &str| -> String {
        mounts
            .iter()
            .find(|(s, _)| s.ends_with(source_end))
            .unwrap_or_else(|| panic!("no mount of {source_end}: {mounts:?}"))
            .1
            .clone()
    };
    assert_eq!(target_of("nginx/saju.conf"), "/etc/nginx/conf.d/default.conf");
    assert_eq!(target_of("nginx/compose-upstream.conf"), "/etc/nginx/saju-upstream.conf");
    for (source, _) in &mounts {
        if source.starts_with("./") {
            assert!(repo().join("deploy").join(source).is_file(), "{source}");
        }
    }
    let upstream = read("deploy/nginx/compose-upstream.conf");
    let port = env["SAJU_SERVER__LISTEN"].as_str().unwrap().rsplit(':').next().unwrap().to_string();
    assert!(upstream.contains(&format!("server saju:{port} ")), "{upstream}");
    let conf = read("deploy/nginx/saju.conf");
    let cert = regex::Regex::new(r"ssl_certificate (\S+);").unwrap().captures(&conf).unwrap()[1].to_string();
    let tls_mount =
        mounts.iter().find(|(_, t)| cert.starts_with(&format!("{t}/"))).expect("a mount holding the certificate");
    assert_eq!(
        tls_mount.1, "/etc/letsencrypt",
        "mount the whole letsencrypt tree, not live/<name>: its symlinks would dangle"
    );
    let acme =
        regex::Regex::new(r"location /\.well-known/acme-challenge/ \{\s*root (\S+);").unwrap().captures(&conf).unwrap()
            [1]
        .to_string();
    assert!(mounts.iter().any(|(_, t)| *t == acme), "the ACME webroot {acme} is mounted for renewals: {mounts:?}");
}

/// Dockerfile instructions with continuation lines joined: (INSTRUCTION, arguments).
pub fn dockerfile() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in read("Dockerfile").lines() {
        let t = line.trim();
        if current.is_empty() && (t.is_empty() || t.starts_with('#')) {
            continue;
        }
        if t.starts_with('#') {
            continue;
        }
        if let Some(head) = t.strip_suffix('\\') {
            current.push_str(head);
            current.push(' ');
            continue;
        }
        current.push_str(t);
        let (ins, args) = current.split_once(char::is_whitespace).unwrap_or((&current, ""));
        out.push((ins.to_uppercase(), args.trim().to_string()));
        current.clear();
    }
    out
}

/// The instructions of the last stage (the runtime image).
pub fn final_stage() -> Vec<(String, String)> {
    let all = dockerfile();
    let start = all.iter().rposition(|(i, _)| i == "FROM").expect("FROM");
    all[start..].to_vec()
}

#[test]
fn dockerfile_builds_in_stages_and_runs_serve_as_a_non_root_user() {
    let all = dockerfile();
    let froms: Vec<&String> = all.iter().filter(|(i, _)| i == "FROM").map(|(_, a)| a).collect();
    assert!(froms.len() >= 2, "multi-stage: {froms:?}");
    assert!(froms[0].starts_with("rust:"), "builder {}", froms[0]);
    // The dependency layer (cargo-chef) and the real build: image.rs.
    assert!(all.iter().any(|(i, a)| i == "FROM" && a.ends_with(" AS builder")), "a builder stage");

    let stage = final_stage();
    let one = |ins: &str| -> String {
        let v: Vec<&String> = stage.iter().filter(|(i, _)| i == ins).map(|(_, a)| a).collect();
        assert_eq!(v.len(), 1, "one {ins} in the runtime stage: {v:?}");
        v[0].clone()
    };
    assert_eq!(one("ENTRYPOINT"), r#"["saju"]"#);
    assert_eq!(one("CMD"), r#"["serve"]"#);
    assert_eq!(one("EXPOSE"), "8000");
    assert_eq!(one("VOLUME"), r#"["/var/lib/saju"]"#);
    let user = one("USER");
    assert!(user.split(':').all(|p| p.parse::<u32>().is_ok_and(|n| n > 0)), "numeric non-root USER: {user}");
    let env = dockerfile_env();
    assert_eq!(env.get("SAJU_SERVER__LISTEN").map(String::as_str), Some("0.0.0.0:8000"));
    assert_eq!(env.get("SAJU_SERVER__DATA_DIR").map(String::as_str), Some("/var/lib/saju"));
    let health = one("HEALTHCHECK");
    let command: Vec<String> = serde_json::from_str(health.split("CMD").nth(1).unwrap().trim()).unwrap();
    let path = probe_path(&command, "the Dockerfile HEALTHCHECK");
    assert_route(&path, "the Dockerfile HEALTHCHECK");
    // The probe is the binary itself: the image needs no curl (or wget).
    let installs: Vec<&String> =
        stage.iter().filter(|(i, a)| i == "RUN" && a.contains("apt-get install")).map(|(_, a)| a).collect();
    assert!(installs.iter().all(|a| !a.contains("curl") && !a.contains("wget")), "{installs:?}");
}

/// The route a health check command probes: `saju probe [--ready] [--url URL]` (or an http URL in it).
pub fn probe_path(command: &[String], what: &str) -> String {
    let at =
        command.iter().position(|c| c == "probe").unwrap_or_else(|| panic!("{what}: not `saju probe`: {command:?}"));
    assert!(at > 0 && (command[at - 1] == "saju" || command[at - 1].ends_with("/saju")), "{what}: {command:?}");
    if let Some((_, path)) = url_path(&command.join(" ")) {
        return path;
    }
    if command.iter().any(|c| c == "--ready") { "/health/ready" } else { "/health/live" }.to_string()
}

/// Runs a container's health check command (`saju probe …`, from `saju` on) for real with the container's
/// environment, against a server on the port that environment (or the command's URL) names, moved to a free
/// port on 127.0.0.1; then again once the server is gone, when it must fail.
pub fn health_check_passes(command: &[String], env: &[(String, String)], what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let real = server.addr.port();
    let at = command.iter().position(|c| c == "probe").unwrap();
    let args: Vec<String> = command[at..]
        .iter()
        .map(|a| match url_path(a) {
            Some((p, _)) => a.replacen(&format!(":{p}"), &format!(":{real}"), 1),
            None => a.clone(),
        })
        .collect();
    let run = || {
        let mut cmd = saju(&args.iter().map(String::as_str).collect::<Vec<_>>());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("SAJU_SERVER__DATA_DIR", dir.path());
        if let Some((_, listen)) = env.iter().find(|(k, _)| k == "SAJU_SERVER__LISTEN") {
            cmd.env("SAJU_SERVER__LISTEN", format!("{}:{real}", listen.rsplit_once(':').unwrap().0));
        }
        run_bounded(cmd, std::time::Duration::from_secs(30))
    };
    let out = run();
    assert!(
        out.status.success(),
        "{what}: saju {} failed:\n{}{}",
        args.join(" "),
        text(&out.stdout),
        text(&out.stderr)
    );
    drop(server);
    assert_eq!(run().status.code(), Some(1), "{what}: the probe passes with no server");
}

#[test]
fn container_health_checks_run_for_real_without_curl() {
    let docker: Vec<String> = {
        let stage = final_stage();
        let health = &stage.iter().find(|(i, _)| i == "HEALTHCHECK").expect("HEALTHCHECK").1;
        serde_json::from_str(health.split("CMD").nth(1).unwrap().trim()).unwrap()
    };
    let docker_env: Vec<(String, String)> = dockerfile_env().into_iter().collect();
    health_check_passes(&docker, &docker_env, "the Dockerfile HEALTHCHECK");

    let compose = yaml("deploy/compose.yaml");
    let saju = &compose["services"]["saju"];
    let test: Vec<String> =
        saju["healthcheck"]["test"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!(test[0], "CMD");
    let compose_env: Vec<(String, String)> = saju["environment"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .filter(|(_, v)| !v.contains("${"))
        .collect();
    health_check_passes(&test, &compose_env, "the compose health check");

    let task = json_file("deploy/ecs/task-definition.json");
    let c = &task["containerDefinitions"][0];
    let cmd: Vec<String> =
        c["healthCheck"]["command"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    let ecs_env: Vec<(String, String)> = c["environment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["name"].as_str().unwrap().to_string(), e["value"].as_str().unwrap().to_string()))
        .collect();
    health_check_passes(&cmd, &ecs_env, "the ECS health check");
}

#[test]
fn dockerfile_can_bake_models_outside_the_data_volume() {
    let all = dockerfile();
    let models_from = all.iter().position(|(i, a)| i == "FROM" && a.ends_with(" AS models")).expect("a models stage");
    let pull = all[models_from..].iter().find(|(i, _)| i == "RUN").map(|(_, a)| a.clone()).expect("RUN");
    assert!(pull.contains("saju models pull \"$name\" --data-dir /bake"), "{pull}");
    assert!(pull.contains("${CHAT_MODEL}") && pull.contains("${EMBEDDING_MODEL}"), "{pull}");
    let stage = final_stage();
    let copy = stage.iter().find(|(i, a)| i == "COPY" && a.starts_with("--from=models")).expect("COPY --from=models");
    assert_eq!(copy.1, "--from=models /bake/models /usr/share/saju/models");
    // Without build arguments the image configures no model; with them, the baked folders.
    let plain = dockerfile_env();
    assert_eq!(plain.get("SAJU_LLM__LOCAL__MODEL").map(String::as_str), Some(""));
    assert_eq!(plain.get("SAJU_KNOWLEDGE__EMBEDDING_MODEL").map(String::as_str), Some(""));
    let baked =
        dockerfile_env_with(&[("CHAT_MODEL", "qwen2.5-0.5b-instruct"), ("EMBEDDING_MODEL", "multilingual-e5-small")]);
    assert_eq!(baked["SAJU_LLM__LOCAL__MODEL"], "/usr/share/saju/models/qwen2.5-0.5b-instruct");
    assert_eq!(baked["SAJU_KNOWLEDGE__EMBEDDING_MODEL"], "/usr/share/saju/models/multilingual-e5-small");
    // The data volume is elsewhere, so mounting it cannot hide the baked models.
    assert!(!"/usr/share/saju/models".starts_with(&plain["SAJU_SERVER__DATA_DIR"]));
}

/// The ENV of the runtime stage (`KEY=value` pairs), as built without build arguments.
pub fn dockerfile_env() -> std::collections::BTreeMap<String, String> {
    dockerfile_env_with(&[])
}

/// The ENV of the runtime stage as built with `--build-arg NAME=value` for each of `args`: `${NAME}` and
/// `${NAME:+word}` are expanded the way Docker does, from the arguments or the stage's `ARG` defaults.
pub fn dockerfile_env_with(args: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    let stage = final_stage();
    let mut values: std::collections::BTreeMap<String, String> = stage
        .iter()
        .filter(|(i, _)| i == "ARG")
        .filter_map(|(_, a)| a.split_once('=').map(|(k, v)| (k.to_string(), v.trim_matches('"').to_string())))
        .collect();
    values.extend(args.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let alternative = regex::Regex::new(r"\$\{(\w+):\+([^{}]*(?:\$\{\w+\}[^{}]*)*)\}").unwrap();
    let plain = regex::Regex::new(r"\$\{(\w+)\}").unwrap();
    let expand = |v: &str| -> String {
        let v = alternative.replace_all(v, |c: &regex::Captures| {
            if values.get(&c[1]).is_some_and(|x| !x.is_empty()) {
                c[2].to_string()
            } else {
                String::new()
            }
        });
        plain.replace_all(&v, |c: &regex::Captures| values.get(&c[1]).cloned().unwrap_or_default()).into_owned()
    };
    stage
        .iter()
        .filter(|(i, _)| i == "ENV")
        .flat_map(|(_, a)| a.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), expand(v))))
        .collect()
}

/// A .dockerignore pattern as a regex over slash paths (`*`, `?`, `**`), anchored.
fn ignore_regex(pattern: &str) -> regex::Regex {
    let mut re = String::from("^");
    let mut chars = pattern.trim_start_matches('/').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if chars.peek() == Some(&'/') {
                    chars.next();
                }
                re.push_str("(.*/)?");
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    regex::Regex::new(&re).unwrap()
}

/// The patterns of .dockerignore: (negated, regex).
pub fn dockerignore_patterns() -> Vec<(bool, regex::Regex)> {
    read(".dockerignore")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.strip_prefix('!') {
            Some(p) => (true, ignore_regex(p)),
            None => (false, ignore_regex(l)),
        })
        .collect()
}

pub fn docker_ignored(path: &str, patterns: &[(bool, regex::Regex)]) -> bool {
    // A path is excluded if it or one of its parent directories matches; the last matching pattern decides.
    let parts: Vec<&str> = path.split('/').collect();
    let mut ignored = false;
    for (negated, re) in patterns {
        if (1..=parts.len()).any(|n| re.is_match(&parts[..n].join("/"))) {
            ignored = !negated;
        }
    }
    ignored
}

#[test]
fn dockerignore_keeps_everything_the_build_reads() {
    let patterns = dockerignore_patterns();
    for must in ["target/release/saju", ".git/HEAD", "saju-data/saju.redb", "x/backup.redb"] {
        assert!(docker_ignored(must, &patterns), "{must} should not be sent to the daemon");
    }
    let mut needed =
        vec!["Cargo.toml".to_string(), "Cargo.lock".into(), "saju.example.toml".into(), "benches/engine.rs".into()];
    if repo().join("build.rs").is_file() {
        needed.push("build.rs".into());
        // build.rs embeds knowledge/.
        needed.extend(files_under("knowledge", &[".md"]));
    }
    // Every file the sources include at compile time.
    let include = regex::Regex::new(r#"include_(?:str|bytes)!\(\s*"([^"]+)"\s*\)"#).unwrap();
    for rel in files_under("src", &[".rs"]) {
        let text = read(&rel);
        let dir = std::path::Path::new(&rel).parent().unwrap().to_path_buf();
        for c in include.captures_iter(&text) {
            let mut parts: Vec<String> = dir.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            for seg in c[1].split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "." => {}
                    s => parts.push(s.to_string()),
                }
            }
            needed.push(parts.join("/"));
        }
    }
    needed.extend(files_under("src", &[".rs"]));
    for path in &needed {
        assert!(!docker_ignored(path, &patterns), ".dockerignore excludes {path}, which the build reads");
    }
}

#[test]
fn ci_tests_caches_builds_the_image_and_pushes_tags_to_ghcr() {
    let ci = yaml(".github/workflows/ci.yml");
    let on = &ci["on"];
    assert!(on.get("push").is_some() && on.get("pull_request").is_some(), "{on}");
    let text = read(".github/workflows/ci.yml");
    let jobs = ci["jobs"].as_object().unwrap();
    let steps: Vec<&Value> = jobs.values().flat_map(|j| j["steps"].as_array().unwrap().iter()).collect();
    let runs = |needle: &str| steps.iter().any(|s| s["run"].as_str().is_some_and(|r| r.contains(needle)));
    assert!(runs("scripts/test.sh"), "CI runs the README's test command");
    let cache = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/cache@")))
        .expect("a cache step");
    let paths = cache["with"]["path"].as_str().unwrap();
    assert!(paths.contains("~/.cache/saju") && paths.contains("~/.cargo"), "{paths}");
    let builds: Vec<&&Value> = steps
        .iter()
        .filter(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("docker/build-push-action@")))
        .collect();
    // One build, loaded for the smoke test and tagged for the release; nothing builds again to push.
    assert_eq!(builds.len(), 1, "one image build: {builds:?}");
    let build = &builds[0]["with"];
    assert!(build["context"] == "." && build["load"] == true && build["push"] == false, "{build}");
    let tags = build["tags"].as_str().unwrap();
    assert!(tags.contains("saju:ci") && tags.contains("steps.meta.outputs.tags"), "{tags}");
    let image_steps = jobs["image"]["steps"].as_array().unwrap();
    let at = |pred: &dyn Fn(&Value) -> bool| image_steps.iter().position(pred);
    let smoke = at(&|s| s["run"].as_str().is_some_and(|r| r.contains("docker run"))).expect("a smoke test");
    let push = at(&|s| s["run"].as_str().is_some_and(|r| r.contains("docker push"))).expect("a push step");
    assert!(smoke < push, "the push comes after the smoke test");
    let push = &image_steps[push];
    assert!(push["if"].as_str().unwrap_or_default().contains("startsWith(github.ref, 'refs/tags/v')"), "{push}");
    assert!(push["env"]["TAGS"].as_str().unwrap_or_default().contains("steps.meta.outputs.tags"), "{push}");
    assert_eq!(jobs["image"]["needs"], "test");
    assert!(runs("docker run") && runs("/health/ready"), "the image is started and probed");
    assert!(text.contains("images: ghcr.io/${{ github.repository }}") && text.contains("registry: ghcr.io"));
}

/// The lowest major of each action that runs on Node 24 (their Node 20 majors no longer run on GitHub's runners).
const NODE24_MAJORS: [(&str, u32); 6] = [
    ("actions/checkout", 5),
    ("actions/cache", 5),
    ("docker/setup-buildx-action", 4),
    ("docker/build-push-action", 7),
    ("docker/metadata-action", 6),
    ("docker/login-action", 4),
];

#[test]
fn workflows_use_current_actions_and_release_waits_for_the_tests() {
    let mut checked = 0;
    for rel in files_under(".github/workflows", &[".yml", ".yaml"]) {
        let wf = yaml(&rel);
        for (name, job) in wf["jobs"].as_object().unwrap() {
            for step in job["steps"].as_array().unwrap() {
                let Some(uses) = step["uses"].as_str() else { continue };
                let (action, version) = uses.split_once('@').unwrap_or_else(|| panic!("{rel} {name}: {uses} unpinned"));
                let major: u32 = version.trim_start_matches('v').split('.').next().unwrap().parse().unwrap();
                let min = NODE24_MAJORS.iter().find(|(a, _)| *a == action).map(|(_, m)| *m);
                let min =
                    min.unwrap_or_else(|| panic!("{rel}: {action} is not in NODE24_MAJORS; add its Node 24 major"));
                assert!(major >= min, "{rel} job {name}: {uses} runs on Node 20; use @v{min} or later");
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "{checked}");
    // The release publishes binaries only after the whole suite passed for that commit.
    let release = yaml(".github/workflows/release.yml");
    let jobs = release["jobs"].as_object().unwrap();
    let publishing: Vec<(&String, &Value)> = jobs
        .iter()
        .filter(|(_, j)| {
            j["steps"].as_array().unwrap().iter().any(|s| s["run"].as_str().is_some_and(|r| r.contains("gh release")))
        })
        .collect();
    assert!(!publishing.is_empty());
    for (name, job) in publishing {
        let needs: Vec<String> = match &job["needs"] {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
            _ => vec![],
        };
        let tested = needs.iter().any(|n| {
            jobs[n]["steps"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["run"].as_str().is_some_and(|r| r.contains("scripts/test.sh")))
        });
        assert!(tested, "release job {name} does not need a job that runs scripts/test.sh: needs {needs:?}");
    }
}

#[test]
fn prometheus_config_scrapes_the_metrics_route_and_alerts_are_well_formed() {
    let scrape = yaml("deploy/prometheus/scrape.yaml");
    for rule_file in scrape["rule_files"].as_array().unwrap() {
        assert!(repo().join("deploy/prometheus").join(rule_file.as_str().unwrap()).is_file());
    }
    let job = scrape["scrape_configs"].as_array().unwrap().iter().find(|j| j["job_name"] == "saju").unwrap();
    assert_route(job["metrics_path"].as_str().unwrap(), "the Prometheus job");
    assert_eq!(job["static_configs"][0]["targets"][0], "127.0.0.1:8000");
    let alerts = yaml("deploy/prometheus/alerts.yaml");
    let rules: Vec<&Value> =
        alerts["groups"].as_array().unwrap().iter().flat_map(|g| g["rules"].as_array().unwrap().iter()).collect();
    assert!(rules.len() >= 5);
    // A target that vanishes from discovery has no `up` series: only absent() notices it.
    assert!(
        rules.iter().any(|r| r["expr"].as_str().unwrap().contains("absent(up{job=~\"saju.*\"}")),
        "an absent() alert for the saju targets"
    );
    assert!(rules.iter().any(|r| r["expr"].as_str().unwrap().contains("node_filesystem_avail_bytes")), "a disk alert");
    for r in rules {
        assert!(r["alert"].is_string() && r["expr"].is_string(), "{r}");
        assert!(r["labels"]["severity"].is_string() && r["annotations"]["summary"].is_string(), "{r}");
    }
}

/// Metric names an alert expression uses (saju_* and process_*).
pub fn alert_metric_names() -> BTreeSet<String> {
    let re = regex::Regex::new(r"\b((?:saju|process)_[a-z_]+)\b").unwrap();
    let alerts = yaml("deploy/prometheus/alerts.yaml");
    let mut names = BTreeSet::new();
    for g in alerts["groups"].as_array().unwrap() {
        for r in g["rules"].as_array().unwrap() {
            for c in re.captures_iter(r["expr"].as_str().unwrap()) {
                names.insert(c[1].to_string());
            }
        }
    }
    names
}

#[test]
fn alert_rules_use_metrics_the_server_exports() {
    let dir = tempfile::tempdir().unwrap();
    // A tiny rate limit so the rate-limited counter exists too.
    let server =
        Server::start(dir.path(), &[("SAJU_RATE_LIMIT__REQUESTS_PER_SECOND", "1"), ("SAJU_RATE_LIMIT__BURST", "1")]);
    let body = r#"{"datetime": "1990-05-15T15:30", "gender": "female"}"#;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        match http(server.addr, "POST", "/v1/charts", &[], body, std::time::Duration::from_secs(10)) {
            Outcome::Answered(s, _) => statuses.push(s),
            other => panic!("{other:?}"),
        }
    }
    assert!(statuses.contains(&200) && statuses.contains(&429), "{statuses:?}");
    let Outcome::Answered(200, metrics) = get(server.addr, "/metrics") else { panic!("GET /metrics") };
    let metrics = text(&metrics);
    let exported: BTreeSet<String> = metrics
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split(['{', ' ']).next().unwrap().to_string())
        .flat_map(|n| {
            let base = ["_bucket", "_sum", "_count"].iter().find_map(|s| n.strip_suffix(s)).map(str::to_string);
            [Some(n), base].into_iter().flatten()
        })
        .collect();
    let used = alert_metric_names();
    assert!(used.len() >= 5, "{used:?}");
    let missing: Vec<&String> = used.iter().filter(|m| !exported.contains(*m)).collect();
    assert!(missing.is_empty(), "alerts use metrics the server does not export: {missing:?}\nexported: {exported:?}");
    // The labels the alerts select on exist too.
    assert!(
        metrics.contains("saju_requests_total{endpoint=\"/v1/charts\",method=\"POST\",status=\"200\"}"),
        "{metrics}"
    );
    assert!(metrics.contains("saju_request_duration_seconds_bucket{endpoint=\"/v1/charts\""));
}

#[test]
fn nginx_example_terminates_tls_limits_rates_and_forwards_the_client_address() {
    let conf = read("deploy/nginx/saju.conf");
    for needle in [
        "listen 443 ssl",
        "ssl_certificate ",
        "ssl_certificate_key ",
        "return 301 https://",
        "limit_req_zone ",
        "limit_req zone=",
        "limit_req_status 429;",
        "proxy_set_header X-Forwarded-For $remote_addr;",
        "proxy_set_header Host $host;",
        "trusted_proxies = [\"127.0.0.1\"]",
    ] {
        assert!(conf.contains(needle), "deploy/nginx/saju.conf lacks `{needle}`");
    }
    // The body limit matches server.body_limit_bytes.
    let t: toml::Value = toml::from_str(&read("saju.example.toml")).unwrap();
    let limit = t["server"]["body_limit_bytes"].as_integer().unwrap();
    assert!(conf.contains(&format!("client_max_body_size {}k;", limit / 1024)), "client_max_body_size vs {limit}");
    // The upstream, in its own file (blue-green rewrites it; compose has its own), is the app's default listen
    // address.
    assert!(conf.contains("include /etc/nginx/saju-upstream.conf;") && !conf.contains("upstream saju_backend"));
    let upstream = read("deploy/nginx/saju-upstream.conf");
    assert!(upstream.contains(&format!("server {} ", t["server"]["listen"].as_str().unwrap())), "{upstream}");
}

/// `[section] key` of a TOML text, or the default from saju.example.toml.
fn toml_int_or_default(text: &str, section: &str, key: &str) -> i64 {
    let t: toml::Value = toml::from_str(text).unwrap();
    let example: toml::Value = toml::from_str(&read("saju.example.toml")).unwrap();
    let get = |v: &toml::Value| section.split('.').try_fold(v, |v, s| v.get(s)).and_then(|v| v.get(key)).cloned();
    get(&t).or_else(|| get(&example)).and_then(|v| v.as_integer()).unwrap_or_else(|| panic!("{section}.{key}"))
}

fn nginx_seconds(conf: &str, directive: &str) -> i64 {
    let re = regex::Regex::new(&format!(r"(?m)^\s*{directive}\s+(\d+)s;")).unwrap();
    let found: Vec<i64> = re.captures_iter(conf).map(|c| c[1].parse().unwrap()).collect();
    assert_eq!(found.len(), 1, "one {directive} in deploy/nginx/saju.conf: {found:?}");
    found[0]
}

#[test]
fn timeouts_nest_proxy_above_request_above_generators() {
    // The server: every generator's limit ends before the request's (check-config enforces it too).
    let example = read("saju.example.toml");
    let request = toml_int_or_default(&example, "server", "request_timeout_seconds");
    let local = toml_int_or_default(&example, "llm.local", "timeout_seconds");
    assert!(local < request, "[llm.local] timeout_seconds {local} >= server.request_timeout_seconds {request}");
    assert!(
        (saju::config::REMOTE_GENERATOR_TIMEOUT_SECONDS as i64) < request,
        "the remote generator's {} s >= server.request_timeout_seconds {request}",
        saju::config::REMOTE_GENERATOR_TIMEOUT_SECONDS
    );
    // nginx (the host and compose examples) waits longer than the server, reading and sending.
    let conf = read("deploy/nginx/saju.conf");
    for directive in ["proxy_read_timeout", "proxy_send_timeout"] {
        let secs = nginx_seconds(&conf, directive);
        assert!(secs > request, "nginx {directive} {secs}s <= server.request_timeout_seconds {request}");
    }
    // Streamed replies are not buffered by nginx.
    let stream = conf.find("location ~ ^/v1/sessions/[^/]+/messages$").expect("a location for streamed replies");
    let block = &conf[stream..stream + conf[stream..].find('}').unwrap()];
    assert!(block.contains("proxy_buffering off;"), "{block}");
    // The Kubernetes ingress, against the ConfigMap's request timeout.
    let k8s_request = toml_int_or_default(&k8s_config_toml(), "server", "request_timeout_seconds");
    let ann = &yaml("deploy/k8s/ingress.yaml")["metadata"]["annotations"];
    for name in ["proxy-read-timeout", "proxy-send-timeout"] {
        let v = ann[format!("nginx.ingress.kubernetes.io/{name}")].as_str().unwrap_or_else(|| panic!("no {name}"));
        let secs: i64 = v.parse().unwrap();
        assert!(secs > k8s_request, "ingress {name} {secs} <= server.request_timeout_seconds {k8s_request}");
    }
    assert_eq!(ann["nginx.ingress.kubernetes.io/proxy-buffering"], "off");
    // ECS: the ALB's idle timeout (60 s by default) is documented to be raised above the request timeout.
    let docs = read("docs/operations.md");
    let re = regex::Regex::new(r"idle timeout[^.]*?(\d+)\s*s").unwrap();
    let alb: i64 = re.captures(&docs).expect("docs/operations.md: the ALB idle timeout")[1].parse().unwrap();
    assert!(alb > request, "documented ALB idle timeout {alb} <= {request}");
}

//! The Kubernetes manifests beyond the single-writer basics (artifacts.rs): the Ingress routes every public path
//! and not /metrics without a snippet, the NetworkPolicy lets in only the ingress controller and Prometheus,
//! a local model has a memory budget, and kustomize (`kubectl kustomize`, when installed) renders the whole
//! thing with a content-hashed ConfigMap, so that a changed saju.toml rolls the pod.

use crate::support::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Does an Ingress path rule match a request path (Kubernetes semantics: Exact, or Prefix by whole segments)?
fn ingress_matches(rule: &Value, path: &str) -> bool {
    let p = rule["path"].as_str().unwrap();
    match rule["pathType"].as_str().unwrap() {
        "Exact" => p == path,
        "Prefix" => {
            let segs = |s: &str| s.split('/').filter(|x| !x.is_empty()).map(str::to_string).collect::<Vec<_>>();
            let (want, have) = (segs(p), segs(path));
            have.len() >= want.len() && want == have[..want.len()]
        }
        other => panic!("pathType {other}: use Exact or Prefix (ImplementationSpecific depends on the controller)"),
    }
}

/// The paths clients use: the page and its assets, the API (every path of the spec), the docs, the health routes.
fn public_paths() -> Vec<String> {
    let mut paths: Vec<String> = saju::http::web::asset_paths().map(str::to_string).collect();
    let spec = json_file("openapi/openapi.json");
    let param = regex::Regex::new(r"\{[^}]+\}").unwrap();
    for p in spec["paths"].as_object().unwrap().keys() {
        paths.push(param.replace_all(p, "x").into_owned());
    }
    paths.extend(["/docs".into(), "/docs/".into(), "/openapi.json".into()]);
    assert!(paths.iter().any(|p| p.starts_with("/v1/sessions/")) && paths.contains(&"/".to_string()), "{paths:?}");
    paths
}

#[test]
fn ingress_routes_the_public_paths_and_not_metrics_without_a_snippet() {
    let ing = yaml("deploy/k8s/ingress.yaml");
    let annotations = ing["metadata"]["annotations"].as_object().unwrap();
    let snippets: Vec<&String> = annotations.keys().filter(|k| k.contains("snippet")).collect();
    assert!(snippets.is_empty(), "ingress-nginx ≥ 1.9 refuses snippet annotations by default: {snippets:?}");
    let rules: Vec<&Value> = ing["spec"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["http"]["paths"].as_array().unwrap().iter())
        .collect();
    let svc = yaml("deploy/k8s/service.yaml");
    for r in &rules {
        assert_eq!(r["backend"]["service"]["name"], svc["metadata"]["name"], "{r}");
        assert_eq!(r["backend"]["service"]["port"]["name"], svc["spec"]["ports"][0]["name"], "{r}");
    }
    let routed = |path: &str| rules.iter().any(|r| ingress_matches(r, path));
    let unrouted: Vec<String> = public_paths().into_iter().filter(|p| !routed(p)).collect();
    assert!(unrouted.is_empty(), "the Ingress does not route {unrouted:?}");
    for private in ["/metrics", "/metrics/", "/metricsx"] {
        assert!(!routed(private), "the Ingress routes {private}: the metrics would be public");
    }
}

#[test]
fn network_policy_admits_the_ingress_controller_and_prometheus_only() {
    let np = yaml("deploy/k8s/networkpolicy.yaml");
    let d = yaml("deploy/k8s/deployment.yaml");
    let labels = &d["spec"]["template"]["metadata"]["labels"];
    assert_eq!(&np["spec"]["podSelector"]["matchLabels"], labels);
    let types: Vec<&str> = np["spec"]["policyTypes"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert_eq!(types, ["Ingress", "Egress"]);
    let port = d["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"].as_i64().unwrap();
    let ingress = np["spec"]["ingress"].as_array().unwrap();
    let mut sources = Vec::new();
    for rule in ingress {
        let ports: Vec<i64> = rule["ports"].as_array().unwrap().iter().map(|p| p["port"].as_i64().unwrap()).collect();
        assert_eq!(ports, [port], "only the app port: {rule}");
        for from in rule["from"].as_array().unwrap() {
            let ns = from["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"].as_str();
            sources.push(ns.unwrap_or_else(|| panic!("a namespace by name: {from}")).to_string());
        }
    }
    assert_eq!(sources, ["ingress-nginx", "monitoring"]);
    let egress_ports: Vec<i64> = np["spec"]["egress"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["ports"].as_array().unwrap().iter().map(|p| p["port"].as_i64().unwrap()))
        .collect();
    assert!(egress_ports.contains(&53) && egress_ports.contains(&443), "DNS and HTTPS out: {egress_ports:?}");
    let k = yaml("deploy/k8s/kustomization.yaml");
    assert!(k["resources"].as_array().unwrap().iter().any(|r| r == "networkpolicy.yaml"));
}

/// A Kubernetes memory quantity in MiB (`512Mi`, `3Gi`).
fn mib(q: &str) -> u64 {
    if let Some(n) = q.strip_suffix("Gi") {
        n.parse::<u64>().unwrap() * 1024
    } else if let Some(n) = q.strip_suffix("Mi") {
        n.parse().unwrap()
    } else {
        panic!("memory quantity {q}: use Mi or Gi")
    }
}

#[test]
fn a_local_model_has_a_memory_budget_to_switch_on() {
    let base = yaml("deploy/k8s/deployment.yaml");
    let base_limit =
        mib(base["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["memory"].as_str().unwrap());
    let component = yaml("deploy/k8s/components/local-model/kustomization.yaml");
    assert_eq!(component["kind"], "Component");
    let patch = &component["patches"][0];
    assert_eq!(patch["target"]["kind"], "Deployment");
    let docs = yaml_rust2::YamlLoader::load_from_str(patch["patch"].as_str().unwrap()).unwrap();
    let patched = yaml_value(&docs[0]);
    let container = &patched["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container["name"], "saju");
    let limit = container["resources"]["limits"]["memory"].as_str().expect("a memory limit").to_string();
    // docs/models.md: 1.8 GB at the peak while loading the smallest model.
    assert!(mib(&limit) >= 2048 && mib(&limit) > base_limit, "local-model memory limit {limit}");
    let ops = read("docs/operations.md");
    assert!(ops.contains("components/local-model"), "docs/operations.md explains the local-model component");
}

fn kubectl_kustomize(dir: &Path) -> Vec<Value> {
    let mut cmd = Command::new("kubectl");
    cmd.arg("kustomize").arg(dir);
    let out = run_bounded(cmd, Duration::from_secs(60));
    assert!(out.status.success(), "kubectl kustomize {}:\n{}", dir.display(), text(&out.stderr));
    let docs = yaml_rust2::YamlLoader::load_from_str(&text(&out.stdout)).unwrap();
    docs.iter().map(yaml_value).collect()
}

fn find<'a>(docs: &'a [Value], kind: &str) -> &'a Value {
    docs.iter().find(|d| d["kind"] == kind).unwrap_or_else(|| panic!("no {kind} rendered"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn kustomize_renders_a_hashed_config_map_that_rolls_the_pod() {
    if !tool_works("kubectl", &["version", "--client"]) {
        eprintln!("SKIP kustomize_renders_a_hashed_config_map_that_rolls_the_pod: kubectl is not installed");
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let base = scratch.path().join("base");
    copy_dir(&repo().join("deploy/k8s"), &base);
    let config_of = |docs: &[Value]| -> (String, String) {
        let cm = find(docs, "ConfigMap");
        let d = find(docs, "Deployment");
        let volume = d["spec"]["template"]["spec"]["volumes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == "config")
            .unwrap()["configMap"]["name"]
            .as_str()
            .unwrap()
            .to_string();
        (cm["metadata"]["name"].as_str().unwrap().to_string(), volume)
    };
    let docs = kubectl_kustomize(&base);
    let (cm, volume) = config_of(&docs);
    assert!(cm.starts_with("saju-config-") && cm.len() > "saju-config-".len(), "{cm}");
    assert_eq!(volume, cm, "the Deployment mounts the generated ConfigMap");
    assert_eq!(find(&docs, "ConfigMap")["data"]["saju.toml"].as_str(), Some(read("deploy/k8s/saju.toml").as_str()));
    for d in &docs {
        assert_eq!(d["metadata"]["namespace"].as_str().unwrap_or("saju"), "saju", "{}", d["kind"]);
    }
    for kind in ["Namespace", "PersistentVolumeClaim", "Service", "Ingress", "NetworkPolicy"] {
        find(&docs, kind);
    }
    // The backup CronJob: the same (hashed) config and volume as the pod, scheduled onto the pod's node (the
    // volume is ReadWriteOnce), and labelled so that the Service never sends it traffic.
    let job = &find(&docs, "CronJob")["spec"]["jobTemplate"]["spec"]["template"];
    let pod = &find(&docs, "Deployment")["spec"]["template"];
    let volumes = |spec: &Value| -> Vec<(String, String)> {
        spec["volumes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let source = v["configMap"]["name"].as_str().or(v["persistentVolumeClaim"]["claimName"].as_str());
                (v["name"].as_str().unwrap().to_string(), source.unwrap().to_string())
            })
            .collect()
    };
    assert_eq!(volumes(&job["spec"]), volumes(&pod["spec"]), "the job mounts what the pod mounts");
    let affinity = &job["spec"]["affinity"]["podAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"][0];
    assert_eq!(affinity["labelSelector"]["matchLabels"], pod["metadata"]["labels"]);
    assert_eq!(affinity["topologyKey"], "kubernetes.io/hostname");
    let selector = find(&docs, "Service")["spec"]["selector"].as_object().unwrap().clone();
    let job_labels = job["metadata"]["labels"].as_object().unwrap();
    assert!(selector.iter().any(|(k, v)| job_labels.get(k) != Some(v)), "the Service selects the backup pod");
    let args: Vec<&str> =
        job["spec"]["containers"][0]["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(args, ["backup", "--config", "/etc/saju/saju.toml"], "no path: the kept, pruned backups");

    // An edit to saju.toml renames the ConfigMap and so changes the pod template: Kubernetes replaces the pod.
    let file = base.join("saju.toml");
    let edited = format!("{}\n[metrics]\nenabled = true\n", std::fs::read_to_string(&file).unwrap());
    std::fs::write(&file, edited).unwrap();
    let (cm2, volume2) = config_of(&kubectl_kustomize(&base));
    assert_ne!(cm2, cm, "the ConfigMap name follows its content");
    assert_eq!(volume2, cm2);

    // With the local-model component.
    let overlay = scratch.path().join("overlay");
    std::fs::create_dir_all(&overlay).unwrap();
    std::fs::write(
        overlay.join("kustomization.yaml"),
        "resources:\n  - ../base\ncomponents:\n  - ../base/components/local-model\n",
    )
    .unwrap();
    let docs = kubectl_kustomize(&overlay);
    let limits = &find(&docs, "Deployment")["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"];
    assert!(mib(limits["memory"].as_str().unwrap()) >= 2048, "{limits}");
}

//! The supply-chain artifacts of a release: the .deb (scripts/deb.sh, cargo-deb) read back with dpkg-deb and
//! installed, upgraded, removed and purged by the real dpkg into a temporary root; the SBOM (scripts/sbom.sh,
//! cargo-cyclonedx) against Cargo.lock; the glibc floor check (scripts/glibc-floor.sh) against objdump.
//! A missing tool is a printed SKIP, never a silent pass.

use crate::install::expected_config;
use crate::support::*;
use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn bash(script: &str, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join(script)).args(args).current_dir(repo());
    clean_env(&mut cmd);
    run_bounded(cmd, Duration::from_secs(600))
}

fn tool(program: &str, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(program);
    cmd.args(args);
    run_bounded(cmd, Duration::from_secs(120))
}

fn binary_version() -> String {
    text(&Command::new(BIN).arg("--version").output().unwrap().stdout).trim().trim_start_matches("saju ").to_string()
}

fn cargo_has(subcommand: &str) -> bool {
    tool_works("cargo", &[subcommand, "--version"])
}

/// The highest GLIBC_2.x that `objdump -T` shows on an imported symbol, compared as numbers.
fn objdump_glibc_floor(binary: &str) -> (u32, u32, Vec<String>) {
    let out = tool("objdump", &["-T", binary]);
    assert!(out.status.success(), "objdump -T: {}", text(&out.stderr));
    let re = regex::Regex::new(r"\(?GLIBC_2\.(\d+)(?:\.(\d+))?\)?\s+(\S+)$").unwrap();
    let mut max = (0, 0);
    let mut symbols: BTreeMap<(u32, u32), Vec<String>> = BTreeMap::new();
    for line in text(&out.stdout).lines() {
        if let Some(c) = re.captures(line.trim_end()) {
            let v = (c[1].parse().unwrap(), c.get(2).map_or(0, |m| m.as_str().parse().unwrap()));
            symbols.entry(v).or_default().push(c[3].to_string());
            max = max.max(v);
        }
    }
    assert!(max.0 > 0, "no GLIBC_ symbols in {binary}");
    (max.0, max.1, symbols.remove(&max).unwrap())
}

#[test]
fn glibc_floor_script_reports_the_highest_symbol_version_and_fails_above_a_floor() {
    if !tool_works("objdump", &["--version"]) || !tool_works("readelf", &["--version"]) {
        eprintln!("SKIP glibc-floor.sh: objdump or readelf is not installed (Debian package binutils)");
        return;
    }
    let (minor, patch, at_floor) = objdump_glibc_floor(BIN);
    let expected = if patch == 0 { format!("2.{minor}") } else { format!("2.{minor}.{patch}") };
    let out = bash("scripts/glibc-floor.sh", &[BIN]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), expected, "the floor of the test binary");
    eprintln!("glibc-floor.sh: the test binary needs glibc {expected} ({} symbols at that version)", at_floor.len());

    // At its own floor it passes; one below, it fails and names the symbols that need the newer glibc.
    let out = bash("scripts/glibc-floor.sh", &["--max", &format!("2.{minor}"), BIN]);
    assert!(out.status.success(), "--max 2.{minor}: {}", text(&out.stderr));
    let below = format!("2.{}", minor - 1);
    let out = bash("scripts/glibc-floor.sh", &["--max", &below, BIN]);
    assert_eq!(out.status.code(), Some(1), "--max {below} must fail: {}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("above the floor {below}")), "{err}");
    for symbol in &at_floor {
        assert!(err.contains(&format!("  {symbol} (GLIBC_{expected})")), "{symbol} not named:\n{err}");
    }
    // RHEL 8's glibc is older than this build machine's: the check says so.
    let out = bash("scripts/glibc-floor.sh", &["--max", "2.28", BIN]);
    assert_eq!(out.status.success(), (minor, patch) <= (28, 0), "{}", text(&out.stderr));

    // Not a binary, no binary, a bad floor: usage errors (2), never a pass.
    for args in [vec!["README.md"], vec![], vec!["--max", "2.x", BIN], vec!["/nonexistent/saju"]] {
        let out = bash("scripts/glibc-floor.sh", &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}{}", text(&out.stdout), text(&out.stderr));
    }
}

/// The release workflow builds the published binary with the portable build and checks the floor the docs give.
#[test]
fn the_release_is_built_for_the_documented_glibc_floor() {
    let script = read("scripts/build-portable.sh");
    let floor = script.lines().find_map(|l| l.strip_prefix("GLIBC_FLOOR=")).expect("GLIBC_FLOOR= in build-portable.sh");
    assert!(script.contains("--target \"${triple}.${GLIBC_FLOOR}\""), "zigbuild's target carries the floor");
    assert!(script.contains("glibc-floor.sh\" --max \"$GLIBC_FLOOR\""), "the built binary is checked against it");
    let release = yaml(".github/workflows/release.yml");
    let steps = release["jobs"]["binary"]["steps"].as_array().unwrap();
    let run: String = steps.iter().filter_map(|s| s["run"].as_str()).collect::<Vec<_>>().join("\n");
    assert!(run.contains("scripts/build-portable.sh"), "release.yml builds with build-portable.sh:\n{run}");
    assert!(run.contains(&format!("scripts/glibc-floor.sh --max {floor}")), "release.yml checks the floor:\n{run}");
    for shipped in ["scripts/bundle.sh --binary \"$binary\"", "scripts/deb.sh --binary \"$binary\"", "scripts/sbom.sh"]
    {
        assert!(run.contains(shipped), "release.yml runs {shipped}:\n{run}");
    }
    let ops = read("docs/operations.md");
    assert!(ops.contains(&format!("glibc {floor}")), "docs/operations.md names the floor {floor}");
}

#[test]
fn sbom_lists_the_locked_dependencies_of_the_binary() {
    if !cargo_has("cyclonedx") {
        eprintln!("SKIP sbom: cargo-cyclonedx is not installed (scripts/test.sh installs it when crates.io answers)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saju.cdx.json");
    let out = bash("scripts/sbom.sh", &["--out", path.to_str().unwrap()]);
    assert!(out.status.success(), "sbom.sh: {}", text(&out.stderr));
    assert!(!repo().join("saju_bin.cdx.json").exists(), "sbom.sh leaves nothing in the checkout");
    let bytes = std::fs::read(&path).unwrap();
    let bom: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(bom["bomFormat"], "CycloneDX");
    assert_eq!(bom["specVersion"], "1.5");
    let manifest: toml::Value = toml::from_str(&read("Cargo.toml")).unwrap();
    let version = manifest["package"]["version"].as_str().unwrap();
    assert_eq!(bom["metadata"]["component"]["name"], "saju");
    assert_eq!(bom["metadata"]["component"]["version"], version);
    assert_eq!(version, binary_version());

    // Cargo.lock: name@version → checksum.
    let lock: toml::Value = toml::from_str(&read("Cargo.lock")).unwrap();
    let mut locked: BTreeMap<(String, String), Option<String>> = BTreeMap::new();
    for p in lock["package"].as_array().unwrap() {
        let key = (p["name"].as_str().unwrap().to_string(), p["version"].as_str().unwrap().to_string());
        locked.insert(key, p.get("checksum").and_then(|c| c.as_str()).map(String::from));
    }
    let components = bom["components"].as_array().unwrap();
    let mut listed = BTreeMap::new();
    for c in components {
        let (name, ver) = (c["name"].as_str().unwrap().to_string(), c["version"].as_str().unwrap().to_string());
        let key = (name.clone(), ver.clone());
        let checksum = locked.get(&key).unwrap_or_else(|| panic!("{name} {ver} is in the SBOM but not in Cargo.lock"));
        assert_eq!(c["purl"], format!("pkg:cargo/{name}@{ver}"), "{name}");
        // The crate's hash is the one Cargo.lock pins (crates.io's .crate SHA-256).
        let sha = c["hashes"].as_array().and_then(|h| h.iter().find(|h| h["alg"] == "SHA-256"));
        assert_eq!(sha.map(|h| h["content"].as_str().unwrap().to_string()), checksum.clone(), "{name} {ver} hash");
        listed.insert(name, ver);
    }
    // The crates the binary is made of, with their locked versions; dev-only crates and other platforms' are not.
    let lock_version = |name: &str| {
        let v: Vec<&String> = locked.keys().filter(|(n, _)| n == name).map(|(_, v)| v).collect();
        assert_eq!(v.len(), 1, "{name} locked once: {v:?}");
        v[0].clone()
    };
    for name in ["poem", "poem-openapi", "redb", "wasmtime", "tokio", "candle-core", "tokenizers", "rustls", "jiff"] {
        assert_eq!(listed.get(name), Some(&lock_version(name)), "{name} in the SBOM at its locked version");
    }
    for absent in ["criterion", "proptest", "tyme4rs", "yaml-rust2", "wat", "windows-sys"] {
        assert!(!listed.contains_key(absent), "{absent} is not part of the Linux binary but is in the SBOM");
    }
    eprintln!("sbom: {} components of {} locked packages", components.len(), locked.len());
    assert!(components.len() > 250, "{} components", components.len());

    // Reproducible: the same checkout gives the same bytes (no timestamp, no serial number).
    let again = dir.path().join("again.cdx.json");
    let out = bash("scripts/sbom.sh", &["--out", again.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&again).unwrap(), bytes, "two runs differ");
}

/// `dpkg-deb -c`: path → (mode string, owner/group) of every entry.
fn deb_listing(deb: &Path) -> BTreeMap<String, (String, String)> {
    let out = tool("dpkg-deb", &["-c", deb.to_str().unwrap()]);
    assert!(out.status.success(), "dpkg-deb -c: {}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[5].trim_start_matches("./").trim_end_matches('/').to_string(), (f[0].to_string(), f[1].to_string()))
        })
        .filter(|(p, _)| !p.is_empty())
        .collect()
}

fn dpkg(root: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new("dpkg");
    // Scripts run outside a chroot with DPKG_ROOT set; nothing in root's database provides libc6.
    cmd.arg(format!("--root={}", root.display()))
        .args(["--force-script-chrootless", "--force-depends", "--force-confold"])
        .arg(format!("--log={}", root.join("dpkg.log").display()))
        .args(args);
    let out = run_bounded(cmd, Duration::from_secs(120));
    assert!(out.status.success(), "dpkg {args:?}:\n{}{}", text(&out.stdout), text(&out.stderr));
    out
}

fn owner(path: &Path) -> (u32, u32, u32) {
    let m = std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (m.uid(), m.gid(), m.permissions().mode() & 0o7777)
}

#[test]
fn deb_package_installs_the_binary_units_user_and_config() {
    if !cargo_has("deb") || !tool_works("dpkg-deb", &["--version"]) || !tool_works("objdump", &["--version"]) {
        eprintln!("SKIP deb: cargo-deb, dpkg-deb or objdump (Debian package binutils) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = bash("scripts/deb.sh", &["--binary", BIN, "--out", dir.path().to_str().unwrap(), "--fast"]);
    assert!(out.status.success(), "deb.sh: {}", text(&out.stderr));
    let version = binary_version();
    let deb = dir.path().join(format!("saju_{version}-1_amd64.deb"));
    assert_eq!(text(&out.stdout).trim(), deb.to_str().unwrap());

    // The control file: the binary's version, its own glibc floor as libc6's version, the two conffiles.
    let field = |name: &str| text(&tool("dpkg-deb", &["-f", deb.to_str().unwrap(), name]).stdout).trim().to_string();
    assert_eq!(field("Package"), "saju");
    assert_eq!(field("Version"), format!("{version}-1"));
    assert_eq!(field("Architecture"), "amd64");
    let depends = field("Depends");
    let floor = text(&bash("scripts/glibc-floor.sh", &[BIN]).stdout).trim().to_string();
    assert!(depends.contains(&format!("libc6 (>= {floor})")), "Depends: {depends} (the binary needs glibc {floor})");
    assert!(depends.contains("passwd"), "useradd comes from passwd: {depends}");
    let control = dir.path().join("control");
    assert!(tool("dpkg-deb", &["-e", deb.to_str().unwrap(), control.to_str().unwrap()]).status.success());
    assert_eq!(
        std::fs::read_to_string(control.join("conffiles")).unwrap(),
        "/etc/saju/saju.toml\n/etc/saju/saju.env\n"
    );
    for script in ["postinst", "prerm", "postrm"] {
        assert_eq!(std::fs::read_to_string(control.join(script)).unwrap(), read(&format!("deploy/deb/{script}")));
        assert_eq!(owner(&control.join(script)).2 & 0o111, 0o111, "{script} is executable");
    }
    if tool_works("shellcheck", &["--version"]) {
        let mut cmd = Command::new("shellcheck");
        cmd.arg("-x").args(["deploy/deb/postinst", "deploy/deb/prerm", "deploy/deb/postrm"]).current_dir(repo());
        let out = run_bounded(cmd, Duration::from_secs(60));
        assert!(out.status.success(), "shellcheck:\n{}", text(&out.stdout));
    }

    // The files, their modes and owners (all root in the archive; postinst gives saju its own).
    let listing = deb_listing(&deb);
    let files: BTreeMap<&str, &str> = [
        ("usr/bin/saju", "-rwxr-xr-x"),
        ("etc/saju/saju.toml", "-rw-r-----"),
        ("etc/saju/saju.env", "-rw-r-----"),
        ("usr/lib/systemd/system/saju.service", "-rw-r--r--"),
        ("usr/lib/systemd/system/saju-backup.service", "-rw-r--r--"),
        ("usr/lib/systemd/system/saju-backup.timer", "-rw-r--r--"),
        ("usr/lib/saju/saju_account.sh", "-rw-r--r--"),
        ("usr/share/doc/saju/saju.example.toml", "-rw-r--r--"),
        ("usr/share/doc/saju/operations.md", "-rw-r--r--"),
        ("usr/share/doc/saju/copyright", "-rw-r--r--"),
    ]
    .into();
    let regular: BTreeMap<&str, &str> =
        listing.iter().filter(|(_, (m, _))| m.starts_with('-')).map(|(p, (m, _))| (p.as_str(), m.as_str())).collect();
    assert_eq!(regular, files, "the .deb's files and modes");
    assert!(listing.values().all(|(_, o)| o == "0/0" || o == "root/root"), "{listing:?}");

    // Unpacked: the binary runs, the config is install.sh's and valid, the units run /usr/bin/saju and verify.
    let x = dir.path().join("x");
    assert!(tool("dpkg-deb", &["-x", deb.to_str().unwrap(), x.to_str().unwrap()]).status.success());
    let bin = x.join("usr/bin/saju");
    let ran = tool(bin.to_str().unwrap(), &["--version"]);
    assert_eq!(text(&ran.stdout).trim(), format!("saju {version}"));
    assert!(std::fs::metadata(&bin).unwrap().len() < std::fs::metadata(BIN).unwrap().len(), "stripped");
    assert_eq!(std::fs::read_to_string(x.join("etc/saju/saju.toml")).unwrap(), expected_config());
    assert_eq!(std::fs::read_to_string(x.join("etc/saju/saju.env")).unwrap(), read("systemd/saju.env.example"));
    assert_eq!(
        std::fs::read_to_string(x.join("usr/lib/saju/saju_account.sh")).unwrap(),
        read("scripts/lib/saju_account.sh")
    );
    let checked = run_bounded(
        saju(&["check-config", "--config", x.join("etc/saju/saju.toml").to_str().unwrap()]),
        Duration::from_secs(30),
    );
    assert!(checked.status.success() && text(&checked.stdout).contains("data_dir = \"/var/lib/saju\""));
    let units = ["saju.service", "saju-backup.service", "saju-backup.timer"];
    for unit in units {
        let shipped = std::fs::read_to_string(x.join("usr/lib/systemd/system").join(unit)).unwrap();
        let expected = read(&format!("systemd/{unit}")).replace("/usr/local/", "/usr/");
        assert_eq!(shipped, expected, "{unit}: the repository's unit with /usr paths");
    }
    assert!(read("systemd/saju.service").contains("ExecStart=/usr/local/bin/saju serve"));
    if tool_works("systemd-analyze", &["--version"]) {
        let units_dir = dir.path().join("units");
        std::fs::create_dir(&units_dir).unwrap();
        for unit in units {
            let text = std::fs::read_to_string(x.join("usr/lib/systemd/system").join(unit)).unwrap();
            std::fs::write(units_dir.join(unit), text.replace("/usr/bin/saju", bin.to_str().unwrap())).unwrap();
        }
        let mut verify = Command::new("systemd-analyze");
        verify.arg("verify").args(units).current_dir(&units_dir);
        let out = run_bounded(verify, Duration::from_secs(60));
        let err = text(&out.stderr);
        assert!(out.status.success() && !err.contains("saju"), "systemd-analyze verify (the .deb's units):\n{err}");
    } else {
        eprintln!("SKIP systemd-analyze verify of the .deb's units: systemd-analyze is not installed");
    }

    // Installed by the real dpkg into a temporary root, its maintainer scripts run with DPKG_ROOT (as root only:
    // they chown; the account goes into the root's own /etc/passwd, nothing on this host changes).
    let uid = text(&tool("id", &["-u"]).stdout).trim().to_string();
    if uid != "0" || !tool_works("dpkg", &["--version"]) {
        eprintln!("SKIP dpkg --root install of the .deb: needs root (chown) and dpkg");
        return;
    }
    let root = dir.path().join("root");
    for d in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "etc"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    for (f, content) in [
        ("var/lib/dpkg/status", ""),
        ("var/lib/dpkg/available", ""),
        ("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"),
        ("etc/group", "root:x:0:\n"),
        ("etc/shadow", ""),
        ("etc/gshadow", ""),
    ] {
        std::fs::write(root.join(f), content).unwrap();
    }
    let host_passwd = std::fs::read("/etc/passwd").unwrap();
    let installed = text(&dpkg(&root, &["-i", deb.to_str().unwrap()]).stdout);
    assert!(installed.contains("created user saju"), "{installed}");
    let passwd = std::fs::read_to_string(root.join("etc/passwd")).unwrap();
    let entry: Vec<&str> =
        passwd.lines().find(|l| l.starts_with("saju:")).expect("saju in the root's passwd").split(':').collect();
    assert_eq!(&entry[5..], ["/var/lib/saju", "/usr/sbin/nologin"]);
    let (su, sg): (u32, u32) = (entry[2].parse().unwrap(), entry[3].parse().unwrap());
    assert!(su > 0 && su < 1000, "a system uid: {su}");
    assert!(std::fs::read_to_string(root.join("etc/group")).unwrap().contains(&format!("saju:x:{sg}:")));
    assert_eq!(std::fs::read("/etc/passwd").unwrap(), host_passwd, "the host's accounts are untouched");
    assert_eq!(owner(&root.join("etc/saju")), (0, sg, 0o750));
    assert_eq!(owner(&root.join("etc/saju/saju.toml")), (0, sg, 0o640));
    assert_eq!(owner(&root.join("etc/saju/saju.env")), (0, sg, 0o640));
    assert_eq!(owner(&root.join("var/lib/saju")), (su, sg, 0o750));
    assert_eq!(owner(&root.join("var/lib/saju/backups")), (su, sg, 0o750));
    assert_eq!(owner(&root.join("usr/bin/saju")), (0, 0, 0o755));
    let status = text(&tool("dpkg", &[&format!("--root={}", root.display()), "-s", "saju"]).stdout);
    assert!(status.contains("Status: install ok installed"), "{status}");

    // Upgrade (the same package again: postinst configure with the old version): the operator's config edit is
    // kept, a root-owned backups/ is handed back, the account is not made twice.
    let edited = format!("{}# edited by the operator\n", expected_config());
    std::fs::write(root.join("etc/saju/saju.toml"), &edited).unwrap();
    std::os::unix::fs::chown(root.join("var/lib/saju/backups"), Some(0), Some(0)).unwrap();
    std::fs::write(root.join("var/lib/saju/saju.redb"), b"data").unwrap();
    let again = text(&dpkg(&root, &["-i", deb.to_str().unwrap()]).stdout);
    assert!(!again.contains("created user"), "{again}");
    assert_eq!(std::fs::read_to_string(root.join("etc/saju/saju.toml")).unwrap(), edited);
    assert_eq!(owner(&root.join("etc/saju/saju.toml")), (0, sg, 0o640));
    assert_eq!(owner(&root.join("var/lib/saju/backups")), (su, sg, 0o750));
    let accounts = std::fs::read_to_string(root.join("etc/passwd")).unwrap();
    assert_eq!(accounts.lines().filter(|l| l.starts_with("saju:")).count(), 1, "{accounts}");

    // Remove: the program and units go, the config and the data stay. Purge: the config goes, the data stays.
    dpkg(&root, &["-r", "saju"]);
    for gone in ["usr/bin/saju", "usr/lib/systemd/system/saju.service", "usr/lib/saju/saju_account.sh"] {
        assert!(!root.join(gone).exists(), "{gone} after remove");
    }
    assert_eq!(std::fs::read_to_string(root.join("etc/saju/saju.toml")).unwrap(), edited, "conffiles stay on remove");
    dpkg(&root, &["-P", "saju"]);
    assert!(!root.join("etc/saju").exists(), "purge removes /etc/saju");
    assert_eq!(std::fs::read(root.join("var/lib/saju/saju.redb")).unwrap(), b"data", "purge keeps the data");
    let listed: BTreeSet<String> = std::fs::read_dir(root.join("var/lib/saju"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(listed, BTreeSet::from(["backups".to_string(), "saju.redb".to_string()]));
}

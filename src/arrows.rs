//! The dependency rule, checked: every `crate::<module>` path in `src/<module>/…` must be an edge of the
//! table in `docs/architecture.md` ("Arrows"), so the documented map and the code cannot drift apart.

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// `module → modules it may use`, from the table between the `<!-- arrows -->` markers.
    fn documented() -> BTreeMap<String, BTreeSet<String>> {
        let doc = include_str!("../docs/architecture.md");
        let start = doc.find("<!-- arrows -->").expect("docs/architecture.md has the arrows table");
        let end = doc[start..].find("<!-- /arrows -->").expect("the arrows table ends") + start;
        let mut table = BTreeMap::new();
        for line in doc[start..end].lines().filter(|l| l.starts_with("| `")) {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let name = cells[0].trim_matches('`').to_string();
            let uses = cells[1]
                .split(',')
                .map(|c| c.trim().trim_matches('`').to_string())
                .filter(|c| !c.is_empty() && c != "—");
            table.insert(name, uses.collect());
        }
        table
    }

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The top-level modules a file names with `crate::`, including inside `use crate::{a, b::c}`.
    fn named_modules(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let ident = |s: &str| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>();
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                out.extend(inner.split(',').map(|p| ident(p.trim())).filter(|m| !m.is_empty()));
            } else {
                out.insert(ident(rest));
            }
        }
        out.retain(|m| !m.is_empty() && m.chars().next().is_some_and(|c| c.is_ascii_lowercase()));
        out
    }

    #[test]
    fn every_crate_path_follows_the_documented_arrows() {
        let table = documented();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut broken = Vec::new();
        for file in files {
            let relative = file.strip_prefix(&src).unwrap();
            let first = relative.iter().next().unwrap().to_string_lossy().trim_end_matches(".rs").to_string();
            if matches!(first.as_str(), "lib" | "main" | "arrows") {
                continue;
            }
            let Some(allowed) = table.get(&first) else {
                broken.push(format!("src/{first} is not in the arrows table of docs/architecture.md"));
                continue;
            };
            for module in named_modules(&std::fs::read_to_string(&file).unwrap()) {
                if module != first && !allowed.contains(&module) {
                    broken.push(format!("{} uses crate::{module}, which {first} may not", relative.display()));
                }
            }
        }
        assert!(broken.is_empty(), "arrows broken:\n{}", broken.join("\n"));
    }

    #[test]
    fn the_table_has_no_cycles() {
        let table = documented();
        fn reaches(
            table: &BTreeMap<String, BTreeSet<String>>,
            from: &str,
            to: &str,
            seen: &mut BTreeSet<String>,
        ) -> bool {
            table.get(from).is_some_and(|next| {
                next.iter().any(|n| n == to || (seen.insert(n.clone()) && reaches(table, n, to, seen)))
            })
        }
        for module in table.keys() {
            assert!(!reaches(&table, module, module, &mut BTreeSet::new()), "{module} reaches itself");
        }
    }
}

//! What HTTP asks of every response beyond its body: `WWW-Authenticate: Bearer` on a 401 (RFC 9110 §11.6.1),
//! `Allow` with the path's methods on a 405 (§15.5.6), and one `Host` header per request (RFC 9112 §3.2:
//! a request with two is answered 400).

use poem::http::{HeaderValue, Method};
use poem::{Request, Response};

/// The request carries more than one `Host` header.
pub fn duplicate_host(req: &Request) -> bool {
    req.headers().get_all("host").iter().nth(1).is_some()
}

/// Adds the headers a 401 or a 405 must carry, when the handler did not.
pub fn complete(req_path: &str, resp: &mut Response) {
    match resp.status().as_u16() {
        401 if !resp.headers().contains_key("www-authenticate") => {
            resp.headers_mut().insert("www-authenticate", HeaderValue::from_static(r#"Bearer realm="saju""#));
        }
        405 if !resp.headers().contains_key("allow") => {
            if let Some(allow) = allowed_methods(req_path).and_then(|a| HeaderValue::from_str(&a).ok()) {
                resp.headers_mut().insert("allow", allow);
            }
        }
        _ => {}
    }
}

/// The methods the API serves at `path`, from the OpenAPI spec (its templates' `{param}` segments match any
/// one segment), with `OPTIONS` when CORS may answer a preflight. `None` for a path the spec does not have.
pub fn allowed_methods(path: &str) -> Option<String> {
    static PATHS: std::sync::OnceLock<Vec<(Vec<String>, Vec<String>)>> = std::sync::OnceLock::new();
    let paths = PATHS.get_or_init(|| {
        let spec: serde_json::Value = serde_json::from_str(&super::openapi_service().spec()).expect("spec JSON");
        let paths = spec["paths"].as_object().cloned().unwrap_or_default();
        paths
            .iter()
            .map(|(template, ops)| {
                let segments = template.split('/').map(str::to_string).collect();
                let methods =
                    ops.as_object().map(|o| o.keys().map(|m| m.to_ascii_uppercase()).collect()).unwrap_or_default();
                (segments, methods)
            })
            .collect()
    });
    let segments: Vec<&str> = path.split('/').collect();
    let (_, methods) = paths.iter().find(|(template, _)| {
        template.len() == segments.len() && template.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s)
    })?;
    let mut methods = methods.clone();
    if methods.iter().any(|m| m == Method::GET.as_str()) {
        methods.push(Method::HEAD.to_string());
    }
    Some(methods.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_lists_the_spec_s_methods_for_a_templated_path() {
        let allow = allowed_methods("/v1/profiles/abc").expect("a profile path");
        for m in ["GET", "DELETE"] {
            assert!(allow.contains(m), "{allow}");
        }
        assert!(!allow.contains("POST"), "{allow}");
        assert_eq!(allowed_methods("/v1/no/such/path"), None);
    }
}

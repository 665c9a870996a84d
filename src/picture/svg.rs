//! A tiny SVG writer: escaped text, elements with attributes only (no `style`, so the page's CSP allows
//! the picture inline), and the colours of the five elements.

use std::fmt::Write;

/// Fonts the reader's system is likely to have; no web fonts, so the picture works air-gapped.
pub const FONT_FAMILY: &str = "'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', \
                               'Nanum Gothic', sans-serif";

pub const INK: &str = "#1f2933";
pub const MUTED: &str = "#52606d";
pub const LINE: &str = "#cbd2d9";
pub const ACCENT: &str = "#8a4b2a";

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An element's hangul, hanja, fill and the text colour that reads on that fill (contrast ≥ 4.5:1).
pub struct ElementLook {
    pub hangul: &'static str,
    pub hanja: &'static str,
    pub fill: &'static str,
    pub text: &'static str,
}

/// The look of an element by its JSON code (`wood`, `fire`, `earth`, `metal`, `water`).
pub fn element_look(code: &str) -> ElementLook {
    let (hangul, hanja, fill, text) = match code {
        "wood" => ("목", "木", "#2f7d4f", "#ffffff"),
        "fire" => ("화", "火", "#c0392b", "#ffffff"),
        "earth" => ("토", "土", "#e0b43c", "#1f2933"),
        "metal" => ("금", "金", "#e4e7eb", "#1f2933"),
        "water" => ("수", "水", "#1f3a5f", "#ffffff"),
        _ => ("?", "?", "#ffffff", INK),
    };
    ElementLook { hangul, hanja, fill, text }
}

/// Accumulates SVG markup.
#[derive(Default)]
pub struct Canvas {
    pub body: String,
}

impl Canvas {
    pub fn rect(&mut self, (x, y): (f64, f64), (w, h): (f64, f64), fill: &str, stroke: &str, extra: &str) {
        let _ = write!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="6" fill="{fill}" stroke="{stroke}"{extra}/>"#
        );
    }

    /// Text anchored at (x, y); `anchor` is `start`, `middle` or `end`.
    pub fn text(&mut self, (x, y): (f64, f64), size: f64, fill: &str, anchor: &str, weight: &str, text: &str) {
        let _ = write!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{fill}" text-anchor="{anchor}" font-weight="{weight}">{}</text>"#,
            escape(text)
        );
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str) {
        let _ = write!(self.body, r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}"/>"#);
    }

    pub fn open_group(&mut self, label: &str) {
        let _ = write!(self.body, r#"<g role="group" aria-label="{}">"#, escape(label));
    }

    pub fn close_group(&mut self) {
        self.body.push_str("</g>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
        assert_eq!(escape("a\u{1}b\nc"), "ab\nc");
        assert_eq!(escape("경금(庚金)"), "경금(庚金)");
    }
}

//! Column layout for terminal tables with wide (Korean, Chinese) characters.

use unicode_width::UnicodeWidthStr;

/// Pads `s` with spaces to `width` terminal columns (never truncates).
pub fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    let mut out = String::with_capacity(s.len() + width.saturating_sub(w));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Centers `s` within `width` columns.
pub fn center(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    let total = width.saturating_sub(w);
    let left = total / 2;
    format!("{}{}{}", " ".repeat(left), s, " ".repeat(total - left))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(pad("갑자", 6), "갑자  ");
        assert_eq!(center("甲", 6), "  甲  ");
        assert_eq!(pad("abcdefg", 3), "abcdefg");
    }
}

//! 오행 분포: how much of each element the chart holds.
//!
//! Two counts per element:
//! - `plain`: each visible character counts 1: four stems and four branches (three and three when the
//!   hour is unknown), a branch by its own element (자 수, 축 토, …).
//! - `weighted`: each stem counts [`STEM_WEIGHT`] (1.0); each branch counts 1.0 split over its hidden
//!   stems by [`hidden_stem_shares`] (정기 0.6, 여기 0.2, 중기 0.2 in a three-stem branch; 정기 0.7,
//!   여기 0.3 in a two-stem branch), and the month branch is multiplied by [`MONTH_BRANCH_FACTOR`] (×2)
//!   because it rules the season (월령). A full chart therefore totals 9.0, a three-pillar chart 7.0.
//!   Weighted values are rounded to two decimals.

use serde::Serialize;

use super::hidden_stems::{hidden_stems, HiddenRole};
use super::ser;
use crate::saju::ganzhi::{Branch, Element, Stem};
use crate::saju::pillars::{FourPillars, Position};

/// Weight of one visible stem.
pub const STEM_WEIGHT: f64 = 1.0;
/// Multiplier for the month branch (월령), which rules the season.
pub const MONTH_BRANCH_FACTOR: f64 = 2.0;

/// Share of a branch given to each of its hidden stems; the shares of a branch add up to 1.0.
/// Three stems: 여기 0.2, 중기 0.2, 정기 0.6. Two stems: 여기 0.3, 정기 0.7.
pub fn hidden_stem_shares(b: Branch) -> impl Iterator<Item = (Stem, f64)> {
    let stems = hidden_stems(b);
    let three = stems.len() >= 3;
    stems.iter().map(move |&(stem, role)| {
        let share = match (role, three) {
            (HiddenRole::Jeonggi, true) => 0.6,
            (HiddenRole::Jeonggi, false) => 0.7,
            (HiddenRole::Yeogi, false) => 0.3,
            (HiddenRole::Yeogi, true) | (HiddenRole::Junggi, _) => 0.2,
        };
        (stem, share)
    })
}

/// The weight of the branch at `pos` before splitting it over hidden stems.
pub const fn branch_weight(pos: Position) -> f64 {
    match pos {
        Position::Month => MONTH_BRANCH_FACTOR,
        _ => 1.0,
    }
}

/// One element's counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct ElementScore {
    #[serde(serialize_with = "ser::element")]
    pub element: Element,
    /// Visible characters of this element (stems plus branches by their own element).
    pub plain: u8,
    /// Weighted strength: stems, and branches through their hidden stems (see the module doc).
    pub weighted: f64,
}

/// The five elements' counts, in generating order (목 화 토 금 수).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct ElementBalance {
    pub elements: [ElementScore; 5],
    /// Visible characters counted: 8, or 6 when the hour is unknown.
    pub characters: u8,
}

impl ElementBalance {
    pub const fn get(&self, e: Element) -> &ElementScore {
        &self.elements[e.index()]
    }

    /// Elements with no visible character (plain count 0), in generating order.
    pub fn missing(&self) -> Vec<Element> {
        self.elements.iter().filter(|s| s.plain == 0).map(|s| s.element).collect()
    }

    /// Elements absent even from the hidden stems (weighted 0), in generating order.
    pub fn absent_even_hidden(&self) -> Vec<Element> {
        self.elements.iter().filter(|s| s.weighted <= 0.0).map(|s| s.element).collect()
    }

    /// The strongest element by weighted count; ties go to the higher plain count, then to the
    /// earlier element in generating order.
    pub fn dominant(&self) -> Element {
        let mut best = self.elements[0];
        for s in &self.elements[1..] {
            let better = s.weighted > best.weighted + 1e-4
                || ((s.weighted - best.weighted).abs() <= 1e-4 && s.plain > best.plain);
            if better {
                best = *s;
            }
        }
        best.element
    }
}

/// Counts the elements of the known pillars.
pub fn element_balance(p: &FourPillars) -> ElementBalance {
    let mut plain = [0u8; 5];
    let mut weighted = [0f64; 5];
    let mut characters = 0u8;
    for (pos, g) in p.known() {
        plain[g.stem().element().index()] += 1;
        plain[g.branch().element().index()] += 1;
        characters += 2;
        weighted[g.stem().element().index()] += STEM_WEIGHT;
        let factor = branch_weight(pos);
        for (stem, share) in hidden_stem_shares(g.branch()) {
            weighted[stem.element().index()] += share * factor;
        }
    }
    let elements = Element::ALL.map(|element| ElementScore {
        element,
        plain: plain[element.index()],
        weighted: (weighted[element.index()] * 100.0).round() / 100.0,
    });
    ElementBalance { elements, characters }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::saju::ganzhi::GanZhi;

    fn pillars(y: &str, m: &str, d: &str, h: Option<&str>) -> FourPillars {
        let g = |s: &str| GanZhi::parse(s).unwrap();
        FourPillars { year: g(y), month: g(m), day: g(d), hour: h.map(g) }
    }

    #[test]
    fn shares_add_up_to_one() {
        for b in Branch::all() {
            let total: f64 = hidden_stem_shares(b).map(|(_, s)| s).sum();
            assert!((total - 1.0).abs() < 1e-6, "{}", b.hangul());
            let main = hidden_stem_shares(b).last().map(|(_, s)| s).unwrap_or(0.0);
            assert!(main >= 0.6);
        }
    }

    /// 갑자년 병인월 무오일 (2000-01-01's day) 임자시: a typical mixed chart.
    #[test]
    fn full_chart_counts() {
        let p = pillars("갑자", "병인", "무오", Some("임자"));
        let b = element_balance(&p);
        assert_eq!(b.characters, 8);
        let plain: Vec<u8> = b.elements.iter().map(|s| s.plain).collect();
        // Stems 갑목 병화 무토 임수; branches 자수 인목 오화 자수.
        assert_eq!(plain, [2, 2, 1, 0, 3]);
        assert_eq!(b.missing(), vec![Element::Metal]);
        let total: f64 = b.elements.iter().map(|s| s.weighted).sum();
        assert!((total - 9.0).abs() < 0.02);
        // 인 ×2: 무 0.4, 병 0.4, 갑 1.2. Wood = 갑 1 + 1.2 = 2.2.
        assert!((b.get(Element::Wood).weighted - 2.2).abs() < 1e-4);
        // Water = 임 1 + 자 1 + 자 1 = 3.0.
        assert!((b.get(Element::Water).weighted - 3.0).abs() < 1e-4);
        assert_eq!(b.dominant(), Element::Water);
        // Metal is absent from the stems and from every hidden stem here.
        assert_eq!(b.absent_even_hidden(), vec![Element::Metal]);
    }

    #[test]
    fn three_pillar_chart_counts_six_characters() {
        let p = pillars("임오", "임자", "병인", None);
        let b = element_balance(&p);
        assert_eq!(b.characters, 6);
        assert_eq!(b.elements.iter().map(|s| s.plain as u32).sum::<u32>(), 6);
        let total: f64 = b.elements.iter().map(|s| s.weighted).sum();
        assert!((total - 7.0).abs() < 0.02);
        // 임 + 임 + 자 month ×2 = water 4.0.
        assert!((b.get(Element::Water).weighted - 4.0).abs() < 1e-4);
        assert_eq!(b.dominant(), Element::Water);
        assert_eq!(b.missing(), vec![Element::Earth, Element::Metal]);
    }

    #[test]
    fn dominant_ties_go_to_the_more_visible_element() {
        // 경오 무자 병인: fire 병 1 + 오 0.8 + 인 0.2 = 2.0; water 자 ×2 = 2.0; fire has 2 visible characters.
        let b = element_balance(&pillars("경오", "무자", "병인", None));
        assert!((b.get(Element::Fire).weighted - 2.0).abs() < 1e-4);
        assert!((b.get(Element::Water).weighted - 2.0).abs() < 1e-4);
        assert_eq!(b.dominant(), Element::Fire);
    }

    #[test]
    fn serializes_with_element_codes() {
        let b = element_balance(&pillars("갑자", "갑자", "갑자", None));
        let json = serde_json::to_value(b).unwrap();
        assert_eq!(json["elements"][0]["element"], "wood");
        assert_eq!(json["elements"][4]["plain"], 3);
        assert_eq!(json["characters"], 6);
    }
}

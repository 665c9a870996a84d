//! 십신 (十神): how each stem relates to the day master (일간).
//!
//! By the other stem's element relative to the day master's: same element → 비견/겁재; the element the
//! day master produces → 식신/상관; the one it controls → 편재/정재; the one controlling it → 편관/정관;
//! the one producing it → 편인/정인. The first of each pair has the same polarity as the day master.
//! A branch takes the ten god of its main hidden stem (정기/본기), so 자 (정기 계) is yin water and
//! 오 (정기 정) is yin fire, whatever the branch's positional polarity.

use serde::Serialize;

use super::hidden_stems::main_hidden_stem;
use crate::saju::ganzhi::{Branch, Element, Stem};

/// One of the ten gods. Serializes as its code (`bi_gyeon`, `geop_jae`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TenGod {
    BiGyeon,
    GeopJae,
    SikSin,
    SangGwan,
    PyeonJae,
    JeongJae,
    PyeonGwan,
    JeongGwan,
    PyeonIn,
    JeongIn,
}

/// The five pairs of ten gods. Serializes as its code (`bi_geop`, `sik_sang`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TenGodGroup {
    /// 비겁: same element as the day master.
    BiGeop,
    /// 식상: the element the day master produces.
    SikSang,
    /// 재성: the element the day master controls.
    JaeSeong,
    /// 관성: the element that controls the day master.
    GwanSeong,
    /// 인성: the element that produces the day master.
    InSeong,
}

impl TenGodGroup {
    pub const ALL: [TenGodGroup; 5] = [
        TenGodGroup::BiGeop,
        TenGodGroup::SikSang,
        TenGodGroup::JaeSeong,
        TenGodGroup::GwanSeong,
        TenGodGroup::InSeong,
    ];

    /// Steps along the generating cycle from the day master's element to this group's element.
    const fn steps(self) -> usize {
        match self {
            TenGodGroup::BiGeop => 0,
            TenGodGroup::SikSang => 1,
            TenGodGroup::JaeSeong => 2,
            TenGodGroup::GwanSeong => 3,
            TenGodGroup::InSeong => 4,
        }
    }

    /// The group an element belongs to for a day master of element `day_element`.
    pub const fn of_element(day_element: Element, other: Element) -> TenGodGroup {
        TenGodGroup::ALL[(other.index() + 5 - day_element.index()) % 5]
    }

    /// The element this group stands for when the day master's element is `day_element`.
    pub const fn element_for(self, day_element: Element) -> Element {
        Element::from_index(day_element.index() + self.steps())
    }

    pub const fn hangul(self) -> &'static str {
        ["비겁", "식상", "재성", "관성", "인성"][self.steps()]
    }

    pub const fn hanja(self) -> &'static str {
        ["比劫", "食傷", "財星", "官星", "印星"][self.steps()]
    }

    pub const fn code(self) -> &'static str {
        ["bi_geop", "sik_sang", "jae_seong", "gwan_seong", "in_seong"][self.steps()]
    }
}

impl TenGod {
    pub const ALL: [TenGod; 10] = [
        TenGod::BiGyeon,
        TenGod::GeopJae,
        TenGod::SikSin,
        TenGod::SangGwan,
        TenGod::PyeonJae,
        TenGod::JeongJae,
        TenGod::PyeonGwan,
        TenGod::JeongGwan,
        TenGod::PyeonIn,
        TenGod::JeongIn,
    ];

    pub const fn index(self) -> usize {
        self as usize
    }

    pub const fn hangul(self) -> &'static str {
        ["비견", "겁재", "식신", "상관", "편재", "정재", "편관", "정관", "편인", "정인"][self.index()]
    }

    /// Korean hanja (traditional forms; 편관 is also called 칠살 七殺).
    pub const fn hanja(self) -> &'static str {
        ["比肩", "劫財", "食神", "傷官", "偏財", "正財", "偏官", "正官", "偏印", "正印"][self.index()]
    }

    pub const fn code(self) -> &'static str {
        [
            "bi_gyeon",
            "geop_jae",
            "sik_sin",
            "sang_gwan",
            "pyeon_jae",
            "jeong_jae",
            "pyeon_gwan",
            "jeong_gwan",
            "pyeon_in",
            "jeong_in",
        ][self.index()]
    }

    /// The ten god with this [`TenGod::code`] (`pyeon_gwan`).
    pub fn from_code(code: &str) -> Option<TenGod> {
        TenGod::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The ten god with this [`TenGod::hangul`] name (`편관`).
    pub fn from_hangul(name: &str) -> Option<TenGod> {
        TenGod::ALL.into_iter().find(|t| t.hangul() == name)
    }

    pub const fn group(self) -> TenGodGroup {
        TenGodGroup::ALL[self.index() / 2]
    }

    /// True for the same-polarity member of each pair (비견 식신 편재 편관 편인).
    pub const fn same_polarity(self) -> bool {
        self.index().is_multiple_of(2)
    }
}

/// The ten god of stem `other` seen from `day_master`.
pub const fn ten_god(day_master: Stem, other: Stem) -> TenGod {
    let group = TenGodGroup::of_element(day_master.element(), other.element());
    let differs = (day_master.index() + other.index()) % 2;
    TenGod::ALL[group.steps() * 2 + differs]
}

/// The ten god of branch `b` seen from `day_master`, by the branch's main hidden stem (정기).
pub fn branch_ten_god(day_master: Stem, b: Branch) -> TenGod {
    ten_god(day_master, main_hidden_stem(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(h: &str) -> Stem {
        Stem::parse(h).unwrap()
    }

    fn branch(h: &str) -> Branch {
        Branch::parse(h).unwrap()
    }

    /// All 100 stem pairs, checked against lunar_python's SHI_SHEN table (七杀 = 편관, 劫财 = 겁재).
    /// Row = day master 갑..계, column = other stem 갑..계.
    #[test]
    fn every_stem_pair_matches_the_reference_table() {
        let rows = [
            "비견 겁재 식신 상관 편재 정재 편관 정관 편인 정인",
            "겁재 비견 상관 식신 정재 편재 정관 편관 정인 편인",
            "편인 정인 비견 겁재 식신 상관 편재 정재 편관 정관",
            "정인 편인 겁재 비견 상관 식신 정재 편재 정관 편관",
            "편관 정관 편인 정인 비견 겁재 식신 상관 편재 정재",
            "정관 편관 정인 편인 겁재 비견 상관 식신 정재 편재",
            "편재 정재 편관 정관 편인 정인 비견 겁재 식신 상관",
            "정재 편재 정관 편관 정인 편인 겁재 비견 상관 식신",
            "식신 상관 편재 정재 편관 정관 편인 정인 비견 겁재",
            "상관 식신 정재 편재 정관 편관 정인 편인 겁재 비견",
        ];
        for (dm, row) in Stem::all().zip(rows) {
            for (other, want) in Stem::all().zip(row.split(' ')) {
                assert_eq!(ten_god(dm, other).hangul(), want, "{} → {}", dm.hangul(), other.hangul());
            }
        }
    }

    #[test]
    fn a_stem_is_its_own_bi_gyeon() {
        for s in Stem::all() {
            assert_eq!(ten_god(s, s), TenGod::BiGyeon);
        }
    }

    #[test]
    fn controllers_are_gwan_and_producers_are_in() {
        for dm in Stem::all() {
            for other in Stem::all() {
                let g = ten_god(dm, other);
                if other.element().controls() == dm.element() {
                    assert!(matches!(g, TenGod::PyeonGwan | TenGod::JeongGwan));
                }
                if other.element().produces() == dm.element() {
                    assert_eq!(g.group(), TenGodGroup::InSeong);
                }
                if dm.element().controls() == other.element() {
                    assert_eq!(g.group(), TenGodGroup::JaeSeong);
                }
                assert_eq!(g.same_polarity(), dm.polarity() == other.polarity());
                assert_eq!(g.group().element_for(dm.element()), other.element());
            }
        }
    }

    /// Primer example: 일간 병화, 월지 자수 → 정관 (자의 정기 계수).
    #[test]
    fn branches_use_their_main_hidden_stem() {
        assert_eq!(branch_ten_god(stem("병"), branch("자")), TenGod::JeongGwan);
        assert_eq!(branch_ten_god(stem("갑"), branch("인")), TenGod::BiGyeon);
        assert_eq!(branch_ten_god(stem("갑"), branch("오")), TenGod::SangGwan);
        assert_eq!(branch_ten_god(stem("갑"), branch("사")), TenGod::SikSin);
        assert_eq!(branch_ten_god(stem("임"), branch("해")), TenGod::BiGyeon);
        assert_eq!(branch_ten_god(stem("경"), branch("진")), TenGod::PyeonIn);
        assert_eq!(branch_ten_god(stem("신"), branch("축")), TenGod::PyeonIn);
    }

    #[test]
    fn names_and_groups_line_up() {
        assert_eq!(TenGod::PyeonGwan.hanja(), "偏官");
        assert_eq!(TenGod::SangGwan.code(), "sang_gwan");
        assert_eq!(TenGod::JeongIn.group().hangul(), "인성");
        assert_eq!(TenGod::GeopJae.group(), TenGodGroup::BiGeop);
        for g in TenGod::ALL {
            let json = serde_json::to_string(&g).unwrap();
            assert_eq!(json, format!("\"{}\"", g.code()));
        }
        for g in TenGodGroup::ALL {
            assert_eq!(serde_json::to_string(&g).unwrap(), format!("\"{}\"", g.code()));
        }
    }
}

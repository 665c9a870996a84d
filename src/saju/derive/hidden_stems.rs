//! 지장간 (地藏干): the stems hidden in each branch, in the Korean 월률분야 order 여기 → 중기 → 정기.
//!
//! The table follows the Korean convention (the project primer): 자 임·계; 축 계·신·기; 인 무·병·갑;
//! 묘 갑·을; 진 을·계·무; 사 무·경·병; 오 병·기·정; 미 정·을·기; 신 무·임·경; 유 경·신; 술 신·정·무;
//! 해 무·갑·임. Branches with two stems have a 여기 and a 정기 only. The 정기 (본기) is the branch's
//! main stem and agrees with the Chinese tables (which list fewer 여기 stems, e.g. 子 癸 only).

use serde::Serialize;

use crate::saju::ganzhi::{Branch, Stem};

/// The role of a hidden stem within its branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HiddenRole {
    /// 여기 (餘氣): the residual qi of the previous month.
    Yeogi,
    /// 중기 (中氣): the middle qi (only in three-stem branches).
    Junggi,
    /// 정기 (正氣) or 본기: the branch's own main qi.
    Jeonggi,
}

impl HiddenRole {
    pub const fn hangul(self) -> &'static str {
        match self {
            HiddenRole::Yeogi => "여기",
            HiddenRole::Junggi => "중기",
            HiddenRole::Jeonggi => "정기",
        }
    }

    pub const fn hanja(self) -> &'static str {
        match self {
            HiddenRole::Yeogi => "餘氣",
            HiddenRole::Junggi => "中氣",
            HiddenRole::Jeonggi => "正氣",
        }
    }

    pub const fn code(self) -> &'static str {
        match self {
            HiddenRole::Yeogi => "yeogi",
            HiddenRole::Junggi => "junggi",
            HiddenRole::Jeonggi => "jeonggi",
        }
    }
}

use HiddenRole::{Jeonggi, Junggi, Yeogi};

const fn s(i: i64) -> Stem {
    Stem::new(i)
}

// Stem indices: 갑0 을1 병2 정3 무4 기5 경6 신7 임8 계9.
const JA: [(Stem, HiddenRole); 2] = [(s(8), Yeogi), (s(9), Jeonggi)];
const CHUK: [(Stem, HiddenRole); 3] = [(s(9), Yeogi), (s(7), Junggi), (s(5), Jeonggi)];
const IN: [(Stem, HiddenRole); 3] = [(s(4), Yeogi), (s(2), Junggi), (s(0), Jeonggi)];
const MYO: [(Stem, HiddenRole); 2] = [(s(0), Yeogi), (s(1), Jeonggi)];
const JIN: [(Stem, HiddenRole); 3] = [(s(1), Yeogi), (s(9), Junggi), (s(4), Jeonggi)];
const SA: [(Stem, HiddenRole); 3] = [(s(4), Yeogi), (s(6), Junggi), (s(2), Jeonggi)];
const O: [(Stem, HiddenRole); 3] = [(s(2), Yeogi), (s(5), Junggi), (s(3), Jeonggi)];
const MI: [(Stem, HiddenRole); 3] = [(s(3), Yeogi), (s(1), Junggi), (s(5), Jeonggi)];
const SIN: [(Stem, HiddenRole); 3] = [(s(4), Yeogi), (s(8), Junggi), (s(6), Jeonggi)];
const YU: [(Stem, HiddenRole); 2] = [(s(6), Yeogi), (s(7), Jeonggi)];
const SUL: [(Stem, HiddenRole); 3] = [(s(7), Yeogi), (s(3), Junggi), (s(4), Jeonggi)];
const HAE: [(Stem, HiddenRole); 3] = [(s(4), Yeogi), (s(0), Junggi), (s(8), Jeonggi)];

const TABLE: [&[(Stem, HiddenRole)]; 12] = [&JA, &CHUK, &IN, &MYO, &JIN, &SA, &O, &MI, &SIN, &YU, &SUL, &HAE];

/// The hidden stems of `b` in 여기 → 중기 → 정기 order (two or three entries; the last is the 정기).
pub fn hidden_stems(b: Branch) -> &'static [(Stem, HiddenRole)] {
    TABLE[b.index() % 12]
}

/// The 정기 (본기): the branch's main hidden stem, used for its ten god.
pub fn main_hidden_stem(b: Branch) -> Stem {
    match hidden_stems(b).last() {
        Some(&(stem, _)) => stem,
        // Every table row is non-empty; fall back to the stem of the branch's own element and polarity.
        None => Stem::new((b.element().index() * 2) as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(b: Branch) -> String {
        hidden_stems(b).iter().map(|(s, _)| s.hangul()).collect::<Vec<_>>().join("·")
    }

    #[test]
    fn table_matches_the_korean_primer() {
        let expected = [
            "임·계",
            "계·신·기",
            "무·병·갑",
            "갑·을",
            "을·계·무",
            "무·경·병",
            "병·기·정",
            "정·을·기",
            "무·임·경",
            "경·신",
            "신·정·무",
            "무·갑·임",
        ];
        for (b, want) in Branch::all().zip(expected) {
            assert_eq!(render(b), want, "{}", b.hangul());
        }
    }

    #[test]
    fn roles_are_yeogi_then_junggi_then_jeonggi() {
        for b in Branch::all() {
            let roles: Vec<_> = hidden_stems(b).iter().map(|&(_, r)| r).collect();
            match roles.len() {
                2 => assert_eq!(roles, [Yeogi, Jeonggi]),
                3 => assert_eq!(roles, [Yeogi, Junggi, Jeonggi]),
                n => panic!("{} has {n} hidden stems", b.hangul()),
            }
        }
    }

    /// The main stem shares the branch's element, and matches lunar_python's ZHI_HIDE_GAN
    /// first entry (子癸 丑己 寅甲 卯乙 辰戊 巳丙 午丁 未己 申庚 酉辛 戌戊 亥壬).
    #[test]
    fn main_stem_matches_reference_and_branch_element() {
        let expected = "계기갑을무병정기경신무임";
        for (b, want) in Branch::all().zip(expected.chars()) {
            let main = main_hidden_stem(b);
            assert_eq!(main.hangul().chars().next(), Some(want), "{}", b.hangul());
            assert_eq!(main.element(), b.element(), "{}", b.hangul());
        }
    }

    /// Every stem in the Chinese (lunar_python) table also appears in the Korean one.
    #[test]
    fn korean_table_contains_the_chinese_stems() {
        let chinese =
            ["계", "기계신", "갑병무", "을", "무을계", "병경무", "정기", "기정을", "경임무", "신", "무신정", "임갑"];
        for (b, stems) in Branch::all().zip(chinese) {
            for c in stems.chars() {
                assert!(hidden_stems(b).iter().any(|(s, _)| s.hangul().starts_with(c)), "{} {c}", b.hangul());
            }
        }
    }
}

//! 12운성 (十二運星): the life stage of a stem at a branch.
//!
//! Yang stems start 장생 at 갑 해, 병·무 인, 경 사, 임 신 and run forward through the branches;
//! yin stems start at 을 오, 정·기 유, 신 자, 계 묘 and run backward. 무 follows 병 and 기 follows 정
//! (화토동법, the common Korean and Chinese convention; the 수토동법 school pairs 무·기 with 임·계 instead).
//! Yin stems get their own backward cycle (음생양사), not the cycle of their yang partner.

use serde::Serialize;

use crate::saju::ganzhi::{Branch, Polarity, Stem};

/// One of the twelve life stages. Serializes as its code (`jang_saeng`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeStage {
    JangSaeng,
    MokYok,
    GwanDae,
    GeonRok,
    JeWang,
    Soe,
    Byeong,
    Sa,
    Myo,
    Jeol,
    Tae,
    Yang,
}

impl LifeStage {
    pub const ALL: [LifeStage; 12] = [
        LifeStage::JangSaeng,
        LifeStage::MokYok,
        LifeStage::GwanDae,
        LifeStage::GeonRok,
        LifeStage::JeWang,
        LifeStage::Soe,
        LifeStage::Byeong,
        LifeStage::Sa,
        LifeStage::Myo,
        LifeStage::Jeol,
        LifeStage::Tae,
        LifeStage::Yang,
    ];

    pub const fn index(self) -> usize {
        self as usize
    }

    pub const fn hangul(self) -> &'static str {
        ["장생", "목욕", "관대", "건록", "제왕", "쇠", "병", "사", "묘", "절", "태", "양"][self.index()]
    }

    /// Korean hanja (건록 建祿 is 臨官 in Chinese texts; 묘 墓 is also written 庫).
    pub const fn hanja(self) -> &'static str {
        ["長生", "沐浴", "冠帶", "建祿", "帝旺", "衰", "病", "死", "墓", "絕", "胎", "養"][self.index()]
    }

    pub const fn code(self) -> &'static str {
        [
            "jang_saeng",
            "mok_yok",
            "gwan_dae",
            "geon_rok",
            "je_wang",
            "soe",
            "byeong",
            "sa",
            "myo",
            "jeol",
            "tae",
            "yang",
        ][self.index()]
    }
}

/// The branch index where each stem is 장생 (갑 해, 을 오, 병 인, 정 유, 무 인, 기 유, 경 사, 신 자, 임 신, 계 묘).
const JANG_SAENG_BRANCH: [usize; 10] = [11, 6, 2, 9, 2, 9, 5, 0, 8, 3];

/// The life stage of `stem` at branch `b`.
pub const fn life_stage(stem: Stem, b: Branch) -> LifeStage {
    let start = JANG_SAENG_BRANCH[stem.index() % 10];
    let here = b.index() % 12;
    let step = match stem.polarity() {
        Polarity::Yang => (here + 12 - start) % 12,
        Polarity::Yin => (start + 12 - here) % 12,
    };
    LifeStage::ALL[step]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full 10 × 12 table (rows 갑..계, columns 자..해), cross-checked against lunar_python's
    /// EightChar.getDiShi (CHANG_SHENG with its per-stem offsets; 临官 = 건록).
    #[test]
    fn every_stem_and_branch_matches_the_reference_table() {
        let rows = [
            "목욕 관대 건록 제왕 쇠 병 사 묘 절 태 양 장생",
            "병 쇠 제왕 건록 관대 목욕 장생 양 태 절 묘 사",
            "태 양 장생 목욕 관대 건록 제왕 쇠 병 사 묘 절",
            "절 묘 사 병 쇠 제왕 건록 관대 목욕 장생 양 태",
            "태 양 장생 목욕 관대 건록 제왕 쇠 병 사 묘 절",
            "절 묘 사 병 쇠 제왕 건록 관대 목욕 장생 양 태",
            "사 묘 절 태 양 장생 목욕 관대 건록 제왕 쇠 병",
            "장생 양 태 절 묘 사 병 쇠 제왕 건록 관대 목욕",
            "제왕 쇠 병 사 묘 절 태 양 장생 목욕 관대 건록",
            "건록 관대 목욕 장생 양 태 절 묘 사 병 쇠 제왕",
        ];
        for (stem, row) in Stem::all().zip(rows) {
            for (b, want) in Branch::all().zip(row.split(' ')) {
                assert_eq!(life_stage(stem, b).hangul(), want, "{}{}", stem.hangul(), b.hangul());
            }
        }
    }

    /// 건록 is where the stem's own element peaks as its yang/yin branch: 갑 인, 을 묘, 병 사, 정 오, 경 신, 신 유, 임 해, 계 자.
    #[test]
    fn geon_rok_is_the_stems_own_branch() {
        for (s, b) in [
            ("갑", "인"),
            ("을", "묘"),
            ("병", "사"),
            ("정", "오"),
            ("경", "신"),
            ("신", "유"),
            ("임", "해"),
            ("계", "자"),
        ] {
            let stage = life_stage(Stem::parse(s).unwrap(), Branch::parse(b).unwrap());
            assert_eq!(stage, LifeStage::GeonRok, "{s}{b}");
        }
    }

    #[test]
    fn each_stem_visits_every_stage_once() {
        for stem in Stem::all() {
            let mut seen = [false; 12];
            for b in Branch::all() {
                seen[life_stage(stem, b).index()] = true;
            }
            assert!(seen.iter().all(|&x| x), "{}", stem.hangul());
        }
        assert_eq!(serde_json::to_string(&LifeStage::MokYok).unwrap(), "\"mok_yok\"");
        for s in LifeStage::ALL {
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.code()));
        }
    }
}

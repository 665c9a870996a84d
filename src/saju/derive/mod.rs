//! Everything derived from the four pillars beyond the pillars themselves: ten gods, hidden stems,
//! life stages, 납음, 공망, element balance, relations, 신살 and day-master strength.
//!
//! Pure functions over [`FourPillars`](super::pillars::FourPillars) and the `ganzhi` types. Every function
//! accepts a three-pillar chart (unknown hour) and never panics.

pub mod climate;
pub mod element_balance;
pub mod hidden_stems;
pub mod life_stage;
pub mod nayin;
pub mod relations;
pub mod shinsal;
pub mod strength;
pub mod ten_gods;
pub mod void_branches;

mod ser;

pub use climate::{climate, Climate, Season};
pub use element_balance::{element_balance, ElementBalance, ElementScore};
pub use hidden_stems::{hidden_stems, main_hidden_stem, HiddenRole};
pub use life_stage::{life_stage, LifeStage};
pub use nayin::{nayin, Nayin};
pub use relations::{relations, PillarPart, Relation, RelationKind, RelationMember};
pub use shinsal::{shinsal, ShinSal};
pub use strength::{strength, Strength, StrengthVerdict};
pub use ten_gods::{branch_ten_god, ten_god, TenGod, TenGodGroup};
pub use void_branches::{void_branches, void_positions};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::saju::ganzhi::{Branch, GanZhi};
    use crate::saju::pillars::{FourPillars, Position};

    fn chart(y: &str, m: &str, d: &str, h: Option<&str>) -> FourPillars {
        FourPillars::parse(y, m, d, h).unwrap()
    }

    /// Real charts as computed by lunar_python's EightChar (getDiShi, getShiShenZhi, getNaYin,
    /// getXunKong): 1990-05-15 10:30 → 경오 신사 경진 신사; 2024-02-10 14:30 → 갑진 병인 갑진 신미.
    #[test]
    fn real_charts_match_the_reference() {
        let p = chart("경오", "신사", "경진", Some("신사"));
        let dm = p.day_master();
        let stages: Vec<_> = p.known().map(|(_, g)| life_stage(dm, g.branch()).hangul()).collect();
        assert_eq!(stages, ["목욕", "장생", "양", "장생"]);
        let gods: Vec<_> =
            [p.year, p.month, p.hour.unwrap()].iter().map(|g| branch_ten_god(dm, g.branch()).hangul()).collect();
        assert_eq!(gods, ["정관", "편관", "편관"]);
        assert_eq!(nayin(p.day).hangul, "백랍금");
        assert_eq!(void_branches(p.day), [Branch::new(8), Branch::new(9)]); // 신유

        let p = chart("갑진", "병인", "갑진", Some("신미"));
        let dm = p.day_master();
        let stages: Vec<_> = p.known().map(|(_, g)| life_stage(dm, g.branch()).hangul()).collect();
        assert_eq!(stages, ["쇠", "건록", "쇠", "묘"]);
        let gods: Vec<_> =
            [p.year, p.month, p.hour.unwrap()].iter().map(|g| branch_ten_god(dm, g.branch()).hangul()).collect();
        assert_eq!(gods, ["편재", "비견", "정재"]);
        assert_eq!(nayin(p.day).hangul, "복등화");
        assert_eq!(void_branches(p.day), [Branch::new(2), Branch::new(3)]); // 인묘
                                                                            // 갑진 in the year and the day is 백호 in both.
        let baekho = shinsal(&p).into_iter().find(|s| s.code == "baekho").unwrap();
        assert_eq!(baekho.positions, [Position::Year, Position::Day]);
    }

    /// Every derivation accepts every day pillar with and without an hour, without panicking.
    #[test]
    fn all_derivations_handle_three_and_four_pillar_charts() {
        for i in 0..60 {
            for hour in [None, Some(GanZhi::new(i * 11 + 5))] {
                let p = FourPillars { year: GanZhi::new(i + 17), month: GanZhi::new(i * 7), day: GanZhi::new(i), hour };
                let balance = element_balance(&p);
                assert_eq!(balance.characters, if hour.is_some() { 8 } else { 6 });
                let _ = balance.dominant();
                let _ = relations(&p);
                let _ = shinsal(&p);
                let s = strength(&p);
                assert!(serde_json::to_string(&s).is_ok());
                let _ = void_positions(&p);
            }
        }
    }
}

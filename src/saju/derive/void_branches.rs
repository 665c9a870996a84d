//! 공망 (空亡): the two branches left without a stem in the day pillar's decade (순).
//!
//! Each decade of the sixty cycle pairs ten stems with ten branches; the two branches it skips are
//! void: 갑자순 술해, 갑술순 신유, 갑신순 오미, 갑오순 진사, 갑진순 인묘, 갑인순 자축.
//! The Korean default reads 공망 from the day pillar (일주 기준); the year-pillar variant is not used here.

use crate::saju::ganzhi::{Branch, GanZhi};
use crate::saju::pillars::{FourPillars, Position};

/// The two void branches of the decade that `day` belongs to, in cycle order.
pub const fn void_branches(day: GanZhi) -> [Branch; 2] {
    // The decade starts at the 갑 pillar at or before `day`; its branch is `day`'s branch minus the stem index.
    let decade_start = day.branch().offset(-(day.stem().index() as i64));
    [decade_start.offset(10), decade_start.offset(11)]
}

/// The pillars (other than the day) whose branch falls in the day pillar's 공망.
pub fn void_positions(p: &FourPillars) -> Vec<Position> {
    let void = void_branches(p.day);
    p.known().filter(|&(pos, g)| pos != Position::Day && void.contains(&g.branch())).map(|(pos, _)| pos).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(day: &str) -> String {
        let [a, b] = void_branches(GanZhi::parse(day).unwrap());
        format!("{}{}", a.hangul(), b.hangul())
    }

    #[test]
    fn the_six_decades() {
        assert_eq!(names("갑자"), "술해");
        assert_eq!(names("계유"), "술해");
        assert_eq!(names("갑술"), "신유");
        assert_eq!(names("갑신"), "오미");
        assert_eq!(names("갑오"), "진사");
        assert_eq!(names("갑진"), "인묘");
        assert_eq!(names("갑인"), "자축");
        assert_eq!(names("계해"), "자축");
        // 2000-01-01 is 무오 (갑인순) → 자축.
        assert_eq!(names("무오"), "자축");
    }

    /// All sixty days against lunar_python's XUN_KONG by decade (戌亥 申酉 午未 辰巳 寅卯 子丑).
    #[test]
    fn every_day_of_the_cycle() {
        let by_decade = ["술해", "신유", "오미", "진사", "인묘", "자축"];
        for i in 0..60 {
            let g = GanZhi::new(i);
            assert_eq!(names(g.hangul()), by_decade[i as usize / 10], "{g}");
            let [a, b] = void_branches(g);
            // A void branch never appears in its own decade.
            for k in 0..10 {
                let member = GanZhi::new(i - i % 10 + k).branch();
                assert!(member != a && member != b);
            }
        }
    }

    #[test]
    fn positions_with_void_branches() {
        let p = FourPillars {
            year: GanZhi::parse("갑술").unwrap(),
            month: GanZhi::parse("병자").unwrap(),
            day: GanZhi::parse("갑자").unwrap(),
            hour: Some(GanZhi::parse("을해").unwrap()),
        };
        assert_eq!(void_positions(&p), vec![Position::Year, Position::Hour]);
        let three = FourPillars { hour: None, ..p };
        assert_eq!(void_positions(&three), vec![Position::Year]);
    }
}

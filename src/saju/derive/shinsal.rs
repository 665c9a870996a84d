//! 신살 (神殺): a documented set of symbolic stars. Schools differ a lot; these are the common
//! Korean rules, and each finding names its basis.
//!
//! - 도화살 桃花 / 역마살 驛馬 / 화개살 華蓋: from the three-harmony group of the **year branch** and,
//!   separately, of the **day branch** (two findings, `연지 기준` and `일지 기준`), found in the other pillars'
//!   branches. 신자진 → 도화 유, 역마 인, 화개 진; 인오술 → 묘, 신, 술; 사유축 → 오, 해, 축; 해묘미 → 자, 사, 미.
//! - 천을귀인 天乙貴人 from the **day stem** (일간 기준) in any branch, the day branch included:
//!   갑·무·경 → 축 미; 을·기 → 자 신; 병·정 → 해 유; 임·계 → 사 묘; 신 → 인 오 (the common Korean verse
//!   "갑무경 우양, 을기 서후향, 병정 저계위, 임계 토사장, 육신 봉마호"). The year-stem variant is not used.
//! - 양인살 羊刃 from the day stem, **yang stems only**: 갑 묘, 병·무 오, 경 유, 임 자 (the 제왕 branch).
//!   Yin stems get none (the common Korean view; some schools give 을 진, 정·기 미, 신 술, 계 축).
//! - 괴강살 魁罡: the **day pillar** is 경진, 경술, 임진, 임술 or 무술 (일주 기준). 무진, added by a
//!   few schools, is not included; 괴강 pillars in other positions are not reported.
//! - 백호살 白虎 (백호대살): 갑진 을미 병술 정축 무진 임술 계축 in **any pillar** (간지 기준).
//! - 문창귀인 文昌 from the day stem: 갑 사, 을 오, 병 신, 정 유, 무 신, 기 유, 경 해, 신 자, 임 인, 계 묘.
//! - 홍염살 紅艶 from the day stem: 갑 오, 을 오, 병 인, 정 미, 무 진, 기 진, 경 술, 신 유, 임 자, 계 신
//!   (the most common Korean table; others give 을 신, 계 신 or 신 술).
//! - 귀문관살 鬼門關: the branch pairs 자유 축오 인미 묘신 진해 사술 between **adjacent pillars**
//!   (년–월, 월–일, 일–시) or between the day and the year (일–년); 년–시 and 월–시 are too far apart to count.
//!   One finding per pair of positions.

use serde::Serialize;

use super::ser;
use crate::saju::ganzhi::{Branch, GanZhi, Stem};
use crate::saju::pillars::{FourPillars, Position};

/// One symbolic star found in the chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct ShinSal {
    /// Stable English-letter code (`dohwa`, `cheoneul_gwiin`, ...).
    pub code: &'static str,
    pub hangul: &'static str,
    pub hanja: &'static str,
    /// The pillars where the star sits, in year → hour order.
    #[serde(serialize_with = "ser::positions")]
    pub positions: Vec<Position>,
    /// What the star is read from, in Korean (`연지 기준`, `일간 기준`, ...).
    pub basis: &'static str,
}

struct Star {
    code: &'static str,
    hangul: &'static str,
    hanja: &'static str,
}

const DOHWA: Star = Star { code: "dohwa", hangul: "도화살", hanja: "桃花殺" };
const YEOKMA: Star = Star { code: "yeokma", hangul: "역마살", hanja: "驛馬殺" };
const HWAGAE: Star = Star { code: "hwagae", hangul: "화개살", hanja: "華蓋殺" };
const CHEONEUL: Star = Star { code: "cheoneul_gwiin", hangul: "천을귀인", hanja: "天乙貴人" };
const YANGIN: Star = Star { code: "yangin", hangul: "양인살", hanja: "羊刃殺" };
const GOEGANG: Star = Star { code: "goegang", hangul: "괴강살", hanja: "魁罡殺" };
const BAEKHO: Star = Star { code: "baekho", hangul: "백호살", hanja: "白虎殺" };
const MUNCHANG: Star = Star { code: "munchang", hangul: "문창귀인", hanja: "文昌貴人" };
const HONGYEOM: Star = Star { code: "hongyeom", hangul: "홍염살", hanja: "紅艶殺" };
const GWIMUN: Star = Star { code: "gwimungwan", hangul: "귀문관살", hanja: "鬼門關殺" };

// Branch indices: 자0 축1 인2 묘3 진4 사5 오6 미7 신8 유9 술10 해11.
// Three-harmony group of a branch = index % 4: 0 신자진, 1 사유축, 2 인오술, 3 해묘미.
const DOHWA_BY_GROUP: [usize; 4] = [9, 6, 3, 0];
const YEOKMA_BY_GROUP: [usize; 4] = [2, 11, 8, 5];
const HWAGAE_BY_GROUP: [usize; 4] = [4, 1, 10, 7];

// Stem indices: 갑0 을1 병2 정3 무4 기5 경6 신7 임8 계9.
const CHEONEUL_BY_STEM: [[usize; 2]; 10] =
    [[1, 7], [0, 8], [11, 9], [11, 9], [1, 7], [0, 8], [1, 7], [2, 6], [5, 3], [5, 3]];
const YANGIN_BY_STEM: [Option<usize>; 10] = [Some(3), None, Some(6), None, Some(6), None, Some(9), None, Some(0), None];
const MUNCHANG_BY_STEM: [usize; 10] = [5, 6, 8, 9, 8, 9, 11, 0, 2, 3];
const HONGYEOM_BY_STEM: [usize; 10] = [6, 6, 2, 7, 4, 4, 10, 9, 0, 8];

const GOEGANG_PILLARS: [&str; 5] = ["경진", "경술", "임진", "임술", "무술"];
const BAEKHO_PILLARS: [&str; 7] = ["갑진", "을미", "병술", "정축", "무진", "임술", "계축"];
const GWIMUN_PAIRS: [[usize; 2]; 6] = [[0, 9], [1, 6], [2, 7], [3, 8], [4, 11], [5, 10]];
/// Position pairs that count for 귀문관: adjacent pillars plus day–year.
const GWIMUN_POSITIONS: [(Position, Position); 4] = [
    (Position::Year, Position::Month),
    (Position::Month, Position::Day),
    (Position::Day, Position::Hour),
    (Position::Year, Position::Day),
];

/// All stars of the documented set present in the known pillars.
pub fn shinsal(p: &FourPillars) -> Vec<ShinSal> {
    let mut out = Vec::new();
    for (star, table) in [(&DOHWA, &DOHWA_BY_GROUP), (&YEOKMA, &YEOKMA_BY_GROUP), (&HWAGAE, &HWAGAE_BY_GROUP)] {
        for (basis_pos, basis) in [(Position::Year, "연지 기준"), (Position::Day, "일지 기준")] {
            let Some(basis_pillar) = p.get(basis_pos) else {
                continue;
            };
            let target = table[basis_pillar.branch().index() % 4];
            let positions = branch_positions(p, |pos, b| pos != basis_pos && b == target);
            push(&mut out, star, positions, basis);
        }
    }

    let dm = p.day_master().index() % 10;
    let cheoneul = CHEONEUL_BY_STEM[dm];
    push(&mut out, &CHEONEUL, branch_positions(p, |_, b| cheoneul.contains(&b)), "일간 기준");
    if let Some(target) = YANGIN_BY_STEM[dm] {
        push(&mut out, &YANGIN, branch_positions(p, |_, b| b == target), "일간 기준");
    }
    if pillar_in(p.day, &GOEGANG_PILLARS) {
        push(&mut out, &GOEGANG, vec![Position::Day], "일주 기준");
    }
    let baekho = p.known().filter(|&(_, g)| pillar_in(g, &BAEKHO_PILLARS)).map(|(pos, _)| pos).collect();
    push(&mut out, &BAEKHO, baekho, "간지 기준");
    push(&mut out, &MUNCHANG, branch_positions(p, |_, b| b == MUNCHANG_BY_STEM[dm]), "일간 기준");
    push(&mut out, &HONGYEOM, branch_positions(p, |_, b| b == HONGYEOM_BY_STEM[dm]), "일간 기준");

    for (a, b) in GWIMUN_POSITIONS {
        let (Some(ga), Some(gb)) = (p.get(a), p.get(b)) else {
            continue;
        };
        let (x, y) = (ga.branch().index(), gb.branch().index());
        if GWIMUN_PAIRS.iter().any(|&[m, n]| (m == x && n == y) || (m == y && n == x)) {
            let mut positions = vec![a, b];
            positions.sort();
            push(&mut out, &GWIMUN, positions, "인접 지지·일지 기준");
        }
    }
    out
}

/// The known positions whose branch index satisfies `hit(position, branch_index)`.
fn branch_positions(p: &FourPillars, hit: impl Fn(Position, usize) -> bool) -> Vec<Position> {
    p.known().filter(|&(pos, g)| hit(pos, g.branch().index())).map(|(pos, _)| pos).collect()
}

fn pillar_in(g: GanZhi, list: &[&str]) -> bool {
    list.contains(&g.hangul())
}

fn push(out: &mut Vec<ShinSal>, star: &Star, positions: Vec<Position>, basis: &'static str) {
    if !positions.is_empty() {
        out.push(ShinSal { code: star.code, hangul: star.hangul, hanja: star.hanja, positions, basis });
    }
}

/// The star's target branch for a day stem, for callers that show tables (천을귀인 gives two).
pub fn day_stem_targets(day_stem: Stem) -> [(&'static str, Vec<Branch>); 4] {
    let i = day_stem.index() % 10;
    let b = |x: usize| Branch::new(x as i64);
    [
        (CHEONEUL.code, CHEONEUL_BY_STEM[i].iter().map(|&x| b(x)).collect()),
        (YANGIN.code, YANGIN_BY_STEM[i].into_iter().map(b).collect()),
        (MUNCHANG.code, vec![b(MUNCHANG_BY_STEM[i])]),
        (HONGYEOM.code, vec![b(HONGYEOM_BY_STEM[i])]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(y: &str, m: &str, d: &str, h: Option<&str>) -> FourPillars {
        FourPillars::parse(y, m, d, h).unwrap()
    }

    fn find<'a>(all: &'a [ShinSal], code: &str, basis: &str) -> Option<&'a ShinSal> {
        all.iter().find(|s| s.code == code && s.basis == basis)
    }

    #[test]
    fn dohwa_yeokma_hwagae_from_year_and_day() {
        // 갑자년: 신자진 → 도화 유 (월 계유). 일지 오 (인오술) → 역마 신, 도화 묘.
        let s = shinsal(&chart("갑자", "계유", "병오", Some("병신")));
        assert_eq!(find(&s, "dohwa", "연지 기준").unwrap().positions, [Position::Month]);
        assert_eq!(find(&s, "yeokma", "일지 기준").unwrap().positions, [Position::Hour]);
        assert!(find(&s, "dohwa", "일지 기준").is_none());
        // 화개: 진년 진일 → each is the other's 화개, never its own.
        let s = shinsal(&chart("경진", "무인", "갑진", None));
        assert_eq!(find(&s, "hwagae", "연지 기준").unwrap().positions, [Position::Day]);
        assert_eq!(find(&s, "hwagae", "일지 기준").unwrap().positions, [Position::Year]);
        // 역마 of 진 (신자진) is 인: the month.
        assert_eq!(find(&s, "yeokma", "연지 기준").unwrap().positions, [Position::Month]);
    }

    #[test]
    fn group_tables_follow_the_three_harmonies() {
        // 화개 is the group's own last (묘고) branch; 도화 and 역마 lie outside the group, and 역마
        // clashes the group's first (장생) branch: 신자진 → 인 (인신충).
        for b in 0..12usize {
            let group = b % 4;
            let members = [group, group + 4, group + 8];
            assert!(members.contains(&HWAGAE_BY_GROUP[group]));
            assert!(!members.contains(&DOHWA_BY_GROUP[group]));
            assert!(!members.contains(&YEOKMA_BY_GROUP[group]));
            // 역마 clashes a member of the group (신자진 → 인, which clashes 신).
            assert!(members.contains(&((YEOKMA_BY_GROUP[group] + 6) % 12)));
        }
        let name = |i: usize| Branch::new(i as i64).hangul();
        let dohwa: String = [8usize, 2, 5, 11].iter().map(|&b| name(DOHWA_BY_GROUP[b % 4])).collect();
        assert_eq!(dohwa, "유묘오자"); // 신자진 인오술 사유축 해묘미
        let yeokma: String = [8usize, 2, 5, 11].iter().map(|&b| name(YEOKMA_BY_GROUP[b % 4])).collect();
        assert_eq!(yeokma, "인신해사");
        let hwagae: String = [8usize, 2, 5, 11].iter().map(|&b| name(HWAGAE_BY_GROUP[b % 4])).collect();
        assert_eq!(hwagae, "진술축미");
    }

    #[test]
    fn day_stem_tables() {
        let rows: Vec<String> = Stem::all()
            .map(|s| {
                day_stem_targets(s)
                    .iter()
                    .map(|(_, bs)| bs.iter().map(|b| b.hangul()).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        // 천을귀인 양인 문창 홍염 for 갑..계 (an empty column where yin stems have no 양인).
        assert_eq!(
            rows,
            [
                "축미 묘 사 오",
                "자신  오 오",
                "해유 오 신 인",
                "해유  유 미",
                "축미 오 신 진",
                "자신  유 진",
                "축미 유 해 술",
                "인오  자 유",
                "사묘 자 인 자",
                "사묘  묘 신",
            ]
        );
    }

    #[test]
    fn cheoneul_yangin_munchang_hongyeom_in_a_chart() {
        // 일간 병: 귀인 해·유, 양인 오, 문창 신, 홍염 인.
        let s = shinsal(&chart("신유", "경인", "병오", Some("기해")));
        let at = |code| s.iter().find(|x| x.code == code).map(|x| x.positions.clone()).unwrap_or_default();
        assert_eq!(at("cheoneul_gwiin"), [Position::Year, Position::Hour]);
        assert_eq!(at("yangin"), [Position::Day]);
        assert_eq!(at("hongyeom"), [Position::Month]);
        assert!(at("munchang").is_empty());
        // A yin day stem never has 양인.
        let s = shinsal(&chart("갑자", "병인", "을묘", Some("임오")));
        assert!(s.iter().all(|x| x.code != "yangin"));
    }

    #[test]
    fn goegang_is_day_pillar_only_and_baekho_any_pillar() {
        let s = shinsal(&chart("경진", "무인", "임술", Some("갑진")));
        let goegang = s.iter().find(|x| x.code == "goegang").unwrap();
        assert_eq!(goegang.positions, [Position::Day]);
        let baekho = s.iter().find(|x| x.code == "baekho").unwrap();
        assert_eq!(baekho.positions, [Position::Day, Position::Hour]);
        // 경진 in the year alone is not 괴강 here.
        let s = shinsal(&chart("경진", "무인", "갑자", None));
        assert!(s.iter().all(|x| x.code != "goegang"));
        for p in GOEGANG_PILLARS.iter().chain(&BAEKHO_PILLARS) {
            assert!(GanZhi::parse(p).is_some(), "{p}");
        }
    }

    #[test]
    fn gwimungwan_only_between_adjacent_or_day_pillars() {
        // 자 (년) 유 (월): adjacent → yes.
        let s = shinsal(&chart("갑자", "계유", "갑인", Some("갑술")));
        let g: Vec<_> = s.iter().filter(|x| x.code == "gwimungwan").map(|x| x.positions.clone()).collect();
        assert_eq!(g, [vec![Position::Year, Position::Month]]);
        // 자 (년) … 유 (시): too far apart → no.
        let s = shinsal(&chart("갑자", "병인", "갑인", Some("계유")));
        assert!(s.iter().all(|x| x.code != "gwimungwan"));
        // 인 (일) 미 (년): day–year counts.
        let s = shinsal(&chart("을미", "무인", "갑인", None));
        let g: Vec<_> = s.iter().filter(|x| x.code == "gwimungwan").map(|x| x.positions.clone()).collect();
        assert_eq!(g, [vec![Position::Year, Position::Month], vec![Position::Year, Position::Day]]);
    }

    #[test]
    fn three_pillar_charts_never_mention_the_hour() {
        for d in 0..60 {
            for y in (0..60).step_by(11) {
                let p =
                    FourPillars { year: GanZhi::new(y), month: GanZhi::new(y + 2), day: GanZhi::new(d), hour: None };
                for s in shinsal(&p) {
                    assert!(!s.positions.is_empty());
                    assert!(!s.positions.contains(&Position::Hour), "{}", s.code);
                }
            }
        }
    }

    #[test]
    fn serializes_positions_as_codes() {
        let s = shinsal(&chart("갑자", "계유", "병오", None));
        let json = serde_json::to_value(&s).unwrap();
        let dohwa = json.as_array().unwrap().iter().find(|x| x["code"] == "dohwa").unwrap();
        assert_eq!(dohwa["positions"][0], "month");
        assert_eq!(dohwa["basis"], "연지 기준");
        assert_eq!(dohwa["hanja"], "桃花殺");
    }
}

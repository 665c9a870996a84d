//! 합충형파해: the relations among the stems and branches of the known pillars.
//!
//! Conventions (where schools differ):
//! - Every pair of positions is its own finding: 자오충 between year–month and again between day–hour
//!   is reported twice. Triples likewise, once per set of three positions.
//! - 천간합 갑기 토, 을경 금, 병신 수, 정임 목, 무계 화; 천간충 갑경, 을신, 병임, 정계 only (무·기 토 has no clash).
//!   A combination is reported with its nominal element whether or not it actually transforms (합화).
//! - 육합 자축 토, 인해 목, 묘술 화, 진유 금, 사신 수, 오미 **화** (some texts give 토 or call 오미 a
//!   sun–moon combination without transformation; this engine reports 화).
//! - 삼합 신자진 수, 해묘미 목, 인오술 화, 사유축 금 when all three are present. 반합 is two of a group
//!   *including* the middle (왕지: 자 묘 오 유), e.g. 신자 or 자진; the pair without it (신진, 가합) is not
//!   reported. A 반합 pair is not reported separately when both of its positions already take part in a
//!   full 삼합 of the same group.
//! - 방합 인묘진 목, 사오미 화, 신유술 금, 해자축 수: full three only.
//! - 형: 인사신 (무은지형) and 축술미 (지세지형) as a triple when all three are present, otherwise as
//!   each pair of two different members present (인사, 사신, 인신, 축술, 술미, 축미), with the same
//!   suppression inside a full triple as 반합; 자묘 상형 (무례지형); 자형 진진 오오 유유 해해.
//! - 충 자오 축미 인신 묘유 진술 사해; 파 자유 축진 인해 묘오 사신 술미; 해 자미 축오 인사 묘진 신해 유술;
//!   원진 자미 축오 인유 묘신 진해 사술. One pair can carry several relations (사신 is 합, 형 and 파).

use serde::Serialize;

use super::ser;
use crate::saju::ganzhi::{Branch, Element, GanZhi, Stem};
use crate::saju::pillars::{FourPillars, Position};

/// The kind of relation. Serializes as its code (`stem_combine`, `six_combine`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    StemCombine,
    StemClash,
    SixCombine,
    ThreeHarmony,
    HalfHarmony,
    Directional,
    Clash,
    Punishment,
    SelfPunishment,
    Break,
    Harm,
    Wonjin,
}

impl RelationKind {
    pub const fn code(self) -> &'static str {
        match self {
            RelationKind::StemCombine => "stem_combine",
            RelationKind::StemClash => "stem_clash",
            RelationKind::SixCombine => "six_combine",
            RelationKind::ThreeHarmony => "three_harmony",
            RelationKind::HalfHarmony => "half_harmony",
            RelationKind::Directional => "directional",
            RelationKind::Clash => "clash",
            RelationKind::Punishment => "punishment",
            RelationKind::SelfPunishment => "self_punishment",
            RelationKind::Break => "break",
            RelationKind::Harm => "harm",
            RelationKind::Wonjin => "wonjin",
        }
    }

    pub const fn hangul(self) -> &'static str {
        match self {
            RelationKind::StemCombine => "천간합",
            RelationKind::StemClash => "천간충",
            RelationKind::SixCombine => "육합",
            RelationKind::ThreeHarmony => "삼합",
            RelationKind::HalfHarmony => "반합",
            RelationKind::Directional => "방합",
            RelationKind::Clash => "충",
            RelationKind::Punishment => "형",
            RelationKind::SelfPunishment => "자형",
            RelationKind::Break => "파",
            RelationKind::Harm => "해",
            RelationKind::Wonjin => "원진",
        }
    }
}

/// Whether a member is a pillar's stem or its branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PillarPart {
    Stem,
    Branch,
}

/// One character taking part in a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct RelationMember {
    #[serde(serialize_with = "ser::position")]
    pub position: Position,
    pub part: PillarPart,
    /// The character itself in hangul (`갑`, `자`).
    pub hangul: &'static str,
}

/// One relation found in the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct Relation {
    pub kind: RelationKind,
    /// The characters involved, in year → hour order.
    pub members: Vec<RelationMember>,
    /// The element a combination points to (합의 오행); `None` for clashes, punishments and the like.
    #[serde(serialize_with = "ser::option_element")]
    pub result_element: Option<Element>,
    /// Conventional Korean name, e.g. `갑기합(토)`, `자오충`, `인사신 삼형`.
    pub hangul_name: String,
}

use Element::{Earth, Fire, Metal, Water, Wood};

// Branch indices: 자0 축1 인2 묘3 진4 사5 오6 미7 신8 유9 술10 해11.
const SIX_COMBINE: [([usize; 2], Element); 6] =
    [([0, 1], Earth), ([2, 11], Wood), ([3, 10], Fire), ([4, 9], Metal), ([5, 8], Water), ([6, 7], Fire)];
/// 삼합 groups with the middle (왕지) second.
const THREE_HARMONY: [([usize; 3], Element); 4] =
    [([8, 0, 4], Water), ([11, 3, 7], Wood), ([2, 6, 10], Fire), ([5, 9, 1], Metal)];
const DIRECTIONAL: [([usize; 3], Element); 4] =
    [([2, 3, 4], Wood), ([5, 6, 7], Fire), ([8, 9, 10], Metal), ([11, 0, 1], Water)];
const PUNISHMENT_TRIPLES: [[usize; 3]; 2] = [[2, 5, 8], [1, 10, 7]];
const MUTUAL_PUNISHMENT: [usize; 2] = [0, 3];
const SELF_PUNISHMENT: [usize; 4] = [4, 6, 9, 11];
const CLASH: [[usize; 2]; 6] = [[0, 6], [1, 7], [2, 8], [3, 9], [4, 10], [5, 11]];
const BREAK: [[usize; 2]; 6] = [[0, 9], [1, 4], [2, 11], [3, 6], [5, 8], [10, 7]];
const HARM: [[usize; 2]; 6] = [[0, 7], [1, 6], [2, 5], [3, 4], [8, 11], [9, 10]];
const WONJIN: [[usize; 2]; 6] = [[0, 7], [1, 6], [2, 9], [3, 8], [4, 11], [5, 10]];

/// Every relation among the known pillars, ordered by kind, then by position.
pub fn relations(p: &FourPillars) -> Vec<Relation> {
    let pillars: Vec<(Position, GanZhi)> = p.known().collect();
    let mut out = Vec::new();
    stem_pairs(&pillars, &mut out);
    branch_triples(&pillars, &mut out);
    branch_pairs(&pillars, &mut out);
    out.sort_by_key(|r| r.kind);
    out
}

/// Relations between two single pillars (e.g. a year's pillar against one natal pillar): stem pairs and
/// branch pairs only. Members are reported as `year` (for `a`) and `month` (for `b`).
pub fn pair_relations(a: GanZhi, b: GanZhi) -> Vec<Relation> {
    let pillars = [(Position::Year, a), (Position::Month, b)];
    let mut out = Vec::new();
    stem_pairs(&pillars, &mut out);
    branch_pairs(&pillars, &mut out);
    out.sort_by_key(|r| r.kind);
    out
}

fn stem_member(position: Position, s: Stem) -> RelationMember {
    RelationMember { position, part: PillarPart::Stem, hangul: s.hangul() }
}

fn branch_member(position: Position, b: Branch) -> RelationMember {
    RelationMember { position, part: PillarPart::Branch, hangul: b.hangul() }
}

fn branch_names(indices: &[usize]) -> String {
    indices.iter().map(|&i| Branch::new(i as i64).hangul()).collect()
}

fn push(
    out: &mut Vec<Relation>,
    kind: RelationKind,
    members: Vec<RelationMember>,
    element: Option<Element>,
    name: String,
) {
    out.push(Relation { kind, members, result_element: element, hangul_name: name });
}

fn stem_pairs(pillars: &[(Position, GanZhi)], out: &mut Vec<Relation>) {
    for (i, &(pa, ga)) in pillars.iter().enumerate() {
        for &(pb, gb) in &pillars[i + 1..] {
            let (a, b) = (ga.stem(), gb.stem());
            let (lo, hi) = if a.index() <= b.index() { (a, b) } else { (b, a) };
            let members = || vec![stem_member(pa, a), stem_member(pb, b)];
            if hi.index() - lo.index() == 5 {
                let element = Element::from_index(lo.index() + 2);
                let name = format!("{}{}합({})", lo.hangul(), hi.hangul(), element.hangul());
                push(out, RelationKind::StemCombine, members(), Some(element), name);
            }
            if hi.index() - lo.index() == 6 && lo.index() < 4 {
                let name = format!("{}{}충", lo.hangul(), hi.hangul());
                push(out, RelationKind::StemClash, members(), None, name);
            }
        }
    }
}

/// True when the three branches are exactly the members of `group`, in any order.
fn is_group(branches: [usize; 3], group: [usize; 3]) -> bool {
    let mut a = branches;
    let mut g = group;
    a.sort_unstable();
    g.sort_unstable();
    a == g
}

fn branch_triples(pillars: &[(Position, GanZhi)], out: &mut Vec<Relation>) {
    let n = pillars.len();
    for i in 0..n {
        for j in i + 1..n {
            for k in j + 1..n {
                let picked = [pillars[i], pillars[j], pillars[k]];
                let branches = picked.map(|(_, g)| g.branch().index());
                let members = || picked.iter().map(|&(p, g)| branch_member(p, g.branch())).collect::<Vec<_>>();
                for (group, element) in THREE_HARMONY {
                    if is_group(branches, group) {
                        let name = format!("{} 삼합({})", branch_names(&group), element.hangul());
                        push(out, RelationKind::ThreeHarmony, members(), Some(element), name);
                    }
                }
                for (group, element) in DIRECTIONAL {
                    if is_group(branches, group) {
                        let name = format!("{} 방합({})", branch_names(&group), element.hangul());
                        push(out, RelationKind::Directional, members(), Some(element), name);
                    }
                }
                for group in PUNISHMENT_TRIPLES {
                    if is_group(branches, group) {
                        let name = format!("{} 삼형", branch_names(&group));
                        push(out, RelationKind::Punishment, members(), None, name);
                    }
                }
            }
        }
    }
}

/// True when a triple finding of `kind` already includes both members.
fn inside_triple(out: &[Relation], kind: RelationKind, pair: BranchPair) -> bool {
    out.iter()
        .filter(|r| r.kind == kind && r.members.len() == 3)
        .any(|r| r.members.contains(&pair.first) && r.members.contains(&pair.second))
}

/// The pair `[x, y]` from `table` matching branches `a` and `b` in either order.
fn find_pair(table: &[[usize; 2]], a: usize, b: usize) -> Option<[usize; 2]> {
    table.iter().copied().find(|&[x, y]| (x == a && y == b) || (x == b && y == a))
}

/// Two branches at two positions, with their branch indices.
#[derive(Clone, Copy)]
struct BranchPair {
    first: RelationMember,
    second: RelationMember,
    a: usize,
    b: usize,
}

impl BranchPair {
    fn push(self, out: &mut Vec<Relation>, kind: RelationKind, element: Option<Element>, name: String) {
        push(out, kind, vec![self.first, self.second], element, name);
    }

    /// True when the two branches are different members of `group`.
    fn both_in(self, group: &[usize]) -> bool {
        self.a != self.b && group.contains(&self.a) && group.contains(&self.b)
    }

    /// The pair's branch names in the group's canonical order (신자, not 자신).
    fn names_in(self, group: &[usize]) -> String {
        let ordered: Vec<usize> = group.iter().copied().filter(|&x| x == self.a || x == self.b).collect();
        branch_names(&ordered)
    }
}

fn branch_pairs(pillars: &[(Position, GanZhi)], out: &mut Vec<Relation>) {
    for (i, &(pa, ga)) in pillars.iter().enumerate() {
        for &(pb, gb) in &pillars[i + 1..] {
            let pair = BranchPair {
                first: branch_member(pa, ga.branch()),
                second: branch_member(pb, gb.branch()),
                a: ga.branch().index(),
                b: gb.branch().index(),
            };
            six_combine(pair, out);
            half_harmony(pair, out);
            punishment(pair, out);
            clash_break_harm_wonjin(pair, out);
        }
    }
}

fn six_combine(pair: BranchPair, out: &mut Vec<Relation>) {
    for (branches, element) in SIX_COMBINE {
        if find_pair(&[branches], pair.a, pair.b).is_some() {
            let name = format!("{}합({})", branch_names(&branches), element.hangul());
            pair.push(out, RelationKind::SixCombine, Some(element), name);
        }
    }
}

/// Two different branches of one 삼합 group, one of them the middle, not already inside a full 삼합.
fn half_harmony(pair: BranchPair, out: &mut Vec<Relation>) {
    for (group, element) in THREE_HARMONY {
        let has_middle = pair.a == group[1] || pair.b == group[1];
        if has_middle && pair.both_in(&group) && !inside_triple(out, RelationKind::ThreeHarmony, pair) {
            let name = format!("{} 반합({})", pair.names_in(&group), element.hangul());
            pair.push(out, RelationKind::HalfHarmony, Some(element), name);
        }
    }
}

/// Two members of 인사신 or 축술미 (outside a full 삼형), 자묘 상형, and the four self-punishments.
fn punishment(pair: BranchPair, out: &mut Vec<Relation>) {
    for group in PUNISHMENT_TRIPLES {
        if pair.both_in(&group) && !inside_triple(out, RelationKind::Punishment, pair) {
            let name = format!("{}형", pair.names_in(&group));
            pair.push(out, RelationKind::Punishment, None, name);
        }
    }
    if pair.both_in(&MUTUAL_PUNISHMENT) {
        let name = format!("{} 상형", branch_names(&MUTUAL_PUNISHMENT));
        pair.push(out, RelationKind::Punishment, None, name);
    }
    if pair.a == pair.b && SELF_PUNISHMENT.contains(&pair.a) {
        let name = format!("{} 자형", branch_names(&[pair.a, pair.a]));
        pair.push(out, RelationKind::SelfPunishment, None, name);
    }
}

fn clash_break_harm_wonjin(pair: BranchPair, out: &mut Vec<Relation>) {
    for (table, kind, suffix) in [
        (&CLASH, RelationKind::Clash, "충"),
        (&BREAK, RelationKind::Break, "파"),
        (&HARM, RelationKind::Harm, "해"),
        (&WONJIN, RelationKind::Wonjin, " 원진"),
    ] {
        if let Some(found) = find_pair(table, pair.a, pair.b) {
            let name = format!("{}{}", branch_names(&found), suffix);
            pair.push(out, kind, None, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(y: &str, m: &str, d: &str, h: Option<&str>) -> FourPillars {
        FourPillars::parse(y, m, d, h).unwrap()
    }

    fn names(rs: &[Relation], kind: RelationKind) -> Vec<String> {
        rs.iter().filter(|r| r.kind == kind).map(|r| r.hangul_name.clone()).collect()
    }

    fn positions(r: &Relation) -> Vec<Position> {
        r.members.iter().map(|m| m.position).collect()
    }

    #[test]
    fn stem_combinations_and_clashes() {
        // 갑자 기사 경오 을유: 갑기합토 (년–월), 을경합금 (일–시), 갑경충 (년–일).
        let rs = relations(&chart("갑자", "기사", "경오", Some("을유")));
        assert_eq!(names(&rs, RelationKind::StemCombine), ["갑기합(토)", "을경합(금)"]);
        assert_eq!(names(&rs, RelationKind::StemClash), ["갑경충"]);
        let combine = rs.iter().find(|r| r.kind == RelationKind::StemCombine).unwrap();
        assert_eq!(combine.result_element, Some(Element::Earth));
        assert_eq!(positions(combine), [Position::Year, Position::Month]);
        assert_eq!(combine.members[0].part, PillarPart::Stem);
    }

    #[test]
    fn every_stem_pair_kind() {
        let combine = ["갑기", "을경", "병신", "정임", "무계"];
        let clash = ["갑경", "을신", "병임", "정계"];
        for a in Stem::all() {
            for b in Stem::all() {
                let (ya, yb) = (
                    GanZhi::from_parts(a, Branch::new(a.index() as i64)),
                    GanZhi::from_parts(b, Branch::new(b.index() as i64)),
                );
                let (Some(ya), Some(yb)) = (ya, yb) else {
                    continue;
                };
                let p = FourPillars { year: ya, month: yb, day: GanZhi::new(2), hour: None };
                let rs: Vec<_> =
                    relations(&p).into_iter().filter(|r| positions(r) == [Position::Year, Position::Month]).collect();
                let pair = |list: &[&str]| {
                    list.iter().any(|s| {
                        *s == format!("{}{}", a.hangul(), b.hangul()) || *s == format!("{}{}", b.hangul(), a.hangul())
                    })
                };
                assert_eq!(
                    rs.iter().any(|r| r.kind == RelationKind::StemCombine),
                    pair(&combine),
                    "{}{}",
                    a.hangul(),
                    b.hangul()
                );
                assert_eq!(
                    rs.iter().any(|r| r.kind == RelationKind::StemClash),
                    pair(&clash),
                    "{}{}",
                    a.hangul(),
                    b.hangul()
                );
            }
        }
    }

    #[test]
    fn clash_counts_each_pair_of_positions() {
        // 자 오 자 오: year–month, year–hour, month–day, day–hour are four 자오충.
        let rs = relations(&chart("갑자", "경오", "병자", Some("갑오")));
        assert_eq!(names(&rs, RelationKind::Clash), ["자오충"; 4]);
        // Without the hour only two remain.
        let rs = relations(&chart("갑자", "경오", "병자", None));
        assert_eq!(names(&rs, RelationKind::Clash).len(), 2);
    }

    #[test]
    fn three_harmony_suppresses_its_half_pairs() {
        // 신 자 진 + 인: 신자진 삼합(수); no separate 신자/자진 반합; 인신충.
        let rs = relations(&chart("임신", "임자", "갑진", Some("병인")));
        assert_eq!(names(&rs, RelationKind::ThreeHarmony), ["신자진 삼합(수)"]);
        assert!(names(&rs, RelationKind::HalfHarmony).is_empty());
        assert_eq!(names(&rs, RelationKind::Clash), ["인신충"]);
        let full = rs.iter().find(|r| r.kind == RelationKind::ThreeHarmony).unwrap();
        assert_eq!(full.result_element, Some(Element::Water));
        assert_eq!(positions(full), [Position::Year, Position::Month, Position::Day]);
    }

    #[test]
    fn half_harmony_needs_the_middle_branch() {
        // 인 오 자: 인오 반합(화) and 자오충.
        let rs = relations(&chart("갑인", "경오", "갑자", None));
        assert_eq!(names(&rs, RelationKind::HalfHarmony), ["인오 반합(화)"]);
        assert!(names(&rs, RelationKind::ThreeHarmony).is_empty());
        // 인 술 without 오 (가합) is not a 반합.
        let rs = relations(&chart("갑인", "병인", "갑술", None));
        assert!(names(&rs, RelationKind::HalfHarmony).is_empty());
        // All three: one 삼합 and no halves.
        let rs = relations(&chart("갑인", "경오", "갑술", None));
        assert_eq!(names(&rs, RelationKind::ThreeHarmony), ["인오술 삼합(화)"]);
        assert!(names(&rs, RelationKind::HalfHarmony).is_empty());
        // Two 오 with one 인: the triple needs three distinct branches, so two 인오 halves.
        let rs = relations(&chart("갑인", "경오", "갑오", None));
        assert_eq!(names(&rs, RelationKind::HalfHarmony), ["인오 반합(화)", "인오 반합(화)"]);
    }

    #[test]
    fn directional_and_six_combinations() {
        // 인 묘 진: 인묘진 방합(목); 묘진 is also 해.
        let rs = relations(&chart("갑인", "정묘", "무진", Some("계해")));
        assert_eq!(names(&rs, RelationKind::Directional), ["인묘진 방합(목)"]);
        assert_eq!(names(&rs, RelationKind::SixCombine), ["인해합(목)"]);
        assert!(names(&rs, RelationKind::Harm).contains(&"묘진해".to_string()));
        assert!(names(&rs, RelationKind::HalfHarmony).contains(&"해묘 반합(목)".to_string()));
        // 오미합 is reported as 화.
        let rs = relations(&chart("갑오", "신미", "갑자", None));
        let six = rs.iter().find(|r| r.kind == RelationKind::SixCombine).unwrap();
        assert_eq!((six.hangul_name.as_str(), six.result_element), ("오미합(화)", Some(Element::Fire)));
    }

    #[test]
    fn punishments() {
        // 인 사 신 all present: one 삼형, no pair 형; 사신 is also 합 and 파, 인사 also 해, 인신 also 충.
        let rs = relations(&chart("갑인", "기사", "경신", None));
        assert_eq!(names(&rs, RelationKind::Punishment), ["인사신 삼형"]);
        assert_eq!(names(&rs, RelationKind::SixCombine), ["사신합(수)"]);
        assert_eq!(names(&rs, RelationKind::Break), ["사신파"]);
        assert_eq!(names(&rs, RelationKind::Harm), ["인사해"]);
        assert_eq!(names(&rs, RelationKind::Clash), ["인신충"]);
        // Only 축 and 술: a two-member 형; 자묘 상형; 오오 자형.
        let rs = relations(&chart("을축", "병술", "병오", Some("갑오")));
        assert_eq!(names(&rs, RelationKind::Punishment), ["축술형"]);
        assert_eq!(names(&rs, RelationKind::SelfPunishment), ["오오 자형"]);
        let rs = relations(&chart("갑자", "정묘", "갑자", None));
        assert_eq!(names(&rs, RelationKind::Punishment), ["자묘 상형", "자묘 상형"]);
        // 자자 is not a self-punishment.
        assert!(names(&rs, RelationKind::SelfPunishment).is_empty());
    }

    #[test]
    fn breaks_harms_and_wonjin() {
        let rs = relations(&chart("갑자", "계유", "정미", Some("갑진")));
        assert_eq!(names(&rs, RelationKind::Break), ["자유파"]);
        assert_eq!(names(&rs, RelationKind::Harm), ["자미해"]);
        assert_eq!(names(&rs, RelationKind::Wonjin), ["자미 원진"]);
        assert_eq!(names(&rs, RelationKind::SixCombine), ["진유합(금)"]);
        assert_eq!(names(&rs, RelationKind::HalfHarmony), ["자진 반합(수)"]);
    }

    /// Each table is six disjoint pairs covering all twelve branches.
    #[test]
    fn branch_tables_are_six_disjoint_pairs() {
        let six: Vec<[usize; 2]> = SIX_COMBINE.iter().map(|(p, _)| *p).collect();
        for table in [six.as_slice(), &CLASH, &BREAK, &HARM, &WONJIN] {
            let mut seen = [0u8; 12];
            for [a, b] in table {
                seen[*a] += 1;
                seen[*b] += 1;
            }
            assert_eq!(seen, [1; 12]);
        }
        // 육합 pairs sum to 1 (mod 12), 해 pairs to 7, 충 pairs differ by 6.
        assert!(six.iter().all(|[a, b]| (a + b) % 12 == 1));
        assert!(HARM.iter().all(|[a, b]| (a + b) % 12 == 7));
        assert!(CLASH.iter().all(|[a, b]| (b + 12 - a) % 12 == 6));
    }

    #[test]
    fn serializes_with_codes() {
        let rs = relations(&chart("기축", "병자", "갑자", None));
        let json = serde_json::to_value(&rs).unwrap();
        let first = &json[0];
        assert_eq!(first["kind"], "stem_combine");
        assert_eq!(first["members"][0]["position"], "year");
        assert_eq!(first["members"][0]["part"], "stem");
        assert_eq!(first["result_element"], "earth");
        assert!(json.as_array().unwrap().iter().any(|r| r["kind"] == "six_combine"));
    }

    #[test]
    fn never_panics_on_any_three_pillar_chart() {
        for y in (0..60).step_by(7) {
            for m in (0..60).step_by(5) {
                for d in 0..60 {
                    let p =
                        FourPillars { year: GanZhi::new(y), month: GanZhi::new(m), day: GanZhi::new(d), hour: None };
                    for r in relations(&p) {
                        assert!(r.members.iter().all(|m| m.position != Position::Hour));
                    }
                }
            }
        }
    }
}

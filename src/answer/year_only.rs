//! A second person told only by a year ("엄마는 77년 뱀띠야", "형은 85년 소띠"): what the year alone can carry,
//! said before the month and day are asked for — their year pillar and 띠 (and the one before it for a birthday
//! before 입춘), how their 띠 meets the user's year and day branches, and what their year stem is to the user's
//! day master. Never a birthday made up; never more than the year can say.

use crate::saju::chart::model::Chart;
use crate::saju::derive::relations::{pair_relations, Relation, RelationKind};
use crate::saju::derive::{ten_god, TenGodGroup};
use crate::saju::ganzhi::GanZhi;
use crate::saju::josa::with_particle;
use crate::saju::pillars::year_pillar;

fn animal(g: GanZhi) -> &'static str {
    g.branch().animal()
}

/// The branch relations of two pillars (the stem pairs left out: a year alone says little of a stem).
pub(super) fn branch_relations(a: GanZhi, b: GanZhi) -> Vec<Relation> {
    pair_relations(a, b)
        .into_iter()
        .filter(|r| !matches!(r.kind, RelationKind::StemCombine | RelationKind::StemClash))
        .collect()
}

/// A relation that draws the two together (a combination) rather than strains them.
fn binds(kind: RelationKind) -> bool {
    matches!(
        kind,
        RelationKind::SixCombine | RelationKind::ThreeHarmony | RelationKind::HalfHarmony | RelationKind::Directional
    )
}

/// How two branches meet, in words; `None` when they neither combine nor strain.
fn branch_meeting(a: GanZhi, b: GanZhi) -> Option<String> {
    let rels = branch_relations(a, b);
    let first = rels.first()?;
    let sense = match first.kind {
        k if binds(k) => "서로 끌어 주고 힘을 보태는 사이",
        RelationKind::Clash => "부딪히지만 서로를 움직이게 하는 사이, 속도를 맞추는 대화가 필요",
        RelationKind::Wonjin => "이유 없이 서운함이 쌓이기 쉬워 감정이 올라올 때 한 박자 쉬면 좋은 사이",
        RelationKind::Punishment | RelationKind::SelfPunishment => {
            "가까울수록 마찰이 생기기 쉬워 서로의 방식을 존중해야 하는 사이"
        }
        _ => "작은 서운함이 쌓이기 쉬워 그때그때 풀면 좋은 사이",
    };
    Some(format!("{}({sense})", first.hangul_name))
}

fn group_sense(g: TenGodGroup) -> &'static str {
    match g {
        TenGodGroup::BiGeop => "대등한 친구이자 경쟁자처럼 느껴지는 기운",
        TenGodGroup::SikSang => "내가 챙기고 표현하게 되는 기운",
        TenGodGroup::JaeSeong => "내가 이끌고 관리하려 드는 기운",
        TenGodGroup::GwanSeong => "나를 다잡고 긴장시키는 기운",
        TenGodGroup::InSeong => "나를 돕고 감싸 주는 기운",
    }
}

/// The reading of `word`'s (`"어머님"`) `year` against the chart of `whose` (`"본인"`, or `"따님"` when the
/// year is weighed with someone the user asked about).
pub fn reading(user: &Chart, year: i32, word: &str, whose: &str) -> Option<String> {
    let theirs = year_pillar(year);
    let before = year_pillar(year - 1);
    let user_year = GanZhi::parse(user.pillars.year.hangul)?;
    let user_day = GanZhi::parse(user.pillars.day.hangul)?;
    let dm = user_day.stem();
    let god = ten_god(dm, theirs.stem());
    let mut lines = vec![format!(
        "{word}께서 태어난 {year}년은 {}년({}띠)이에요. 생월·생일 없이 태어난 해만으로는 큰 그림만 볼 수 있어요.",
        theirs.hangul(),
        animal(theirs)
    )];
    let same = |a: GanZhi, b: GanZhi| a.branch() == b.branch();
    lines.push(match branch_meeting(theirs, user_year) {
        Some(m) => format!("- 띠끼리: {whose} {}띠와 {}띠는 {m}입니다.", animal(user_year), animal(theirs)),
        None if same(theirs, user_year) => format!("- 띠끼리: 두 분 모두 {}띠라 결이 비슷한 편입니다.", animal(theirs)),
        None => format!(
            "- 띠끼리: {whose} {}띠와 {}띠는 특별히 묶이거나 부딪히는 관계가 없어 무난합니다.",
            animal(user_year),
            animal(theirs)
        ),
    });
    if let Some(m) = branch_meeting(theirs, user_day) {
        lines.push(format!(
            "- {whose}의 배우자·가까운 사람 자리인 일지 {} {}의 년지 {} {m}입니다.",
            with_particle(user_day.branch().hangul(), "과", "와"),
            word,
            with_particle(theirs.branch().hangul(), "은", "는")
        ));
    }
    lines.push(format!(
        "- {}의 년간 {} {whose} 일간 {}{}에게 {}, {}이에요.",
        word,
        with_particle(
            &format!("{}{}({})", theirs.stem().hangul(), theirs.stem().element().hangul(), theirs.stem().hanja()),
            "은",
            "는"
        ),
        dm.hangul(),
        dm.element().hangul(),
        god.hangul(),
        if whose == "본인" {
            group_sense(god.group()).to_string()
        } else {
            group_sense(god.group()).replace("나를", &with_particle(whose, "을", "를"))
        }
    ));
    lines.push(format!(
        "- 다만 1월이나 2월 초, 입춘 전에 태어나셨다면 년주는 {}년({}띠)이 됩니다.",
        before.hangul(),
        animal(before)
    ));
    lines.push(String::new());
    lines.push(format!(
        "{} 생월과 생일을 알려 주시면 일주끼리 견주어 제대로 볼게요. 음력이면 \"음력\"이라고 함께 적어 주세요.",
        with_particle(word, "의", "의").trim_end_matches('의').to_string() + "의"
    ));
    Some(lines.join("\n"))
}

/// The same year reading in everyday words ("무슨 말인지 모르겠어 더 쉽게"): how the two get along and why, with
/// no terms.
pub fn plain(user: &Chart, year: i32, word: &str, whose: &str) -> Option<String> {
    let theirs = year_pillar(year);
    let user_year = GanZhi::parse(user.pillars.year.hangul)?;
    let user_day = GanZhi::parse(user.pillars.day.hangul)?;
    let god = ten_god(user_day.stem(), theirs.stem());
    let kinds: Vec<RelationKind> =
        [user_year, user_day].iter().flat_map(|g| branch_relations(theirs, *g)).map(|r| r.kind).collect();
    let pulls = kinds.iter().any(|&k| binds(k));
    let strains = kinds.iter().any(|&k| !binds(k));
    let along = match (pulls, strains) {
        (true, false) => "서로 끌어 주는 편",
        (false, true) => "부딪히는 구석이 있는 편",
        (true, true) => "끌리면서도 부딪히는 구석이 함께 있는 편",
        (false, false) => "원래 안 맞는 사이가 아니라 무난한 편",
    };
    let feel = match god.group() {
        TenGodGroup::BiGeop => "친구 같은 쪽이라 편하지만, 둘 다 고집을 세우면 물러서지 않기 쉬워요",
        TenGodGroup::SikSang => "내가 먼저 챙기고 맞춰 주게 되는 쪽이에요",
        TenGodGroup::JaeSeong => "내가 이끌고 관리하려 들게 되는 쪽이에요",
        TenGodGroup::GwanSeong => {
            "나를 다잡아 주려는 쪽이라, 말 한마디가 잔소리나 압박처럼 느껴지기 쉬워요. 미워서가 아니라 걱정해서 그렇다고 보면 돼요"
        }
        TenGodGroup::InSeong => "나를 감싸고 도와주려는 쪽이라, 기대도 되는 사이예요",
    };
    // (Weighed with someone else, "나" is that person.)
    let feel = if whose == "본인" {
        feel.to_string()
    } else {
        feel.replace("나를", &with_particle(whose, "을", "를")).replace("내가", &with_particle(whose, "이", "가"))
    };
    Some(format!(
        "쉽게 말하면, {} {} 태어난 해로 보면 {along}이에요. 그리고 {word}의 기운은 {whose}에게 {feel}.\n태어난 해만 본 거라 큰 그림이고, {word} 생일까지 알면 더 정확히 볼 수 있어요.",
        with_particle(word, "과", "와"),
        with_particle(whose, "은", "는"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_alone_gives_the_year_pillar_and_how_it_meets_the_user() {
        // The user 2009-06-05 16:50 (기축 기사 신사 병신); the mother 1977 (정사, 뱀띠).
        let user = crate::answer::test_chart("2009-06-05T16:50", "female");
        let r = reading(&user, 1977, "어머님", "본인").expect("a reading");
        assert!(r.contains("1977년은 정사년(뱀띠)"), "{r}");
        // 사 (mother's year) and 축 (the user's year): 사유축 반합; 사 and the day branch 사: the same branch.
        assert!(r.contains("본인 소띠와 뱀띠는"), "{r}");
        // 정화 to a 신금 day master: 편관.
        assert!(r.contains("정화(丁)는 본인 일간 신금에게 편관"), "{r}");
        assert!(r.contains("병진년(용띠)"), "{r}");
        assert!(!r.contains("월 ") || !r.contains("일생"), "no birthday made up: {r}");
    }
}

//! "결혼이냐 유학이냐", "한국 들어갈지 미국에 남을지", "전세 연장할지 집을 살지", "바로 이직할지 좀 쉴지",
//! "팀 옮기는 게 나아요 아니면 버티는 게 나아요?": a choice between two moves in a life — not two kinds of work
//! (`choices`) — answered with a lean first.
//!
//! Each option is a move in one life area (결혼 → 결혼·연애운, 유학 → 시험·공부운, 귀국 → 이사·이동운, 매매 →
//! 재물운 …) or keeping things as they are (잔류, 전세 연장, 버티기, 쉬기). The choice is decided in a year: the
//! year the question names, else this year — or the next once the year is in its last two months, when a move
//! weighed now starts then. A move against staying put leans to the move when that year carries its area (score ≥ 1
//! and no strain on the day pillar), to staying put when the year works against it, and otherwise to getting ready
//! now and moving in the area's best coming year. Two moves are weighed by their areas' scores over the year and
//! the next. Every lean names the years' reasons and one practical check per option, since the chart lights the
//! timing, not the whole decision.

use super::plans::{reasons_text, Plan};
use super::timing::{area_name, score_years, YearScore};
use super::TimingTopic;
use crate::saju::chart::model::Chart;
use crate::saju::josa::has_final_consonant;

/// "‘결혼’을", "‘유학·공부’를": an option's name in quotes with its particle.
fn quoted(name: &str, after_consonant: &str, after_vowel: &str) -> String {
    let particle = if has_final_consonant(name) { after_consonant } else { after_vowel };
    format!("‘{name}’{particle}")
}

/// One option of a life choice.
struct LifeOption {
    /// Words that name it; the first option whose word appears (earliest in the text) wins.
    words: &'static [&'static str],
    /// How the reply names it.
    name: &'static str,
    /// The life area its timing is read in.
    area: TimingTopic,
    /// A move (true) or keeping things as they are (false).
    moves: bool,
    /// What to settle before choosing it, whatever the chart says.
    check: &'static str,
}

const fn move_to(
    words: &'static [&'static str],
    name: &'static str,
    area: TimingTopic,
    check: &'static str,
) -> LifeOption {
    LifeOption { words, name, area, moves: true, check }
}

const fn stay(
    words: &'static [&'static str],
    name: &'static str,
    area: TimingTopic,
    check: &'static str,
) -> LifeOption {
    LifeOption { words, name, area, moves: false, check }
}

use TimingTopic::{Career, Children, General, Love, Move, Study, Wealth};

const OPTIONS: &[LifeOption] = &[
    move_to(
        &["결혼", "혼인", "식 올"],
        "결혼",
        Love,
        "기다릴 수 있는 기간과 그동안의 관계를 두 사람이 먼저 말로 정해 두세요.",
    ),
    move_to(
        &["유학", "석사", "박사", "대학원", "어학연수", "워홀", "워킹홀리데이"],
        "유학·공부",
        Study,
        "학비·생활비와 돌아올 시점, 마친 뒤의 길을 미리 적어 두세요.",
    ),
    move_to(
        &["귀국", "한국 들어", "한국에 들어", "한국으로 들어", "한국 가", "한국으로 가", "들어갈지", "들어갈까"],
        "한국으로 돌아가기",
        Move,
        "돌아가서 할 일과 거처, 비자·영주권을 정리할 시점을 먼저 확인하세요.",
    ),
    move_to(
        &["이민", "이주", "해외로", "외국으로", "나가 살"],
        "이주",
        Move,
        "그곳에서의 일과 체류 자격, 가족의 적응을 먼저 따져 보세요.",
    ),
    move_to(
        &["내려갈", "내려가", "지방으로", "지방 ", "옮겨갈", "옮겨 갈"],
        "지방으로 옮기기",
        Career,
        "옮겨 갈 곳의 일과 생활, 곁에 남는 사람과의 거리를 함께 따져 보세요.",
    ),
    move_to(
        &["집을 살", "집을 사", "집 살", "집 사", "매매", "매수", "내 집", "분양", "구입"],
        "집 사기(매매)",
        Wealth,
        "대출 원리금이 월 소득의 3분의 1을 넘지 않는지, 금리가 오를 때도 버틸 수 있는지 먼저 계산하세요.",
    ),
    move_to(
        &["복학", "편입", "재입학"],
        "복학·공부",
        Study,
        "마칠 때까지의 기간과 학비, 졸업 뒤에 하고 싶은 일을 먼저 그려 보세요.",
    ),
    move_to(
        &["바로 취업", "취업", "재취업", "취직"],
        "취업",
        Career,
        "가고 싶은 일의 조건과 지금 갖춘 것, 더 갖출 것을 나란히 적어 보세요.",
    ),
    move_to(
        &["바로 이직", "이직"],
        "이직",
        Career,
        "옮길 곳의 일과 사람, 1년 뒤의 내 모습을 지금 자리와 나란히 적어 비교해 보세요.",
    ),
    move_to(
        &["팀 옮", "팀을 옮", "부서 이동", "부서 옮", "부서를 옮", "전배", "옮기는"],
        "옮기기",
        Career,
        "옮겨 갈 자리의 일과 사람을 미리 알아보고, 지금 자리의 관계는 좋게 정리해 두세요.",
    ),
    move_to(
        &["둘째", "셋째", "아이를 갖", "아이 갖", "아기 갖", "임신"],
        "아이 갖기",
        Children,
        "몸의 준비와 돌봄을 나눌 손, 일과의 균형을 부부가 먼저 맞춰 두세요.",
    ),
    move_to(
        &["독립", "자취", "나가서 살", "분가"],
        "독립",
        Move,
        "석 달치 생활비와 보증금, 고정비를 먼저 계산해 보세요.",
    ),
    move_to(
        &["모시고", "모실지", "모시는", "모셔", "합가", "같이 살"],
        "함께 살기(합가)",
        Move,
        "살림과 돌봄을 누가 얼마나 맡을지, 각자의 공간을 어떻게 둘지 먼저 정해 두세요.",
    ),
    move_to(
        &["접을", "접으", "접을지", "정리할", "폐업", "가게를 닫", "그만둘"],
        "정리하기",
        Wealth,
        "정리에 드는 비용(권리금·철거·계약)과 그 뒤의 생활비를 먼저 계산해 보세요.",
    ),
    stay(
        &["남을", "남는", "잔류", "머물", "그냥 미국", "그냥 여기", "계속 살"],
        "지금 사는 곳에 남기",
        Move,
        "남는다면 몇 년 뒤에 다시 따져 볼지 시점을 정해 두면 미련이 덜합니다.",
    ),
    stay(
        &["연장", "재계약", "전세"],
        "전세 연장",
        Wealth,
        "연장한다면 그 2년 동안 모을 금액과 다음 결정의 시점을 정해 두세요.",
    ),
    stay(
        &["버티", "버틸", "참을", "그냥 다니", "계속 다닐", "계속 다니", "남아서"],
        "지금 자리 지키기",
        Career,
        "버틴다면 언제까지, 무엇이 바뀌면 움직일지 기준을 정해 두세요.",
    ),
    stay(
        &["쉴지", "쉬기", "쉬어", "쉬는", "좀 쉬", "휴식", "쉴까"],
        "쉬어 가기",
        General,
        "쉬는 기간과 쓸 돈의 한도를 미리 정해 두면 쉬는 동안 불안이 덜합니다.",
    ),
    stay(
        &["계속할", "계속 할", "계속하", "이어갈", "유지"],
        "지금 일을 이어 가기",
        Career,
        "이어 간다면 줄일 것과 바꿀 것을 하나씩 정해 새 힘을 넣어 보세요.",
    ),
];

/// Whether the message weighs options ("A냐 B냐", "A할지 B할지", "A vs B", "A 아니면 B").
fn weighs(question: &str) -> bool {
    [
        "냐",
        "할지",
        "갈지",
        "살지",
        "볼지",
        "둘지",
        "낳을지",
        "쉴지",
        "남을지",
        "vs",
        "VS",
        "아니면",
        "중에",
        "중엔",
        "나아요",
        "나을까",
        "낫나",
        "뭐가",
        "어디가",
        "어느 쪽",
        "어느쪽",
        "고민",
    ]
    .iter()
    .any(|w| question.contains(w))
}

/// "이직 고민 중인데 언제 옮기는 게 좋을까요?": a question of when, its two words for the move (이직,
/// 옮기기) one move, not two sides. Only a question that sets two sides against each other ("아니면", "vs",
/// "중에", "…할지 …할지") weighs them.
fn asks_only_when(question: &str) -> bool {
    let when = ["언제", "몇 년", "몇년", "시기", "몇 월", "몇월"].iter().any(|w| question.contains(w));
    let sides = ["아니면", "vs", "VS", "중에", "중엔", "냐", "이랑 ", "랑 "].iter().any(|w| question.contains(w))
        || question.matches("지 ").count() + usize::from(question.ends_with('지')) >= 2;
    when && !sides
}

/// One side of a choice as the reply weighs it: an option of the table, or the user's own words for it.
struct Choice {
    name: String,
    area: TimingTopic,
    moves: bool,
    check: &'static str,
}

impl From<&LifeOption> for Choice {
    fn from(o: &LifeOption) -> Choice {
        Choice { name: o.name.to_string(), area: o.area, moves: o.moves, check: o.check }
    }
}

/// The options a message names, in the order written, at most one per name.
fn named(question: &str) -> Vec<Choice> {
    let mut found: Vec<(usize, &'static LifeOption)> = Vec::new();
    for o in OPTIONS {
        if let Some(at) = o.words.iter().filter_map(|w| question.find(w)).min() {
            // A word inside another option's longer word ("바로 이직" holds "이직") counts once.
            if !found.iter().any(|(_, f)| f.name == o.name) {
                found.push((at, o));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, o)| Choice::from(o)).collect()
}

/// Words that make an option the keeping of what is: "지금 가게 넓힐지", "그냥 도시에서 소일거리".
const KEEPS: &[&str] = &["계속", "그냥", "지금", "그대로", "원래", "남아", "버티", "유지"];

/// A verb said as "…ㄹ지" (낼지, 넓힐지, 재회할지) as the reply names it: "내는 쪽", "넓히는 쪽".
fn verb_side(word: &str) -> Option<String> {
    let stem = word.trim_end_matches(|c: char| !('가'..='힣').contains(&c)).strip_suffix('지')?;
    let last = stem.chars().last()?;
    let code = last as u32 - '가' as u32;
    // The syllable before 지 ends in ㄹ (final consonant index 8): 할, 갈, 낼, 힐, 볼, 닐.
    if !('가'..='힣').contains(&last) || code % 28 != 8 {
        return None;
    }
    let open = char::from_u32(last as u32 - 8)?;
    Some(format!("{}{open}는 쪽", &stem[..stem.len() - last.len_utf8()]))
}

/// The two sides of a choice in the user's own words, when the table knows neither: "A vs B", "A 아니면 B",
/// "2호점 낼지 지금 가게 넓힐지" — each read as a move or as keeping what is, in the area its words name.
fn phrased(question: &str, fallback: TimingTopic) -> Option<(Choice, Choice)> {
    let sentence_of =
        |text: &str| text.split(['.', '?', '!', '\n']).map(str::trim).find(|s| !s.is_empty()).map(str::to_string);
    let (a, b) = if let Some((sep, at)) =
        [" vs ", " VS ", "vs", "VS", " 아니면 "].iter().find_map(|sep| question.find(sep).map(|at| (*sep, at)))
    {
        let before = question[..at].rsplit(['.', '?', '!', '\n', ',']).next()?.trim();
        let after = sentence_of(&question[at + sep.len()..])?;
        // At most the last three words before and the first four after.
        let words: Vec<&str> = before.split_whitespace().collect();
        let a = words[words.len().saturating_sub(3)..].join(" ");
        let b = after.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        let b = b.trim_end_matches(|c: char| !('가'..='힣').contains(&c) && !c.is_alphanumeric()).to_string();
        let cut = |s: &str| {
            ["뭐가", "어느", "중에", "중엔", "어디가", "이 나아", "가 나아", "이 좋", "가 좋"]
                .iter()
                .filter_map(|w| s.find(w))
                .min()
                .map_or(s.to_string(), |i| s[..i].trim().to_string())
        };
        (cut(&a), cut(&b))
    } else {
        let words: Vec<&str> = question.split_whitespace().collect();
        let verbs: Vec<(usize, String)> =
            words.iter().enumerate().filter_map(|(i, w)| verb_side(w).map(|v| (i, v))).take(2).collect();
        let [(i, va), (j, vb)] = verbs.as_slice() else { return None };
        // The word before the verb joins it when it is its object ("2호점 낼지"), not the end of a sentence
        // ("연락왔어요..ㅠ 재회할지").
        let object = |k: usize, lo: usize| {
            let w = if k > lo { words[k - 1] } else { "" };
            let plain = !w.is_empty()
                && w.chars().all(|c| ('가'..='힣').contains(&c) || c.is_ascii_alphanumeric())
                && !["요", "다", "고", "서", "데", "니", "까"].iter().any(|e| w.ends_with(e));
            if plain {
                format!("{w} ")
            } else {
                String::new()
            }
        };
        (format!("{}{va}", object(*i, 0)), format!("{}{vb}", object(*j, i + 1)))
    };
    // Two dates are weighed by their days (`days`), not as two paths.
    static DATE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\d{1,2}\s*월\s*\d{1,2}\s*일").expect("valid"));
    if a.chars().count() < 2 || b.chars().count() < 2 || a == b || DATE.is_match(&a) || DATE.is_match(&b) {
        return None;
    }
    let side = |name: String| {
        let area = super::decision::area_of_move(&name, super::Topic::General);
        let area = if area == TimingTopic::General { fallback } else { area };
        let moves = !KEEPS.iter().any(|w| name.contains(w));
        let check = if moves {
            "그 길의 비용과 시간, 잘 안 될 때 돌아올 길을 먼저 적어 보세요."
        } else {
            "지금 것을 이어 간다면 무엇을 바꾸고 언제 다시 따져 볼지 정해 두세요."
        };
        Choice { name, area, moves, check }
    };
    Some((side(a), side(b)))
}

/// The year a life choice is decided in: a year the message names, else this one — or the next in November
/// and December, when a move weighed now starts in the new year.
fn decision_year(question: &str, this_year: i32, month: u32) -> i32 {
    if ["내년", "다음 해", "다음해", "새해"].iter().any(|w| question.contains(w)) {
        this_year + 1
    } else if ["올해", "올 해", "이번 해"].iter().any(|w| question.contains(w)) {
        this_year
    } else if month >= 11 {
        this_year + 1
    } else {
        this_year
    }
}

/// Whether the year carries the area: a good score and no strain on the day pillar.
fn carries(y: &YearScore) -> bool {
    y.score >= 2.0 || (y.score >= 1.0 && y.cautions.is_empty())
}

/// "2027년(정미)은 직업·이직·사업운으로 …한 해입니다(…)."
fn year_line(y: &YearScore, area: TimingTopic) -> String {
    let mut line =
        format!("- {}년({}) {}: {}. {}.", y.year, y.pillar_hangul, area_name(area), y.verdict(), reasons_text(y, 2));
    if !y.cautions.is_empty() {
        line.push_str(&format!(" 다만 {}이 있어 무리한 일정은 피하는 게 좋습니다.", y.cautions.join(", ")));
    }
    line
}

/// The answer to a life choice between two options, or None when the message names fewer than two.
pub fn plan(chart: &Chart, question: &str, this_year: i32, month: u32) -> Option<Plan> {
    if !weighs(question) || asks_only_when(question) {
        return None;
    }
    let mut options = named(question);
    if options.len() < 2 {
        let fallback = super::decision::area_of_move(question, super::Topic::General);
        let (a, b) = phrased(question, fallback)?;
        options = vec![a, b];
    }
    let [a, b, ..] = options.as_slice() else { return None };
    let year = decision_year(question, this_year, month);
    let score = |o: &Choice| score_years(chart, o.area, year, 2);
    let (sa, sb) = (score(a), score(b));
    let (head, lines) = match (a.moves, b.moves) {
        (true, false) | (false, true) => {
            let (go, keep, s) = if a.moves { (a, b, &sa) } else { (b, a, &sb) };
            let best = score_years(chart, go.area, year, 6)
                .into_iter()
                .filter(carries)
                .max_by(|x, y| x.score.total_cmp(&y.score).then(y.year.cmp(&x.year)));
            let head = if carries(&s[0]) {
                format!(
                    "사주로 보면 ‘{}’ 쪽으로 기웁니다. {}년은 {}이 힘을 받는 해라 움직일 때를 잘 만났어요.",
                    go.name,
                    year,
                    area_name(go.area)
                )
            } else if s[0].score < 0.0 || !s[0].cautions.is_empty() {
                let later = best
                    .as_ref()
                    .map_or(String::new(), |b| format!(" 움직인다면 {}년({})이 더 낫습니다.", b.year, b.pillar_hangul));
                let why = if s[0].score < 0.0 {
                    format!("{}에 부담이 있는 해예요", area_name(go.area))
                } else {
                    format!("큰 흐름은 무난하지만 {}이 있어 큰 움직임을 서두를 해는 아니에요", s[0].cautions.join(", "))
                };
                format!("사주로 보면 지금은 ‘{}’ 쪽이 낫습니다. {year}년은 {why}.{later}", keep.name)
            } else {
                match best.as_ref().filter(|b| b.year > year) {
                    Some(b) => format!(
                        "사주로 보면 당장 ‘{}’보다는 ‘{}’ 쪽에서 준비하다가 {}년({})에 움직이는 편이 낫습니다.",
                        go.name, keep.name, b.year, b.pillar_hangul
                    ),
                    None => format!(
                        "사주로 보면 ‘{}’ 쪽으로 조심스럽게 기웁니다. {}년은 크게 막히지도 밀어주지도 않는 해라, 조건이 갖춰졌다면 움직여도 괜찮습니다.",
                        go.name, year
                    ),
                }
            };
            let mut lines = vec![year_line(&s[0], go.area)];
            if let Some(b) = best.filter(|b| b.year != year) {
                lines.push(format!("- {}의 때로 가장 나은 해는 {}년({})입니다.", go.name, b.year, b.pillar_hangul));
            }
            lines.push(format!("- {} 고른다면: {}", quoted(&go.name, "을", "를"), go.check));
            lines.push(format!("- {} 고른다면: {}", quoted(&keep.name, "을", "를"), keep.check));
            (head, lines)
        }
        // Two sides in one area, both moves (or both keeping): the chart reads them alike and does not pick.
        _ if a.area == b.area => {
            let y = &sa[0];
            let head = format!(
                "사주로는 {} {} 같은 {}의 흐름 위에 있어, 어느 한쪽을 가려 주지는 않아요. {}년은 이 분야로 {}라, 고른 쪽을 {}.",
                quoted(&a.name, "과", "와"),
                quoted(&b.name, "이", "가"),
                area_name(a.area),
                year,
                y.verdict(),
                if carries(y) { "밀고 나가기 좋은 때입니다" } else { "서두르지 말고 준비해 가는 편이 좋습니다" }
            );
            let lines = vec![
                year_line(y, a.area),
                format!("- {} 고른다면: {}", quoted(&a.name, "을", "를"), a.check),
                format!("- {} 고른다면: {}", quoted(&b.name, "을", "를"), b.check),
            ];
            (head, lines)
        }
        _ => {
            let total = |s: &[YearScore]| s.iter().map(|y| y.score).sum::<f32>();
            let (ta, tb) = (total(&sa), total(&sb));
            let (first, second, s1, s2) = if ta >= tb { (a, b, &sa, &sb) } else { (b, a, &sb, &sa) };
            let head = if (ta - tb).abs() < 1.0 {
                format!(
                    "사주로 보면 ‘{}’ 쪽으로 조금 기웁니다. 두 길의 흐름이 {}년과 {}년에 비슷해 큰 차이는 아니니, 삶의 조건이 더 무겁게 정하면 됩니다.",
                    first.name,
                    year,
                    year + 1
                )
            } else {
                format!(
                    "사주로 보면 ‘{}’ 쪽이 낫습니다. {}년과 {}년에는 {}이 {}보다 힘을 받습니다.",
                    first.name,
                    year,
                    year + 1,
                    area_name(first.area),
                    area_name(second.area)
                )
            };
            let mut lines = vec![year_line(&s1[0], first.area), year_line(&s2[0], second.area)];
            lines.push(format!("- {} 고른다면: {}", quoted(&first.name, "을", "를"), first.check));
            lines.push(format!("- {} 고른다면: {}", quoted(&second.name, "을", "를"), second.check));
            (head, lines)
        }
    };
    let mut body = lines.join("\n");
    body.push_str(
        "\n- 사주는 때와 흐름을 비춰 줄 뿐이라, 마지막 결정은 두 길의 현실 조건을 나란히 놓고 하시길 권해요.",
    );
    Some(Plan { head, body })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart as chart;

    #[test]
    fn two_life_options_get_a_lean_with_the_years_and_what_to_check() {
        let c = chart("1993-11-16T04:00", "female");
        let p = plan(&c, "결혼이냐 유학이냐 사주로 보면 뭐가 맞아요??", 2026, 12).expect("a life choice");
        assert!(p.head.starts_with("사주로 보면 ‘"), "{}", p.head);
        assert!(p.body.contains("2027년"), "decided in the new year in December: {}", p.body);
        assert!(p.body.contains("기다릴 수 있는 기간") && p.body.contains("학비"), "{}", p.body);
        let stay =
            plan(&c, "전세 만기가 내년 3월인데 연장할지 이참에 집을 살지 고민이에요", 2026, 12).expect("a choice");
        assert!(stay.head.contains("집 사기(매매)") || stay.head.contains("전세 연장"), "{}", stay.head);
        assert!(stay.body.contains("원리금"), "{}", stay.body);
        assert!(plan(&c, "올해 결혼운 있어요?", 2026, 12).is_none(), "one option, no choice");
    }

    #[test]
    fn sides_the_table_does_not_know_are_read_from_the_users_own_words() {
        let c = chart("1992-10-31T18:30", "female");
        let p = plan(&c, "네일샵 3년째 하는데 2호점 낼지 지금 가게 넓힐지 고민이에요", 2026, 12).expect("a choice");
        assert!(p.head.contains("‘2호점 내는 쪽’") && p.head.contains("‘가게 넓히는 쪽’"), "{}", p.head);
        let q = plan(&c, "귀농 vs 그냥 도시에서 소일거리 뭐가 나아요?", 2026, 12).expect("a choice");
        assert!(q.head.contains("‘귀농’") || q.head.contains("‘그냥 도시에서 소일거리’"), "{}", q.head);
        assert!(plan(&c, "27년 4월 17일 vs 5월 22일 뭐가 나아요?", 2026, 12).is_none(), "two dates are the days'");
        assert!(plan(&c, "연락왔어요..ㅠ 재회할지 소개받은 사람 만나볼지 고민", 2026, 12)
            .is_some_and(|p| !p.head.contains("연락왔어요")));
    }

    #[test]
    fn the_decision_year_is_the_one_named_else_the_new_year_in_its_last_months() {
        assert_eq!(decision_year("올해 옮길지", 2026, 12), 2026);
        assert_eq!(decision_year("내년에 옮길지", 2026, 5), 2027);
        assert_eq!(decision_year("옮길지 남을지", 2026, 12), 2027);
        assert_eq!(decision_year("옮길지 남을지", 2026, 6), 2026);
    }
}

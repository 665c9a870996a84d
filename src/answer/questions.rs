//! Questions with a short, direct answer from the chart, answered yes or no (or by name) first: "저 개띠
//! 맞죠?" (the 띠, with the 입춘 rule when the birth is near it), "제 사주에 편관 있어요?" (a ten god, where it
//! sits), "공망이 어디예요?" (the chart's 공망), "무슨 색 옷이 좋아요?" (the 용신's colour), "제 일주가 뭐예요?"
//! (the day pillar and what its letters say), "만세력 앱마다 월주가 달라요" (which convention moves which pillar
//! of this chart).

use super::plans::Plan;
use crate::saju::chart::model::{Chart, PillarView};
use crate::saju::ganzhi::{Branch, Element};
use crate::saju::josa::with_particle;

/// The plan for a direct question, when `question` asks one of these. A 띠 said beside another question
/// ("자녀운이 있나요? 참고로 저 뱀띠예요") is not the question: see [`zodiac_note`].
pub fn plan(chart: &Chart, question: &str) -> Option<Plan> {
    if sites_differ(question) {
        return Some(conventions_differ(chart));
    }
    if question.contains("남반구") {
        return Some(southern(chart));
    }
    if let Some(p) = convention_asked(chart, question) {
        return Some(p);
    }
    if let Some(p) = term_day(chart, question) {
        return Some(p);
    }
    if asks_day_pillar(question) {
        return Some(day_pillar(chart));
    }
    if let Some(p) = zodiac(chart, question).filter(|_| !asks_something_else(question)) {
        return Some(p);
    }
    if let Some(p) = strength_claim(chart, question) {
        return Some(p);
    }
    if let Some(p) = super::climate::climate_claim(chart, question) {
        return Some(p);
    }
    if let Some(p) = mixed_officers(chart, question) {
        return Some(p);
    }
    if let Some(p) = yongsin(chart, question) {
        return Some(p);
    }
    if let Some(p) = ten_god_present(chart, question) {
        return Some(p);
    }
    if let Some(p) = clock_abroad(chart, question) {
        return Some(p);
    }
    if question.contains("공망") && ["어디", "있어", "있나", "제 ", "저는", "내 "].iter().any(|w| question.contains(w))
    {
        return Some(void(chart));
    }
    if let Some(p) = two_colours(chart, question) {
        return Some(p);
    }
    if ["무슨 색", "어떤 색", "색깔", "컬러", "행운의 색", "옷 색", "맞는 색", "좋은 색", "색이나"]
        .iter()
        .any(|w| question.contains(w))
    {
        let mut plan = colour(chart);
        if question.contains("방향") {
            plan.body = format!("{}\n{}", super::plans::direction_line(chart), plan.body);
        }
        return Some(plan);
    }
    None
}

/// The four pillars with their seat names, the hour's when known.
/// "관살혼잡이라 남편복 없대요. 진짜에요?": whether 정관 and 편관 both sit in the chart (visible, or hidden in a
/// branch), said first; then that the name is not a verdict on a spouse — the spouse palace and whether 인성
/// turns the pressure into support.
fn mixed_officers(chart: &Chart, question: &str) -> Option<Plan> {
    if !["관살혼잡", "관살 혼잡", "관살이 혼잡"].iter().any(|w| question.contains(w)) {
        return None;
    }
    let (mut jeong, mut pyeon) = (Vec::new(), Vec::new());
    for (seat, p) in seats(chart) {
        let mut note = |god: &str, at: String| match god {
            "정관" => jeong.push(at),
            "편관" => pyeon.push(at),
            _ => {}
        };
        if let Some(t) = p.stem.ten_god {
            note(t.hangul, format!("{seat} 천간 {}", p.stem.hangul));
        }
        note(p.branch.ten_god.hangul, format!("{seat} 지지 {}", p.branch.hangul));
    }
    let both = !jeong.is_empty() && !pyeon.is_empty();
    let head = if both {
        format!(
            "네, 이 사주에는 정관({})과 편관({})이 함께 있어 관살혼잡이라 부를 수 있어요. 다만 그게 남편복이 없다는 뜻은 아닙니다.",
            jeong.join(", "),
            pyeon.join(", ")
        )
    } else {
        "아니요, 이 사주는 정관과 편관이 함께 드러나 있지 않아 관살혼잡으로 보기 어렵습니다.".to_string()
    };
    let day_branch = &chart.pillars.day.branch;
    let mut lines = vec![format!(
        "- 배우자를 보는 자리는 일지인데, 이 사주의 일지 {}는 {}이라 관계에서 {}을 바라는 자리로 봅니다.",
        day_branch.hangul,
        day_branch.ten_god.hangul,
        match day_branch.ten_god.hangul {
            "정관" | "편관" => "반듯함과 책임",
            "정재" | "편재" => "현실적인 도움",
            "정인" | "편인" => "이해와 보살핌",
            "식신" | "상관" => "함께 즐기는 다정함",
            _ => "친구 같은 대등함",
        }
    )];
    if both {
        lines.push("- 관살혼잡은 이성 인연이 여럿 들고나기 쉽고, 강한 상대에게 마음이 흔들리기 쉽다는 뜻으로 읽어요. 그래서 서두르지 않고 사람을 고르는 것이 이 사주의 답입니다.".to_string());
        let prints = super::findings::group_count(chart, crate::saju::derive::TenGodGroup::InSeong);
        if prints > 0 {
            lines.push(
                "- 이 사주에는 인성이 있어, 관살의 압박을 받아 나를 돕는 힘으로 돌리는 살인상생의 길이 열려 있어요."
                    .to_string(),
            );
        }
    }
    lines.push("- 복이 있다 없다는 글자 하나로 정해지지 않아요. 배우자 자리와 운의 흐름, 그리고 어떤 사람을 고르느냐가 함께 정합니다.".to_string());
    Some(Plan { head, body: lines.join("\n") })
}

/// "용신이 뭐예요? 제 용신은요?": what a 용신 is, in a sentence, then this chart's, why (the strength it rests
/// on), and what it means in a day.
fn yongsin(chart: &Chart, question: &str) -> Option<Plan> {
    let asks = question.contains("용신")
        && ["뭐예요", "뭐에요", "뭔가요", "뭐야", "용신은요", "용신이 뭐", "제 용신", "내 용신", "무슨 뜻", "뭔데"]
            .iter()
            .any(|w| question.contains(w))
        && !["들어오는", "드는 해", "언제", "몇 년"].iter().any(|w| question.contains(w));
    if !asks {
        return None;
    }
    let st = &chart.strength;
    let (fav, unfav) = (st.favourable, st.unfavourable);
    let head = format!(
        "용신은 사주의 균형을 잡아 주는, 이 사주에 가장 필요한 기운이에요. {}",
        super::climate::yongsin_head(chart)
    );
    let mut lines: Vec<String> = st
        .reasoning
        .iter()
        .filter(|r| r.contains('→') || r.starts_with("용신") || r.starts_with("억부로"))
        .map(|r| format!("- {r}"))
        .collect();
    lines.extend(super::climate::second_help(chart).map(|l| format!("- {l}")));
    let (colour, direction, activity) = super::plans::practice(fav);
    lines.push(format!(
        "- 생활에서는 {activity}이 용신을 살리는 쪽이고, 전통적으로 {colour} 계열과 {direction}도 돕는다고 봐요. 반대로 {}({}) 기운은 부담이 되는 기신입니다.",
        unfav.hangul(),
        unfav.hanja()
    ));
    lines.push(
        "- 용신은 보는 방법(억부·조후)에 따라 달리 잡기도 하는 추정이라, 한 가지 답으로 단정하지는 않아요.".to_string(),
    );
    Some(Plan { head, body: lines.join("\n") })
}

/// "점집에서 제가 신약이라 몸이 약하다던데 맞아요?", "저 신강이에요?": the strength said or asked, checked
/// against this chart's estimate, yes or no first, with the facts it rests on (득령·득지, support against drain)
/// and, when the body was named, that a weak day master is not a weak body.
fn strength_claim(chart: &Chart, question: &str) -> Option<Plan> {
    use crate::saju::derive::strength::StrengthVerdict as V;
    let words = [
        ("극신약", V::VeryWeak),
        ("극신강", V::VeryStrong),
        ("신약", V::Weak),
        ("신강", V::Strong),
        ("중화", V::Balanced),
    ];
    let (word, claimed) = words.iter().find(|(w, _)| question.contains(w))?;
    let asks = [
        "맞아",
        "맞나",
        "맞는",
        "진짜",
        "정말",
        "던데",
        "래요",
        "라는데",
        "이라는",
        "이에요?",
        "인가요",
        "예요?",
        "인지",
        "인가",
        "?",
    ]
    .iter()
    .any(|w| question.contains(w));
    if !asks {
        return None;
    }
    let verdict = chart.strength.verdict;
    let weak = |v: V| matches!(v, V::Weak | V::VeryWeak);
    let strong = |v: V| matches!(v, V::Strong | V::VeryStrong);
    let same_side = (weak(*claimed) && weak(verdict)) || (strong(*claimed) && strong(verdict)) || *claimed == verdict;
    let named = verdict.hangul();
    let head = if same_side {
        format!("네, 맞아요. 이 사주는 {} 일간의 {named} 사주로 봅니다.", chart.day_master.name)
    } else {
        format!(
            "이 사주로는 {}이라기보다 {named}에 가깝습니다. {} 일간의 힘을 따져 보면 이렇습니다.",
            word, chart.day_master.name
        )
    };
    let mut lines: Vec<String> = chart
        .strength
        .reasoning
        .iter()
        .filter(|r| r.contains('→') || r.starts_with("돕는 기운"))
        .map(|r| format!("- {r}"))
        .collect();
    let (fav, unfav) = (chart.strength.favourable, chart.strength.unfavourable);
    lines.push(format!(
        "- 그래서 힘을 보태 주는 {}({}) 기운이 용신이고, {}({}) 기운은 부담이 됩니다. 이 판단은 추정이라 보는 사람마다 한 단계쯤 달리 볼 수 있어요.",
        fav.hangul(),
        fav.hanja(),
        unfav.hangul(),
        unfav.hanja()
    ));
    if ["몸", "건강", "체력", "허약", "약하다", "약해", "병"].iter().any(|w| question.contains(w)) {
        let most = chart.elements.elements.iter().max_by(|a, b| a.weighted.total_cmp(&b.weighted)).map(|e| e.element);
        let body = most.map_or(String::new(), |e| {
            format!(" 이 사주에서 건강으로 챙길 곳은 가장 많은 {}({})의 치우침 쪽입니다.", e.hangul(), e.hanja())
        });
        lines.push(format!(
            "- 다만 신약은 ‘나’를 뜻하는 일간의 힘이 주변 글자에 비해 적다는 뜻이지, 몸이 약하다는 뜻이 아니에요. 명리에서 건강은 오행의 치우침으로 따로 봅니다.{body}"
        ));
    }
    Some(Plan { head, body: lines.join("\n") })
}

fn seats(chart: &Chart) -> Vec<(&'static str, &PillarView)> {
    let p = &chart.pillars;
    let mut out = vec![("년주", &p.year), ("월주", &p.month), ("일주", &p.day)];
    if let Some(h) = &p.hour {
        out.push(("시주", h));
    }
    out
}

/// Whether the question asks which 띠 (answered by [`zodiac`]'s plan).
pub(super) fn asks_zodiac(question: &str) -> bool {
    if ["무슨 띠", "뭔 띠", "어떤 띠", "띠인가", "띠가 뭐", "띠예요?", "띠에요?", "띠야?"]
        .iter()
        .any(|w| question.contains(w))
    {
        return true;
    }
    // "저 말띠 맞죠?", "남편 원숭이띠 아니에요?": the 띠 word with its check right after it, not "토끼띠 여자예요 …
    // 맞는 일 알려주세요".
    question.match_indices('띠').any(|(i, _)| {
        let after: String = question[i + '띠'.len_utf8()..].chars().take(6).collect();
        ["맞", "아닌", "아니"].iter().any(|w| after.contains(w))
    })
}

/// "70년 1월 28일 … 개띠요", "여친이 양띠라서": a 띠 told by the calendar year of a birth before 입춘, which the
/// chart reads as the year before. One line that says so (`whose` names the person for a second chart), when
/// the message did not ask about the user's 띠 itself (then [`zodiac`] answers it; `own`). `whose` begins the line
/// ("말씀하신 ", "상대분의 ").
/// "22일 밤 12시" was read as the night's end (the 23rd, 0시): said once, on the turn the time was told, with
/// the day pillar the other reading (the 22nd's own 0시) would give.
pub(super) fn midnight_read(chart: &Chart, question: &str) -> Option<String> {
    let said = ["밤 12시", "밤12시", "밤 열두시", "밤 열두 시", "밤열두시"].iter().any(|w| question.contains(w));
    // (`local` is "YYYY-MM-DDTHH:MM…": the hour right after the date.)
    if !said || chart.birth.local.get(11..13) != Some("00") {
        return None;
    }
    let day = crate::saju::ganzhi::GanZhi::parse(chart.pillars.day.hangul)?;
    let date = chart.birth.solar_date.get(5..)?.replace('-', "월 ").trim_start_matches('0').replace(" 0", " ");
    Some(format!(
        "'밤 12시'는 그날 밤이 끝나는 자정으로 보고 다음 날(양력 {date}일) 0시로 계산했어요. 그날이 시작되는 0시를 말씀하신 거라면 일주가 {}일로 바뀌니 알려 주세요.",
        day.offset(-1).hangul()
    ))
}

/// "해질녘", "새벽녘", "점심때", "저녁 먹을 때쯤" read as a clock (Seoul's sunset that month, 05:30, 12:30,
/// 18:30): said once, on the turn the words were told, with the 시 it gives and an ask for the clock.
pub(super) fn approximate_time_read(chart: &Chart, question: &str) -> Option<String> {
    const WORDS: &[&str] = &[
        "해질녘",
        "해 질 녘",
        "해 질 무렵",
        "해질 무렵",
        "해 지는",
        "노을",
        "해 뜰 무렵",
        "해뜰 무렵",
        "해 뜰 때",
        "동틀",
        "새벽녘",
        "점심때",
        "점심 때",
        "점심 무렵",
        "점심 먹고",
        "점심시간",
        "저녁 먹을",
        "저녁 먹던",
        "저녁 먹는",
    ];
    let word = WORDS.iter().find(|w| question.contains(*w))?;
    let hour = chart.pillars.hour.as_ref()?;
    let clock = chart.birth.local.get(11..16)?;
    let (h, m) = clock.split_once(':')?;
    let said = if m == "00" {
        format!("{}시", h.trim_start_matches('0'))
    } else {
        format!("{}시 {}분", h.trim_start_matches('0'), m.trim_start_matches('0'))
    };
    let word = word.trim_end_matches(" 때").trim_end_matches(" 무렵");
    Some(format!(
        "'{word}'{} {said} 무렵으로 보아 {}시({}시)로 계산했어요. 시계로 기억하시는 시각이 있으면 알려 주세요. 시가 바뀌면 시주가 달라집니다.",
        crate::saju::josa::particle(word, "은", "는"),
        hour.branch.hangul,
        hour.hangul
    ))
}

pub(super) fn zodiac_told(chart: &Chart, question: &str, whose: &str, own: bool) -> Option<String> {
    if own && asks_zodiac(question) {
        return None;
    }
    let branch = Branch::parse(chart.pillars.year.branch.hangul)?;
    let year = super::timing::birth_year(chart);
    let calendar = crate::saju::pillars::year_pillar(year).branch();
    let told = question
        .char_indices()
        .filter_map(|(i, _)| Branch::of_zodiac_word_at(&question[i..]))
        .any(|c| c == calendar && c != branch);
    let ipchun =
        [&chart.solar_terms.previous_jie, &chart.solar_terms.next_jie].into_iter().find(|t| t.name == "입춘")?;
    told.then(|| {
        format!(
            "{whose}{}띠는 {year}년 기준이고, 입춘({}) 전에 태어나 사주로는 앞해의 {}띠({}년생)로 봅니다. 띠로 보는 궁합이나 삼재도 이 띠로 따집니다.",
            calendar.animal(),
            short_local(&ipchun.local),
            branch.animal(),
            chart.pillars.year.hangul
        )
    })
}

/// "저 개띠 맞죠?", "무슨 띠예요?": the 띠 of the year pillar, which changes at 입춘, not on 1 January or at
/// 설날.
fn zodiac(chart: &Chart, question: &str) -> Option<Plan> {
    if !asks_zodiac(question) {
        return None;
    }
    let branch = Branch::parse(chart.pillars.year.branch.hangul)?;
    let animal = branch.animal();
    let claimed = question.char_indices().find_map(|(i, _)| Branch::of_zodiac_word_at(&question[i..]));
    let year = super::timing::birth_year(chart);
    let calendar_animal = crate::saju::pillars::year_pillar(year).branch().animal();
    let head = match claimed {
        Some(c) if c == branch => format!("네, {animal}띠가 맞습니다({}년생).", chart.pillars.year.hangul),
        Some(c) => format!("아니요, {}띠가 아니라 {animal}띠입니다({}년생).", c.animal(), chart.pillars.year.hangul),
        None => format!("{animal}띠입니다({}년생).", chart.pillars.year.hangul),
    };
    let ipchun = [&chart.solar_terms.previous_jie, &chart.solar_terms.next_jie].into_iter().find(|t| t.name == "입춘");
    let mut lines = vec![
        "명리에서 띠는 1월 1일이나 음력 설이 아니라 입춘(양력 2월 4일 무렵)에 바뀝니다. 띠가 곧 사주의 년주 지지이기 때문이에요."
            .to_string(),
    ];
    match ipchun {
        Some(t) if calendar_animal != animal => lines.push(format!(
            "태어난 날이 {}년 입춘({}) 전이라, 그해가 아니라 앞해의 띠인 {animal}띠로 봅니다. 양력 연도만 보고 {calendar_animal}띠로 말하는 분이 있는 것도 그래서예요.",
            year,
            short_local(&t.local)
        )),
        Some(t) => lines.push(format!(
            "태어난 때가 {}년 입춘({}) 뒤라, 그해의 띠인 {animal}띠입니다. 음력 설을 기준으로 하는 민간 셈법과는 다를 수 있어요.",
            year,
            short_local(&t.local)
        )),
        None => {}
    }
    let boundary =
        chart.warnings.iter().any(|w| w.alternative.as_ref().is_some_and(|a| a.year != chart.pillars.year.hangul));
    if boundary {
        lines.push(
            "입춘 시각과 아주 가까운 출생이라, 출생 시각이 조금만 달라도 띠와 년주·월주가 바뀝니다. 정확한 시각을 확인해 보세요."
                .to_string(),
        );
    }
    Some(Plan { head, body: lines.join("\n") })
}

/// A 띠 the user said (or asked) beside another question, corrected or confirmed in one or two sentences.
pub fn zodiac_note(chart: &Chart, question: &str) -> Option<String> {
    let said = question.char_indices().find_map(|(i, _)| Branch::of_zodiac_word_at(&question[i..]))?;
    let actual = Branch::parse(chart.pillars.year.branch.hangul)?;
    if said == actual || !asks_something_else(question) {
        return None;
    }
    let p = zodiac(chart, &format!("{}띠 맞나요", said.animal()))?;
    Some(format!("{} {}", p.head, p.body.lines().nth(1).unwrap_or("")).trim().to_string())
}

/// "만약 2027년 1월에 태어나면 띠가 뭐예요?", "내년 1월생은 무슨 띠예요?": the 띠 of a birth date supposed, by
/// 입춘 (about 4 February): January and early February belong to the year before.
pub fn supposed_zodiac(question: &str, this_year: i32) -> Option<Plan> {
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:(\d{4})\s?년|(내년|올해|내후년))\s?(\d{1,2})\s?월(?:\s?(\d{1,2})\s?일)?").expect("valid")
    });
    let supposes = ["태어나면", "태어난다면", "낳으면", "낳는다면", "생이면", "출생하면", "나오면"]
        .iter()
        .any(|w| question.contains(w));
    if !question.contains('띠') || !supposes {
        return None;
    }
    let c = DATE.captures(question)?;
    let year: i32 = match (c.get(1), c.get(2).map(|m| m.as_str())) {
        (Some(y), _) => y.as_str().parse().ok()?,
        (None, Some("내년")) => this_year + 1,
        (None, Some("내후년")) => this_year + 2,
        _ => this_year,
    };
    let month: u32 = c[3].parse().ok().filter(|m| (1..=12).contains(m))?;
    let day: Option<u32> = c.get(4).and_then(|d| d.as_str().parse().ok());
    let animal = |y: i32| crate::saju::pillars::year_pillar(y).branch().animal();
    let pillar = |y: i32| crate::saju::pillars::year_pillar(y).hangul();
    let before = month == 1 || (month == 2 && day.is_some_and(|d| d <= 3));
    let on_the_line = month == 2 && day.is_none_or(|d| (4..=5).contains(&d));
    let head = if on_the_line {
        format!(
            "{year}년 2월생은 입춘(2월 4일 무렵) 전이면 {}띠({}년), 입춘 뒤면 {}띠({}년)입니다.",
            animal(year - 1),
            pillar(year - 1),
            animal(year),
            pillar(year)
        )
    } else if before {
        format!(
            "{year}년 {month}월에 태어나면 입춘 전이라 {}띠({}년생)입니다. {}띠가 아니에요.",
            animal(year - 1),
            pillar(year - 1),
            animal(year)
        )
    } else {
        format!("{year}년 {month}월에 태어나면 입춘 뒤라 {}띠({}년생)입니다.", animal(year), pillar(year))
    };
    let body = "띠는 1월 1일이나 음력 설이 아니라 입춘(양력 2월 4일 무렵)에 바뀝니다. 사주의 년주가 입춘에 바뀌기 때문이에요. 음력 설을 기준으로 띠를 세는 집도 있어, 어른들과 띠가 다르게 들릴 수 있어요.".to_string();
    Some(Plan { head, body })
}

/// "아들 딸도 사주로 나와요?", "아들일까요 딸일까요": the sex of a baby not yet born is not the chart's to tell.
pub fn asks_baby_sex(question: &str) -> bool {
    let q: String = question.chars().filter(|c| !c.is_whitespace()).collect();
    ["아들딸", "아들인지딸인지", "아들일까딸일까", "아들일까요딸일까요", "아들이에요딸이에요", "성별"]
        .iter()
        .any(|w| q.contains(w))
        && !q.contains("궁합")
        || (q.contains("아들") && ["바라", "낳을수", "가질수", "나올까", "생길까"].iter().any(|w| q.contains(w)))
}

/// "걔는 자기 양띠래요", "남친은 말띠라던데": a 띠 claimed for the other person of a 궁합.
pub fn claims_partner_zodiac(question: &str) -> bool {
    [
        "걔",
        "자기",
        "그 사람",
        "그사람",
        "상대",
        "남친",
        "여친",
        "남자친구",
        "여자친구",
        "남편",
        "아내",
        "와이프",
        "그분",
        "오빠",
    ]
    .iter()
    .any(|w| question.contains(w))
}

/// The message asks about a life area besides any 띠 it names.
fn asks_something_else(question: &str) -> bool {
    ["자녀", "아기", "임신", "결혼", "연애", "재물", "돈", "직업", "이직", "건강", "궁합", "운세", "삼재", "언제"]
        .iter()
        .any(|w| question.contains(w))
}

/// "2003-02-04T01:05:20" → "2월 4일 01:05".
/// "그날이 한로였다던데 그거 상관있나요?": a 절 named beside the birth — yes, the month pillar changes at its
/// instant; how far before or after it the birth was, and the month it gives.
fn term_day(chart: &Chart, question: &str) -> Option<Plan> {
    const JIE: [&str; 12] =
        ["입춘", "경칩", "청명", "입하", "망종", "소서", "입추", "백로", "한로", "입동", "대설", "소한"];
    let named = JIE.into_iter().find(|t| question.contains(t))?;
    if !["상관", "영향", "달라", "관계", "중요", "어떻게", "뭐가"].iter().any(|w| question.contains(w)) {
        return None;
    }
    let term = [&chart.solar_terms.previous_jie, &chart.solar_terms.next_jie].into_iter().find(|t| t.name == named)?;
    let minutes = |s: &str| -> Option<i64> {
        let (date, time) = s.split_once('T')?;
        let mut d = date.split('-').map(|x| x.parse::<i64>().ok());
        let (y, m, dd) = (d.next()??, d.next()??, d.next()??);
        let mut t = time.split(':').map(|x| x.get(..2).and_then(|v| v.parse::<i64>().ok()));
        let (h, mi) = (t.next()??, t.next()??);
        Some(crate::saju::astro::julian::jdn_from_civil(y as i32, m as u32, dd as u32) * 1440 + h * 60 + mi)
    };
    let gap = minutes(&chart.birth.local)? - minutes(&term.local)?;
    let month = chart.pillars.month.hangul;
    let distance =
        if gap.abs() < 120 { format!("{}분", gap.abs()) } else { format!("약 {}시간", (gap.abs() + 30) / 60) };
    let side = if gap < 0 { "전" } else { "뒤" };
    let head = format!(
        "네, 상관있어요. 월주는 달력의 1일이 아니라 절기가 드는 시각에 바뀌는데, {named}({})보다 {distance} {side}에 태어나 월주는 {month}월입니다.",
        short_local(&term.local)
    );
    let mut lines = vec![if gap < 0 {
        format!("- 절입 시각 전이라 아직 {named}의 달로 넘어가기 전, 앞 달로 봅니다.")
    } else {
        format!("- 절입 시각 뒤라 이미 {named}부터 시작하는 새 달로 봅니다.")
    }];
    lines.push("- 그래서 날짜만 보고 계산하는 앱은 월주를 다르게 보여 줄 수 있어요. 절기 당일 출생이라면 시각까지 확인하는 것이 중요합니다.".to_string());
    Some(Plan { head, body: lines.join("\n") })
}

fn short_local(local: &str) -> String {
    let (date, time) = local.split_once('T').unwrap_or((local, ""));
    let mut parts = date.split('-').skip(1).filter_map(|x| x.parse::<u32>().ok());
    match (parts.next(), parts.next()) {
        (Some(m), Some(d)) => format!("{m}월 {d}일 {}", time.get(..5).unwrap_or("")),
        _ => local.to_string(),
    }
}

const TEN_GODS: [&str; 10] = ["비견", "겁재", "식신", "상관", "편재", "정재", "편관", "정관", "편인", "정인"];

/// "제 사주에 편관 있어요?", "정재가 없나요?": where a ten god sits in this chart — a stem, a branch's main
/// qi, or only hidden.
fn ten_god_present(chart: &Chart, question: &str) -> Option<Plan> {
    let asks = [
        "있어",
        "있나",
        "있는지",
        "없어",
        "없나",
        "있을까",
        "있죠",
        "있냐",
        "몇 개",
        "몇개",
        "때문인가",
        "때문이에요",
        "때문일까",
        "탓인가",
        "탓일까",
    ]
    .iter()
    .any(|w| question.contains(w));
    // "공망이랑 상관있어요?" asks whether two things are related, not about the ten god 상관.
    let q: String = question.chars().filter(|c| !c.is_whitespace()).collect();
    let related = ["랑상관", "과상관", "와상관", "하고상관", "상관있어", "상관없", "상관있나", "상관있을"]
        .iter()
        .any(|w| q.contains(w));
    let god = TEN_GODS
        .iter()
        .filter(|g| !(related && **g == "상관"))
        .find(|g| question.contains(*g))
        .copied()
        .or_else(|| question.contains("칠살").then_some("편관"))?;
    if !asks {
        return None;
    }
    let mut shown = Vec::new();
    let mut hidden = Vec::new();
    for (seat, p) in seats(chart) {
        if p.stem.ten_god.is_some_and(|t| t.hangul == god) {
            shown.push(format!("{seat} 천간 {}", p.stem.hangul));
        }
        if p.branch.ten_god.hangul == god {
            shown.push(format!("{seat} 지지 {}", p.branch.hangul));
        } else if p.branch.hidden_stems.iter().any(|h| h.ten_god.hangul == god) {
            hidden.push(format!("{seat} 지지 {}", p.branch.hangul));
        }
    }
    let named = with_particle(god, "은", "는");
    let head = match (shown.len(), hidden.len()) {
        (0, 0) => format!("아니요, 이 사주에는 {god}이 드러나 있지도, 지장간에 숨어 있지도 않습니다."),
        (0, _) => format!("드러난 글자에는 없고, {}의 지장간에만 {god}이 숨어 있습니다.", hidden.join(", ")),
        (n, _) => format!(
            "네, {named} {}에 있습니다{}.",
            shown.join(", "),
            if n > 1 { format!("({n}자리)") } else { String::new() }
        ),
    };
    let mut lines = Vec::new();
    if !hidden.is_empty() && !shown.is_empty() {
        lines.push(format!("{}의 지장간에도 숨어 있습니다.", hidden.join(", ")));
    }
    lines.push(format!("{} {}", with_particle(god, "은", "는"), meaning(god)));
    if shown.is_empty() {
        lines.push(format!(
            "원국에 뚜렷하지 않은 십신은 대운이나 세운에서 {god}이 들어오는 해에 그 일이 두드러진다고 봅니다."
        ));
    }
    Some(Plan { head, body: lines.join("\n") })
}

fn meaning(god: &str) -> &'static str {
    match god {
        "비견" => "나와 같은 기운으로, 자립심과 동료, 경쟁을 뜻합니다.",
        "겁재" => "나와 같은 오행의 다른 음양으로, 승부욕과 경쟁, 나가는 재물을 뜻합니다.",
        "식신" => "내가 낳는 기운으로, 재능과 먹을 복, 여성에게는 자녀를 뜻합니다.",
        "상관" => "내가 낳는 기운의 다른 음양으로, 표현력과 반골 기질, 틀을 깨는 재주를 뜻합니다.",
        "편재" => "내가 다스리는 기운으로, 크게 움직이는 재물과 사업 감각을 뜻합니다.",
        "정재" => "내가 다스리는 기운의 다른 음양으로, 꾸준한 재물과 성실함, 남성에게는 아내를 뜻합니다.",
        "편관" => "나를 누르는 기운(칠살)으로, 압박과 책임, 권한과 추진력을 뜻합니다.",
        "정관" => "나를 다스리는 기운의 다른 음양으로, 직장과 명예, 규칙, 여성에게는 남편을 뜻합니다.",
        "편인" => "나를 돕는 기운으로, 직관과 특수한 재주, 깊이 파고드는 공부를 뜻합니다.",
        _ => "나를 돕는 기운의 다른 음양으로, 배움과 문서, 어머니와 윗사람의 도움을 뜻합니다.",
    }
}

/// "제 공망은 어디예요?": the chart's two empty branches and whether a pillar sits on one.
pub(super) fn void(chart: &Chart) -> Plan {
    let branches = chart.void_branches.branches.join("·");
    let sitting: Vec<String> = seats(chart)
        .into_iter()
        .filter(|(_, p)| p.void)
        .map(|(seat, p)| format!("{seat}({})", p.branch.hangul))
        .collect();
    let head = format!("이 사주의 공망은 {branches}입니다(일주 {} 기준).", chart.pillars.day.hangul);
    let body = if sitting.is_empty() {
        "원국의 네 지지 가운데 공망에 해당하는 자리는 없어, 공망의 영향은 운에서 그 글자가 들어올 때 잠깐 느끼는 정도로 봅니다.".to_string()
    } else {
        format!(
            "원국에서는 {}가 공망에 앉아 있어, 그 자리가 뜻하는 일(년주는 조상·어린 시절, 월주는 부모·사회, 시주는 자녀·말년)이 마음만큼 채워지지 않는 느낌으로 나타나기 쉽다고 봅니다. 다만 공망은 충이나 합을 만나면 풀린다고 보아, 하나로 길흉을 정하지는 않습니다.",
            sitting.join(", ")
        )
    };
    Plan { head, body }
}

/// "무슨 색 옷 입으면 좋아요?": the 용신's colour, the 기신's to go easy on.
fn colour(chart: &Chart) -> Plan {
    let (fav, unfav) = (chart.strength.favourable, chart.strength.unfavourable);
    let word = |e: Element| format!("{}({})", e.hangul(), e.hanja());
    let head =
        format!("용신이 {} {} 계열이 잘 맞는 색입니다.", with_particle(&word(fav), "이라", "라"), colour_of(fav));
    let mut body = format!(
        "명리에서는 부족하거나 필요한 기운을 색으로 곁에 두는 것을 생활 속 보완법으로 권합니다. 이 사주는 {}의 기운이 균형을 잡아 주고, {} 이 사주에 부담이 되는 기운이라 {} 계열은 한두 가지 포인트 정도로만 쓰면 좋습니다.\n옷이나 소품, 방의 색처럼 오래 곁에 두는 것에 쓰시면 되고, 그날 기분 좋게 입을 수 있는 색이 가장 좋은 색이라는 것도 잊지 마세요.",
        fav.hangul(),
        with_particle(&word(unfav), "은", "는"),
        colour_of(unfav)
    );
    if let Some(reason) = super::climate::johu_reason(chart) {
        body = format!("{reason}은 {}입니다.\n{body}", word(fav));
    } else if let Some(line) = super::climate::second_help(chart) {
        body.push_str(&format!(
            "\n{line} {} 계열도 함께 쓰기 좋아요.",
            colour_of(chart.strength.climate.need.unwrap_or(fav))
        ));
    }
    Plan { head, body }
}

/// The colour words a question can name, with the element tradition gives each.
const COLOUR_WORDS: &[(&str, Element)] = &[
    ("흰색", Element::Metal),
    ("하얀", Element::Metal),
    ("화이트", Element::Metal),
    ("은색", Element::Metal),
    ("실버", Element::Metal),
    ("회색", Element::Metal),
    ("그레이", Element::Metal),
    ("검정", Element::Water),
    ("검은", Element::Water),
    ("블랙", Element::Water),
    ("남색", Element::Water),
    ("네이비", Element::Water),
    ("빨강", Element::Fire),
    ("빨간", Element::Fire),
    ("레드", Element::Fire),
    ("분홍", Element::Fire),
    ("핑크", Element::Fire),
    ("주황", Element::Fire),
    ("보라", Element::Fire),
    ("노랑", Element::Earth),
    ("노란", Element::Earth),
    ("베이지", Element::Earth),
    ("갈색", Element::Earth),
    ("브라운", Element::Earth),
    ("초록", Element::Wood),
    ("녹색", Element::Wood),
    ("그린", Element::Wood),
    ("청록", Element::Wood),
    ("파랑", Element::Wood),
    ("파란", Element::Wood),
    ("하늘색", Element::Wood),
];

/// "차 사려는데 흰색이랑 검정 중에 뭐가 나아요?": the two colours named weighed by their elements — the 용신's
/// first, then the element that feeds it, then a neutral one; the 기신's last.
fn two_colours(chart: &Chart, question: &str) -> Option<Plan> {
    let mut named: Vec<(usize, &str, Element)> = Vec::new();
    for (w, e) in COLOUR_WORDS {
        if let Some(at) = question.find(w) {
            if !named.iter().any(|(_, _, x)| x == e) {
                named.push((at, w, *e));
            }
        }
    }
    named.sort_by_key(|(at, _, _)| *at);
    // ("초록색 차는 좀..": a colour set aside is not one of the two.)
    let set_aside = |w: &str| {
        question.find(w).is_some_and(|at| {
            let after: String = question[at..].chars().skip(w.chars().count()).take(8).collect();
            ["은 좀", "는 좀", "색은 좀", "색 차는 좀", "말고", "빼고", "싫"].iter().any(|x| after.contains(x))
        })
    };
    named.retain(|(_, w, _)| !set_aside(w));
    let [(_, wa, ea), (_, wb, eb), ..] = named.as_slice() else { return None };
    if !["중에", "중엔", "나아", "나을", "뭐가", "어느", "vs", "아니면", "이랑", "랑", "하고"]
        .iter()
        .any(|w| question.contains(w))
    {
        return None;
    }
    let (fav, unfav) = (chart.strength.favourable, chart.strength.unfavourable);
    let rank = |e: Element| {
        if e == fav {
            3
        } else if e.produces() == fav {
            2
        } else if e == unfav {
            0
        } else {
            1
        }
    };
    let why = |e: Element| {
        let word = format!("{}({})", e.hangul(), e.hanja());
        match rank(e) {
            3 => format!("용신 {word}의 색"),
            2 => format!("용신을 돕는 {word}의 색"),
            0 => format!("이 사주에 부담이 되는 기신 {word}의 색"),
            _ => format!("{word}의 색으로 크게 치우치지 않는 쪽"),
        }
    };
    let (better, other) = if rank(*eb) > rank(*ea) { ((*wb, *eb), (*wa, *ea)) } else { ((*wa, *ea), (*wb, *eb)) };
    let head = if rank(better.1) == rank(other.1) {
        format!(
            "{}과 {}은 이 사주에 비슷한 색이라, 마음에 드는 쪽을 고르셔도 됩니다.",
            better.0.trim_end_matches('색'),
            other.0.trim_end_matches('색')
        )
    } else {
        format!("둘 중에는 {} 쪽이 낫습니다.", better.0)
    };
    let body = format!(
        "- {}: {}.\n- {}: {}.\n- 용신은 {}({})이라 가장 잘 맞는 색은 {} 계열이에요. {}",
        better.0,
        why(better.1),
        other.0,
        why(other.1),
        fav.hangul(),
        fav.hanja(),
        colour_of(fav),
        if ["차 ", "차를", "차는", "자동차", "차량"].iter().any(|w| question.contains(w)) {
            "색은 곁에 두는 작은 보완일 뿐이라, 차는 안전과 관리, 되팔 때의 값이 먼저입니다."
        } else {
            "색은 곁에 두는 작은 보완일 뿐이라, 마음에 들고 오래 쓸 수 있는 쪽이 먼저입니다."
        }
    );
    Some(Plan { head, body })
}

fn colour_of(e: Element) -> &'static str {
    match e {
        Element::Wood => "초록·청록",
        Element::Fire => "빨강·분홍·주황",
        Element::Earth => "노랑·베이지·갈색",
        Element::Metal => "흰색·은색·회색",
        Element::Water => "검정·남색·짙은 파랑",
    }
}

/// "한국 시간으로 바꿔서 봐야 하나요?" for a birth abroad: no — the clock of the place of birth, and what the
/// Korean clock would have said.
fn clock_abroad(chart: &Chart, question: &str) -> Option<Plan> {
    // Asked about ("한국 시간으로 봐야 해요?"), not said as a fact ("3시 15분(현지시간)생").
    let asks = ["한국 시간", "한국시간", "한국 시각", "현지 시간", "현지시간", "현지 시각"]
        .iter()
        .any(|w| question.contains(w))
        && ["으로 봐", "로 봐", "기준", "맞나", "맞아", "해야", "뭘로", "어느", "어떤 시간", "바꿔", "달라", "로 하면"]
            .iter()
            .any(|w| question.contains(w));
    if !asks || chart.input.timezone == "Asia/Seoul" {
        return None;
    }
    let local = chart.birth.local.replace('T', " ");
    let korea = korean_clock(&chart.utc).unwrap_or_default();
    let summer = if chart.birth.dst { ", 그곳의 서머타임 반영" } else { "" };
    // Osaka and Seoul keep the same clock (UTC+9): nothing moves whichever clock is used.
    if chart.birth.utc_offset == "+09:00" && !chart.birth.dst {
        return Some(Plan {
            head: "아니요, 달라지지 않아요. 태어난 곳과 한국이 같은 표준시(UTC+9)를 써서, 한국 시계로 옮겨도 같은 시각이라 네 기둥이 그대로입니다.".into(),
            body: format!(
                "사주는 태어난 곳의 현지 시각으로 보는 것이 원칙이라 {} 현지 시각 {}로 계산했어요. 다만 해의 위치로 시각을 고치는 경도 보정(진태양시)을 쓰는 만세력에서는 동쪽일수록 보정 폭이 달라져 시주가 바뀔 수 있는데, 이 풀이는 보정 없이 시계 시각 그대로 봤습니다.",
                chart.input.timezone,
                local.get(..16).unwrap_or(&local)
            ),
        });
    }
    let head = "아니요, 사주는 태어난 곳의 현지 시각 그대로 봅니다.".to_string();
    let body = format!(
        "사주는 태어난 순간 그곳의 하늘과 시계로 뽑는 것이 원칙이라, {} 현지 시각 {}(UTC{}{summer})으로 계산했어요.\n\
         같은 순간을 한국 시계로 옮기면 {korea}이 되는데, 그렇게 보면 태어난 곳의 하루가 아니라 한국의 하루로 일주와 시주를 정하는 셈이라 대부분의 명리 학파가 쓰지 않습니다. 월주를 정하는 절기는 어느 시계로 보든 같은 순간이라 달라지지 않습니다.",
        chart.input.timezone,
        local.get(..16).unwrap_or(&local),
        chart.birth.utc_offset
    );
    Some(Plan { head, body })
}

/// A UTC instant (`YYYY-MM-DDTHH:MM:SSZ`) on the Korean clock (UTC+9), as "1992년 7월 5일 10:15".
fn korean_clock(utc: &str) -> Option<String> {
    use crate::saju::astro::julian::{civil_from_jdn, jdn_from_civil};
    let (y, m, d) = (utc.get(0..4)?.parse().ok()?, utc.get(5..7)?.parse().ok()?, utc.get(8..10)?.parse().ok()?);
    let (h, min): (i64, &str) = (utc.get(11..13)?.parse().ok()?, utc.get(14..16)?);
    let shifted = h + 9;
    let (y, m, d) = civil_from_jdn(jdn_from_civil(y, m, d) + shifted.div_euclid(24));
    Some(format!("{y}년 {m}월 {d}일 {:02}:{min}", shifted.rem_euclid(24)))
}

/// "일주가 사이트마다 달라요", "만세력 앱마다 월주가 다르게 나오던데 왜 그런가요?"
pub(super) fn sites_differ(question: &str) -> bool {
    let has = |ws: &[&str]| ws.iter().any(|w| question.contains(w));
    // "다른 앱에서는 갑진일주라고 나와서 헷갈려요", "다른 사이트에선 제가 묘시라고 나오던데".
    has(&["다르", "달라", "틀리", "차이", "라고 나", "로 나와", "로 나오", "헷갈"])
        && has(&["마다", "만세력", "사이트", "어플", "앱에서", "앱은", "철학관에서", "다른 데", "다른 곳", "점집"])
}

/// "제 일주가 뭐예요?", "일주 뜻이 궁금해요": the day pillar asked by name ("일주일" is a week).
fn asks_day_pillar(question: &str) -> bool {
    let q = question.replace("일주일", "");
    q.contains("일주")
        && ["뭐", "무슨", "뜻", "의미", "어떤", "알려", "풀이", "설명", "성격"].iter().any(|w| q.contains(w))
        && !["대운", "궁합"].iter().any(|w| q.contains(w))
}

/// What a 12운성 of the day branch says of the person, in a few words.
fn stage_meaning(stage: &str) -> &'static str {
    match stage {
        "장생" => "새로 시작하고 배우는 힘이 싱싱한 자리",
        "목욕" => "꾸미고 드러내는 멋이 있지만 마음이 자주 바뀔 수 있는 자리",
        "관대" => "자신감과 의욕이 앞서는, 한창 뻗어 가는 자리",
        "건록" => "제 힘으로 서는 실속과 자립심의 자리",
        "제왕" => "기세가 가장 높아 주관이 강하고 물러서지 않는 자리",
        "쇠" => "힘을 아껴 쓸 줄 아는 노련함의 자리",
        "병" => "섬세하고 감수성이 깊어 남의 아픔을 잘 아는 자리",
        "사" => "한 가지를 깊이 파고드는 사색의 자리",
        "묘" => "모으고 간직하는 알뜰함의 자리",
        "절" => "끊고 새로 시작하는 변화가 잦은 자리",
        "태" => "구상과 가능성이 많은, 아직 무르익는 자리",
        "양" => "보살핌 속에서 차근차근 자라는 자리",
        _ => "",
    }
}

/// The day pillar by name: the day master, the spouse's seat under it, its 12운성 and the stars on it.
fn day_pillar(chart: &Chart) -> Plan {
    let d = &chart.pillars.day;
    let head = format!(
        "일주는 {}({})입니다. 일간 {} 일지 {}({}) 위에 앉은 자리예요.",
        d.hangul,
        d.hanja,
        with_particle(&chart.day_master.name, "이", "가"),
        d.branch.hangul,
        d.branch.hanja
    );
    let god = d.branch.ten_god.hangul;
    let mut lines = vec![
        format!(
            "- 일간 {}: {} 바탕입니다.",
            chart.day_master.name,
            with_particle(super::followups::strength_of(chart.day_master.hangul), "이", "가")
        ),
        format!(
            "- 일지 {}: 배우자 자리이자 속마음의 자리로, {} 앉아 {}",
            d.branch.hangul,
            with_particle(god, "이", "가"),
            super::reading::spouse_seat(god)
        ),
    ];
    let stage = d.life_stage.hangul;
    if !stage_meaning(stage).is_empty() {
        lines.push(format!("- 12운성으로는 일지가 {stage}({}): {}입니다.", d.life_stage.hanja, stage_meaning(stage)));
    }
    for star in chart.shinsal.iter().filter(|s| s.positions.contains(&crate::saju::pillars::Position::Day)) {
        let meaning = super::plans::star_meaning(star.code);
        if !meaning.is_empty() {
            lines.push(format!("- 일주의 {}: {meaning}입니다.", star.hangul));
        }
    }
    lines.push(
        "일주는 나 자신과 가장 가까운 사람(배우자)을 함께 보여 주는 자리라, 성격과 연애를 볼 때 가장 먼저 읽습니다. 다만 사주 전체의 균형(월지와 오행)이 함께 읽혀야 제 모습이 됩니다."
            .to_string(),
    );
    Plan { head, body: lines.join("\n") }
}

/// Why 만세력 apps give different pillars, for this chart: each convention that would move one of its pillars,
/// the one this reading used, and what to check when none would.
fn conventions_differ(chart: &Chart) -> Plan {
    let p = &chart.pillars;
    let mut moved: Vec<String> = Vec::new();
    // 23:00–24:00: the day pillar hangs on the 자시 convention.
    if let Some((other, alt)) = super::conventions::zi_alternative(chart) {
        moved.push(format!(
            "23시대 출생이라 자시를 어떻게 나누느냐에 따라 일주가 갈립니다. 이 풀이는 {} 방식으로 {}일이고, {} 방식을 쓰는 곳에서는 {}일로 나옵니다.",
            chart.zi_hour().short_hangul(),
            p.day.hangul,
            other.short_hangul(),
            alt.hangul()
        ));
    }
    // The month pillar turns at a 절, not at the lunar month.
    if let Some(lunar) = &chart.birth.lunar_date {
        let saju_month = (Branch::parse(p.month.branch.hangul).map_or(0, |b| b.index()) + 10) % 12 + 1;
        if usize::from(lunar.month) != saju_month {
            moved.push(format!(
                "음력으로는 {}월생이지만 명리의 월주는 음력 달이 아니라 절기로 바뀌어 {}월(절기로 {}번째 달)입니다. 음력 달로 월주를 잡는 곳은 다르게 나옵니다.",
                lunar.month,
                p.month.hangul,
                saju_month
            ));
        }
    }
    // The year pillar turns at 입춘, not on 1 January or at 설날.
    let year = super::timing::birth_year(chart);
    if crate::saju::pillars::year_pillar(year).hangul() != p.year.hangul {
        moved.push(format!(
            "입춘 전 출생이라 년주가 {}년입니다. 1월 1일이나 설날로 해를 바꾸는 곳은 {}년으로 보여 줍니다.",
            p.year.hangul,
            crate::saju::pillars::year_pillar(year).hangul()
        ));
    }
    if chart.birth.correction.summer_time == "removed" {
        moved.push(
            "서머타임 기간의 출생이라 한 시간을 빼고 보았습니다. 시계 그대로 넣는 곳은 시주가 다를 수 있습니다.".into(),
        );
    }
    if chart.warnings.iter().any(|w| w.code == "longitude_changes_pillars") {
        moved.push("경도 보정(서울 기준 약 32분)을 하는 곳과 하지 않는 곳은 시주가 달라집니다.".into());
    }
    if chart.warnings.iter().any(|w| w.code == "near_jie") || super::conventions::nearest_jie(chart).is_some() {
        moved.push("절기가 바뀌는 시각과 가까운 출생이라, 절기를 날짜로만 바꾸거나 절입 시각을 다르게 쓰는 곳은 월주가 다르게 나올 수 있습니다.".into());
    }
    let head = if moved.is_empty() {
        "만세력마다 다른 건 보통 계산 기준이 달라서인데, 이 사주는 어느 기준으로 봐도 네 기둥이 같게 나오는 자리입니다."
            .to_string()
    } else {
        format!("만세력마다 다른 건 계산 기준이 달라서예요. 이 사주에서는 {}가지 기준이 기둥을 바꿉니다.", moved.len())
    };
    let mut lines: Vec<String> = moved.iter().map(|m| format!("- {m}")).collect();
    if lines.is_empty() {
        lines.push("사이트마다 다르다면 양력·음력 선택, 윤달 여부, 태어난 시각(오전·오후)이 같게 들어갔는지 먼저 확인해 보세요.".into());
    }
    lines.push(format!(
        "어느 쪽이 정답이라기보다 학파의 선택이에요. 이 풀이는 절기로 바뀌는 월주, 입춘으로 바뀌는 년주, 자시는 {}, 시간은 {} 따랐습니다.",
        chart.zi_hour().short_hangul(),
        with_particle(chart.time_correction().hangul(), "을", "를")
    ));
    Plan { head, body: lines.join("\n") }
}

/// "올해는 공망이랑 상관있어요?": whether `year`'s branch is one of the chart's two empty branches, and the next
/// years that bring one.
pub(super) fn void_in_year(chart: &Chart, year: i32) -> String {
    let branch = crate::saju::pillars::year_pillar(year).branch();
    let empty = &chart.void_branches.branches;
    let pillar = crate::saju::pillars::year_pillar(year).hangul();
    let next: Vec<String> = (year + 1..year + 13)
        .filter(|y| empty.iter().any(|b| *b == crate::saju::pillars::year_pillar(*y).branch().hangul()))
        .take(2)
        .map(|y| format!("{y}년({})", crate::saju::pillars::year_pillar(y).hangul()))
        .collect();
    if empty.iter().any(|b| *b == branch.hangul()) {
        format!(
            "{year}년({pillar})은 그해의 지지 {}가 이 사주의 공망이라, 애쓴 만큼 손에 잡히지 않는 느낌이 들 수 있는 해로 봅니다. 큰 약속이나 계약은 한 번 더 확인하시면 충분합니다.",
            branch.hangul()
        )
    } else {
        format!(
            "{year}년({pillar})의 지지 {}는 공망({})이 아니라, 올해 운과 공망은 직접 상관이 없습니다. 공망 글자가 들어오는 해는 {}입니다.",
            branch.hangul(),
            empty.join("·"),
            next.join("과 ")
        )
    }
}

/// "남반구에서 태어나면 사주가 거꾸로라던데요?": the reading used, the argument for turning the month round,
/// and what it would change here.
fn southern(chart: &Chart) -> Plan {
    let month = Branch::parse(chart.pillars.month.branch.hangul).unwrap_or(Branch::new(0));
    let opposite = Branch::new(month.index() as i64 + 6);
    Plan {
        head: "이 풀이는 남반구 출생이라도 북반구와 같은 방식(절기 그대로)으로 뽑았어요.".to_string(),
        body: format!(
            "남반구는 계절이 반대라 월지를 맞은편 글자로 바꿔 보자는 주장이 있습니다. 다만 절기는 태양의 위치로 정해져 남북 어디서나 같은 순간이고, 국내 만세력과 대부분의 명리가는 월주를 바꾸지 않습니다.\n그 주장을 따르면 이 사주의 월지가 {}에서 {} 바뀌어 계절의 기운(조후)이 반대로 읽히니, 참고로만 알아 두시면 됩니다.",
            month.hangul(),
            crate::saju::josa::with_ro(opposite.hangul())
        ),
    }
}

/// "그때 서머타임이 있었나요?", "경도 보정하면 뭐가 달라져요?", "야자시면 달라져요?": the convention asked, for this
/// chart — whether it applies, what this reading did, and what the other way would give.
fn convention_asked(chart: &Chart, question: &str) -> Option<Plan> {
    let has = |ws: &[&str]| ws.iter().any(|w| question.contains(w));
    // The convention itself is asked about, not mentioned beside another question ("서머타임 때 태어났는데 성격은요?").
    if !has(&["있었", "달라", "적용", "빼야", "빼나요", "해야", "하나요", "맞나요", "맞아요", "뭐예요"])
    {
        return None;
    }
    let clock = chart.birth.corrected_clock.get(11..16).unwrap_or("");
    if has(&["서머타임", "썸머타임", "섬머타임", "일광절약"]) {
        let head = match chart.birth.correction.summer_time {
            "removed" => {
                format!("네, 태어나신 때는 서머타임 기간이었어요. 한 시간을 빼 표준시 {clock}로 사주를 뽑았습니다.")
            }
            "kept" => {
                "네, 서머타임 기간이었는데 이 풀이는 시계 그대로 보았습니다. 한 시간을 빼면 시주가 달라질 수 있어요."
                    .to_string()
            }
            _ => "아니요, 태어나신 날에는 서머타임이 시행되지 않았어요. 시계 시각 그대로가 표준시입니다.".to_string(),
        };
        let body = "한국은 1948~51년, 1955~60년, 1987~88년 여름에 서머타임을 썼고, 명리에서는 그 한 시간을 빼고 보는 것이 관행입니다.".to_string();
        return Some(Plan { head, body });
    }
    if has(&["경도", "진태양시", "지방시", "32분", "30분 빼"]) {
        let head = match super::conventions::longitude_change(chart) {
            Some((minutes, changed)) => format!(
                "이 사주는 경도 보정을 하면 달라집니다. 태어난 시각 {clock}에서 약 {}분을 빼면 {} 바뀌어요.",
                minutes.round(),
                crate::saju::josa::with_ro(&changed)
            ),
            None => format!(
                "이 사주는 경도 보정을 해도 네 기둥이 그대로예요. 태어난 시각 {clock}이 시진 경계에서 멀기 때문입니다."
            ),
        };
        let body = "경도 보정은 서울의 해가 표준시 기준선(동경 135도)보다 약 32분 늦게 남중하는 만큼을 빼 주는 방식이고, 국내 만세력 다수가 씁니다. 이 풀이는 시계 시각을 그대로 쓰되, 보정하면 기둥이 바뀌는 경우에는 그렇게 말씀드려요.".to_string();
        return Some(Plan { head, body });
    }
    if has(&["야자시", "조자시", "정자시"]) {
        let head = if let Some((other, alt)) = super::conventions::zi_alternative(chart) {
            format!(
                "23시대 출생이라 달라집니다. 이 풀이는 {}로 보아 일주가 {}일이고, {}라면 {}일이 됩니다.",
                chart.zi_hour().short_hangul(),
                chart.pillars.day.hangul,
                match other {
                    crate::saju::pillars::ZiHour::NextDay => "23시부터 다음 날로 보는 정자시",
                    _ => other.short_hangul(),
                },
                alt.hangul()
            )
        } else {
            format!("태어난 시각 {clock}은 23시~자정이 아니라, 야자시냐 정자시냐에 따라 달라지는 것이 없어요.")
        };
        let body = "야자시는 23시~자정을 그날의 일주로 보고 시주만 다음 날 자시로 잡는 방식이고, 정자시는 23시부터 다음 날로 보는 방식입니다. 어느 쪽이 맞다기보다 학파의 선택이에요.".to_string();
        return Some(Plan { head, body });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart as chart;

    #[test]
    fn the_zodiac_follows_ipchun_and_says_so() {
        // 1994-02-04 10:00 KST is before that year's 입춘 (10:31): 계유년, 닭띠, though the calendar says 개띠.
        let c = chart("1994-02-04T10:00", "male");
        assert_eq!(c.pillars.year.hangul, "계유");
        let p = plan(&c, "저 개띠 맞죠?").expect("a 띠 question");
        assert!(p.head.starts_with("아니요, 개띠가 아니라 닭띠"), "{}", p.head);
        assert!(p.body.contains("입춘") && p.body.contains("전이라"), "{}", p.body);
        let yes = plan(&c, "저 닭띠 맞아요?").expect("a 띠 question");
        assert!(yes.head.starts_with("네, 닭띠가 맞습니다"), "{}", yes.head);
        // Said beside another question, the 띠 is set right in passing and the question is answered.
        assert!(plan(&c, "자녀운이 있나요? 참고로 저 개띠예요").is_none());
        let note = zodiac_note(&c, "자녀운이 있나요? 참고로 저 개띠예요").expect("a note");
        assert!(note.contains("닭띠"), "{note}");
        assert!(zodiac_note(&c, "자녀운이 있나요? 저 닭띠예요").is_none());
    }

    #[test]
    fn a_ten_god_asked_is_found_where_it_sits() {
        // 1986-04-26 06:00: 경금 일간, 년간 병 = 편관.
        let c = chart("1986-04-26T06:00", "male");
        let p = plan(&c, "제 사주에도 편관 있어요?").expect("a ten god question");
        assert!(p.head.starts_with("네, 편관은 년주 천간 병"), "{}", p.head);
        let because = plan(&c, "상사랑 안 맞는 게 편관 때문인가요?").expect("a ten god question");
        assert!(because.head.contains("편관"), "{}", because.head);
        assert!(plan(&c, "편관이 뭐예요?").is_none());
    }

    #[test]
    fn the_colour_of_the_favourable_element_with_its_particle() {
        let c = chart("1984-11-25T19:00", "male");
        let p = plan(&c, "어떤 색 옷 입으면 좋아요?").expect("a colour question");
        let fav = format!("{}({})", c.strength.favourable.hangul(), c.strength.favourable.hanja());
        assert!(p.head.contains(&with_particle(&fav, "이라", "라")), "{}", p.head);
        assert!(p.head.contains(colour_of(c.strength.favourable)), "{}", p.head);
    }

    #[test]
    fn the_void_branches_of_the_day_pillar() {
        let c = chart("1986-04-26T06:00", "male");
        let p = plan(&c, "저는 공망이 어디예요?").expect("a 공망 question");
        assert!(p.head.contains(&c.void_branches.branches.join("·")), "{}", p.head);
    }

    #[test]
    fn a_birth_abroad_is_read_on_its_own_clock() {
        use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
        let r = ChartRequest {
            datetime: "1992-07-04T18:15".into(),
            timezone: Some("America/Los_Angeles".into()),
            gender: "male".into(),
            ..Default::default()
        };
        let c = build_chart(&r.parse().unwrap(), &ChartExtras::default()).unwrap();
        let p = plan(&c, "한국 시간으로 바꿔서 봐야 하나요?").expect("a clock question");
        assert!(p.head.starts_with("아니요"), "{}", p.head);
        // 18:15 PDT (UTC−7) is 10:15 the next morning in Korea.
        assert!(p.body.contains("1992년 7월 5일 10:15"), "{}", p.body);
        assert!(plan(&chart("1990-05-15T15:30", "male"), "한국 시간으로 봐야 하나요?").is_none());
    }

    #[test]
    fn the_day_pillar_is_named_with_what_its_letters_say() {
        // 1992-03-14 07:10 KST: 기축일 — 비견 in the spouse's seat, 묘 as its 12운성.
        let p =
            plan(&chart("1992-03-14T07:10", "female"), "제 일주가 뭐예요?? 무슨 뜻인지도 궁금해요").expect("a plan");
        assert!(p.head.starts_with("일주는 기축(己丑)입니다"), "{}", p.head);
        assert!(p.body.contains("비견") && p.body.contains("12운성으로는 일지가 묘"), "{}", p.body);
        // "일주일" is a week.
        assert!(plan(&chart("1992-03-14T07:10", "female"), "다음 일주일은 어때요?").is_none());
    }

    #[test]
    fn sites_that_differ_are_told_which_convention_moves_which_pillar() {
        // 1995-02-18 23:20: the split 자시 keeps 경진일; 23시부터 다음 날 gives 신사일.
        let p = plan(&chart("1995-02-18T23:20", "female"), "일주가 사이트마다 달라요 ㅠ 뭐가 맞아요?").expect("a plan");
        assert!(p.body.contains("경진일") && p.body.contains("신사일"), "{}", p.body);
        // 1985-01-30 is before 입춘: the year pillar is 갑자, a calendar-year site shows 을축.
        let p = plan(&chart("1985-01-30T11:30", "female"), "만세력 앱마다 년주가 다르게 나오던데 왜 그래요?")
            .expect("a plan");
        assert!(p.body.contains("갑자년") && p.body.contains("을축년"), "{}", p.body);
    }

    #[test]
    fn the_year_asked_is_held_against_the_two_empty_branches() {
        // 경오일 (갑자순): 술·해 are empty; 2026 병오 is not one, 2030 경술 is.
        let c = chart("1983-06-11", "male");
        let line = void_in_year(&c, 2026);
        assert!(line.contains("직접 상관이 없습니다") && line.contains("2030년(경술)"), "{line}");
        assert!(void_in_year(&c, 2030).contains("공망이라"));
    }

    #[test]
    fn a_southern_birth_is_read_as_any_other_and_says_what_turning_would_change() {
        let p = plan(&chart("1990-05-15T15:30", "female"), "남반구에서 태어나면 사주가 거꾸로라던데 맞아요?")
            .expect("a plan");
        assert!(p.body.contains("사에서 해로"), "{}", p.body);
    }

    #[test]
    fn a_convention_asked_is_answered_for_this_chart() {
        let summer = plan(&chart("1988-07-01T09:30", "male"), "그때 서머타임이 있었나요?").expect("a plan");
        assert!(summer.head.starts_with("네,") && summer.head.contains("08:30"), "{}", summer.head);
        let none = plan(&chart("1990-05-15T15:30", "female"), "서머타임 있었어요?").expect("a plan");
        assert!(none.head.starts_with("아니요"), "{}", none.head);
        // Mentioned beside another question, it is not the question.
        assert!(plan(&chart("1988-07-01T09:30", "male"), "서머타임 때 태어났는데 성격은 어때요?").is_none());
        // 09:20 is 08:48 mean time: 사시 on the clock, 진시 with the correction.
        let lon = plan(&chart("1990-05-15T09:20", "female"), "경도 보정하면 뭐가 달라져요?").expect("a plan");
        assert!(lon.head.contains("진시로"), "{}", lon.head);
        let zi = plan(&chart("1995-02-18T23:20", "female"), "야자시면 일주가 달라져요?").expect("a plan");
        assert!(zi.head.contains("경진일") && zi.head.contains("신사일"), "{}", zi.head);
    }
}

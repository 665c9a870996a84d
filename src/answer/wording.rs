//! Every fixed sentence a reply may carry: the follow-up questions, the request for birth data, the
//! cautions a topic calls for. Change the bot's fixed wording here and nowhere else.

use super::Topic;

/// What the composer says while the birth data is missing.
pub const ASK_FOR_BIRTH: &str = "사주를 보려면 생년월일과 태어난 시각, 성별을 알려 주세요.\n예: \"1990년 5월 15일 오후 3시 30분, 남자\" 또는 \"음력 1988년 3월 2일 새벽 2시, 여자\". 시각을 모르시면 \"시간 모름\"이라고 적어 주세요.";

/// What the composer asks while only the gender is missing.
/// Said once when a chart is read without the gender (asked once and not given).
pub const READ_WITHOUT_GENDER: &str = "성별을 모르는 채로 보았어요. 10년마다 바뀌는 대운은 성별에 따라 방향이 달라 빼 두었고, 남녀에 따라 달리 보는 별(배우자·자녀)은 둘 다 살폈어요. 성별을 알려 주시면 대운까지 더해 볼게요.";

pub const ASK_FOR_GENDER: &str =
    "대운의 방향이 성별에 따라 달라져서, 성별을 알려 주시면 바로 풀어 드릴게요. (예: \"남자\" 또는 \"여자\")";

/// Said before asking for the user's own birth when a 궁합 question came first.
pub const OWN_BIRTH_FIRST: &str = "궁합을 보려면 먼저 본인의 출생 정보가 필요해요.";

/// A follow-up question, with the facts it quotes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Nothing of the date yet.
    Birth,
    /// The year, the month and day being known.
    Year {
        month: u32,
        day: u32,
    },
    /// The month and day, the year being known.
    MonthDay {
        year: i32,
    },
    /// 오전 or 오후 for an hour said without a period (12 asks 자정 or 정오).
    AmPm {
        hour: u32,
    },
    /// The hour; `gender_too` when the gender is missing as well.
    Hour {
        gender_too: bool,
    },
    Gender,
}

/// The question for `ask`; `partner` when it is about the second person of a 궁합.
pub fn follow_up_question(ask: Ask, partner: bool) -> String {
    let whose = if partner { "상대분의 " } else { "" };
    match ask {
        Ask::Birth if partner => "궁합을 보려면 상대분의 생년월일과 태어난 시각, 성별을 알려 주세요.\n예: \"1992년 3월 4일 오전 10시, 여자\" (시각을 모르시면 생년월일만 알려 주셔도 돼요)".into(),
        Ask::Birth => ASK_FOR_BIRTH.into(),
        Ask::Year { month, day } => {
            format!("{whose}{month}월 {day}일은 알겠어요. 몇 년생이신가요? (예: 1990년 또는 90년생)")
        }
        Ask::MonthDay { year } => format!(
            "{whose}태어난 해({year}년)는 알겠어요. 태어난 월과 일도 알려 주세요. 음력이면 \"음력\"이라고 함께 적어 주세요."
        ),
        Ask::AmPm { hour } => {
            let alt = if hour == 12 {
                "밤 12시(자정)인가요, 낮 12시(정오)인가요?".to_string()
            } else {
                format!("오전 {hour}시인가요, 오후 {hour}시인가요?")
            };
            format!("{whose}태어난 시각이 {alt} 시주가 달라져서 여쭤봐요.")
        }
        Ask::Hour { gender_too: true } => format!(
            "{whose}태어난 시각과 성별을 알려 주세요. (예: \"오후 3시 30분, 여자\") 시각을 모르시면 \"시간 모름\"이라고 적어 주시면 시주 없이 세 기둥으로 풀어 드릴게요."
        ),
        Ask::Hour { gender_too: false } => format!(
            "{whose}태어난 시각도 아시나요? (예: \"오후 3시 30분\", \"새벽 2시\", \"축시\") 모르시면 \"시간 모름\"이라고 적어 주세요. 시주 없이 세 기둥으로 풀어 드릴게요."
        ),
        Ask::Gender if partner => {
            format!("궁합에는 두 사람의 성별이 함께 쓰여요. {whose}성별을 알려 주세요. (예: \"남자\" 또는 \"여자\")")
        }
        Ask::Gender => ASK_FOR_GENDER.replace("성별을", &format!("{whose}성별을")),
    }
}

/// The reply when the birth data cannot make a chart (the engine's reason quoted).
pub fn cannot_compute(reason: &str) -> String {
    format!("말씀하신 출생 정보로는 사주를 계산할 수 없습니다: {reason}\n다시 한 번 확인해 주세요.")
}

/// Words of a big money decision: the answer carries [`MONEY_DECISION`] whatever the topic.
const MONEY_WORDS: &[&str] = &[
    "퇴직금",
    "대출",
    "몰빵",
    "올인",
    "전세금",
    "갭투자",
    "영끌",
    "창업",
    "투자",
    "목돈",
    "적금",
    "빚",
    "사업 자금",
    "사업자금",
    "보증",
    "집을 사",
    "집 사",
    "매수",
    "가게를 차",
    "가게 차",
    "마이너스",
    "아파트",
    "전세 끼",
    "코인",
    "동업",
    "융자",
    "담보",
    "빌려서",
    "빌려 ",
];

/// The caution for a big money decision.
pub const MONEY_DECISION: &str = "큰돈이 걸린 결정은 사주만으로 정하지 마세요. 감당할 수 있는 여유 자금 안에서 나누어 움직이고, 계약과 숫자는 전문가와 함께 확인해 보세요.";

/// Betting words: the answer leads with the gambling caution.
const GAMBLING_WORDS: &[&str] =
    &["경마", "도박", "토토", "카지노", "바카라", "슬롯", "배팅", "베팅", "경륜", "경정", "불법 사이트"];

/// Where debt is worked out for free, said after the care to someone in crisis over it.
pub const DEBT_HELP: &str = "빚은 혼자 감당하지 않아도 되는 문제예요. 신용회복위원회(1600-5500)와 서민금융진흥원 서민금융콜센터(1397)에서 채무 조정과 상환 방법을 무료로 상담받을 수 있어요.";

/// The caution for gambling, said before any reading.
pub const GAMBLING: &str = "먼저 꼭 드리고 싶은 말씀이 있어요. 경마·도박은 사주와 상관없이 오래 할수록 잃도록 짜여 있어서, 빚을 갚는 방법이 될 수 없어요. 한국도박문제예방치유원 1336(24시간 무료)에서 도박 문제를, 서민금융콜센터 1397이나 신용회복위원회에서 빚 정리를 상담받을 수 있어요.";

/// Whether a message waits for a child that does not come (the infertility caution and acknowledgement).
/// Whether a message tells of losing a pregnancy ("지난달에 유산했어요", "아기를 잃었어요"): the acknowledgement,
/// the blame answered after it and the emotion the understanding hears use the same words.
pub fn tells_a_loss(text: &str) -> bool {
    [
        "유산했",
        "유산이 됐",
        "유산됐",
        "아기를 잃",
        "아이를 잃",
        "계류유산",
        "심장이 안 뛴",
        "심장이 안뛴",
        "심장 소리가 안",
        "심장이 멈췄",
        "심장 소리를 못",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Whether a message tells of a death of someone close (a parent, a spouse, a friend, a pet): grief.
pub fn tells_a_death(text: &str) -> bool {
    [
        "돌아가셨",
        "돌아가신",
        "세상을 떠나",
        "세상을 떠났",
        "떠나보냈",
        "떠나보내",
        "남편을 보내",
        "아내를 보내",
        "와이프를 보내",
        "엄마를 보내",
        "아빠를 보내",
        "어머니를 보내",
        "아버지를 보내",
        "먼저 보내",
        "하늘나라",
        "무지개다리",
        "별세",
        "여의었",
        "여의고",
        "사별",
        "장례",
        "죽었어",
        "죽었어요",
        "죽었는데",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Said first to a death told: sorrow, before any reading or any question.
pub const GRIEF_FIRST: &str = "소중한 가족을 떠나보낸 마음이 얼마나 아프실지요. 깊은 위로를 드려요.";

/// "사주에 그런 게 원래 나와 있었던 건가요?" after a death: no, a chart does not fix when someone dies.
pub const DEATH_NOT_WRITTEN: &str = "사주는 가족이 언제 떠날지를 정해 두거나 미리 보여 주지 않아요. 명리에서 부모의 자리나 가족의 인연을 읽기는 하지만, 그것은 관계의 결을 보는 것이지 누군가의 죽음이나 그 책임을 가리키는 것이 아닙니다.";

/// After a death, a question of blame ("제가 뭘 잘못해서 그런 건 아닐까요"): it is not, said first.
pub const NOT_YOUR_FAULT_DEATH: &str = "먼저, 절대 스스로를 탓하실 일이 아니에요. 갑작스러운 이별 뒤에 ‘내가 뭘 잘못했나’, ‘그때 이랬더라면’ 하는 생각이 자꾸 드는 건 많은 분이 겪는 자연스러운 애도의 과정이에요. 사주도 누구의 탓을 가리키지 않습니다.";

/// Where a grieving person can talk, said once with the reply to grief.
pub const GRIEF_HELP: &str = "슬픔이 오래 무겁게 이어지면 혼자 견디지 마시고 정신건강상담전화 1577-0199(24시간)나 가까운 정신건강복지센터에 이야기해 보세요.";

pub fn waits_for_child(text: &str) -> bool {
    ["난임", "임신이 안", "아기가 안 생", "아이가 안 생", "시험관", "아기가 안 와", "아이가 안 와"]
        .iter()
        .any(|w| text.contains(w))
}

/// Whether a message weighs a divorce (not one in the past: "이혼하고 3년째인데 재혼은").
pub fn considers_divorce(text: &str) -> bool {
    ["이혼할까", "이혼하고 싶", "이혼 생각", "이혼을 고민", "이혼해야", "이혼 고민", "이혼을 해야", "이혼하는 게"]
        .iter()
        .any(|w| text.contains(w))
}

/// Whether a message speaks of fights with someone ("자꾸 싸워요", "다툼이 잦아요").
pub fn speaks_of_fights(text: &str) -> bool {
    ["싸워", "싸우", "싸움", "다퉈", "다투", "다툼"].iter().any(|w| text.contains(w))
}

/// Whether a 궁합 is asked for a business partner or a friend, not a couple.
pub fn about_partnership(text: &str) -> bool {
    [
        "동업",
        "사업 파트너",
        "같이 사업",
        "같이 장사",
        "같이 가게",
        "같이 식당",
        "창업을 같이",
        "친구랑 같이",
        "공동 창업",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Whether a message asks for a plain yes or no ("예 아니오로만", "딱 잘라서", "한 줄로", "맞아요 아니에요?").
pub fn demands_verdict(text: &str) -> bool {
    let q: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "예아니오",
        "예/아니오",
        "네아니오",
        "yesorno",
        "딱잘라",
        "한줄로",
        "한마디로",
        "맞아요아니에요",
        "맞아요아니예요",
        "맞나요아닌가요",
        "할까요말까요",
        "할까말까",
        "솔직하게",
    ]
    .iter()
    .any(|w| q.contains(w))
}

/// Whether a reply's headline already opens on a verdict.
pub fn opens_with_verdict(head: &str) -> bool {
    ["네", "아니요", "예,", "아니에요", "한마디로"].iter().any(|w| head.starts_with(w))
}

/// Whether a message asks for a stock, coin or lottery pick ("주식 종목 좀 찍어줘요", "2차전지 지금 들어가도 돼요?").
pub fn asks_pick(text: &str) -> bool {
    let market =
        ["주식", "종목", "코인", "비트코인", "2차전지", "로또", "테마주", "ETF"].iter().any(|w| text.contains(w));
    let pick = ["찍어", "추천", "골라", "뽑아", "들어가도", "사도 돼", "사도 될", "살까", "오를까", "번호"]
        .iter()
        .any(|w| text.contains(w));
    market && pick
}

/// Said first when a pick is asked for beside a money question: no pick, then what the chart can say.
pub const NO_PICK: &str = "어떤 종목을 사고팔지는 사주로 고를 수 없어요. 시세는 사주가 아니라 시장이 정하니까요. 대신 이 사주의 재물 흐름으로 보면 이렇습니다.";

/// "그럼 어떻게 해야 돼요?" after a betting debt: what to do, in order.
pub const GAMBLING_WAY_OUT_HEAD: &str =
    "지금 가장 먼저 할 일은 더 이상 걸지 않는 것, 그리고 혼자 숨기지 않는 거예요. 사주의 좋은 해를 기다려 만회하는 방법은 없어요.";
pub const GAMBLING_WAY_OUT: &str = "- 오늘: 토토·배팅 앱과 계정을 지우고, 한국도박문제예방치유원 1336(24시간 무료)에 전화해 보세요. 상담도 치료도 무료이고 비밀이 지켜져요.\n- 빚: 빚 목록(어디에, 얼마, 이자)을 한 장에 적은 뒤 신용회복위원회 1600-5500이나 서민금융콜센터 1397에서 채무조정을 상담받으세요. 돌려막기 대출은 더 받지 마세요.\n- 가족에게: 빚이 더 커지기 전에, 숫자와 갚을 계획을 함께 들고 먼저 말하는 편이 관계를 지켜요. 1336에서는 가족에게 털어놓는 방법도 함께 도와줍니다.\n- 사주는 버티는 힘을 어디서 얻는지 볼 때만 쓰세요. 돈이 들어오는 해도 빚을 갚는 순서로 쓰는 해이지 다시 거는 해가 아니에요.";

/// Whether a message is about betting.
pub fn is_gambling(text: &str) -> bool {
    GAMBLING_WORDS.iter().any(|w| text.contains(w))
}

/// The caution for `topic` asked in `text`: a high-stakes situation's first (gambling, debt, divorce,
/// infertility), then a money decision's whatever the topic, else the topic's.
pub fn caution_for(topic: Topic, text: &str) -> Option<&'static str> {
    if is_gambling(text) {
        return Some(GAMBLING);
    }
    if ["빚이", "빚 때문", "빚을", "빚만", "대출 갚", "채무", "카드값", "독촉"].iter().any(|w| text.contains(w))
    {
        return Some("빚이 부담될 때는 혼자 버티지 마시고 서민금융콜센터 1397이나 신용회복위원회(국번 없이 1600-5500)에 상담해 보세요. 큰돈을 한 번에 되찾으려는 결정은 사주로 정하지 않는 게 좋아요.");
    }
    if considers_divorce(text) {
        return Some("이혼처럼 삶을 바꾸는 결정은 사주만으로 정하지 마세요. 한국가정법률상담소(1644-7077)나 부부 상담 전문가와 먼저 이야기해 보시길 권해요.");
    }
    if waits_for_child(text) {
        return Some("임신은 사주보다 몸의 상태가 먼저예요. 1년 넘게(35세 이상이면 6개월) 기다리셨다면 난임 전문 병원에서 두 분이 함께 검사를 받아 보세요. 보건소의 난임 시술비 지원도 알아볼 수 있어요.");
    }
    if MONEY_WORDS.iter().any(|w| text.contains(w)) && topic != Topic::Health {
        return Some(MONEY_DECISION);
    }
    caution(topic)
}

/// The caution a topic calls for: health, money and 궁합 answers carry one.
pub fn caution(topic: Topic) -> Option<&'static str> {
    match topic {
        Topic::Health => Some("이 풀이는 전통 명리의 해석이며 의료 전문가의 진단이나 조언을 대신하지 않습니다. 몸에 이상이 느껴지면 병원에서 확인해 보세요."),
        Topic::Wealth => Some("이 풀이는 전통 명리의 해석이며 투자·재무 전문가의 조언을 대신하지 않습니다."),
        Topic::Compatibility => {
            Some("궁합은 전통 명리의 한 관점일 뿐, 두 사람의 관계를 정하는 것은 서로의 대화와 노력입니다.")
        }
        _ => None,
    }
}

/// What is said to crisis wording: care and the help lines, never a birth-data form.
pub const CRISIS_REPLY: &str = "많이 지치고 힘드셨겠어요. 그런 마음을 털어놓아 주셔서 고마워요. 지금 혼자 견디지 않으셨으면 해요.\n\
지금 바로 이야기할 수 있는 곳이 있어요: 자살예방상담전화 109, 정신건강위기상담 1577-0199 (24시간). 위급하면 112나 119에 연락해 주세요.\n\
사주는 나중에 마음이 조금 편해졌을 때 함께 봐도 늦지 않아요. 지금은 곁에 있는 믿을 만한 사람에게 연락해 보시겠어요?";

/// The turn after a crisis reply, when the message does not ask for a reading with a birth ("사주 봐도 어차피
/// 안 좋겠죠"): no fatalism, the help lines again, no birth-data form.
pub const CRISIS_AGAIN: &str = "사주는 정해진 결말을 알려 주는 것이 아니라 흐름을 읽어 보는 참고일 뿐이에요. 지금은 마음이 많이 지쳐 있어서 모든 게 어둡게 느껴지실 수 있어요.\n\
혼자 견디지 마시고 자살예방상담전화 109나 정신건강위기상담 1577-0199(24시간)에 지금 이야기해 보세요. 당장 위험하다고 느껴지면 바로 112나 119에 전화해 주세요.\n\
마음이 조금 가라앉으면 그때 사주도 함께 천천히 볼게요.";

/// The turn after a crisis reply that thanks or asks only to be heard ("고마워요.. 그냥 좀 들어줬으면 했어요"):
/// listening, no lesson, the lines said lightly.
pub const CRISIS_HEARD: &str = "그럼요, 얼마든지 들을게요. 사주 이야기가 아니어도 괜찮아요. 요즘 무엇이 제일 마음을 무겁게 하는지, 편한 만큼만 적어 주세요.\n\
혼자 감당하기 버거운 밤에는 109(자살예방상담)나 1577-0199에서 사람이 직접 이야기를 들어 줘요. 두 곳 모두 24시간 열려 있어요.";

/// The turn after a crisis reply that says calling feels too hard ("109는 전화하기 좀 무서워요"): the fear
/// heard, a smaller first step, no fortune date, the lines kept for the worst moment.
pub const CRISIS_CALL_FEAR: &str = "전화가 무섭게 느껴지는 것도 자연스러워요. 말이 잘 안 나와도 괜찮고, 상담하는 분이 천천히 먼저 물어봐 줘요.\n\
전화가 아직 어렵다면, 믿을 만한 사람 한 명에게 '요즘 많이 힘들다'고 문자 한 줄 보내는 것부터 해도 충분해요.\n\
언제쯤 나아질지는 사주가 정해 주지 못하지만, 지금처럼 버거운 때가 계속 이어지지는 않아요. 정말 위험하다고 느껴지는 순간에는 자살예방상담전화 109나 112, 119에 연락해 주세요.";

/// The turn after a crisis reply that says goodnight ("고마워요 오늘은 좀 자볼게요"): a warm close, the lines
/// once, lightly, and the door left open.
pub const CRISIS_GOODNIGHT: &str = "네, 이야기해 주셔서 고마워요. 오늘은 푹 쉬셨으면 좋겠어요.\n\
밤에 마음이 다시 무거워지면 109나 1577-0199(24시간)에 전화하거나, 가까운 사람에게 연락해도 괜찮아요. 이야기하고 싶을 때 언제든 다시 와 주세요.";

/// A message after a crisis reply that says calling a help line feels too hard.
pub fn fears_calling(text: &str) -> bool {
    ["무서", "두려", "부담", "못 하겠", "못하겠", "자신 없", "어려워", "싫어"].iter().any(|w| text.contains(w))
        && ["전화", "109", "상담", "연락"].iter().any(|w| text.contains(w))
}

/// A message that says goodnight or that the writer will rest now.
pub fn says_goodnight(text: &str) -> bool {
    ["자볼게", "자 볼게", "잘게요", "잘게", "자러", "잘 자", "쉴게요", "쉬어 볼게", "쉬어볼게", "이만 잘", "눈 좀 붙"]
        .iter()
        .any(|w| text.contains(w))
}

/// A message after a crisis reply that thanks or asks to be listened to, not for a reading.
pub fn asks_to_be_heard(text: &str) -> bool {
    ["고마워", "고맙", "감사", "들어줬", "들어 줬", "들어주", "들어 주", "얘기할 데", "말할 데", "털어놓"]
        .iter()
        .any(|w| text.contains(w))
}

/// "연애가 맨날 꼬이는 게 사주 때문인가요?", "제 팔자가 원래 이런 건가요?": no fate, then the chart's own lean.
pub const NOT_FATED: &str = "사주가 그렇게 되도록 정해 두는 것은 아니에요. 사주는 잘 맞는 방식과 조심할 때를 보여 줄 뿐이고, 이 사주에서 짚어 볼 결은 이렇습니다.";

/// A question asking whether the chart is to blame or fixes a life ("사주 때문인가요", "팔자가 원래 이런가요").
pub fn asks_if_fated(question: &str) -> bool {
    [
        "사주 때문",
        "팔자 때문",
        "사주 탓",
        "팔자 탓",
        "팔자가 원래",
        "팔자인가",
        "팔자라서",
        "팔자예요",
        "팔자잖아",
        "힘든 사주",
        "원래 이렇게",
        "원래 이런 사주",
        "박복",
        "팔자가 세",
        "팔자가 쎄",
    ]
    .iter()
    .any(|w| question.contains(w))
}

/// Added to a reading given right after a crisis reply.
pub const HELP_LINES_AGAIN: &str =
    "힘든 마음이 이어지면 언제든 자살예방상담전화 109, 정신건강위기상담 1577-0199(24시간)에 이야기해 주세요.";

/// The help lines a third time, shorter.
pub const HELP_LINES_STILL: &str =
    "109(자살예방상담)와 1577-0199는 24시간 열려 있으니, 마음이 무거워지면 언제든 전화해 주세요.";

/// The help lines were the last thing said: the conversation is still in a crisis.
pub fn after_crisis(last_reply: Option<&str>) -> bool {
    last_reply.is_some_and(|r| r.contains("자살예방상담전화 109"))
}

/// Acknowledgements of a feeling, said before the reading; one is chosen per answer.
pub const FEELING_FIRST: [&str; 3] = [
    "요즘 마음이 많이 힘드셨겠어요, 함께 차분히 살펴볼게요.",
    "걱정이 크셨겠어요, 사주가 보여 주는 흐름을 같이 볼게요.",
    "마음고생이 많으셨겠어요, 지금 흐름부터 짚어 볼게요.",
];

/// The acknowledgement that fits what the message says: its situation when it names one (a breakup, an exam,
/// a lost job, debt, a divorce, waiting for a child, a child's trouble), else its kind of feeling (worry,
/// excitement, sadness). `seed` picks among the general ones.
pub fn feeling_line(text: &str, seed: u64) -> &'static str {
    let has = |ws: &[&str]| ws.iter().any(|w| text.contains(w));
    if tells_a_loss(text) {
        "아기를 잃은 마음이 얼마나 아프실지요. 먼저 몸과 마음을 추스르시는 게 가장 중요해요."
    } else if tells_a_death(text) {
        GRIEF_FIRST
    } else if has(&["헤어졌", "이별", "차였", "헤어진"]) {
        "헤어진 뒤라 마음이 많이 아프시겠어요, 그 마음을 안고 흐름을 같이 볼게요."
    } else if considers_divorce(text) {
        "이혼까지 생각하실 만큼 많이 지치셨겠어요, 차분히 같이 살펴볼게요."
    } else if waits_for_child(text) {
        "아이를 기다리는 마음이 얼마나 간절하실지요, 조심스럽게 같이 볼게요."
    } else if has(&["빚", "대출"]) {
        "빚 때문에 마음이 많이 무거우시겠어요, 급한 마음일수록 천천히 같이 볼게요."
    } else if has(&["떨어졌", "떨어져서", "떨어져 버", "불합격", "낙방", "재수", "삼수"])
        || (has(&["망쳤", "망했"]) && has(&["수능", "시험", "면접", "모의고사"]))
    {
        "시험 결과 때문에 많이 속상하셨겠어요, 지금까지 애쓰신 것부터 인정해 드리고 싶어요."
    } else if has(&["짤렸", "잘렸", "해고", "실직", "권고사직"]) {
        "일자리 문제로 마음이 무거우시겠어요, 앞으로의 흐름을 같이 볼게요."
    } else if has(&["짐 될", "짐이 될", "짐 되", "짐이 되"]) {
        "나이 들어 자식에게 짐이 될까 하는 걱정, 마음이 쓰이시죠, 말년의 흐름을 같이 차분히 볼게요."
    } else if has(&["아들", "딸", "자식", "애가", "아이가"]) && has(&["말을 안", "속상", "힘들", "걱정"])
    {
        "자녀 일로 속이 많이 상하셨겠어요, 부모 마음으로 같이 볼게요."
    } else if speaks_of_fights(text) {
        "자꾸 부딪치셔서 마음이 많이 상하셨겠어요, 두 분 사이의 흐름을 차분히 같이 볼게요."
    } else if has(&["당뇨", "수술", "아파서", "아픈데", "진단받", "입원", "투병", "편찮"]) {
        "몸이 아프면 마음까지 지치기 쉬운데 걱정이 많으시겠어요, 치료는 의료진과 함께하시고 여기서는 사주의 균형을 같이 볼게요."
    } else if has(&["안 풀려", "안풀려", "안 풀리", "꼬여", "꼬이"]) {
        "요즘 일이 잘 안 풀려 많이 지치셨겠어요, 어디서 막히고 언제 풀리는지 같이 볼게요."
    } else if has(&["상사", "직장", "회사", "팀장"]) && has(&["힘들", "스트레스", "괴롭", "짜증"]) {
        "직장에서 받는 압박에 마음이 많이 지치셨겠어요, 그 자리의 흐름을 같이 볼게요."
    } else if has(&["면접", "시험", "발표", "소개팅", "상견례", "수능"])
        && has(&["내일", "오늘", "모레", "앞두", "코앞", "다음 주", "다음주"])
    {
        // "내일 면접이에요ㅠㅠ": nerves before the day, not a hardship behind.
        "앞둔 날이라 긴장되시죠, 그날의 흐름부터 짚어 볼게요."
    } else if has(&["외로워", "외로운", "외로움", "외롭"]) {
        "혼자라는 느낌이 오래가 마음이 많이 허전하셨겠어요, 인연의 흐름을 같이 볼게요."
    } else if has(&["설레", "설렘", "신나", "행복", "기뻐", "기쁘", "떨려"]) {
        "설레는 마음이 느껴져요, 좋은 흐름을 잘 쓰실 수 있게 같이 볼게요."
    } else if has(&["걱정", "불안", "초조", "무서", "두려", "겁", "긴장"]) {
        "걱정되는 마음이 크시죠, 사주가 보여 주는 흐름을 같이 차분히 볼게요."
    } else {
        FEELING_FIRST[(seed % FEELING_FIRST.len() as u64) as usize]
    }
}

/// Said before asking for the birth data when the message voices a feeling.
pub const FEELING_BEFORE_ASK: &str = "마음이 많이 힘드셨겠어요, 사주로 지금의 흐름을 함께 볼게요.";

/// What is said before asking for the birth data, for the feeling the message voices: to a death, the sorrow
/// and (asked whether it was in the chart) the answer, with no promise of a reading of "the flow".
pub fn feeling_before_ask(text: &str) -> String {
    // ("또 아기 심장이 안 뛴대요. 두 번째예요": the loss first, no form pressed on it.)
    if tells_a_loss(text) {
        return format!(
            "{}\n지금은 아무것도 하지 않으셔도 괜찮아요. 이야기하고 싶으실 때 생년월일을 알려 주시면, 그때 본인의 사주로 천천히 함께 볼게요.",
            feeling_line(text, 0)
        );
    }
    if !tells_a_death(text) {
        return FEELING_BEFORE_ASK.to_string();
    }
    let asks_fate = ["나와 있", "나와있", "정해져", "정해진", "운명", "팔자", "사주에", "사주 때문", "미리 알"]
        .iter()
        .any(|w| text.contains(w));
    let mut out = GRIEF_FIRST.to_string();
    if asks_fate {
        out.push(' ');
        out.push_str(DEATH_NOT_WRITTEN);
    }
    out.push_str("\n원하시면 지금의 마음과 앞으로의 흐름을 본인의 사주로 함께 살펴볼게요.");
    out
}

/// Said to a fear of a short life, before the health reading.
/// Said to a plan of staking more to win back a loss: no month is given for it, and where to get help.
pub const CHASING_LOSSES: &str = "잃은 돈을 한 번에 되찾으려는 투자에 맞는 달은 사주로 알려 드릴 수 없어요. 이런 때일수록 더 크게 잃기 쉬워서, 지금은 추가로 빚을 내거나 레버리지를 쓰지 않는 것이 가장 좋은 선택이에요.\n혼자 멈추기 어렵다면 한국도박문제예방치유원 1336(24시간)에서 상담을 받을 수 있고, 빚 정리는 신용회복위원회 1600-5500에서 도와줘요.";

pub const LIFESPAN: &str = "사주로 수명을 정할 수는 없어요. 명리에서 보는 건강의 약점은 무엇을 조심하면 좋은지 알려 줄 뿐, 정해진 운명이 아니니 너무 걱정하지 않으셨으면 해요.";

/// Said when everything an answer would say was already said in the conversation.
pub const ALREADY_SAID: &str = "앞에서 말씀드린 풀이와 같은 내용이에요. 다른 해(예: 내년, 2030년), \"왜요?\", \"더 자세히요\", 또는 다른 주제(직업, 재물, 연애, 건강, 대운)를 물어 보시면 이어서 볼게요.";

/// Said again in a later turn of the same conversation, a caution keeps its point in other words.
pub fn caution_again(caution: &str) -> &'static str {
    if caution.contains("진단") {
        "다시 말씀드리지만 건강은 사주가 아니라 검진과 전문의의 진단으로 확인하셔야 해요."
    } else if caution.contains("큰돈") || caution.contains("투자") {
        "돈이 걸린 결정은 여유 자금 안에서 나누어, 전문가와 숫자를 확인한 뒤에 움직이세요."
    } else {
        "풀이는 참고로만 봐 주세요."
    }
}

/// The note when the second person's hour is unknown.
pub const PARTNER_WITHOUT_HOUR: &str = "상대분의 태어난 시각을 몰라 상대는 세 기둥으로 보았습니다.";

/// A stock, coin or lottery pick asked for: what a 사주 cannot do, kindly.
pub const NO_PICKS: &str = "특정 종목이나 코인, 로또 번호는 사주로 고를 수 없어요. 사주는 시세가 아니라 사람의 흐름을 보는 것이라, 그걸 안다고 말하는 풀이는 믿지 않으시는 게 좋아요.";

/// What can be read instead of a pick, once there is a chart.
pub const PICKS_INSTEAD: &str = "대신 이 사주에서 재물이 들어오고 나가는 흐름과 조심할 해는 볼 수 있어요. \"재물운은 언제 좋아요?\"처럼 물어 주세요. 투자는 잃어도 괜찮은 여유 자금 안에서, 숫자를 확인한 뒤에 정하세요.";

/// What can be read instead, said again in other words.
pub const PICKS_INSTEAD_AGAIN: &str = "재물이 드나드는 흐름이 궁금하시면 올해나 내년의 재물운을 물어 봐 주세요.";

/// The same kind of pick asked again: said shorter.
pub const NO_PICKS_AGAIN: &str = "그것도 마찬가지로, 무엇을 언제 사고팔지는 사주로 정할 수 없어요.";

/// Asked again for the birth after a second pick question: what it would give.
pub const BIRTH_FOR_MONEY: &str = "출생 정보를 알려 주시면 종목 대신 재물이 드나드는 흐름과 조심할 해를 볼게요.";

/// After the year's health, for a fear of an accident or an illness ("다칠까봐", "쓰러질까봐").
pub const HARM_FEAR: &str = "사주는 사고나 병을 미리 정해 두지 않아요. 걱정되는 해일수록 잠과 끼니, 무리하지 않는 일정 같은 기본이 가장 든든한 대비이고, 몸이 불편하다는 말이 나오면 미루지 말고 병원에서 확인해 주세요.";

/// Whether a message asks something ("누가 더 힘들어요?", "어떻게 해야 돼요", "괜찮을까요") rather than only
/// telling a feeling ("오늘 너무 지치네요..").
pub fn asks_a_question(text: &str) -> bool {
    text.contains('?')
        || [
            "까요",
            "나요",
            "어때",
            "어떻게",
            "누가",
            "뭐가",
            "뭘",
            "언제",
            "있어요",
            "인가요",
            "건가요",
            "돼요",
            "되나요",
            "알려",
            "봐주",
            "봐 주",
            "궁금",
        ]
        .iter()
        .any(|w| text.contains(w))
}

/// After a miscarriage, a question of blame ("제가 뭘 잘못해서 그런 걸까요"): it is not, said first and plainly.
pub const NOT_YOUR_FAULT_LOSS: &str = "먼저, 절대 스스로를 탓하실 일이 아니에요. 이른 시기의 유산은 대부분 아기의 염색체 이상처럼 누구도 막을 수 없는 이유로 일어나고, 야근이나 평소의 생활 때문에 생기는 일이 아니라고 의사들은 말해요. 사주도 탓할 사람을 가리키지 않습니다.";

/// How a reply names someone of that relation, called `word` by the user ("새아빠" → "새아버님", "팀장님" stays).
pub fn honorific(relation: &str, word: &str) -> String {
    let fixed = match relation {
        "mother" => "어머님",
        "father" => "아버님",
        "stepmother" => "새어머님",
        "stepfather" => "새아버님",
        "mother_in_law" => "시어머님",
        "father_in_law" => "시아버님",
        "wife_mother" => "장모님",
        "wife_father" => "장인어른",
        "grandmother" => "할머님",
        "grandfather" => "할아버님",
        "husband" => "남편분",
        "wife" => "아내분",
        "boyfriend" => "남자친구분",
        "girlfriend" => "여자친구분",
        "son" => "아드님",
        "daughter" => "따님",
        "son_in_law" => "사위분",
        "daughter_in_law" => "며느님",
        "granddaughter" => "손녀",
        "grandson" => "손자",
        "friend" => "친구분",
        "colleague" => "동료분",
        "partner_business" => "동업자분",
        "person_a" => "A",
        "person_b" => "B",
        "person_c" => "C",
        "child" if word.is_empty() => "큰아이",
        "child_second" if word.is_empty() => "작은아이",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    let word = word.trim();
    match word {
        "" => "그분".to_string(),
        "큰애" => "큰아이".to_string(),
        "작은애" => "작은아이".to_string(),
        // "만나는 사람", "사귀는 분": the user's partner, named as a 상담가 would.
        w if w.starts_with("만나는") || w.starts_with("사귀는") => "그분".to_string(),
        "남자애" => "남자분".to_string(),
        "여자애" => "여자분".to_string(),
        w if w.ends_with('님') || w.ends_with("어른") => w.to_string(),
        "형" => "형님".to_string(),
        w if relation == "boss" => format!("{w}님"),
        w => format!("{w}분"),
    }
}

/// The question weighs two people against each other ("누가 돈 관리하는 게 나아요?", "누구 명의로", "둘 중에
/// 누가 공부 쪽이에요?", "형이랑 저 중에").
pub fn asks_which_of_two(text: &str) -> bool {
    const WHICH: &[&str] = &[
        "누가",
        "누구 명의",
        "누구명의",
        "누구 이름",
        "누구한테",
        "누구 쪽",
        "누구쪽",
        "둘 중",
        "둘중",
        "두 분 중",
        "두분 중",
        "두분중",
        "저 중에",
        "나 중에",
        "둘 다한테",
        "둘다한테",
        "둘 다 기준",
        "둘다 기준",
        "두 사람 다",
    ];
    WHICH.iter().any(|w| text.contains(w))
}

/// The question is about the user and the second person together ("둘 다 좋은 달", "우리 부부운", "저희 둘이
/// 같이"), not about one of them.
pub fn asks_for_both(text: &str) -> bool {
    const BOTH: &[&str] = &[
        "둘 다",
        "둘다",
        "둘이",
        "둘한테",
        "둘에게",
        "둘 모두",
        "우리 둘",
        "저희 둘",
        "두 사람",
        "두사람",
        "부부",
        "우리 같이",
        "저희 같이",
        "같이 하",
        "함께 하",
        "둘 사이",
    ];
    BOTH.iter().any(|w| text.contains(w))
}

/// The question names a year ("내년", "올해", "2028년").
pub fn names_year(question: &str) -> bool {
    ["내년", "올해", "후년", "이번 해", "새해"].iter().any(|w| question.contains(w))
        || four_digit_years(question).next().is_some()
}

/// The years written with four digits and 년 ("2028년"), with where each starts, in order.
pub fn four_digit_years(text: &str) -> impl Iterator<Item = (usize, i32)> + '_ {
    text.char_indices().filter_map(|(i, _)| {
        let rest = &text[i..];
        let digits = rest.len() >= 5 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit);
        (digits && rest[4..].starts_with('년')).then(|| rest[..4].parse().ok().map(|y| (i, y))).flatten()
    })
}

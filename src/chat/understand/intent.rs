//! What a message asks: one of the topics a 사주 상담 answers, a term, small talk, or something else; and
//! whether it speaks with feeling ([`emotion_in`]). [`Topic`] itself, the vocabulary answers are planned by,
//! lives in `answer::topic`.

pub use crate::answer::{says_this_year, TimingTopic, Topic};

/// Words of the trade a "what is …" question may ask about.
const TERMS: &[&str] = &[
    "비견",
    "겁재",
    "식신",
    "상관",
    "편재",
    "정재",
    "편관",
    "정관",
    "편인",
    "정인",
    "칠살",
    "비겁",
    "식상",
    "재성",
    "관성",
    "인성",
    "십신",
    "장생",
    "목욕",
    "관대",
    "건록",
    "제왕",
    "12운성",
    "도화",
    "역마",
    "화개",
    "천을귀인",
    "양인",
    "괴강",
    "백호",
    "문창",
    "홍염",
    "귀문",
    "공망",
    "납음",
    "대운",
    "세운",
    "월운",
    "용신",
    "기신",
    "지장간",
    "야자시",
    "조자시",
    "진태양시",
    "윤달",
    "절기",
    "입춘",
    "사주팔자",
    "만세력",
    "일간",
    "일주",
    "오행",
    "천간",
    "지지",
    "합충",
    "형파해",
    "원진",
    "삼합",
    "방합",
    "신강",
    "신약",
    "격국",
    "대운수",
    "삼재",
    "신살",
    "귀인",
    "육친",
    "12신살",
    "음양",
    "상생",
    "상극",
    "태과",
    "불급",
    "일지",
    "월지",
    "시주",
    "년주",
    "월주",
    "조후",
    "통변",
];

const SMALL_TALK: &[&str] = &[
    "안녕",
    "반가",
    "고마워",
    "고맙",
    "감사",
    "누구야",
    "누구세요",
    "누구예요",
    "누구니",
    "넌 뭐",
    "너는 뭐",
    "이름이 뭐",
    "뭘 할 수",
    "뭐 할 수",
    "뭐 해 줄",
    "뭘 해 줄",
    "수고",
    "잘 자",
    "좋은 하루",
    "ㅎㅎ",
    "ㅋㅋ",
    "심심",
    "바이",
    "잘 있어",
    "사람이야",
    "로봇",
    "AI야",
    "처음 와",
    "잘 봤어",
    "덕분에",
    "소름",
    "신기하",
];
/// Picks no 사주 can make, even "from my chart": stocks, coins, lottery numbers.
const PICKS: &[&str] = &[
    "종목",
    "로또 번호",
    "로또번호",
    "번호 좀 뽑",
    "번호 뽑아",
    "번호 추천",
    "비트코인",
    "코인 추천",
    "주식 추천",
    "어떤 주식",
    "무슨 주식",
    "어떤 코인",
    "무슨 코인",
    "코인",
    "삼성전자",
    "테슬라",
    "엔비디아",
    "하이닉스",
];
const OUT_OF_SCOPE: &[&str] = &[
    "첨삭",
    "자소서",
    "번역해",
    "날씨",
    "코딩",
    "코드",
    "프로그래밍",
    "파이썬",
    "자바스크립트",
    "주식 추천",
    "종목",
    "비트코인",
    "코인 추천",
    "로또 번호",
    "맛집",
    "레시피",
    "요리법",
    "번역",
    "숙제",
    "수학 문제",
    "뉴스",
    "축구",
    "야구 경기",
    "환율",
    "주가 전망",
    "주가가",
    "주가는",
    "부동산 시세",
    "영화 추천",
    "노래 추천",
    "여행지 추천",
    "로또",
    "삼성전자",
    "테슬라",
    "게임 추천",
    "맞춤법",
];

impl Topic {
    /// The topic `text` asks about; [`Topic::General`] when it names none.
    pub fn detect(text: &str) -> Topic {
        Topic::detect_said(text).unwrap_or(Topic::General)
    }

    /// The topic `text` names, `None` when it names none (a reply that only gives birth data, "오후요"),
    /// so the conversation's topic goes on.
    pub fn detect_said(text: &str) -> Option<Topic> {
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        if crisis_in(text) {
            return Some(Topic::Crisis);
        }
        // "저 공무원 체질이에요?": a constitution for a kind of work is a question of work, not of health.
        if has(&["체질"])
            && has(&[
                "공무원",
                "직장",
                "회사",
                "직업",
                "사업",
                "장사",
                "영업",
                "교사",
                "프리랜서",
                "조직",
                "월급쟁이",
                "창업",
            ])
        {
            return Some(Topic::Career);
        }
        let asks_meaning = has(&[
            "뭐예요",
            "뭔가요",
            "무엇",
            "뭐에요",
            "뭐야",
            "뭐지",
            "뭔지",
            "뭘까",
            "무슨 뜻",
            "뜻이",
            "뜻은",
            "뜻인",
            "의미",
            "이란",
            "란?",
            "설명해",
            "설명 좀",
            "알려줘요",
            "가 뭐",
            "이 뭐",
            "차이",
            "무슨 말",
            "뭔 뜻",
            "뭔말",
        ]);
        // "겁재가 많으면 …?", "대운은 보통 몇 살부터 …?": about the word in general, not the user's chart.
        let generic = has(&[
            "많으면",
            "있으면",
            "없으면",
            "강하면",
            "약하면",
            "들면",
            "들어오면",
            "끼면",
            "되면",
            "이면 ",
            "몇 년마다",
            "몇년마다",
            "마다 바뀌",
            "몇 살부터",
            "보통",
            "원래 뜻",
            "라는 게",
            "이라는 게",
            "라는게",
            "사실인가",
            "사실임",
            "사실이에요",
            "어떻게 계산",
            "어떻게 정해",
            "어떻게 정하",
        ]);
        let about_saju = has(&["사주", "운세", "팔자", "궁합", "운이", "운은", "명리"]);
        // "제 대운이 뭐예요?" asks about the user's own chart, not the word.
        let about_own_chart = has(&["제 ", "내 ", "저의", "나의", "지금", "다음 대운", "이번 대운"])
            && has(&["대운", "세운", "용신", "일간", "일주", "격국", "삼재"]);
        let own = about_own_chart
            || has(&["제가", "내가", "저는", "전 ", "난 ", "올해", "내년", "저 ", "제 "])
            || text.chars().filter(char::is_ascii_digit).count() >= 4;
        let asks_lack = has(&["부족해", "부족한", "뭐가 없", "없는 오행", "보완하", "채워야"]);
        if asks_lack && has(&["오행", "사주", "뭐가", "제 ", "내 "]) {
            return Some(Topic::General);
        }
        // "어떤 색 옷 입으면 좋아요? ㅎㅎ", "저 개띠 맞죠?": a question the chart answers by name.
        if has(&["무슨 색", "어떤 색", "색깔", "행운의 색", "옷 색", "맞는 색", "좋은 색", "색이나"])
            || (text.contains('띠')
                && has(&["맞죠", "맞나요", "맞아요", "맞아?", "맞지", "무슨 띠", "어떤 띠"])
                && !has(&["궁합", "랑 ", "이랑"]))
        {
            return Some(Topic::General);
        }
        if has(TERMS) && ((asks_meaning && !about_own_chart) || (generic && !own)) {
            return Some(Topic::Term);
        }
        // "코인에 넣어볼까 하는데 제 사주에 재물운이 있나요?" asks about the user's money luck, not for a pick: a pick
        // is asked for (추천, 뽑아, 골라, 어떤 …), or a market word comes without any 사주 question.
        let asks_pick = has(&[
            "추천",
            "뽑",
            "골라",
            "고르",
            "어떤",
            "무슨",
            "번호",
            "오를까",
            "오를지",
            "오르나",
            "떨어질까",
            "사도 될",
            "살까",
        ]);
        let money_luck =
            has(&["재물운", "재물 운", "돈복", "돈 복", "금전운", "사주에", "사주로 보면", "운이 있", "운 있"]);
        // "코인으로 빚이 8천 생겼어요.. 언제 다 갚을 수 있을까요": a debt to repay is a money question, whatever
        // made it.
        let debt = has(&["빚", "갚", "채무", "개인회생", "회생", "파산", "대출금"]);
        if (out_of_scope(text) && !about_saju) || (has(PICKS) && (asks_pick || !money_luck) && !debt) {
            return Some(Topic::OutOfScope);
        }
        // "시험 붙을 수 있을까요? 올해 삼재라서 불안해요": the exam is the question, 삼재 its worry (the answer
        // says the 삼재 in passing).
        let samjae_beside = matches!(area_of(text), Some(Topic::Study | Topic::Career | Topic::Love | Topic::Wealth))
            && has(&["붙을", "합격", "될까", "될지", "괜찮을까", "잘 풀릴", "어때", "어떨까"]);
        if text.contains("삼재") && !samjae_beside {
            return Some(Topic::Samjae);
        }
        // "공기업이랑 사기업 중에 뭐가 맞아요?", "간호학과 저랑 맞아요?": paths of work or study weighed, not a
        // second person.
        if crate::answer::choices::asked(text).is_some() && !has(&["궁합", "속궁합"]) {
            let paths = crate::answer::choices::paths_named(text);
            return Some(if !paths.is_empty() && paths.iter().all(|p| p.is_direction()) {
                Topic::Timing(TimingTopic::Move)
            } else {
                Topic::Career
            });
        }
        // "궁합 말고요 남편 사주만 따로": not a 궁합.
        let not_compat = has(&["궁합 말고", "궁합은 말고", "궁합 아니고", "궁합은 아니고", "궁합 말구", "궁합말고"])
            && !has(&["속궁합 말고", "속궁합은 말고", "속궁합 아니고"]);
        // "어떤 여자랑 잘 맞아요?": the partner the chart points to, not a second person's chart.
        // ("나 전체적으로 어떤 사람이야? 성격이랑 잘 맞는 일": the user asks who they are, and what work fits.)
        let about_self =
            has(&["어떤 사람이야", "어떤 사람이에요", "어떤 사람인가", "어떤 사람인지", "맞는 일", "맞는 직업"]);
        let partner_kind = (has(crate::answer::followups::PARTNER_KINDS) || has(&["어떤 성격"])) && !about_self;
        if partner_kind && has(&["맞아", "맞을", "맞나", "맞는", "어울", "만나"]) && !not_compat {
            return Some(Topic::Love);
        }
        // "저랑 여친이 원진살이라고": a relation between two people is a 궁합.
        if has(&["원진", "상충", "충이라", "형살"]) && mentions_someone(text) && !not_compat {
            return Some(Topic::Compatibility);
        }
        // "지금 만나는 사람은 90년생이에요. 이 사람이랑은 어때요?": the user with that person.
        let with_this_one = has(&[
            "이 사람이랑",
            "그 사람이랑",
            "이 사람하고",
            "그 사람하고",
            "이 사람과",
            "그 사람과",
            "이 분이랑",
            "이분이랑",
            "그분이랑",
            "그 분이랑",
            "이 사람 어때",
            "이 사람은 어때",
            "이 사람은요",
        ]) && has(&["어때", "어떨까", "어떤가", "어떨지", "괜찮", "은요", "는요"]);
        if !not_compat
            && (has(&["궁합", "속궁합", "케미"])
                || (with_this_one && !has(&["직장", "상사", "동료", "팀장", "사장님", "회사"]))
                || (has(&[
                    "잘 맞",
                    "맞을까",
                    "맞겠",
                    "맞나요",
                    "맞는지",
                    "맞을지",
                    "어울리",
                    "인연일까",
                    "잘맞",
                    "안 맞았",
                    "맞았던",
                    "안 맞는",
                    "계속 만나도",
                    "만나도 될까",
                    "만나도 돼",
                    "사귀어도 될까",
                    "사귀어도 돼",
                ]) && mentions_someone(text)
                    && !about_self
                    && !has(&[
                        "직업",
                        "적성",
                        "진로",
                        "일이",
                        "전공",
                        "상사",
                        "동료",
                        "팀장",
                        "사장님",
                        "직장",
                        "어울리는 일",
                        "맞는 일",
                        "어울리는 직",
                    ])))
        {
            return Some(Topic::Compatibility);
        }
        let day_word = has(&["오늘", "모레"]) || says_tomorrow(text);
        if has(&[
            "오늘의 운",
            "오늘 운",
            "오늘 하루",
            "일진",
            "오늘은 어떤",
            "오늘 어때",
            "오늘의 사주",
            "내일 운",
            "내일의 운",
            "내일 하루",
            "오늘운",
            "내일운",
        ]) || (day_word && has(&["운 어때", "운이 어"]) && !has(&["말고"]))
            // "내일 면접인데 잘 될까요?", "모레는? 모레 소개팅임": the day's fortune for that event.
            || (day_word
                && has(&["면접", "시험", "소개팅", "발표", "계약", "미팅", "데이트", "상견례", "경기", "오디션"])
                && (has(&["잘 될까", "잘될까", "괜찮을까", "어떨까", "붙을까", "될까요", "어때요"])
                    || text.contains('?')
                    || has(&["인데", "이에요", "예요", "임", "있어"])))
        {
            return Some(Topic::TodayFortune);
        }
        let area = area_of(text);
        let timing = has(&[
            "언제",
            "몇 살",
            "몇살",
            "시기",
            "몇 년도",
            "몇년도",
            "좋은 해",
            "좋은 달",
            "좋은 때",
            "좋은 시점",
            "타이밍",
            "때가 올",
            "날짜 좀",
            // "결혼은 늦게 해야 돼요?": when, asked as early or late.
            "늦게 해야",
            "늦게 하는",
            "늦게 가야",
            "일찍 해야",
            "일찍 하는",
        ]);
        // ("지금 대운에서 집 사는 건 언제가 좋아요?": the 대운 is the span asked within, the question a time.)
        let within_daeun = area.is_some() && has(&["대운에서", "대운 안", "대운에", "대운 동안", "대운 중"]);
        if timing && (!has(&["대운"]) || within_daeun) {
            let t = match area {
                Some(Topic::Love) => TimingTopic::Love,
                Some(Topic::Career) => TimingTopic::Career,
                Some(Topic::Wealth) => TimingTopic::Wealth,
                Some(Topic::Children) => TimingTopic::Children,
                Some(Topic::Study) => TimingTopic::Study,
                Some(Topic::Timing(TimingTopic::Move)) => TimingTopic::Move,
                _ => TimingTopic::General,
            };
            return Some(Topic::Timing(t));
        }
        if let Some(area) = area {
            return Some(area);
        }
        if has(&["대운", "10년 운", "십년 운", "인생의 흐름", "인생 흐름", "앞으로 10년"]) {
            return Some(Topic::Daeun);
        }
        if has(&["올해", "신년", "세운", "내년", "새해", "작년", "한 해", "올 한해", "운세", "금년", "한해"])
        {
            return Some(Topic::YearFortune);
        }
        // "상대는 어떤 사람이 좋아요?", "배우자는 어떤 스타일?": the partner the chart points to.
        if (has(crate::answer::followups::PARTNER_WORDS)
            || has(&["어떤 사람을 만나", "어떤 사람이랑", "어떤 사람하고"]))
            && has(&["어떤 사람", "어떤 스타일", "어떤 타입", "어떤 분", "누구", "이상형", "잘 맞"])
        {
            return Some(Topic::Love);
        }
        if has(&[
            "성격",
            "기질",
            "성향",
            "어떤 사람",
            "장단점",
            "장점",
            "단점",
            "타고난",
            "예민한 편",
            "성질",
            "욱하는",
            "까칠",
        ]) {
            return Some(Topic::Personality);
        }
        // "ㅋㅋ" or "ㅎㅎ" beside a question ("…일단 평달로 보고 ㅋㅋ 방향도 있어요?") is a tone, not small talk.
        let laugh_only = !SMALL_TALK.iter().any(|w| !["ㅋㅋ", "ㅎㅎ"].contains(w) && text.contains(w));
        // "싸울때 주로 뭐땜에 싸울까요 ㅋㅋ": a laugh beside a sentence of its own is a tone too.
        let words_beside_laugh = text.chars().filter(|c| !"ㅋㅎㅠㅜ ?!.~".contains(*c)).count();
        // "들어줘서 고마워요. 그래도 언젠가 풀리긴 해요?": thanks beside a question of when is the question.
        let asks_when = has(&["언제", "몇 년", "몇년", "몇 살", "풀릴", "풀리긴", "풀리나", "나아질"]);
        // "좀 쉽게 말해줘요ㅎㅎ": a follow-up on the last answer, not small talk.
        let asks_again = has(&["쉽게", "무슨 말", "무슨 뜻", "뭔 말", "뭔 뜻", "자세히", "풀어서"]);
        if has(SMALL_TALK)
            && !about_saju
            && !asks_when
            && !asks_again
            && !(laugh_only && (text.contains('?') || words_beside_laugh > 12))
        {
            return Some(Topic::SmallTalk);
        }
        if has(&["사주", "팔자", "풀이", "총운", "전체적", "봐주", "봐 주", "봐줘", "봐줄"]) {
            return Some(Topic::General);
        }
        None
    }
}

/// The year a fortune question is about, relative to this year: 내년 → 1, 후년 → 2, 작년 → −1,
/// 재작년 → −2, else 0.
pub fn year_offset(text: &str) -> i32 {
    if ["내후년", "후년", "다다음 해", "다다음해"].iter().any(|w| text.contains(w)) {
        2
    } else if ["재작년"].iter().any(|w| text.contains(w)) {
        -2
    } else if ["내년", "다음 해", "다음해"].iter().any(|w| text.contains(w)) {
        1
    } else if ["작년", "지난해", "지난 해"].iter().any(|w| text.contains(w)) && !past_event_then_now(text) {
        -1
    } else {
        0
    }
}

/// "작년에 남편을 보내고 혼자 지내요 … 이제 제 운은 어떻게 되는 건지": last year tells what happened, the question
/// is about now and after.
fn past_event_then_now(text: &str) -> bool {
    ["이제", "앞으로", "요즘", "지금", "올해는", "이번엔", "남은"].iter().any(|w| text.contains(w))
        && [
            "보내고",
            "보냈",
            "돌아가시",
            "돌아가셨",
            "잃고",
            "잃었",
            "떠나",
            "헤어지",
            "헤어졌",
            "이혼하",
            "이혼했",
            "그만두",
            "퇴사",
            "잘렸",
            "망했",
            "수술",
            "다쳤",
        ]
        .iter()
        .any(|w| text.contains(w))
}

/// Whether a message says tomorrow: 내일, or its spoken short form 낼 as a word ("낼은?", "낼 운세").
pub fn says_tomorrow(text: &str) -> bool {
    text.contains("내일")
        || text.match_indices('낼').any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + '낼'.len_utf8()..].chars().next();
            before.is_none_or(|c| !('가'..='힣').contains(&c))
                && after.is_none_or(|c| matches!(c, '은' | '는' | '도' | '운' | '요' | '?' | ' ' | '!' | '.'))
        })
}

/// The day a day's fortune is about, relative to today: 내일 → 1, 모레 → 2, 글피 → 3, 어제 → −1.
pub fn day_offset(text: &str) -> i32 {
    if text.contains("글피") {
        3
    } else if text.contains("모레") {
        2
    } else if says_tomorrow(text) {
        1
    } else if text.contains("어제") {
        -1
    } else {
        0
    }
}

/// A second person named in the message ("남자친구랑", "민수와", "이 사람").
fn mentions_someone(text: &str) -> bool {
    [
        "랑 ",
        "이랑",
        "하고 ",
        "와 ",
        "과 ",
        "친구",
        "남편",
        "아내",
        "애인",
        "사람",
        "그 분",
        "그분",
        "상대",
        "남친",
        "여친",
        "둘이",
        "우리 둘",
        "분이랑",
        "분과",
        "나랑",
        "저랑",
        "베프",
        "엄마",
        "아빠",
        "아버지",
        "어머니",
        "동업",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// The life area a message is about, in the order that settles overlaps (건강 before 자녀 before 공부 …).
fn area_of(text: &str) -> Option<Topic> {
    // "아파트" is not "아파", and "상사랑" (with the boss) is not "사랑".
    // "병원 개원 준비중" is a business opened, not an illness.
    let text = &text
        .replace("아파트", "집")
        .replace("상사랑", "상사와")
        .replace("병원 개원", "개원")
        .replace("병원을 개원", "개원");
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    // A child wished for, with words in between ("아이가 언제쯤 생길까요? 결혼 3년차인데"): 자녀, even beside
    // marriage words.
    let child_wished = has(&["아이가", "아이를", "아기가", "아기를", "애기가", "애기를", "아이는", "아기는"])
        && has(&["생길", "생기", "가질", "갖게", "가져", "갖고", "가지고", "들어설", "찾아올"]);
    Some(
        if has(&[
            "건강",
            "아프",
            "아픈",
            "아파",
            "질병",
            "몸이",
            "병원",
            "체력",
            "수술",
            "심장",
            "체질",
            "병에 ",
            "병이 ",
            "질환",
            "혈압",
            "당뇨",
            "위장",
            "통증",
            "단명",
            "수명",
            "오래 살",
            "명이 짧",
            "암 진단",
            "암이",
            "암 판정",
            "암 수술",
            "항암",
            "투병",
            "진단받",
        ]) {
            Topic::Health
        } else if has(&["말년", "노후", "노년", "늘그막", "황혼"]) && !has(&["노후자금", "노후 자금", "노후 대비 자금"])
        {
            // "나이 들어서 자식들한테 짐 될까 걱정이네요. 말년운이 어떤지": the late years, whoever is in them
            // ("노후자금을 전부 넣으려는데" is money).
            Topic::LateLife
        } else if child_wished
            || has(&[
                "자녀",
                "자식",
                "아이를 가",
                "아이 가지",
                "아이를 갖",
                "아이가 생",
                "아이는 언제",
                "아이 언제",
                "애가 생",
                "아기가 생",
                "아기를 가",
                "아기 가지",
                "아기 갖",
                "아기를 갖",
                "애기 갖",
                "애기를 갖",
                "아이 갖",
                "임신",
                "출산",
                "난임",
                "시험관",
                "인공수정",
                "둘째 계획",
                "둘째를",
                "둘째 가",
                "둘째 복",
                "둘째복",
                "둘째 낳",
                "셋째 계획",
                "애들",
                "아이들",
                "아기는 언제",
                "아기 언제",
                "아기가 언제",
            ])
        {
            Topic::Children
        } else if !text.contains("시험관")
            && has(&[
                "공부",
                "시험",
                "합격",
                "수능",
                "학업",
                "고시",
                "자격증",
                "성적",
                "입시",
                "대학 갈",
                "대학에",
                "붙을까",
                "붙을 수",
                "학교운",
                // "애가 도통 집중을 못 하는데", "정시 원서", "재수": a child's study.
                "집중",
                "원서",
                // ("횡재수" is money, not a second try at an exam.)
                "재수하",
                "재수생",
                "재수를",
            ])
        {
            Topic::Study
        } else if has(&[
            "재물",
            "돈",
            "재산",
            "투자",
            // "노후자금 전부 상가 분양에 넣으려는데": money, not the late years.
            "노후자금",
            "노후 자금",
            "분양",
            "상가",
            "금전",
            "재테크",
            "부자",
            "월급",
            // "옮기면 연봉은 좀 오를까요": the money of the move.
            "연봉",
            "급여",
            // "혼자 살게 되면 경제적으로 괜찮을까요": living on one's own money.
            "경제적",
            "생활비",
            "주식",
            "목돈",
            "수입",
            "빚",
            "보증",
            "집 마련",
            "내 집",
            "횡재",
        ]) {
            Topic::Wealth
        } else if has(&[
            "연애",
            "결혼",
            "장가",
            "시집가",
            "시집 가",
            "시집을 가",
            "사랑",
            "배우자",
            "애인",
            "이성",
            "썸",
            "인연",
            "솔로",
            "모쏠",
            "재회",
            "헤어",
            "이별",
            "짝사랑",
            "고백",
            "남편 복",
            "남편복",
            "아내 복",
            "처복",
            "남편운",
            "다시 만날",
            "남친이 생",
            "여친이 생",
            "남친 생기",
            "남친 생길",
            "남친 생겨",
            "여친 생기",
            "여친 생길",
            "여친 생겨",
            "애인 생기",
            "애인 생길",
            "애인 생겨",
            "남자 생기",
            "남자 생길",
            "남자 생겨",
            "여자 생기",
            "여자 생길",
            "여자 생겨",
            "남편 될",
            "남편감",
            "아내 될",
            "신랑감",
            "배우자상",
            "언제 만나",
            "남자친구가 생",
            "여자친구가 생",
            "바람",
            "좋은 사람",
            "만날까",
            "사람을 만나",
            "이혼",
            "재혼",
            "소개팅",
            "부부",
            "남자를 만나",
            "여자를 만나",
            "사귈",
            "사귀게",
            "연락이 올",
            "연락 올",
        ]) {
            Topic::Love
        } else if has(&[
            "직업",
            "적성",
            "진로",
            "직장",
            "어울리는 일",
            "맞는 일",
            "하는 일",
            "사업",
            "이직",
            "취업",
            "취직",
            "승진",
            "창업",
            "전공",
            "커리어",
            "퇴사",
            "백수",
            "회사",
            "일자리",
            "면접",
            "일은 할",
            "일을 할",
            // "다시 일 구할 수 있는 때", "일 잘 맞아요?", "한국에서 일할 수 있을까요?"
            "일 구할",
            "일을 구",
            // "미대 가고 싶대요, 예체능 쪽이 맞나요?", "경영학과": the field of study and work.
            "예체능",
            "미대",
            "음대",
            "체대",
            "학과",
            "일자리를",
            "일 잘 맞",
            "일할 수",
            // "일은 어떤 쪽이 잘 맞을까요?", "무슨 일이 맞아요?": the kind of work.
            "일은 어떤",
            "어떤 일이",
            "어떤 일을",
            "어떤 일이 맞",
            "무슨 일을 하",
            "무슨 일이 맞",
            "무슨 일이 잘",
            "일이 잘 맞",
            "직종",
            "개원",
            "개업",
            "오픈하",
            "오픈 ",
            "2호점",
            "가게",
            "공기업",
            "공무원",
            "부업",
            "투잡",
            "상사",
            "동료",
            "팀장",
        ]) {
            Topic::Career
        } else if has(&[
            "이사",
            "이민",
            "이주",
            "이동운",
            "귀국",
            "한국으로 들어",
            "한국에 들어",
            "해외로 나가",
            "외국으로 나가",
            // "미국 다시 가는 건 언제가 좋아요?": going (back) abroad.
            "미국 다시",
            "다시 가는 건",
            "돌아가는 건",
            "돌아가도",
            // "호주 워홀 가려는데 언제": going abroad for a while.
            "워홀",
            "워킹홀리데이",
            // "(아빠가) 내려가신다면 언제가 좋아요?" after a 귀농 question: a move, not the 궁합 asked in between.
            "귀농",
            "귀촌",
            "내려가신다면",
            "내려간다면",
            "내려가면",
            "시골로",
            "독립하",
            "분가",
            // A house bought is a move and a deed (the 문서 stars the move rules read).
            "집 사",
            "집을 사",
            "집 장만",
            "내 집 마련",
            "집 마련",
        ]) {
            Topic::Timing(TimingTopic::Move)
        } else {
            return None;
        },
    )
}

/// Stock and coin trading advice, lottery numbers, weather, coding …: not a 사주 상담's to answer.
fn out_of_scope(text: &str) -> bool {
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    has(OUT_OF_SCOPE)
        || (has(&["주식", "코인", "비트코인", "종목"])
            && has(&["사도", "팔아", "팔까", "오를까", "떨어질까", "매수", "매도", "지금 사", "살까"]))
}

/// Crisis wording: a wish to die or to disappear. Never answered with a form.
pub fn crisis_in(text: &str) -> bool {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    has(&[
        "죽고 싶",
        "죽고싶",
        "자해를",
        "자해도 했",
        "자해도 해",
        "살 이유를 모르",
        "살 이유가 없",
        "자해까지",
        "자해하고",
        "자해 생각",
        "자해할",
        "자해했",
        "목을 매",
        "뛰어내리",
        "자살",
        "사라지고 싶",
        "사라지고싶",
        "없어지고 싶",
        "없어지고싶",
        "내가 없어지면",
        "내려놓고 싶",
        "살기 싫",
        "살기싫",
        "살기가 싫",
        "사는 게 싫",
        "사는게 싫",
        "살아서 뭐하",
        "살아서 뭐 하",
        "살고 싶지가 않",
        "살고 싶지 않",
        "살고싶지 않",
        "세상을 떠나고",
        "극단적",
        "목숨을 끊",
        "그만 살고",
        "살 이유가 없",
        "삶의 의미가 없",
        "아무 의미가 없",
        "죽어버리",
        "죽어 버리",
        "다 끝내고 싶",
        "다 놓고 싶",
        "다 놓아 버리고",
        "다 포기하고 싶",
        "그만 놓고 싶",
        "모든 걸 끝내",
        "인생을 끝내",
        "삶을 끝내",
        "다 그만두고 싶",
        "모든 걸 그만두",
        "더는 못 버티",
        "더 이상 못 버티",
        "못 버티겠",
        "따라가고 싶",
        "따라가고싶",
        "따라 가고 싶",
        "곁으로 가고 싶",
        "곁에 가고 싶",
        "옆으로 가고 싶",
        "만나러 가고 싶",
        "영원히 잠들",
        "눈 뜨고 싶지 않",
        "깨어나고 싶지 않",
        "깨지 않았으면",
    ]) || (has(&["따라가", "따라 가"]) && has(&["보내고", "떠나보", "돌아가신", "먼저 간", "먼저 가"]))
}

/// Whether a message speaks with feeling: sad, anxious, tired, lonely, angry, longing, or excited.
pub fn emotion_in(text: &str) -> bool {
    if crate::answer::wording::tells_a_death(text) {
        return true;
    }
    const WORDS: &[&str] = &[
        "자존감",
        "바닥이",
        "망쳤",
        "망했",
        "짤렸",
        "잘렸",
        "해고",
        "실직",
        "헤어졌",
        "이별했",
        "차였",
        "떨어졌",
        "계속 떨어져",
        "힘들",
        "힘드",
        "힘겹",
        "우울",
        "불안",
        // "외로" alone would hear "해외로".
        "외로워",
        "외로운",
        "외로움",
        "외롭",
        "슬프",
        "슬퍼",
        "슬픈",
        "지쳐",
        "지쳤",
        "지친",
        "걱정",
        "무서",
        "두려",
        "막막",
        "괴로",
        "속상",
        "속을 썩",
        "속 썩",
        "썩여서",
        "썩이는",
        "애를 먹",
        "답답",
        "눈물",
        "울기",
        "울고",
        "울었",
        "서럽",
        "서러",
        "초조",
        "짜증",
        "화나",
        "화가 나",
        "억울",
        "허무",
        "공허",
        "너무 보고 싶",
        "많이 보고 싶",
        "너무 보고싶",
        "보고 싶어서",
        "그리워",
        "그립",
        "설레",
        "설렘",
        "떨려",
        "긴장",
        "신나",
        "행복해",
        "기뻐",
        "기쁘",
        "😭",
        "😢",
        // One ㅠ beside a fact ("시간은 몰라요 ㅠ") is a shrug; two are a feeling.
        "ㅠㅠ",
        "ㅜㅜ",
        "빚이",
        "빚 때문",
        "말을 안 들",
        "멘붕",
        "스트레스",
        "절망",
        "상처",
        "미치겠",
        "죽겠",
        "겁나",
        "겁이 나",
        "착잡",
        "심란",
        "서운",
        "진단받",
        "편찮",
        "입원",
        "투병",
        "이혼 고민",
        "이혼을 고민",
        "이혼할까",
        // A situation that weighs, said without a feeling word ("요즘 일이 너무 안 풀려서요", "자꾸 싸워서요").
        "안 풀려",
        "안풀려",
        "안 풀리",
        "꼬여",
        "꼬이",
        "싸워서",
        "싸우고",
        "자꾸 싸",
        "다퉈",
        "다투고",
        "당뇨",
        "수술",
    ];
    // A divorce weighed and a child long awaited: the same words the answer's caution and acknowledgement use.
    use crate::answer::wording::{considers_divorce, tells_a_loss, waits_for_child};
    // "남자가 꼬이는 건가 ㅋㅋ": people drawn to someone, not things going wrong.
    let text = &text.replace("남자가 꼬", "").replace("여자가 꼬", "").replace("이성이 꼬", "");
    // "첫째는 예민하고 잘 울고, 둘째는 완전 수다쟁이ㅋㅋ": a laugh beside mild words is a story told, not a
    // hardship; strong words still count.
    const STRONG: &[&str] = &[
        "힘들",
        "힘드",
        "우울",
        "불안",
        "걱정",
        "슬프",
        "슬퍼",
        "지쳐",
        "지쳤",
        "무서",
        "절망",
        "상처",
        "미치겠",
        "죽겠",
        "빚",
        "이혼",
        "행복",
        "설레",
        "신나",
        "기뻐",
        "기쁘",
    ];
    if (text.contains("ㅋㅋ") || text.contains("ㅎㅎ")) && !crisis_in(text) && !STRONG.iter().any(|w| text.contains(w))
    {
        return false;
    }
    crisis_in(text)
        || WORDS.iter().any(|w| text.contains(w))
        || considers_divorce(text)
        || waits_for_child(text)
        || tells_a_loss(text)
        || crate::answer::wording::tells_a_death(text)
}

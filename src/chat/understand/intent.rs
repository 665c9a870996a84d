//! What a message asks: one of the topics a 사주 상담 answers, a term, small talk, or something else
//! ([`Topic`] itself, the vocabulary answers are planned by, lives in `answer::topic`).

pub use crate::answer::Topic;

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
];
const OUT_OF_SCOPE: &[&str] = &[
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
    "주가",
    "부동산 시세",
    "영화 추천",
    "노래 추천",
    "여행지 추천",
];

impl Topic {
    pub fn detect(text: &str) -> Topic {
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        let asks_meaning = has(&[
            "뭐예요",
            "뭔가요",
            "무엇",
            "뭐에요",
            "뭐야",
            "뭐지",
            "뭔지",
            "무슨 뜻",
            "뜻이",
            "뜻은",
            "뜻인",
            "의미",
            "이란",
            "란?",
            "설명해",
            "알려줘요",
            "가 뭐",
            "이 뭐",
        ]);
        let about_saju = has(&["사주", "운세", "팔자", "궁합", "운이", "운은", "명리"]);
        // "제 대운이 뭐예요?" asks about the user's own chart, not the word.
        let about_own_chart =
            has(&["제 ", "내 ", "저의", "나의", "지금"]) && has(&["대운", "세운", "용신", "일간", "일주", "격국"]);
        if asks_meaning && has(TERMS) && !about_own_chart {
            Topic::Term
        } else if has(OUT_OF_SCOPE) && !about_saju {
            Topic::OutOfScope
        } else if has(&["궁합", "속궁합", "케미"])
            || (has(&["잘 맞", "맞을까", "맞나요", "맞는지", "어울리", "인연일까"])
                && mentions_someone(text)
                && !has(&["직업", "적성", "진로"]))
        {
            Topic::Compatibility
        } else if has(&["오늘의 운", "오늘 운", "오늘 하루", "일진", "오늘은 어떤", "오늘 어때", "오늘의 사주"])
        {
            Topic::TodayFortune
        } else if has(&["건강", "아프", "아픈", "아파", "질병", "몸이", "병원", "체력"]) {
            Topic::Health
        } else if has(&["재물", "돈", "재산", "투자", "금전", "재테크", "부자", "월급", "주식"]) {
            Topic::Wealth
        } else if has(&[
            "연애",
            "결혼",
            "사랑",
            "배우자",
            "남편",
            "아내",
            "애인",
            "이성",
            "썸",
            "인연",
            "남친",
            "여친",
            "솔로",
        ]) {
            Topic::Love
        } else if has(&[
            "직업",
            "적성",
            "진로",
            "직장",
            "하는 일",
            "사업",
            "이직",
            "취업",
            "승진",
            "창업",
            "전공",
            "커리어",
        ]) {
            Topic::Career
        } else if has(&["대운", "10년 운", "십년 운", "인생의 흐름", "인생 흐름", "앞으로 10년"]) {
            Topic::Daeun
        } else if has(&["올해", "신년", "세운", "내년", "새해", "작년", "한 해", "올 한해", "운세", "금년"])
        {
            Topic::YearFortune
        } else if has(&["성격", "기질", "성향", "어떤 사람", "장단점", "장점", "단점", "타고난"]) {
            Topic::Personality
        } else if has(SMALL_TALK) && !about_saju {
            Topic::SmallTalk
        } else {
            Topic::General
        }
    }
}

/// The year a fortune question is about, relative to this year: 내년 → 1, 작년 → −1, else 0.
pub fn year_offset(text: &str) -> i32 {
    if ["내년", "다음 해", "다음해"].iter().any(|w| text.contains(w)) {
        1
    } else if ["작년", "지난해", "지난 해"].iter().any(|w| text.contains(w)) {
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
    ]
    .iter()
    .any(|w| text.contains(w))
}

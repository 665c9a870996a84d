# People and event dates of the blind21 set (imported by build_charts.py)
S = "서울 (assumed)"
PEOPLE = [
    # b21-01 '올해 왜 이렇게 힘들었을까요' (why / specificity)
    dict(id="p01a", conv="b21-01", role="user (woman, 올해 힘듦)", gender="F", cal="solar", ymd=(1990, 7, 14), time="10:20", place=S),
    # b21-02 반말, 성격 장단점 / 적성 / 직장
    dict(id="p02a", conv="b21-02", role="user (man, 반말, '형이 남자라' implied)", gender="M", cal="solar", ymd=(2001, 3, 27), time="16:50", place=S),
    # b21-03 돈복 / 코인 올인; 1988 summer time
    dict(id="p03a", conv="b21-03", role="user (man, 코인)", gender="M", cal="solar", ymd=(1988, 8, 19), time="15:40", place=S,
         note="1988 summer time: 15:40 -> standard 14:40 = 미시 (naive 신시)"),
    # b21-04 couple: two births in one message, wedding year/months, two wedding dates
    dict(id="p04a", conv="b21-04", role="user (man; '여친' )", gender="M", cal="solar", ymd=(1992, 11, 3), time="20:10", place=S),
    dict(id="p04b", conv="b21-04", role="girlfriend (여친; '새벽 다섯시 반')", gender="F", cal="solar", ymd=(1995, 5, 21), time="05:30", place=S),
    # b21-05 동업 with a friend, contract dates
    dict(id="p05a", conv="b21-05", role="user (man, 동업)", gender="M", cal="solar", ymd=(1984, 9, 12), time="09:30", place=S),
    dict(id="p05b", conv="b21-05", role="friend / would-be partner (친구, 남자)", gender="M", cal="solar", ymd=(1983, 12, 25), time="22:00", place=S),
    # b21-06 카페 창업 + 대출, best year in the 대운
    dict(id="p06a", conv="b21-06", role="user (woman, 47, 창업)", gender="F", cal="solar", ymd=(1979, 5, 30), time="11:10", place=S),
    # b21-07 형 asks for 보증: 형 given first as '85년생 소띠', completed as 음력 5월 15일 새벽 6시 반
    dict(id="p07a", conv="b21-07", role="user (동생, man)", gender="M", cal="solar", ymd=(1989, 4, 16), time="08:00", place=S),
    dict(id="p07x", conv="b21-07", role="older brother as given in t1 (only '85년생 소띠')", gender="M", partial=dict(given="85년생 소띠 형, 생일 모름", years=[1985])),
    dict(id="p07b", conv="b21-07", role="older brother (형; t3 '음력 5월 15일 새벽 여섯시 반')", gender="M", cal="lunar", ymd=(1985, 5, 15), leap=False, time="06:30", place=S),
    # b21-08 전세 사기 걱정 + 이사 dates
    dict(id="p08a", conv="b21-08", role="user (man, 전세)", gender="M", cal="solar", ymd=(1993, 6, 9), time="13:00", place=S),
    # b21-09 상사 (부장님) conflict; boss born before 입춘 1972
    dict(id="p09a", conv="b21-09", role="user (woman, 직장)", gender="F", cal="solar", ymd=(1986, 10, 23), time="07:50", place=S),
    dict(id="p09b", conv="b21-09", role="boss (부장님, 남자; time unknown)", gender="M", cal="solar", ymd=(1972, 1, 28), time=None, place="unknown (Seoul assumed)",
         note="before 입춘 1972-02-05 -> 신해년 (돼지띠, not 쥐띠)"),
    # b21-10 며느리 -> 시어머니
    dict(id="p10a", conv="b21-10", role="user (며느리)", gender="F", cal="solar", ymd=(1991, 2, 14), time="18:20", place=S),
    dict(id="p10b", conv="b21-10", role="mother-in-law (시어머니; 음력 7월 20일, 시간 모름)", gender="F", cal="lunar", ymd=(1961, 7, 20), leap=False, time=None, place="unknown (Seoul assumed)"),
    # b21-11 장모 asks about 딸 + 사위 (사위 23:30 야자시)
    dict(id="p11a", conv="b21-11", role="user (장모 / mother)", gender="F", cal="solar", ymd=(1963, 3, 8), time="09:00", place=S),
    dict(id="p11b", conv="b21-11", role="daughter (딸)", gender="F", cal="solar", ymd=(1994, 9, 2), time="14:10", place=S),
    dict(id="p11c", conv="b21-11", role="son-in-law (사위; '밤 11시 반')", gender="M", cal="solar", ymd=(1991, 4, 29), time="23:30", place=S),
    # b21-12 friend fight (women, 반말)
    dict(id="p12a", conv="b21-12", role="user (woman, 반말)", gender="F", cal="solar", ymd=(1999, 12, 3), time="17:30", place=S),
    dict(id="p12b", conv="b21-12", role="best friend (여자)", gender="F", cal="solar", ymd=(1999, 6, 18), time="12:00", place=S),
    # b21-13 father + 고1 son (born before 입춘 2009)
    dict(id="p13a", conv="b21-13", role="user (father, '아빠인데요')", gender="M", cal="solar", ymd=(1970, 4, 20), time="05:00", place=S),
    dict(id="p13b", conv="b21-13", role="son (아들, 고2)", gender="M", cal="solar", ymd=(2009, 1, 30), time="15:20", place=S, note="before 입춘 2009 -> 무자년 (쥐띠)"),
    # b21-14 sister given only as '원숭이띠 언니', never completed
    dict(id="p14a", conv="b21-14", role="user (woman; born before 입춘 1994 -> 계유 닭띠)", gender="F", cal="solar", ymd=(1994, 1, 20), time="02:40", place=S),
    dict(id="p14x", conv="b21-14", role="older sister (언니, only '두 살 위 원숭이띠')", gender="F", partial=dict(given="두 살 위 원숭이띠 언니 (92년생), 생일 모름", years=[1992])),
    # b21-15 wife + husband born 23:40 (야자시)
    dict(id="p15a", conv="b21-15", role="user (wife)", gender="F", cal="solar", ymd=(1996, 9, 7), time="06:40", place=S),
    dict(id="p15b", conv="b21-15", role="husband (남편; '밤 11시 40분')", gender="M", cal="solar", ymd=(1993, 3, 19), time="23:40", place=S),
    # b21-16 mother named without a birth
    dict(id="p16a", conv="b21-16", role="user (man, 취준)", gender="M", cal="solar", ymd=(1997, 10, 11), time="15:00", place=S),
    dict(id="p16x", conv="b21-16", role="user's mother (엄마; no birth data given at all)", gender="F", partial=dict(given="엄마, 생년월일 안 줌", years=[])),
    # b21-17 grief (father) + fear of a short life
    dict(id="p17a", conv="b21-17", role="user (woman, father died; 단명 fear)", gender="F", cal="solar", ymd=(1981, 11, 29), time="21:00", place=S),
    # b21-18 임용 불합격
    dict(id="p18a", conv="b21-18", role="user (woman, 임용 불합격)", gender="F", cal="solar", ymd=(1998, 2, 21), time="08:45", place=S),
    # b21-19 breakup, 재회 / new love; '화가 많다던데'
    dict(id="p19a", conv="b21-19", role="user (woman, 이별)", gender="F", cal="solar", ymd=(2000, 8, 8), time="21:15", place=S),
    # b21-20 biopsy wait
    dict(id="p20a", conv="b21-20", role="user (woman, 조직검사 결과 대기)", gender="F", cal="solar", ymd=(1968, 12, 14), time="04:30", place=S),
    # b21-21 debt + job loss, self-harm hint
    dict(id="p21a", conv="b21-21", role="user (man, 빚 + 실직; self-harm hint)", gender="M", cal="solar", ymd=(1982, 5, 2), time="10:00", place=S),
    # b21-22 삼재 claim (false: 닭띠)
    dict(id="p22a", conv="b21-22", role="user (woman, 93 닭띠; 삼재 claim false)", gender="F", cal="solar", ymd=(1993, 10, 5), time="19:00", place=S),
    # b21-23 1987 summer time; 역마살 + 삼재 claims
    dict(id="p23a", conv="b21-23", role="user (man, 87 토끼띠, '새벽 한시 반')", gender="M", cal="solar", ymd=(1987, 7, 22), time="01:30", place=S,
         note="1987 summer time: 01:30 -> standard 00:30 = 자시 (naive 축시)"),
    # b21-24 '올해 대운 바뀐다던데'
    dict(id="p24a", conv="b21-24", role="user (woman, 50, 대운 claim)", gender="F", cal="solar", ymd=(1976, 11, 16), time="13:20", place=S),
    # b21-25 1958 summer time grandmother, 대운 road, health
    dict(id="p25a", conv="b21-25", role="user (woman, 68; 1958 summer time)", gender="F", cal="solar", ymd=(1958, 6, 12), time="07:40", place=S,
         note="1958: UTC+8:30 + summer time (clock +9:30): 07:40 -> standard 06:40 = 묘시 (naive 진시)"),
    # b21-26 입춘 boundary: 1987-02-04 16:40 (입춘 17:51) -> 병인년 범띠 (lunar new year 1987-01-29 already passed: '토끼띠' by the lunar year)
    dict(id="p26a", conv="b21-26", role="user (man, 입춘 day, 71 min before the instant)", gender="M", cal="solar", ymd=(1987, 2, 4), time="16:40", place=S,
         note="입춘 1987-02-04 17:51 KST: 16:40 is before -> 병인년 신축월 (범띠); after would be 정묘년 임인월; 설날 1987-01-29 had passed so the lunar-year 띠 is 토끼"),
    # b21-27 윤사월 (valid 1982)
    dict(id="p27a", conv="b21-27", role="user (woman, '82년 음력 윤사월 초엿새 오후 두시')", gender="F", cal="lunar", ymd=(1982, 4, 6), leap=True, time="14:00", place=S,
         variants=[dict(label="plain 음력 4월 6일 reading = solar 1982-04-29 (wrong: the user said 윤사월)", ymd=(1982, 4, 29), time="14:00")]),
    # b21-28 invalid '음력 2월 30일' (1989 lunar 2월 has 29 days) -> corrected to 3월 1일
    dict(id="p28a", conv="b21-28", role="user (man; '89년 음력 2월 30일' invalid -> '3월 1일이래요')", gender="M", cal="lunar", ymd=(1989, 3, 1), leap=False, time="10:30", place=S,
         invalid_first=dict(ymd=(1989, 2, 30), leap=False)),
    # b21-29 23:10 solar, corrected '엄마가 그러는데 음력이래요'
    dict(id="p29a", conv="b21-29", role="user (woman; '95년 10월 18일 밤 11시 10분' -> 음력)", gender="F", cal="lunar", ymd=(1995, 10, 18), leap=False, time="23:10", place=S,
         note="t1 read as solar 1995-10-18 23:10 (야자시); t2 '음력이래요' -> solar 1995-12-10 23:10 (야자시 again)",
         variants=[dict(label="t1 input read as solar 1995-10-18 23:10 (corrected away in t2)", ymd=(1995, 10, 18), time="23:10")]),
    # b21-30 daughter asks about father's surgery dates (1956 summer time)
    dict(id="p30a", conv="b21-30", role="user (daughter)", gender="F", cal="solar", ymd=(1990, 1, 9), time="12:40", place=S),
    dict(id="p30b", conv="b21-30", role="father (아빠; 1956 summer time)", gender="M", cal="solar", ymd=(1956, 8, 25), time="11:20", place=S,
         note="1956: UTC+8:30 + summer time (clock +9:30): 11:20 -> standard 10:20 = 사시 (naive 오시)"),
    # b21-31 24h clock, 이번 겨울 이직, interview dates
    dict(id="p31a", conv="b21-31", role="user (man, '20시 05분')", gender="M", cal="solar", ymd=(1994, 7, 30), time="20:05", place=S),
    # b21-32 gender never given
    dict(id="p32a", conv="b21-32", role="user (gender never given; '오전 여덟시 반')", gender="F", gender_asked=True, cal="solar", ymd=(2003, 5, 9), time="08:30", place=S,
         note="gender never told: the 대운 direction differs; both roads recorded (F = main, M in gender_unknown_at_first)"),
]

TODAY = (2026, 12, 8)
# (label, conv, date, time or None, people to read it against)
EVENTS = [
    ("b21-04 wedding option 1", "b21-04", (2027, 10, 10), None, ["p04a", "p04b"]),
    ("b21-04 wedding option 2", "b21-04", (2027, 9, 26), None, ["p04a", "p04b"]),
    ("b21-05 contract option 1", "b21-05", (2027, 1, 27), None, ["p05a", "p05b"]),
    ("b21-05 contract option 2", "b21-05", (2027, 2, 15), None, ["p05a", "p05b"]),
    ("b21-08 moving option 1", "b21-08", (2027, 2, 28), None, ["p08a"]),
    ("b21-08 moving option 2", "b21-08", (2027, 3, 1), None, ["p08a"]),
    ("b21-30 father's knee surgery option 1", "b21-30", (2027, 1, 6), None, ["p30b"]),
    ("b21-30 father's knee surgery option 2", "b21-30", (2027, 1, 25), None, ["p30b"]),
    ("b21-31 interview option 1", "b21-31", (2026, 12, 10), None, ["p31a"]),
    ("b21-31 interview option 2", "b21-31", (2027, 1, 22), None, ["p31a"]),
]

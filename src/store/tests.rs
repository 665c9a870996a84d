use super::*;

/// A session with no turns yet, created and updated at `at`.
fn empty_session(id: &str, at: i64) -> Session {
    Session {
        id: id.into(),
        title: "t".into(),
        profile_id: None,
        birth: None,
        created_at: at,
        updated_at: at,
        turns: 0,
        next_seq: 0,
    }
}

#[test]
fn a_new_database_gets_the_current_schema_and_a_newer_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/saju.redb");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.check().unwrap(), SCHEMA_VERSION);
    migrations::set_version_for_test(store.db().as_ref().unwrap(), SCHEMA_VERSION + 1);
    drop(store);
    match Store::open(&path) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("a newer schema must not open"),
    }
    assert_eq!(verify(&path).unwrap().schema_version, SCHEMA_VERSION + 1);
}

#[test]
fn sessions_are_listed_newest_first_and_messages_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("saju.redb")).unwrap();
    store.create_user("u1", "hash1").unwrap();
    assert!(matches!(store.create_user("u1", "hash2"), Err(StoreError::Conflict(_))));
    for (i, id) in ["s1", "s2"].iter().enumerate() {
        let s = empty_session(id, i as i64);
        store.create_session("u1", &s, usize::MAX).unwrap();
    }
    let message = |text: String| NewMessage { role: "user".into(), content: text, details: serde_json::Value::Null };
    let turn = |messages: Vec<NewMessage>, new_turns: u32, state: Option<Vec<u8>>| TurnWrite {
        messages,
        new_turns,
        max_turns: 3,
        birth: None,
        state,
    };
    let msgs = (0..3).map(|i| message(format!("m{i}"))).collect();
    let (session, written) = store.append_turn("u1", "s1", turn(msgs, 3, Some(b"{}".to_vec()))).unwrap();
    assert_eq!(store.conversation_state("s1").unwrap().as_deref(), Some(&b"{}"[..]));
    assert_eq!((session.turns, session.next_seq), (3, 3));
    assert_eq!(written.iter().map(|m| m.seq).collect::<Vec<_>>(), [0, 1, 2]);
    let more = vec![message("over".into())];
    assert!(matches!(store.append_turn("u1", "s1", turn(more, 1, None)), Err(StoreError::LimitReached(_))));
    assert!(matches!(store.append_turn("u2", "s1", turn(vec![], 0, None)), Err(StoreError::NotFound)));
    assert!(store.conversation_state("s1").unwrap().is_some(), "a refused turn changes no state");
    let listed: Vec<String> = store.list_sessions("u1").unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(listed, ["s1", "s2"]);
    assert_eq!(
        store.messages("s1", 1, 10).unwrap().iter().map(|m| m.content.as_str()).collect::<Vec<_>>(),
        ["m1", "m2"]
    );
}

#[test]
fn version_2_moves_the_pending_question_out_of_the_reply_details() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saju.redb");
    let store = Store::open(&path).unwrap();
    // A version-1 database: the pending question lived in the last reply's details.
    migrations::set_version_for_test(store.db().as_ref().unwrap(), 1);
    {
        let txn = store.db().as_ref().unwrap().begin_write().unwrap();
        txn.delete_table(tables::CONVERSATIONS).unwrap();
        let mut messages = txn.open_table(tables::MESSAGES).unwrap();
        let old = |seq: u64, pending: Option<&str>| {
            let mut details = serde_json::json!({"findings": []});
            if let Some(topic) = pending {
                details["pending"] = serde_json::json!({"topic": topic, "facts": {"year": 1990}});
            }
            serde_json::to_vec(&serde_json::json!({
                "seq": seq, "role": "assistant", "content": "몇 시에 태어나셨나요?", "created_at": 0, "details": details
            }))
            .unwrap()
        };
        messages.insert(("s1", 1), old(1, Some("career")).as_slice()).unwrap();
        messages.insert(("s2", 1), old(1, Some("love")).as_slice()).unwrap();
        messages.insert(("s2", 3), old(3, None).as_slice()).unwrap();
        drop(messages);
        txn.commit().unwrap();
    }
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.check().unwrap(), SCHEMA_VERSION);
    let state: serde_json::Value = serde_json::from_slice(&store.conversation_state("s1").unwrap().unwrap()).unwrap();
    assert_eq!(state["version"], 1);
    assert_eq!(state["pending"]["topic"], "career");
    assert!(store.messages("s1", 0, 10).unwrap()[0].details.get("pending").is_none(), "moved, not copied");
    // s2's last reply answered: the question it once asked is no longer pending.
    assert!(store.conversation_state("s2").unwrap().is_none());
}

/// Every table of the store reaches the backup, row for row: a table added later and forgotten in the copy
/// would lose what users saved (the conversation state once was).
#[test]
fn a_backup_holds_every_table_and_every_row() {
    use redb::{ReadableDatabase, ReadableTableMetadata, TableHandle};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("saju.redb")).unwrap();
    store.create_user("u1", "hash1").unwrap();
    let s = empty_session("s1", 0);
    store.create_session("u1", &s, usize::MAX).unwrap();
    let turn = TurnWrite {
        messages: vec![NewMessage { role: "user".into(), content: "안녕".into(), details: serde_json::Value::Null }],
        new_turns: 1,
        max_turns: 10,
        birth: None,
        state: Some(br#"{"version":1}"#.to_vec()),
    };
    store.append_turn("u1", "s1", turn).unwrap();
    {
        let txn = store.db().as_ref().unwrap().begin_write().unwrap();
        txn.open_table(tables::DERIVED).unwrap().insert("dense_index", &b"x"[..]).unwrap();
        txn.open_table(tables::CHARTS).unwrap().insert(("u1", "p1"), &b"{}"[..]).unwrap();
        txn.open_table(tables::PROFILES).unwrap().insert(("u1", "p1"), &b"{}"[..]).unwrap();
        txn.commit().unwrap();
    }
    let target = dir.path().join("backups/b.redb");
    store.backup(&target).unwrap();
    let copy = redb::Database::open(&target).unwrap();
    let (src, dst) = (store.db().as_ref().unwrap().begin_read().unwrap(), copy.begin_read().unwrap());
    let names = |t: &redb::ReadTransaction| -> Vec<String> {
        let mut n: Vec<String> = t.list_tables().unwrap().map(|h| h.name().to_string()).collect();
        n.sort();
        n
    };
    assert_eq!(names(&dst), names(&src));
    for handle in src.list_tables().unwrap() {
        let name = handle.name().to_string();
        let original = src.open_untyped_table(handle).unwrap().len().unwrap();
        let copied = dst.open_untyped_table(redb::TableDefinition::<&str, &[u8]>::new(&name)).unwrap().len().unwrap();
        assert!(original > 0, "the test fills every table: {name} is empty");
        assert_eq!(copied, original, "{name}");
    }
}

#[test]
fn under_the_free_space_watermark_writes_are_refused_but_reads_and_deletes_work() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("saju.redb")).unwrap();
    store.create_user("u1", "hash1").unwrap();
    let session = empty_session("s1", 0);
    store.create_session("u1", &session, usize::MAX).unwrap();
    // More free space than any disk has: every write is under the watermark.
    store.set_min_free_bytes(u64::MAX);
    match store.create_user("u2", "hash2") {
        Err(StoreError::Full(m)) => assert!(m.contains("MB"), "{m}"),
        other => panic!("a write under the watermark: {other:?}"),
    }
    assert!(store.user_by_token_hash("hash1").unwrap().is_some(), "reads work");
    assert!(store.user_by_token_hash("hash2").unwrap().is_none(), "nothing was written");
    store.delete_session("u1", "s1").unwrap();
    assert!(store.list_sessions("u1").unwrap().is_empty(), "deletes are allowed: they free space");
    let status = store.disk_status();
    assert!(status.up, "a refused write does not take the store down");
    assert_eq!((status.refused_low_space, status.failed_writes), (1, 0));
    assert!(status.free_bytes.is_some_and(|b| b > 0));
    store.set_min_free_bytes(0);
    store.create_user("u2", "hash2").unwrap();
}

#[test]
fn the_restore_check_passes_a_good_copy_and_names_a_copy_that_does_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("saju.redb")).unwrap();
    store.create_user("u1", "hash1").unwrap();
    let good = dir.path().join("backups/good.redb");
    store.backup(&good).unwrap();
    check_restorable(&good).unwrap();

    // A record that does not decode is copied as it is; the check reads it and refuses the copy.
    {
        let txn = store.db().as_ref().unwrap().begin_write().unwrap();
        txn.open_table(tables::PROFILES).unwrap().insert(("u1", "p1"), &b"not a profile"[..]).unwrap();
        txn.commit().unwrap();
    }
    let bad = dir.path().join("backups/bad.redb");
    store.backup(&bad).unwrap();
    let err = check_restorable(&bad).unwrap_err().to_string();
    assert!(err.contains("bad.redb") && err.contains("profiles"), "{err}");

    // Not a database at all.
    let junk = dir.path().join("backups/junk.redb");
    std::fs::write(&junk, b"junk").unwrap();
    assert!(check_restorable(&junk).unwrap_err().to_string().contains("junk.redb"));

    let (kept, newest) = backup_inventory(&dir.path().join("backups"));
    assert_eq!(kept, 0, "none of these is named like a kept backup");
    assert!(newest.is_none());
    std::fs::copy(&good, dir.path().join("backups").join(format!("{BACKUP_PREFIX}x.redb"))).unwrap();
    assert_eq!(backup_inventory(&dir.path().join("backups")).0, 1);
    assert_eq!(backup_inventory(&dir.path().join("nowhere")), (0, None));
}

/// A profile for `user` with a birth and its cached chart (`padding` bytes of chart JSON).
fn profile_with_chart(id: &str, padding: usize) -> (Profile, CachedChart) {
    let birth = crate::saju::chart::ChartRequest {
        datetime: "1990-05-15T14:30".into(),
        gender: "female".into(),
        ..Default::default()
    };
    let profile = Profile {
        id: id.into(),
        name: "나".into(),
        relation: "self".into(),
        birth: birth.clone(),
        created_at: 0,
        updated_at: 0,
    };
    let chart =
        CachedChart { engine_version: "t".into(), birth, chart: serde_json::json!({"pad": "x".repeat(padding)}) };
    (profile, chart)
}

fn chat_turn(text: &str) -> TurnWrite {
    TurnWrite {
        messages: vec![
            NewMessage { role: "user".into(), content: text.into(), details: serde_json::Value::Null },
            NewMessage { role: "assistant".into(), content: text.repeat(3), details: serde_json::json!({"f": []}) },
        ],
        new_turns: 1,
        max_turns: 1000,
        birth: None,
        state: Some(format!(r#"{{"version":1,"n":"{text}"}}"#).into_bytes()),
    }
}

/// The per-user quota: every write charges the bytes it stores, a write past the quota is refused and writes
/// nothing, deletes give the bytes back, and the running count equals a count from scratch (the schema-3
/// migration's), so it cannot drift.
#[test]
fn a_user_stores_at_most_the_quota_and_the_count_never_drifts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saju.redb");
    let store = Store::open(&path).unwrap();
    store.create_user("u1", "hash1").unwrap();
    store.create_user("u2", "hash2").unwrap();
    assert_eq!(store.usage("u1").unwrap().unwrap().bytes, 0);
    store.set_user_quota_bytes(10_000);
    let (p1, c1) = profile_with_chart("p1", 1_000);
    store.create_profile("u1", &p1, &c1, 100).unwrap();
    let after_profile = store.usage("u1").unwrap().unwrap().bytes;
    assert!(after_profile > 1_000, "the profile and its chart are charged: {after_profile}");
    // Replacing the profile with a bigger chart charges only the difference.
    let (p1b, c1b) = profile_with_chart("p1", 1_500);
    store.put_profile("u1", &p1b, &c1b).unwrap();
    assert_eq!(store.usage("u1").unwrap().unwrap().bytes, after_profile + 500);
    store.create_session("u1", &empty_session("s1", 0), usize::MAX).unwrap();
    let mut turns = 0;
    let refused = loop {
        match store.append_turn("u1", "s1", chat_turn(&format!("질문 {turns} {}", "가".repeat(100)))) {
            Ok(_) => turns += 1,
            Err(e) => break e,
        }
        assert!(turns < 100, "the quota never stopped the turns");
    };
    assert!(matches!(refused, StoreError::LimitReached(Limit::UserBytes { max: 10_000 })), "{refused:?}");
    assert!(refused.to_string().contains("저장 공간 한도"), "{refused}");
    let used = store.usage("u1").unwrap().unwrap().bytes;
    assert!(used <= 10_000 && turns > 3, "used {used} after {turns} turns");
    assert_eq!(store.messages("s1", 0, 1000).unwrap().len(), 2 * turns, "the refused turn wrote nothing");
    assert_eq!(store.disk_status().refused_quota, 1);
    // Another user's quota is their own.
    store.create_session("u2", &empty_session("s2", 0), usize::MAX).unwrap();
    store.append_turn("u2", "s2", chat_turn("안녕")).unwrap();
    let (p2, c2) = profile_with_chart("p2", 10_000);
    assert!(matches!(
        store.create_profile("u1", &p2, &c2, 100),
        Err(StoreError::LimitReached(Limit::UserBytes { .. }))
    ));
    // The running count equals the migration's count from scratch.
    let counted =
        |store: &Store| (store.usage("u1").unwrap().unwrap().bytes, store.usage("u2").unwrap().unwrap().bytes);
    let before = counted(&store);
    migrations::set_version_for_test(store.db().as_ref().unwrap(), 2);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(counted(&store), before, "the schema-3 count from scratch");
    // Deletes give it all back.
    store.delete_session("u1", "s1").unwrap();
    store.delete_profile("u1", "p1").unwrap();
    assert_eq!(store.usage("u1").unwrap().unwrap().bytes, 0);
    store.delete_user("u2").unwrap();
    assert!(store.usage("u2").unwrap().is_none(), "a deleted user's usage row goes with them");
    assert!(store.conversation_state("s2").unwrap().is_none(), "and so do their conversation states");
}

#[test]
fn idle_users_and_users_who_saved_nothing_are_pruned_with_everything_they_own() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("saju.redb")).unwrap();
    for (u, h) in [("empty", "h1"), ("chatter", "h2"), ("keeper", "h3")] {
        store.create_user(u, h).unwrap();
    }
    store.create_session("chatter", &empty_session("s1", 0), usize::MAX).unwrap();
    store.append_turn("chatter", "s1", chat_turn("올해 운세")).unwrap();
    let (p, c) = profile_with_chart("p1", 10);
    store.create_profile("keeper", &p, &c, 100).unwrap();
    let now = now();
    let day = 24 * 3600;
    // Nothing is due yet.
    assert_eq!(store.prune_idle_users(now, Some(365 * day), 30 * day, 1000).unwrap(), Pruned::default());
    // A month on: only the user who saved nothing goes.
    let pruned = store.prune_idle_users(now + 31 * day, Some(365 * day), 30 * day, 1000).unwrap();
    assert_eq!((pruned.idle, pruned.empty, pruned.bytes), (0, 1, 0));
    assert!(store.user_by_token_hash("h1").unwrap().is_none());
    assert!(store.user_by_token_hash("h2").unwrap().is_some());
    // Idle users are kept when the retention is off.
    assert_eq!(store.prune_idle_users(now + 400 * day, None, 30 * day, 1000).unwrap().idle, 0);
    // A year and more on: the idle users go with everything they own, at most `limit` a call.
    let first = store.prune_idle_users(now + 400 * day, Some(365 * day), 30 * day, 1).unwrap();
    assert_eq!(first.idle, 1);
    let second = store.prune_idle_users(now + 400 * day, Some(365 * day), 30 * day, 1).unwrap();
    assert_eq!(second.idle, 1);
    assert!(first.bytes > 0 && second.bytes > 0);
    assert_eq!(store.counts().unwrap(), StoreCounts { users: 0, profiles: 0, sessions: 0, messages: 0 });
    assert!(store.conversation_state("s1").unwrap().is_none());
    assert!(store.cached_chart("keeper", "p1").unwrap().is_none());
}

#[test]
fn seeing_a_user_writes_at_most_once_a_day_and_never_for_an_unknown_user() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("saju.redb")).unwrap();
    store.create_user("u1", "hash1").unwrap();
    let seen = store.usage("u1").unwrap().unwrap().last_seen;
    store.touch_user("u1").unwrap();
    assert_eq!(store.usage("u1").unwrap().unwrap().last_seen, seen, "seen within the day: nothing written");
    // Last seen two days ago: the touch brings it to now.
    {
        let txn = store.db().as_ref().unwrap().begin_write().unwrap();
        let old = Usage { bytes: 0, last_seen: seen - 2 * 24 * 3600 };
        txn.open_table(tables::USAGE).unwrap().insert("u1", serde_json::to_vec(&old).unwrap().as_slice()).unwrap();
        txn.commit().unwrap();
    }
    store.touch_user("u1").unwrap();
    assert!(store.usage("u1").unwrap().unwrap().last_seen >= seen);
    store.touch_user("ghost").unwrap();
    assert!(store.usage("ghost").unwrap().is_none(), "an unknown user gets no row");
    // Under the watermark a touch is skipped, not an error.
    store.set_min_free_bytes(u64::MAX);
    store.touch_user("u1").unwrap();
}

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

use super::*;

#[test]
fn a_new_database_gets_the_current_schema_and_a_newer_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/saju.redb");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.check().unwrap(), SCHEMA_VERSION);
    migrations::set_version_for_test(&store.db, SCHEMA_VERSION + 1);
    drop(store);
    match Store::open(&path) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("a newer schema must not open"),
    }
    assert_eq!(Store::schema_version_of(&path).unwrap(), SCHEMA_VERSION + 1);
}

#[test]
fn sessions_are_listed_newest_first_and_messages_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("saju.redb")).unwrap();
    store.create_user("u1", "hash1").unwrap();
    assert!(matches!(store.create_user("u1", "hash2"), Err(StoreError::Conflict(_))));
    for (i, id) in ["s1", "s2"].iter().enumerate() {
        let s = Session {
            id: id.to_string(),
            title: "t".into(),
            profile_id: None,
            birth: None,
            created_at: i as i64,
            updated_at: i as i64,
            turns: 0,
            next_seq: 0,
        };
        store.create_session("u1", &s).unwrap();
    }
    let msgs = (0..3).map(|i| ("user".to_string(), format!("m{i}"), serde_json::Value::Null)).collect();
    let (session, written) = store.append_messages("u1", "s1", msgs, 3, 3, None).unwrap();
    assert_eq!((session.turns, session.next_seq), (3, 3));
    assert_eq!(written.iter().map(|m| m.seq).collect::<Vec<_>>(), [0, 1, 2]);
    let more = vec![("user".to_string(), "over".to_string(), serde_json::Value::Null)];
    assert!(matches!(store.append_messages("u1", "s1", more, 1, 3, None), Err(StoreError::Conflict(_))));
    assert!(matches!(store.append_messages("u2", "s1", vec![], 0, 3, None), Err(StoreError::NotFound)));
    let listed: Vec<String> = store.list_sessions("u1").unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(listed, ["s1", "s2"]);
    assert_eq!(
        store.messages("s1", 1, 10).unwrap().iter().map(|m| m.content.as_str()).collect::<Vec<_>>(),
        ["m1", "m2"]
    );
}

-- Articles, their understanding, subscriptions, the delivery outbox and the audit log.
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,          -- canonical URL, or sha256 of title+text
    url          TEXT,
    title        TEXT NOT NULL,
    source       TEXT,
    feed_url     TEXT,
    guid         TEXT,
    published    TEXT,                          -- ISO 8601 (UTC) or NULL
    ingested_at  TEXT NOT NULL,
    body         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '[]',    -- JSON list of sentences
    story_id     INTEGER REFERENCES articles(id) ON DELETE SET NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_story ON articles(story_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TABLE article_topics (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    topic      TEXT NOT NULL,
    score      REAL NOT NULL,
    terms      TEXT NOT NULL DEFAULT '[]',
    entities   TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (article_id, topic)
);
CREATE INDEX article_topics_topic ON article_topics(topic, article_id);

CREATE TABLE entities (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    type    TEXT NOT NULL,
    grp     TEXT NOT NULL,                  -- person | org | place | norp | ...
    norm    TEXT NOT NULL,
    country TEXT,
    UNIQUE (norm, grp)
);

CREATE TABLE entity_aliases (
    norm      TEXT NOT NULL,
    grp       TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (norm, grp, entity_id)
);
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

CREATE TABLE mentions (
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    count      INTEGER NOT NULL,
    PRIMARY KEY (entity_id, article_id)
);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE roles (
    id         INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    org        TEXT,
    sentence   TEXT NOT NULL DEFAULT '',
    UNIQUE (entity_id, article_id, text)
);

CREATE TABLE figures (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    subject_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    subject    TEXT,
    value      REAL NOT NULL,
    value_high REAL,
    unit       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    qualifier  TEXT,
    measure    TEXT,
    text       TEXT NOT NULL,
    sentence   TEXT NOT NULL,
    UNIQUE (article_id, position)
);
CREATE INDEX figures_subject ON figures(subject_id, article_id);

CREATE TABLE subscriptions (
    id         INTEGER PRIMARY KEY,
    platform   TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    topic      TEXT NOT NULL,
    mode       TEXT NOT NULL DEFAULT 'instant',
    origin     TEXT NOT NULL DEFAULT 'command',   -- config | command
    created_by TEXT,
    created_at TEXT NOT NULL,
    last_error TEXT,
    UNIQUE (platform, channel_id, topic)
);

CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,             -- story:<id>:<platform>:<channel> etc.
    article_id  INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    platform    TEXT NOT NULL,
    channel_id  TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'article',
    card        TEXT NOT NULL,                    -- JSON of the neutral Card
    state       TEXT NOT NULL DEFAULT 'pending',  -- pending | sending | sent | failed | held
    attempts    INTEGER NOT NULL DEFAULT 0,
    message_id  TEXT,
    last_error  TEXT,
    not_before  TEXT,
    created_at  TEXT NOT NULL,
    sent_at     TEXT
);
CREATE INDEX deliveries_state ON deliveries(state, not_before);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    platform TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE kv (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A figure can concern several entities: the holder it is about, and who imposed a fine, lent
-- a loan, or the country an organisation belongs to. Every (entity, figure) link lives here, the
-- figure's own subject included (relation 'subject'), so `/figures <entity>` is one index walk
-- newest first, as in schema 004. `figures.subject_id` stays the figure's own subject (series).
CREATE TABLE figure_subjects (
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    figure_id  INTEGER NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
    relation   TEXT NOT NULL DEFAULT 'subject',
    article_id INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    article_at TEXT,
    PRIMARY KEY (entity_id, figure_id)
);
CREATE INDEX figure_subjects_newest
    ON figure_subjects(entity_id, article_at, article_id, position);
CREATE INDEX figure_subjects_figure ON figure_subjects(figure_id);

INSERT INTO figure_subjects (entity_id, figure_id, relation, article_id, position, article_at)
    SELECT subject_id, id, 'subject', article_id, position, article_at
    FROM figures WHERE subject_id IS NOT NULL;

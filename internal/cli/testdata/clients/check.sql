-- Reads the demo database with Debian's sqlite3 through the views of
-- docs/sql.md, and imports events.csv. Run by internal/cli's TestClients
-- (sqlite3 DB < check.sql, from the folder of the exports); it prints
-- name|value lines the test compares with the store.
.mode list
.separator |
SELECT 'event_rows', count(*) FROM event_rows;
SELECT 'act_rows', count(*) FROM act_rows;
SELECT 'event_rows_without_url', count(*) FROM event_rows WHERE url IS NULL OR url = '';
SELECT 'dyads_of_pairs', count(*) > 0 FROM event_dyads;
SELECT 'types', group_concat(t, ',') FROM (SELECT DISTINCT typeof(quad) || ':' || typeof(confidence) || ':' || typeof(date_start) AS t FROM event_rows WHERE date IS NOT NULL);
SELECT 'documents_with_build', count(*) FROM documents WHERE build <> '' AND codebook <> '';
SELECT 'acts_sum_mentions', sum(mentions) FROM act_rows;
.import --csv events.csv csv_events
SELECT 'csv_rows', count(*) FROM csv_events;
SELECT 'csv_dates_ok', count(*) FROM csv_events WHERE date = '' OR date(date) = date;

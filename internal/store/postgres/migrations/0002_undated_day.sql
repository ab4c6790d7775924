-- 0002: the events with no date of their own, by the day they are placed
-- on (their publication date, 'infinity' without one), so that LeftOut
-- counts those a period keeps on their publication date (LeftOut.Placed)
-- from this small index rather than a pass over every event (see
-- leftout.go). Partitions made later inherit it.
CREATE INDEX events_undated_day ON events (day) WHERE date IS NULL;

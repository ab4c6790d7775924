# Loads every export of the demo corpus with pandas and networkx (Debian's
# python3-pandas and python3-networkx) and checks types and counts.
# Run by internal/cli's TestClients: python3 check.py DIR, where DIR holds
# the exports and expected.json. Any failed check raises; the last line
# printed is "ok".
import json
import os
import sys

import networkx as nx
import pandas as pd

d = sys.argv[1]
want = json.load(open(os.path.join(d, "expected.json")))
f = lambda name: os.path.join(d, name)


def check(ok, what):
    if not ok:
        raise AssertionError(what)
    print("ok  ", what)


# events.csv: one row per event; every date is an ISO day.
ev = pd.read_csv(f("events.csv"), keep_default_na=False, na_values={"date": [""], "pub_date": [""], "day": [""]})
check(len(ev) == want["events"], f"events.csv has {len(ev)} rows, want {want['events']}")
for col in ["date", "pub_date", "day"]:
    parsed = pd.to_datetime(ev[col], format="%Y-%m-%d", errors="coerce")
    check(parsed.notna().sum() == ev[col].notna().sum(), f"every {col} in events.csv is an ISO day")
check(ev["date"].notna().sum() == want["dated_events"], f"{ev['date'].notna().sum()} dated events, want {want['dated_events']}")
check(set(ev.loc[ev["date"].notna(), "date_precision"]) <= {"day", "month", "year"}, "date_precision is day, month or year")
check(str(ev["quad"].dtype) == "int64" and str(ev["confidence"].dtype) == "float64", f"quad {ev['quad'].dtype}, confidence {ev['confidence'].dtype}")
check(str(ev["span_start"].dtype) == "int64" and (ev["span_end"] > ev["span_start"]).all(), "spans are integer ranges")
check((ev["url"].str.startswith("https://")).all() and (ev["outlet"] != "").all() and (ev["title"] != "").all(),
      "every row leads back to its article: url, outlet, title")

# events.jsonl: the same events.
js = pd.read_json(f("events.jsonl"), lines=True)
check(len(js) == want["events"], f"events.jsonl has {len(js)} records")
check({"url", "outlet", "title", "cluster_id", "actors"} <= set(js.columns), "events.jsonl has url, outlet, title")
check(str(js["cluster_id"].dtype) == "int64", f"cluster_id {js['cluster_id'].dtype}")

# cameo.tsv: one row per act; codes read as text keep their leading zeros.
codes = {"EventCode": str, "EventBaseCode": str, "EventRootCode": str}
ca = pd.read_csv(f("cameo.tsv"), sep="\t", dtype=codes, keep_default_na=False)
check(len(ca) == want["acts"], f"cameo.tsv has {len(ca)} rows, want {want['acts']}")
check(ca["EventCode"].str.match(r"^[0-2]\d{2,3}$").all(), "CAMEO codes are 3–4 digit text")
check(ca["EventCode"].str.startswith("0").any(), "leading zeros kept (e.g. 042)")
check((ca["SOURCEURL"].str.startswith("https://")).all(), "every act has its SOURCEURL")

# GDELT 2.0: 61 columns in GDELT's order, and the mentions table.
gd = pd.read_csv(f("gdelt.export.CSV"), sep="\t", dtype=codes)
check(list(gd.columns) == want["gdelt_columns"], "the GDELT event table has GDELT 2.0's 61 columns in order")
check(len(gd) == want["acts"], f"{len(gd)} GDELT events, want {want['acts']}")
check(str(gd["SQLDATE"].dtype) == "int64" and gd["SQLDATE"].between(19000101, 21001231).all(), "SQLDATE is a YYYYMMDD integer on every row")
check(str(gd["GoldsteinScale"].dtype) == "float64" and str(gd["NumMentions"].dtype) == "int64", "numeric columns read as numbers")
check(gd["EventRootCode"].str.len().eq(2).all(), "EventRootCode keeps two digits")
check(str(gd["DATEADDED"].dtype) == "int64", "DATEADDED is YYYYMMDDHHMMSS")
check(gd["SOURCEURL"].str.startswith("https://").all(), "SOURCEURL on every row")
raw = pd.read_csv(f("gdelt-raw.export.CSV"), sep="\t", header=None, names=want["gdelt_columns"], dtype=codes)
check(len(raw) == want["acts"] and raw["GLOBALEVENTID"].tolist() == gd["GLOBALEVENTID"].tolist(), "--header=false reads with GDELT's names")
me = pd.read_csv(f("gdelt.mentions.CSV"), sep="\t")
check(len(me.columns) == 16 and len(me) == want["events"], f"mentions: {len(me.columns)} columns, {len(me)} rows")
check(set(me["GLOBALEVENTID"]) == set(gd["GLOBALEVENTID"]), "every mention belongs to an exported event and every event has one")
check(me["Confidence"].between(0, 100).all() and str(me["MentionType"].dtype) == "int64", "mention confidence and type")

# GEXF 1.2draft: every attribute, and the spells Gephi's timeline uses.
g = nx.read_gexf(f("network.gexf"))
check(g.number_of_nodes() == want["nodes"] and g.number_of_edges() == want["edges"],
      f"GEXF: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; want {want['nodes']}, {want['edges']}")
check(g.graph.get("mode") == "dynamic", "the GEXF graph is dynamic")
for n, a in g.nodes(data=True):
    check(isinstance(a["label"], str) and isinstance(a["label_en"], str) and isinstance(a["acts"], int)
          and len(a.get("start", "")) == 10 and a["start"] <= a["end"], f"node {n}: {a}")
for u, v, a in g.edges(data=True):
    check(isinstance(a["count"], int) and isinstance(a["score"], float) and a["weight"] == a["count"]
          and a["coop"] + a["conflict"] == a["count"] and -10 <= a["score"] <= 10, f"edge {u}–{v} attributes")
    check(len(a["spells"]) >= 1 and all(s <= e for s, e in a["spells"]), f"edge {u}–{v} has spells {a['spells']}")

# GraphML: the same network.
gm = nx.read_graphml(f("network.graphml"))
check(gm.number_of_nodes() == want["nodes"] and gm.number_of_edges() == want["edges"], "GraphML: same nodes and edges")
check(all(isinstance(a["weight"], float) and isinstance(a["count"], int) for _, _, a in gm.edges(data=True)), "GraphML edge types")
print("ok")

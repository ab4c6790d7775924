# Loads the demo corpus's exports with R (Debian's r-base-core) and igraph
# (r-cran-igraph) and checks types and counts. Run by internal/cli's
# TestClients: Rscript check.R DIR, where DIR holds the exports and
# expected.tsv (name<TAB>value). Any failed check stops with an error; the
# last line printed is "ok".
suppressPackageStartupMessages(library(igraph))
args <- commandArgs(trailingOnly = TRUE)
d <- args[1]
f <- function(name) file.path(d, name)
want <- read.delim(f("expected.tsv"), header = FALSE, col.names = c("name", "value"), stringsAsFactors = FALSE)
w <- function(name) as.integer(want$value[want$name == name])
check <- function(ok, what) {
  if (!isTRUE(ok)) stop(paste("FAIL", what), call. = FALSE)
  cat("ok  ", what, "\n")
}

# events.csv: as.Date reads every row (empty dates are NA, not errors).
ev <- read.csv(f("events.csv"), na.strings = "", stringsAsFactors = FALSE, encoding = "UTF-8")
check(nrow(ev) == w("events"), sprintf("events.csv: %d rows, want %d", nrow(ev), w("events")))
dates <- as.Date(ev$date)
check(sum(!is.na(dates)) == w("dated_events"), sprintf("as.Date reads %d dated events, want %d", sum(!is.na(dates)), w("dated_events")))
check(all(!is.na(as.Date(ev$day))), "every event has a day as.Date reads")
check(is.integer(ev$quad) && is.numeric(ev$confidence), "quad integer, confidence numeric")
check(all(startsWith(ev$url, "https://")) && all(nchar(ev$title) > 0), "url and title on every row")

# The GDELT event table: 61 columns; codes as text keep leading zeros.
codes <- c(EventCode = "character", EventBaseCode = "character", EventRootCode = "character")
gd <- read.delim(f("gdelt.export.CSV"), colClasses = codes, quote = "", stringsAsFactors = FALSE)
check(ncol(gd) == 61 && nrow(gd) == w("acts"), sprintf("GDELT: %d columns, %d rows", ncol(gd), nrow(gd)))
check(all(!is.na(as.Date(as.character(gd$SQLDATE), "%Y%m%d"))), "SQLDATE parses on every row")
check(any(startsWith(gd$EventCode, "0")), "leading zeros kept")

# The network in igraph (GraphML; igraph has no GEXF reader).
g <- read_graph(f("network.graphml"), format = "graphml")
check(vcount(g) == w("nodes") && ecount(g) == w("edges"), sprintf("igraph: %d vertices, %d edges", vcount(g), ecount(g)))
check(is.numeric(E(g)$weight) && is.numeric(E(g)$score) && all(E(g)$weight >= 1), "edge weight and score are numbers")
check(is.character(V(g)$label) && all(nchar(V(g)$label_en) > 0), "vertex labels")
check(all(!is.na(as.Date(E(g)$first))), "edge first days parse")
cat("ok\n")

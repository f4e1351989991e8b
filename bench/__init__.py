"""`make bench`: load the portal with wrk next to a bare Django view (see bin/bench)."""

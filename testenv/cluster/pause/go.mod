module ekyc.local/testenv/cluster/pause

go 1.24.0

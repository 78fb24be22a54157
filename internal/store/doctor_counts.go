package store

import (
	"context"
	"fmt"
)

// The counters of the contract list (contract_counts, migration 0014),
// the over-quota flag, and the counters of the vendor, organization and
// demand lists (list_counts, demand_counts, migration 0017) are kept by
// triggers. The doctor recounts them all from the rows they count and
// reports every difference.

// countsRepair rebuilds the counters as migration 0014 built them.
const countsRepair = `after samenkoop backup, in SQL: DELETE FROM contract_counts;
  INSERT INTO contract_counts SELECT organization_id, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO contract_counts SELECT 0, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts GROUP BY 2, 3, 4, 5`

// recounted is the counters' key and count as recounted, beside the
// stored count: a full outer join of the two by key.
const recounted = `WITH counted AS (
	SELECT organization_id AS org, coalesce(category_id, 0) AS cat, status, expired, over_quota, count(*) AS n FROM contracts GROUP BY 1, 2, 3, 4, 5
	UNION ALL
	SELECT 0, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts GROUP BY 2, 3, 4, 5
), stored AS (
	SELECT organization_id AS org, category_id AS cat, status, expired, over_quota, n FROM contract_counts WHERE n <> 0
), keys AS (
	SELECT org, cat, status, expired, over_quota FROM counted UNION SELECT org, cat, status, expired, over_quota FROM stored
)
SELECT k.org, k.cat, k.status, k.expired, k.over_quota, coalesce(s.n, 0), coalesce(c.n, 0)
FROM keys k
LEFT JOIN stored s USING (org, cat, status, expired, over_quota)
LEFT JOIN counted c USING (org, cat, status, expired, over_quota)
WHERE coalesce(s.n, 0) <> coalesce(c.n, 0)
ORDER BY 1, 2, 3, 4, 5`

// doctorCounts recounts contract_counts and contracts.over_quota and
// returns a Finding per difference. It only reads.
func (st *Store) doctorCounts(ctx context.Context) ([]Finding, error) {
	var out []Finding
	rows, err := st.read().QueryContext(ctx, recounted)
	if err != nil {
		return nil, fmt.Errorf("store: doctor: recount contracts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			org, cat, expired, over, stored, counted int64
			status                                   string
		)
		if err := rows.Scan(&org, &cat, &status, &expired, &over, &stored, &counted); err != nil {
			return nil, fmt.Errorf("store: doctor: recount contracts: %w", err)
		}
		id := fmt.Sprintf("organization %d, category %d, status %s, expired %d, over quota %d", org, cat, status, expired, over)
		if org == 0 {
			id = "all organizations" + id[len(fmt.Sprintf("organization %d", org)):]
		}
		out = append(out, Finding{Table: "contract_counts", ID: id, Field: "n", Value: fmt.Sprint(stored),
			Problem: fmt.Sprintf("the contracts count %d", counted), Repair: countsRepair})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: doctor: recount contracts: %w", err)
	}
	lists, err := st.doctorListCounts(ctx)
	if err != nil {
		return nil, err
	}
	out = append(out, lists...)
	licences, err := st.doctorLicenceCounts(ctx)
	if err != nil {
		return nil, err
	}
	out = append(out, licences...)
	err = st.doctorRows(ctx, `SELECT c.id, c.id, c.over_quota FROM contracts c
		WHERE c.over_quota <> CASE WHEN EXISTS (SELECT 1 FROM licence_lines l WHERE l.contract_id = c.id AND `+licenceOverQuota+`) THEN 1 ELSE 0 END
		ORDER BY 1`, func(id, ref, v string) {
		out = append(out, Finding{Table: "contracts", ID: id, Field: "over_quota", Value: v,
			Problem: "differs from its licence lines",
			Repair:  fmt.Sprintf("after samenkoop backup, in SQL: UPDATE contracts SET over_quota = 1 - over_quota WHERE id = %s (the counters follow)", ref)})
	})
	return out, err
}

// listCountsRepair rebuilds list_counts as migration 0017 built it.
const listCountsRepair = `after samenkoop backup, in SQL: DELETE FROM list_counts;
  INSERT INTO list_counts (list, dim, n) SELECT 'vendors', '', count(*) FROM vendors;
  INSERT INTO list_counts (list, dim, n) SELECT 'organizations', '', count(*) FROM organizations;
  INSERT INTO list_counts (list, dim, n) SELECT 'organizations', 'kind:' || kind, count(*) FROM organizations GROUP BY kind;
  INSERT INTO list_counts (list, dim, n) SELECT 'organizations', 'province:' || province, count(*) FROM organizations GROUP BY province`

// demandCountsRepair rebuilds demand_counts as migration 0017 built it.
const demandCountsRepair = `after samenkoop backup, in SQL: DELETE FROM demand_counts;
  INSERT INTO demand_counts (organization_id, category_id, status, n) SELECT organization_id, category_id, status, count(*) FROM demand GROUP BY 1, 2, 3;
  INSERT INTO demand_counts (organization_id, category_id, status, n) SELECT 0, category_id, status, count(*) FROM demand GROUP BY 2, 3`

// listRecounted is list_counts' key with the stored and the recounted
// count where they differ, as recounted is for contract_counts.
const listRecounted = `WITH counted AS (
	SELECT 'vendors' AS list, '' AS dim, count(*) AS n FROM vendors
	UNION ALL SELECT 'organizations', '', count(*) FROM organizations
	UNION ALL SELECT 'organizations', 'kind:' || kind, count(*) FROM organizations GROUP BY kind
	UNION ALL SELECT 'organizations', 'province:' || province, count(*) FROM organizations GROUP BY province
), stored AS (
	SELECT list, dim, n FROM list_counts WHERE n <> 0
), keys AS (
	SELECT list, dim FROM counted UNION SELECT list, dim FROM stored
)
SELECT k.list, k.dim, coalesce(s.n, 0), coalesce(c.n, 0)
FROM keys k
LEFT JOIN stored s USING (list, dim)
LEFT JOIN counted c USING (list, dim)
WHERE coalesce(s.n, 0) <> coalesce(c.n, 0)
ORDER BY 1, 2`

// demandRecounted is demand_counts' key with the stored and the
// recounted count where they differ.
const demandRecounted = `WITH counted AS (
	SELECT organization_id AS org, category_id AS cat, status, count(*) AS n FROM demand GROUP BY 1, 2, 3
	UNION ALL
	SELECT 0, category_id, status, count(*) FROM demand GROUP BY 2, 3
), stored AS (
	SELECT organization_id AS org, category_id AS cat, status, n FROM demand_counts WHERE n <> 0
), keys AS (
	SELECT org, cat, status FROM counted UNION SELECT org, cat, status FROM stored
)
SELECT CASE WHEN k.org = 0 THEN 'all organizations' ELSE 'organization ' || k.org END
	|| ', category ' || k.cat || ', status ' || k.status, '', coalesce(s.n, 0), coalesce(c.n, 0)
FROM keys k
LEFT JOIN stored s USING (org, cat, status)
LEFT JOIN counted c USING (org, cat, status)
WHERE coalesce(s.n, 0) <> coalesce(c.n, 0)
ORDER BY k.org, k.cat, k.status`

// doctorListCounts recounts list_counts and demand_counts and returns a
// Finding per difference. It only reads.
func (st *Store) doctorListCounts(ctx context.Context) ([]Finding, error) {
	var out []Finding
	for _, r := range []struct {
		table, query, repair string
		id                   func(key, dim string) string
	}{
		{"list_counts", listRecounted, listCountsRepair, func(list, dim string) string {
			if dim == "" {
				return list + ", whole list"
			}
			return list + ", " + dim
		}},
		{"demand_counts", demandRecounted, demandCountsRepair, func(key, _ string) string { return key }},
	} {
		rows, err := st.read().QueryContext(ctx, r.query)
		if err != nil {
			return nil, fmt.Errorf("store: doctor: recount %s: %w", r.table, err)
		}
		for rows.Next() {
			var (
				key, dim        string
				stored, counted int64
			)
			if err := rows.Scan(&key, &dim, &stored, &counted); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: doctor: recount %s: %w", r.table, err)
			}
			out = append(out, Finding{Table: r.table, ID: r.id(key, dim), Field: "n", Value: fmt.Sprint(stored),
				Problem: fmt.Sprintf("the rows count %d", counted), Repair: r.repair})
		}
		if err := closeRows(rows); err != nil {
			return nil, fmt.Errorf("store: doctor: recount %s: %w", r.table, err)
		}
	}
	return out, nil
}

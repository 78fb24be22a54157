package store

import (
	"context"
	"fmt"
)

// The totals of migration 0023: each contract's licence figures, written
// with its lines, licence_counts and vendor_counts, kept by triggers on
// the contracts. The doctor recounts them from the licence lines and the
// contracts and reports every difference.

// lineFigures are a group's licence lines, those over quota and the sum
// of their excess cost, from licence_lines l.
const lineFigures = `CAST(count(*) AS BIGINT) AS n,
	CAST(sum(CASE WHEN ` + licenceOverQuota + ` THEN 1 ELSE 0 END) AS BIGINT) AS over_n,
	CAST(sum(l.excess_cost) AS BIGINT) AS cost`

// contractFiguresRepair rewrites one contract's figures from its lines.
const contractFiguresRepair = `after samenkoop backup, in SQL: UPDATE contracts SET (licence_line_count, over_quota_lines, excess_cost) =
  (SELECT count(*), coalesce(sum(CASE WHEN ` + licenceOverQuota + ` THEN 1 ELSE 0 END), 0), coalesce(sum(l.excess_cost), 0)
  FROM licence_lines l WHERE l.contract_id = contracts.id) WHERE id = %s (licence_counts follow)`

// licenceCountsRepair rebuilds licence_counts as migration 0023 built it.
const licenceCountsRepair = `after samenkoop backup, repair the contracts' figures first, then in SQL: DELETE FROM licence_counts;
  INSERT INTO licence_counts SELECT organization_id, sum(licence_line_count), sum(over_quota_lines), sum(excess_cost) FROM contracts WHERE licence_line_count > 0 GROUP BY 1;
  INSERT INTO licence_counts SELECT 0, sum(licence_line_count), sum(over_quota_lines), sum(excess_cost) FROM contracts WHERE licence_line_count > 0 HAVING count(*) > 0`

// contractFiguresOff are the contracts whose figures differ from their
// lines, with the figures stored.
const contractFiguresOff = `WITH figures AS (
	SELECT l.contract_id, ` + lineFigures + ` FROM licence_lines l GROUP BY l.contract_id
)
SELECT c.id, c.id, c.licence_line_count || ' lines, ' || c.over_quota_lines || ' over quota, excess cost ' || c.excess_cost
FROM contracts c LEFT JOIN figures f ON f.contract_id = c.id
WHERE c.licence_line_count <> coalesce(f.n, 0) OR c.over_quota_lines <> coalesce(f.over_n, 0) OR c.excess_cost <> coalesce(f.cost, 0)
ORDER BY 1`

// licenceRecounted is licence_counts' organization with the stored and
// the recounted figures where they differ.
const licenceRecounted = `WITH counted AS (
	SELECT c.organization_id AS org, ` + lineFigures + ` FROM licence_lines l JOIN contracts c ON c.id = l.contract_id GROUP BY c.organization_id
	UNION ALL
	SELECT 0, ` + lineFigures + ` FROM licence_lines l HAVING count(*) > 0
), stored AS (
	SELECT organization_id AS org, lines AS n, over_quota AS over_n, excess_cost AS cost FROM licence_counts
	WHERE lines <> 0 OR over_quota <> 0 OR excess_cost <> 0
), keys AS (
	SELECT org FROM counted UNION SELECT org FROM stored
)
SELECT k.org, coalesce(s.n, 0), coalesce(s.over_n, 0), coalesce(s.cost, 0), coalesce(c.n, 0), coalesce(c.over_n, 0), coalesce(c.cost, 0)
FROM keys k
LEFT JOIN stored s ON s.org = k.org
LEFT JOIN counted c ON c.org = k.org
WHERE coalesce(s.n, 0) <> coalesce(c.n, 0) OR coalesce(s.over_n, 0) <> coalesce(c.over_n, 0) OR coalesce(s.cost, 0) <> coalesce(c.cost, 0)
ORDER BY 1`

// vendorCountsRepair rebuilds vendor_counts as migration 0023 built it.
const vendorCountsRepair = `after samenkoop backup, in SQL: DELETE FROM vendor_counts;
  INSERT INTO vendor_counts (vendor_id, n) SELECT vendor_id, count(*) FROM contracts GROUP BY vendor_id`

// vendorRecounted is vendor_counts' vendor with the stored and the
// recounted count where they differ.
const vendorRecounted = `WITH counted AS (
	SELECT vendor_id, count(*) AS n FROM contracts GROUP BY vendor_id
), stored AS (
	SELECT vendor_id, n FROM vendor_counts WHERE n <> 0
), keys AS (
	SELECT vendor_id FROM counted UNION SELECT vendor_id FROM stored
)
SELECT 'vendor ' || k.vendor_id, coalesce(s.n, 0), coalesce(c.n, 0)
FROM keys k
LEFT JOIN stored s ON s.vendor_id = k.vendor_id
LEFT JOIN counted c ON c.vendor_id = k.vendor_id
WHERE coalesce(s.n, 0) <> coalesce(c.n, 0)
ORDER BY k.vendor_id`

// doctorLicenceCounts recounts the contracts' licence figures,
// licence_counts and vendor_counts and returns a Finding per difference.
// It only reads.
func (st *Store) doctorLicenceCounts(ctx context.Context) ([]Finding, error) {
	var out []Finding
	err := st.doctorRows(ctx, contractFiguresOff, func(id, ref, v string) {
		out = append(out, Finding{Table: "contracts", ID: id, Field: "licence_line_count, over_quota_lines, excess_cost", Value: v,
			Problem: "differ from its licence lines", Repair: fmt.Sprintf(contractFiguresRepair, ref)})
	})
	if err != nil {
		return nil, err
	}
	rows, err := st.read().QueryContext(ctx, licenceRecounted)
	if err != nil {
		return nil, fmt.Errorf("store: doctor: recount licence lines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var org, n, over, cost, cn, cover, ccost int64
		if err := rows.Scan(&org, &n, &over, &cost, &cn, &cover, &ccost); err != nil {
			return nil, fmt.Errorf("store: doctor: recount licence lines: %w", err)
		}
		id := fmt.Sprintf("organization %d", org)
		if org == 0 {
			id = "all organizations"
		}
		out = append(out, Finding{Table: "licence_counts", ID: id, Field: "lines, over_quota, excess_cost",
			Value:   fmt.Sprintf("%d, %d, %d", n, over, cost),
			Problem: fmt.Sprintf("the licence lines count %d, %d over quota, excess cost %d", cn, cover, ccost), Repair: licenceCountsRepair})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: doctor: recount licence lines: %w", err)
	}
	err = st.doctorRows(ctx, vendorRecounted, func(id, stored, counted string) {
		out = append(out, Finding{Table: "vendor_counts", ID: id, Field: "n", Value: stored,
			Problem: fmt.Sprintf("the contracts count %s", counted), Repair: vendorCountsRepair})
	})
	return out, err
}

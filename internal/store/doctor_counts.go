package store

import (
	"context"
	"fmt"
)

// The counters of the contract list (contract_counts, migration 0014) and
// the over-quota flag are kept by triggers. The doctor recounts both from
// the contracts and their licence lines and reports every difference.

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
	err = st.doctorRows(ctx, `SELECT c.id, c.id, c.over_quota FROM contracts c
		WHERE c.over_quota <> CASE WHEN EXISTS (SELECT 1 FROM licence_lines l WHERE l.contract_id = c.id AND l.quantity <> -1 AND l.seats_in_use > l.quantity) THEN 1 ELSE 0 END
		ORDER BY 1`, func(id, ref, v string) {
		out = append(out, Finding{Table: "contracts", ID: id, Field: "over_quota", Value: v,
			Problem: "differs from its licence lines",
			Repair:  fmt.Sprintf("after samenkoop backup, in SQL: UPDATE contracts SET over_quota = 1 - over_quota WHERE id = %s (the counters follow)", ref)})
	})
	return out, err
}

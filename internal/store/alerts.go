package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// alertSelect reads what the alerts need of a contract: the facts its
// dates follow from (contractNamed), the names an alert shows, and its
// revision: the number of updates the audit log holds for it, which
// numbers a calendar event's versions (SEQUENCE). The audit_log_entity
// index serves that count. It leaves out the vendor group and licence
// line counts of contractSelect, which the alerts do not show and which
// cost more than the rest of the query.
var alertSelect = `SELECT ` + contractColumnList(contractNamed) + `, o.code, o.name, v.name,
		(SELECT count(*) FROM audit_log a WHERE a.entity = 'contract' AND a.entity_id = CAST(c.id AS TEXT) AND a.action = '` + audit.ActionUpdate + `')
	FROM contracts c
	JOIN organizations o ON o.id = c.organization_id
	JOIN vendors v ON v.id = c.vendor_id
	WHERE c.status <> 'terminated'`

// alertWindow selects the contracts with an alert from today to until,
// going by the dates stored for today: one of them falls in the window, or
// the notice deadline was missed (the committed end then lies past the
// current one, contracts.Dates), or the action date passed while the
// notice deadline or option decision has not (the overdue action). A row whose dates were stored for
// another day is taken as well, for the caller to compute afresh: so the
// answer does not wait for contracts.Service.RefreshDates. The
// contracts_notice and contracts_action indexes serve the first two terms.
const alertWindow = ` AND (c.notice_deadline BETWEEN ? AND ? OR c.action_date BETWEEN ? AND ?
		OR c.option_decision BETWEEN ? AND ? OR c.final_end BETWEEN ? AND ?
		OR c.committed_end <> c.current_end
		OR c.action_date <> '' AND c.action_date < ? AND (c.notice_deadline >= ? OR c.option_decision >= ?)
		OR c.dates_as_of <> ?)`

// AlertContracts calls fn for every contract of scope and
// organization ("" for any) that is not terminated and may have an alert
// from today up to until; with a zero until, for every such contract. The
// summaries carry the contract and the organization's and vendor's names
// only.
func (st *Store) AlertContracts(ctx context.Context, scope contracts.Scope, organization string, today, until contracts.Date,
	fn func(contracts.ContractSummary) error) error {
	var (
		q    strings.Builder
		args []any
	)
	q.WriteString(alertSelect)
	switch cond, a := scopeCode("o.code", scope); cond {
	case "":
	case sqlFalse:
		return nil
	default:
		q.WriteString(" AND " + cond)
		args = append(args, a...)
	}
	if organization != "" {
		q.WriteString(" AND o.code = ?")
		args = append(args, organization)
	}
	if !until.IsZero() {
		from, to := today.String(), until.String()
		q.WriteString(alertWindow)
		args = append(args, from, to, from, to, from, to, from, to, from, from, from, from)
	}
	rows, err := st.read().QueryContext(ctx, q.String(), args...)
	if err != nil {
		return fmt.Errorf("store: alert contracts: %w", err)
	}
	defer rows.Close()
	sc := newContractScan(contractNamed, func(cs *contracts.ContractSummary) []any {
		return []any{&cs.Organization, &cs.OrganizationName, &cs.VendorName, &cs.Revision}
	})
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return fmt.Errorf("store: scan alert contract: %w", err)
		}
		if err := fn(cs); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: alert contracts: %w", err)
	}
	return nil
}

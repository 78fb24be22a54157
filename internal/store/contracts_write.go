package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// Writing contracts: creating, updating and deleting a contract with its
// licence lines, each with an audit entry that records what was entered.

// contractArgs are the written columns, in the order of contractColumns.
const contractColumns = `number, title, title_key, vendor_id, category_id, cpv, start_date, initial_term_months, renewal_kind,
	renewal_period_months, max_renewals, max_end, renewals_exercised, notice_months, notice_days, notice_ends_any_day,
	lead_days, notice_given_on, annual_value, status, exit_plan, open_data, continuity, source_rights, business_critical, interfaces, notes,
	dates_as_of, current_end, committed_end, notice_deadline, action_date, option_decision, final_end, over_quota,
	licence_line_count, over_quota_lines, excess_cost`

// contractColumnCount is the number of contractColumns.
var contractColumnCount = strings.Count(contractColumns, ",") + 1

// over_quota (1 when a line is over quota) and the licence figures
// (licenceFigures) are set from the licence lines written with the row
// (no trigger on licence_lines keeps them, migrations 0020 and 0023):
// every write of a contract's lines writes the contract row too.
func contractArgs(c contracts.Contract, lines []contracts.LicenceLine, d contracts.Dates, asOf contracts.Date) []any {
	n, over, cost := licenceFigures(lines)
	return []any{c.Number, c.Title, strings.ToLower(c.Title), c.VendorID, nullID(c.CategoryID), c.CPV, c.Start.String(),
		c.InitialTermMonths, string(c.RenewalKind), c.RenewalPeriodMonths, c.MaxRenewals, c.MaxEnd.String(), c.RenewalsExercised,
		c.NoticeMonths, c.NoticeDays, c.NoticeEndsAnyDay, c.LeadDays, c.NoticeGivenOn.String(), int64(c.AnnualValue), string(c.Status),
		c.Exit.ExitPlan, c.Exit.OpenData, c.Exit.Continuity, c.Exit.SourceRights, c.Exit.BusinessCritical, c.Exit.Interfaces, c.Notes,
		asOf.String(), d.CurrentEnd.String(), d.CommittedEnd.String(), d.NoticeDeadline.String(), d.ActionDate.String(),
		d.OptionDecision.String(), d.FinalEnd.String(), min(over, 1), n, over, cost}
}

// contractRecord is a contract as the audit log keeps it: what was
// entered, not the derived dates.
type contractRecord struct {
	Organization        string `json:"organization"`
	Number              string `json:"number"`
	Title               string `json:"title"`
	VendorID            int64  `json:"vendorId"`
	CategoryID          int64  `json:"categoryId,omitempty"`
	CPV                 string `json:"cpv,omitempty"`
	Start               string `json:"start"`
	InitialTermMonths   int    `json:"initialTermMonths"`
	RenewalKind         string `json:"renewalKind"`
	RenewalPeriodMonths int    `json:"renewalPeriodMonths,omitempty"`
	MaxRenewals         int    `json:"maxRenewals,omitempty"`
	MaxEnd              string `json:"maxEnd,omitempty"`
	RenewalsExercised   int    `json:"renewalsExercised,omitempty"`
	NoticeMonths        int    `json:"noticeMonths"`
	NoticeDays          int    `json:"noticeDays,omitempty"`
	NoticeEndsAnyDay    bool   `json:"noticeEndsAnyDay,omitempty"`
	LeadDays            int    `json:"leadDays"`
	NoticeGivenOn       string `json:"noticeGivenOn,omitempty"`
	AnnualValue         int64  `json:"annualValue"`
	Status              string `json:"status"`
	Exit                contracts.ExitFacts
	Notes               string       `json:"notes,omitempty"`
	Lines               []lineRecord `json:"licenceLines"`
}

type lineRecord struct {
	Product     string `json:"product"`
	Metric      string `json:"metric"`
	Quantity    int    `json:"quantity"`
	SeatsInUse  int    `json:"seatsInUse"`
	UnitPrice   int64  `json:"unitPrice"`
	PricePeriod string `json:"pricePeriod"`
	Start       string `json:"start,omitempty"`
	End         string `json:"end,omitempty"`
}

func auditedContract(c contracts.Contract, lines []contracts.LicenceLine) contractRecord {
	r := contractRecord{Organization: c.Organization, Number: c.Number, Title: c.Title, VendorID: c.VendorID, CategoryID: c.CategoryID,
		CPV: c.CPV, Start: c.Start.String(), InitialTermMonths: c.InitialTermMonths, RenewalKind: string(c.RenewalKind),
		RenewalPeriodMonths: c.RenewalPeriodMonths, MaxRenewals: c.MaxRenewals, MaxEnd: c.MaxEnd.String(),
		RenewalsExercised: c.RenewalsExercised, NoticeMonths: c.NoticeMonths, NoticeDays: c.NoticeDays,
		NoticeEndsAnyDay: c.NoticeEndsAnyDay, LeadDays: c.LeadDays,
		NoticeGivenOn: c.NoticeGivenOn.String(), AnnualValue: int64(c.AnnualValue), Status: string(c.Status), Exit: c.Exit,
		Notes: c.Notes, Lines: []lineRecord{}}
	for _, l := range lines {
		r.Lines = append(r.Lines, lineRecord{Product: l.Product, Metric: string(l.Metric), Quantity: l.Quantity, SeatsInUse: l.SeatsInUse,
			UnitPrice: int64(l.UnitPrice), PricePeriod: string(l.PricePeriod), Start: l.Start.String(), End: l.End.String()})
	}
	return r
}

func contractWriteError(err error) error {
	switch {
	case err == nil:
		return nil
	case isUniqueViolation(err):
		return apperr.FieldProblem("number", apperr.NumberTaken)
	case isForeignKeyViolation(err):
		return apperr.FieldProblem("vendorId", apperr.VendorOrCategory)
	}
	return err
}

// CreateContract inserts c with its licence lines and the dates computed
// for asOf, and returns its id.
func (st *Store) CreateContract(ctx context.Context, c contracts.Contract, lines []contracts.LicenceLine, d contracts.Dates, asOf contracts.Date) (int64, error) {
	var id int64
	err := st.InTx(ctx, func(tx *Store) error {
		err := tx.write().QueryRowContext(ctx, `INSERT INTO contracts (organization_id, `+contractColumns+`)
			VALUES ((SELECT id FROM organizations WHERE code = ?), `+placeholders(contractColumnCount)+`) RETURNING id`,
			append([]any{c.Organization}, contractArgs(c, lines, d, asOf)...)...).Scan(&id)
		if err := contractWriteError(err); err != nil {
			return err
		}
		if err := tx.writeLines(ctx, id, lines); err != nil {
			return err
		}
		if err := tx.queueSpend(ctx, id); err != nil {
			return err
		}
		return tx.appendAudit(ctx, "contract", strconv.FormatInt(id, 10), audit.ActionCreate, nil, auditedContract(c, lines))
	})
	if err != nil {
		return 0, fmt.Errorf("store: create contract %s/%s: %w", c.Organization, c.Number, err)
	}
	return id, nil
}

// updateContractSQL writes every column of a contract row.
var updateContractSQL = func() string {
	sets := strings.Split(strings.Join(strings.Fields(contractColumns), " "), ",")
	for i := range sets {
		sets[i] = strings.TrimSpace(sets[i]) + " = ?"
	}
	return `UPDATE contracts SET organization_id = (SELECT id FROM organizations WHERE code = ?), ` +
		strings.Join(sets, ", ") + ` WHERE id = ?`
}()

// UpdateContract replaces contract c.ID, its licence lines and dates.
func (st *Store) UpdateContract(ctx context.Context, c contracts.Contract, lines []contracts.LicenceLine, d contracts.Dates, asOf contracts.Date) error {
	err := st.InTx(ctx, func(tx *Store) error {
		before, err := tx.Contract(ctx, c.ID)
		if err != nil {
			return err
		}
		_, err = tx.write().ExecContext(ctx, updateContractSQL, append(append([]any{c.Organization}, contractArgs(c, lines, d, asOf)...), c.ID)...)
		if err := contractWriteError(err); err != nil {
			return err
		}
		if _, err := tx.write().ExecContext(ctx, `DELETE FROM licence_lines WHERE contract_id = ?`, c.ID); err != nil {
			return err
		}
		if err := tx.writeLines(ctx, c.ID, lines); err != nil {
			return err
		}
		if err := tx.queueSpend(ctx, c.ID); err != nil {
			return err
		}
		return tx.appendAudit(ctx, "contract", strconv.FormatInt(c.ID, 10), audit.ActionUpdate,
			auditedContract(before.Contract, before.Lines), auditedContract(c, lines))
	})
	if err != nil {
		return fmt.Errorf("store: update contract %d: %w", c.ID, err)
	}
	return nil
}

func (st *Store) writeLines(ctx context.Context, contractID int64, lines []contracts.LicenceLine) error {
	for i, l := range lines {
		if _, err := st.write().ExecContext(ctx, `INSERT INTO licence_lines
			(contract_id, position, product, metric, quantity, seats_in_use, unit_price, price_period, start_date, end_date)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, contractID, i, l.Product, string(l.Metric), l.Quantity, l.SeatsInUse,
			int64(l.UnitPrice), string(l.PricePeriod), l.Start.String(), l.End.String()); err != nil {
			return fmt.Errorf("licence line %d: %w", i+1, err)
		}
	}
	return nil
}

// DeleteContract removes contract id and its licence lines.
func (st *Store) DeleteContract(ctx context.Context, id int64) error {
	err := st.InTx(ctx, func(tx *Store) error {
		before, err := tx.Contract(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.write().ExecContext(ctx, `DELETE FROM contracts WHERE id = ?`, id); err != nil {
			return err
		}
		if err := tx.queueSpend(ctx, id); err != nil {
			return err
		}
		return tx.appendAudit(ctx, "contract", strconv.FormatInt(id, 10), audit.ActionDelete, auditedContract(before.Contract, before.Lines), nil)
	})
	if err != nil {
		return fmt.Errorf("store: delete contract %d: %w", id, err)
	}
	return nil
}

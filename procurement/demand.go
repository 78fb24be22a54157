package procurement

import (
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// An organization's registered demand: what it will need, and when.

// DemandStatus is where an organization's registered demand stands.
type DemandStatus string

// The demand statuses (DESIGN §3).
const (
	DemandDraft     DemandStatus = "draft"
	DemandSubmitted DemandStatus = "submitted"
	DemandWithdrawn DemandStatus = "withdrawn"
)

// DemandStatuses returns the demand statuses.
func DemandStatuses() []DemandStatus {
	return []DemandStatus{DemandDraft, DemandSubmitted, DemandWithdrawn}
}

// Valid reports whether s is a known demand status.
func (s DemandStatus) Valid() bool {
	return s == DemandDraft || s == DemandSubmitted || s == DemandWithdrawn
}

// Demand is one organization's need in one category: how much, from when,
// which contract it replaces and what it may cost (DESIGN §3).
type Demand struct {
	ID           int64
	Organization string
	CategoryID   int64
	// Quantity counts Unit (connections, users, devices…).
	Quantity int64
	Unit     string
	// DesiredStart is when the organization needs the new contract to run.
	DesiredStart contracts.Date
	// ReplacesContractID is the register's contract this demand replaces
	// (0: none).
	ReplacesContractID int64
	// AnnualBudget is the budget per year, excluding VAT.
	AnnualBudget contracts.Money
	Status       DemandStatus
	Notes        string

	// Read-only, filled when listed.
	OrganizationName string
	CategoryName     string
	SizeClass        contracts.SizeClass
	Population       int
}

// Validate returns every problem with d as apperr.FieldErrors, or nil. That
// the organization, category and contract exist is the service's business.
func (d Demand) Validate() error {
	var fe apperr.FieldErrors
	if d.Organization == "" {
		fe.Add("organization", apperr.Required)
	}
	if d.CategoryID <= 0 {
		fe.Add("categoryId", apperr.Required)
	}
	if d.Quantity < 0 {
		fe.Add("quantity", apperr.Negative, d.Quantity)
	} else {
		contracts.CheckQuantity(&fe, "quantity", d.Quantity)
	}
	if utf8.RuneCountInString(d.Unit) > 60 {
		fe.Add("unit", apperr.TooLong, 60)
	}
	if d.DesiredStart.IsZero() {
		fe.Add("desiredStart", apperr.Required)
	}
	if d.ReplacesContractID < 0 {
		fe.Add("replacesContractId", apperr.Negative, d.ReplacesContractID)
	}
	contracts.CheckMoney(&fe, "annualBudget", d.AnnualBudget)
	if !d.Status.Valid() {
		fe.Add("status", apperr.OneOf, demandStatusList, string(d.Status))
	}
	if utf8.RuneCountInString(d.Notes) > 2000 {
		fe.Add("notes", apperr.TooLong, 2000)
	}
	contracts.CheckDate(&fe, "desiredStart", d.DesiredStart)
	contracts.CheckText(&fe, "unit", d.Unit, false)
	contracts.CheckText(&fe, "notes", d.Notes, true)
	return fe.Err()
}

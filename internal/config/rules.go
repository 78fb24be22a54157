package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// The rules section: the rule values of DESIGN §4 that are a choice
// rather than law (lock-in weights, indexation, the joint-tender rules and
// thresholds, the bundler, the legal calendar), and their conversion into
// the values the contracts and procurement packages take.

// RulesConfig overrides the rule values of DESIGN §4 that are a choice
// rather than law. The defaults come from the contracts package.
type RulesConfig struct {
	// LockInWeights are the points of each lock-in factor; they must sum
	// to 100.
	LockInWeights LockInWeightsConfig `mapstructure:"lockInWeights"`
	// Indexation is the yearly price indexation in basis points per
	// calendar year (350 is 3.50 %), the CBS J62 figures GIBIT art. 11.8
	// indexes with; years without a figure take IndexationDefault.
	Indexation        map[int]int `mapstructure:"indexation"`
	IndexationDefault int         `mapstructure:"indexationDefault"`
	// Procurement holds the joint-tender rules that are a choice, and
	// the thresholds table when the law changes before the binary does.
	Procurement ProcurementConfig `mapstructure:"procurement"`
	// Bundling holds the bundler's window and its cost assumptions.
	Bundling BundlingConfig `mapstructure:"bundling"`
	// Calendar holds the legal calendar's days made equal by decree.
	Calendar CalendarConfig `mapstructure:"calendar"`
}

// CalendarConfig configures the legal calendar of the statutory periods
// (the minimum tender and request periods, the standstill): one that
// ends on a Saturday, Sunday or recognized holiday runs on to the next
// working day (Algemene termijnenwet art. 1 and 3).
type CalendarConfig struct {
	// EqualDays are the days made equal to a recognized holiday by decree
	// (Atw art. 3 lid 3), as ISO dates; the default is the current
	// decree's list. A new decree every few years adds days here.
	EqualDays []string `mapstructure:"equalDays"`
}

// calendar returns the configured legal calendar, and every date of
// EqualDays that is not a date in bounds (validate reports them; the
// calendar leaves them out).
func (r RulesConfig) calendar() (contracts.Calendar, []error) {
	var days []contracts.Date
	var errs []error
	for i, s := range r.Calendar.EqualDays {
		d, err := contracts.ParseDate(strings.TrimSpace(s))
		if err != nil || !d.InBounds() {
			errs = append(errs, fmt.Errorf("rules.calendar.equalDays[%d]: %q is not a date like 2026-05-15 from %d to %d", i, s, contracts.MinDateYear, contracts.MaxDateYear))
			continue
		}
		days = append(days, d)
	}
	return contracts.NewCalendar(days), errs
}

// ProcurementConfig mirrors the configurable parts of procurement.Rules.
type ProcurementConfig struct {
	// MustShareBasisPoints is the share of a tender's volume that must
	// rate a requirement must for it to consolidate as must (5000 = 50 %).
	MustShareBasisPoints int `mapstructure:"mustShareBasisPoints"`
	PreparationDays      int `mapstructure:"preparationDays"`
	SelectionDays        int `mapstructure:"selectionDays"`
	EvaluationDays       int `mapstructure:"evaluationDays"`
	ImplementationDays   int `mapstructure:"implementationDays"`
	// OpenPINDays is the open procedure's period after a prior
	// information notice: PIANOo's 29, never below the Act's 22.
	OpenPINDays int `mapstructure:"openPINDays"`
	// Thresholds replaces the EU threshold table; empty keeps the built-in
	// one (Delegated Regulations (EU) 2023/2495 and 2025/2152).
	Thresholds []ThresholdConfig `mapstructure:"thresholds"`
}

// ThresholdConfig is one period of the EU threshold table, amounts in
// euros excluding VAT.
type ThresholdConfig struct {
	From     string `mapstructure:"from"`
	To       string `mapstructure:"to"`
	Supplies int64  `mapstructure:"supplies"`
	Services int64  `mapstructure:"services"`
	Works    int64  `mapstructure:"works"`
	Social   int64  `mapstructure:"social"`
	Source   string `mapstructure:"source"`
}

// BundlingConfig mirrors procurement.Bundling; money in euro cents.
type BundlingConfig struct {
	WindowMonths              int   `mapstructure:"windowMonths"`
	CostPerTender             int64 `mapstructure:"costPerTender"`
	JointCostPerParticipant   int64 `mapstructure:"jointCostPerParticipant"`
	VolumeDiscountBasisPoints int   `mapstructure:"volumeDiscountBasisPoints"`
}

// ProcurementRules returns the configured rules for procurement.Service. The
// thresholds are checked by validate; a table that does not parse is left
// out here (validate reports it).
func (r RulesConfig) ProcurementRules() procurement.Rules {
	p := r.Procurement
	rules := procurement.DefaultRules()
	rules.MustShare = p.MustShareBasisPoints
	rules.Durations = procurement.Durations{Preparation: p.PreparationDays, Selection: p.SelectionDays,
		Evaluation: p.EvaluationDays, Implementation: p.ImplementationDays}
	rules.Limits.OpenPIN = p.OpenPINDays
	rules.Limits.Calendar, _ = r.calendar()
	if table, err := r.thresholds(); err == nil && len(table) > 0 {
		rules.Thresholds = table
	}
	return rules
}

func (r RulesConfig) thresholds() ([]procurement.Threshold, error) {
	var out []procurement.Threshold
	var errs []error
	for i, t := range r.Procurement.Thresholds {
		from, ferr := contracts.ParseDate(t.From)
		to, terr := contracts.ParseDate(t.To)
		if ferr != nil || terr != nil {
			errs = append(errs, fmt.Errorf("rules.procurement.thresholds[%d]: from and to must be dates like 2026-01-01", i))
			continue
		}
		const euro = 100
		out = append(out, procurement.Threshold{From: from, To: to, Supplies: contracts.Money(t.Supplies * euro),
			Services: contracts.Money(t.Services * euro), Works: contracts.Money(t.Works * euro), Social: contracts.Money(t.Social * euro), Source: t.Source})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// BundlingRules returns the configured bundler settings.
func (r RulesConfig) BundlingRules() procurement.Bundling {
	b := r.Bundling
	return procurement.Bundling{WindowMonths: b.WindowMonths, CostPerTender: b.CostPerTender,
		JointCostPerParticipant: b.JointCostPerParticipant, VolumeDiscountBasisPoints: b.VolumeDiscountBasisPoints}
}

// LockInWeightsConfig mirrors contracts.LockInWeights with the key names
// of the configuration file, so renaming a domain field cannot silently
// rename a key.
type LockInWeightsConfig struct {
	NoExitPlan                int `mapstructure:"noExitPlan"`
	NoOpenData                int `mapstructure:"noOpenData"`
	Tenure                    int `mapstructure:"tenure"`
	VendorShare               int `mapstructure:"vendorShare"`
	TacitRenewal              int `mapstructure:"tacitRenewal"`
	CriticalWithoutContinuity int `mapstructure:"criticalWithoutContinuity"`
}

// Weights returns the configured lock-in weights for contracts.LockIn.
func (r RulesConfig) Weights() contracts.LockInWeights {
	w := r.LockInWeights
	return contracts.LockInWeights{
		NoExitPlan: w.NoExitPlan, NoOpenData: w.NoOpenData, Tenure: w.Tenure,
		VendorShare: w.VendorShare, TacitRenewal: w.TacitRenewal,
		CriticalWithoutContinuity: w.CriticalWithoutContinuity,
	}
}

// IndexRates returns the configured indexation for
// contracts.ContractYearSpend; the map is a copy.
func (r RulesConfig) IndexRates() contracts.IndexRates {
	by := make(map[int]int, len(r.Indexation))
	for y, rate := range r.Indexation {
		by[y] = rate
	}
	return contracts.IndexRates{ByYear: by, Default: r.IndexationDefault}
}

package contracts

import (
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Metric is what a licence counts (DESIGN §3).
type Metric string

// The licence metrics.
const (
	MetricNamedUser     Metric = "named_user"
	MetricConcurrent    Metric = "concurrent"
	MetricDevice        Metric = "device"
	MetricPerInhabitant Metric = "per_inhabitant"
	MetricEnterprise    Metric = "enterprise"
)

// Metrics returns the licence metrics.
func Metrics() []Metric {
	return []Metric{MetricNamedUser, MetricConcurrent, MetricDevice, MetricPerInhabitant, MetricEnterprise}
}

// metricList is the metrics as messages list them.
func metricList() string {
	s := make([]string, 0, len(Metrics()))
	for _, m := range Metrics() {
		s = append(s, string(m))
	}
	return apperr.Or(s...)
}

// PricePeriod is what a unit price pays for.
type PricePeriod string

// The price periods.
const (
	PerMonth PricePeriod = "month"
	PerYear  PricePeriod = "year"
	Once     PricePeriod = "once"
)

// PricePeriods returns the price periods.
func PricePeriods() []PricePeriod { return []PricePeriod{PerMonth, PerYear, Once} }

// Unlimited is the quantity of a licence without a cap.
const Unlimited = -1

// LicenceLine is one product licensed under a contract.
type LicenceLine struct {
	ID         int64
	ContractID int64
	Product    string
	Metric     Metric
	// Quantity licensed; Unlimited (−1) for no cap.
	Quantity int
	// SeatsInUse is the count in use, when known (−1: unknown).
	SeatsInUse  int
	UnitPrice   Money
	PricePeriod PricePeriod
	// Start and End narrow the line to part of the contract; zero: the
	// contract's own.
	Start, End Date
}

// OverQuota reports whether more seats are in use than licensed: a fact
// to flag, not to hide (a true-up or an audit claim is coming).
func (l LicenceLine) OverQuota() bool {
	return l.Quantity != Unlimited && l.SeatsInUse >= 0 && l.SeatsInUse > l.Quantity
}

// Validate returns every problem with l as apperr.FieldErrors, or nil.
func (l LicenceLine) Validate() error {
	var fe apperr.FieldErrors
	if strings.TrimSpace(l.Product) == "" {
		fe.Add("product", apperr.Required)
	}
	valid := false
	for _, m := range Metrics() {
		valid = valid || l.Metric == m
	}
	if !valid {
		fe.Add("metric", apperr.OneOf, metricList(), string(l.Metric))
	}
	switch {
	case l.Quantity < Unlimited || l.Quantity == 0:
		fe.Add("quantity", apperr.LicenceQuantity)
	case l.Quantity > MaxQuantity:
		fe.Add("quantity", apperr.Cap, MaxQuantity)
	}
	switch {
	case l.SeatsInUse < -1:
		fe.Add("seatsInUse", apperr.Negative, l.SeatsInUse)
	case l.SeatsInUse > MaxQuantity:
		fe.Add("seatsInUse", apperr.Cap, MaxQuantity)
	}
	CheckMoney(&fe, "unitPrice", l.UnitPrice)
	if l.UnitPrice > 0 && l.UnitPrice <= MaxMoney && l.Quantity > 0 && l.Quantity <= MaxQuantity &&
		SatMul(l.UnitPrice, int64(l.Quantity)) > MaxMoney {
		// The line's price per period is a derived amount: bounded as
		// every amount is, so that yearly spend stays far from overflow.
		fe.Add("unitPrice", apperr.LicenceAmountCap, apperr.Cents(MaxMoney))
	}
	CheckText(&fe, "product", l.Product, false)
	CheckDate(&fe, "start", l.Start)
	CheckDate(&fe, "end", l.End)
	if l.PricePeriod != PerMonth && l.PricePeriod != PerYear && l.PricePeriod != Once {
		fe.Add("pricePeriod", apperr.OneOf, apperr.Or(string(PerMonth), string(PerYear), string(Once)), string(l.PricePeriod))
	}
	if !l.Start.IsZero() && !l.End.IsZero() && l.End.Before(l.Start) {
		fe.Add("end", apperr.BeforeStart)
	}
	return fe.Err()
}

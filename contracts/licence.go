package contracts

import (
	"fmt"
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
		fe.Add("product", "is required")
	}
	valid := false
	for _, m := range Metrics() {
		valid = valid || l.Metric == m
	}
	if !valid {
		fe.Add("metric", "must be named_user, concurrent, device, per_inhabitant or enterprise")
	}
	switch {
	case l.Quantity < Unlimited || l.Quantity == 0:
		fe.Add("quantity", "must be a positive number, or −1 for unlimited")
	case l.Quantity > MaxQuantity:
		fe.Add("quantity", fmt.Sprintf("exceeds the cap of %d", MaxQuantity))
	}
	switch {
	case l.SeatsInUse < -1:
		fe.Add("seatsInUse", "must not be negative")
	case l.SeatsInUse > MaxQuantity:
		fe.Add("seatsInUse", fmt.Sprintf("exceeds the cap of %d", MaxQuantity))
	}
	CheckMoney(&fe, "unitPrice", l.UnitPrice)
	if l.UnitPrice > 0 && l.UnitPrice <= MaxMoney && l.Quantity > 0 && l.Quantity <= MaxQuantity &&
		SatMul(l.UnitPrice, int64(l.Quantity)) > MaxMoney {
		// The line's price per period is a derived amount: bounded as
		// every amount is, so that yearly spend stays far from overflow.
		fe.Add("unitPrice", fmt.Sprintf("exceeds the cap of %d cents (€10^12) once multiplied by the quantity", MaxMoney))
	}
	CheckText(&fe, "product", l.Product, false)
	CheckDate(&fe, "start", l.Start)
	CheckDate(&fe, "end", l.End)
	if l.PricePeriod != PerMonth && l.PricePeriod != PerYear && l.PricePeriod != Once {
		fe.Add("pricePeriod", "must be month, year or once")
	}
	if !l.Start.IsZero() && !l.End.IsZero() && l.End.Before(l.Start) {
		fe.Add("end", "must not lie before the start")
	}
	return fe.Err()
}

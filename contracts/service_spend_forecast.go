package contracts

import (
	"context"
	"fmt"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The committed spend of consecutive years as the register stands today
// (SpendForecast).

// ForecastQuery asks for the committed spend of several years.
type ForecastQuery struct {
	// Organization narrows the forecast to one buyer ("" for every
	// organization in the caller's scope).
	Organization string
	// From is the first year, MinYear–MaxYear; Years the number of years,
	// 1–10 (0: ForecastYears), all of which must end by MaxYear.
	From  int
	Years int
}

// ForecastYears is the default length of a spend forecast.
const ForecastYears = 5

// YearSpend is the committed spend of one calendar year.
type YearSpend struct {
	Year      int
	Amount    Money
	Contracts int
	// PerInhabitant is set for a forecast about one organization with a
	// known population.
	PerInhabitant Money
}

// SpendForecast is the committed spend of consecutive years as the
// register stands today: tacit renewals run on until notice is recorded,
// express options count only once exercised, prices are indexed with the
// configured rates (DESIGN §4). It is a commitment, not a budget: spend
// not yet contracted is not in it.
type SpendForecast struct {
	Organization Organization // set when about one organization
	AsOf         Date
	Index        IndexRates
	Population   int
	Years        []YearSpend
}

// SpendForecast returns the committed spend of q.Years years from q.From
// for the organizations of scope, in one pass over the contracts. Bad
// years are apperr.FieldErrors ("from", "years"); an organization outside
// scope is apperr.Forbidden.
func (s *Service) SpendForecast(ctx context.Context, scope Scope, q ForecastQuery) (SpendForecast, error) {
	if q.Years == 0 {
		q.Years = ForecastYears
	}
	if err := checkForecast(q.From, q.Years); err != nil {
		return SpendForecast{}, err
	}
	today := s.Today()
	out := SpendForecast{AsOf: today, Index: s.opts.Index}
	f := SpendFilter{Scope: scope, Lean: true}
	if q.Organization != "" {
		o, err := s.scopedOrganization(ctx, scope, q.Organization)
		if err != nil {
			return out, fmt.Errorf("contracts: spend forecast: %w", err)
		}
		out.Organization, out.Population = o, o.Population
		f.Organization = o.Code
	}
	parts, err := spendEach(ctx, s, f, today, q.From, q.Years, &CellKeys{}, func() []YearSpend { return make([]YearSpend, q.Years) },
		func(ys []YearSpend, _ *SpendContract, year int, spend SpendSplit, n int) {
			y := &ys[year-q.From]
			y.Amount = SatAdd(y.Amount, spend.Total())
			y.Contracts += n
		})
	if err != nil {
		return out, fmt.Errorf("contracts: spend forecast: %w", err)
	}
	out.Years = make([]YearSpend, q.Years)
	for i := range out.Years {
		y := &out.Years[i]
		y.Year = q.From + i
		for _, p := range parts {
			y.Amount = SatAdd(y.Amount, p[i].Amount)
			y.Contracts += p[i].Contracts
		}
		y.PerInhabitant = perInhabitant(y.Amount, out.Population)
	}
	return out, nil
}

// checkForecast returns the field errors of a forecast of years years
// from from ("from", "years"), or nil.
func checkForecast(from, years int) error {
	var fe apperr.FieldErrors
	checkYear(&fe, "from", from)
	if years < 1 || years > 10 {
		fe.Add("years", apperr.Range, 1, 10, years)
	} else if from >= MinYear && from+years-1 > MaxYear {
		fe.Add("from", apperr.ForecastEnd, MaxYear, MaxYear-years+1)
	}
	return fe.Err()
}

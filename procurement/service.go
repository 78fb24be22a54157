package procurement

import (
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// Service runs the joint-tender workflows over a Store: demand, tenders
// with their lots, participants, mandates and requirements, the plan, the
// lifecycle and the bundler.
type Service struct {
	store Store
	opts  Options
	// bundleSets caches the computed suggestions per data version
	// (bundle_cache.go).
	bundleSets bundleCache
}

// Options configures a Service.
type Options struct {
	// Now returns the current time; tests pin it. Defaults to time.Now.
	Now func() time.Time
	// Rules are the thresholds, time limits, durations and must share;
	// the zero value means DefaultRules().
	Rules Rules
	// Bundling configures the bundler; the zero value means
	// DefaultBundling().
	Bundling Bundling
	// Words are the texts the service writes into what it creates and
	// proposes (titles, names, notes, descriptions). The domain speaks no
	// Dutch; the caller passes internal/nl's ProcurementWords.
	Words Words
}

// NewService returns a Service over st.
func NewService(st Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if len(opts.Rules.Thresholds) == 0 {
		opts.Rules.Thresholds = DefaultThresholds()
	}
	if opts.Rules.Limits == (TimeLimits{}) {
		opts.Rules.Limits = DefaultTimeLimits()
	}
	if opts.Rules.Durations == (Durations{}) {
		opts.Rules.Durations = DefaultDurations()
	}
	if opts.Rules.MustShare <= 0 {
		opts.Rules.MustShare = DefaultMustShare
	}
	if opts.Bundling == (Bundling{}) {
		opts.Bundling = DefaultBundling()
	}
	return &Service{store: st, opts: opts}
}

// Today returns the current calendar date in Europe/Amsterdam.
func (s *Service) Today() contracts.Date { return contracts.DateOf(s.opts.Now()) }

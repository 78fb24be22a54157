package nl

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/procurement"
)

// labelled is one enum type: every value the domain lists, and its label
// table.
type labelled struct {
	name   string
	values []string
	has    func(string) bool
	label  func(string) string
}

func enum[T ~string](name string, values []T, labels map[T]string, f func(T) string) labelled {
	vs := make([]string, len(values))
	for i, v := range values {
		vs[i] = string(v)
	}
	return labelled{name: name, values: vs,
		has:   func(v string) bool { _, ok := labels[T(v)]; return ok },
		label: func(v string) string { return f(T(v)) }}
}

// enums lists every enum the pages, exports and reports show, with the
// domain's own list of its values.
func enums() []labelled {
	return []labelled{
		enum("contracts.OrgKind", contracts.OrgKinds(), orgKindLabels, OrgKind),
		enum("contracts.SizeClass", append(contracts.SizeClasses(), contracts.SizeUnknown), sizeClassLabels, SizeClass),
		enum("contracts.ContractStatus", contracts.ContractStatuses(), contractStatusLabels, ContractStatus),
		enum("contracts.RenewalKind", contracts.RenewalKinds(), renewalKindLabels, RenewalKind),
		enum("contracts.Metric", contracts.Metrics(), metricLabels, Metric),
		enum("contracts.PricePeriod", contracts.PricePeriods(), pricePeriodLabels, PricePeriod),
		enum("contracts.AlertKind", contracts.AlertKinds(), alertKindLabels, AlertKind),
		enum("contracts.ContractSort", contracts.ContractSorts(), contractSortLabels, ContractSort),
		enum("contracts.HHIBand", append(contracts.HHIBands(), ""), hhiBandLabels, HHIBand),
		enum("contracts.DayOff", contracts.DayOffs(), dayOffLabels, DayOff),
		enum("contracts.SpendGroupBy", contracts.SpendGroupings(), func() map[contracts.SpendGroupBy]string {
			m := map[contracts.SpendGroupBy]string{}
			for k, v := range spendGroupings {
				m[k] = v[0]
			}
			return m
		}(), SpendGroupBy),
		enum("procurement.TenderStatus", procurement.TenderStatuses(), tenderStatusLabels, TenderStatus),
		enum("procurement.ContractKind", procurement.ContractKinds(), contractKindLabels, ContractKind),
		enum("procurement.GapKind", procurement.GapKinds(), gapKindLabels, GapKind),
		enum("procurement.Procedure", procurement.Procedures(), procedureLabels, Procedure),
		enum("procurement.Urgency", procurement.Urgencies(), urgencyLabels, Urgency),
		enum("procurement.DemandStatus", procurement.DemandStatuses(), demandStatusLabels, DemandStatus),
		enum("procurement.MandateStatus", procurement.MandateStatuses(), mandateStatusLabels, MandateStatus),
		enum("procurement.DecidingBody", procurement.DecidingBodies(), decidingBodyLabels, DecidingBody),
		enum("procurement.RequirementKind", procurement.RequirementKinds(), requirementKindLabels, RequirementKind),
		enum("procurement.Rating", procurement.Ratings(), ratingLabels, Rating),
		enum("procurement.Rating letters", procurement.Ratings(), ratingLetters, RatingLetter),
		enum("procurement.Grouping", procurement.Groupings(), groupingLabels, Grouping),
		enum("procurement.NeedSource", procurement.NeedSources(), needSourceLabels, NeedSource),
		enum("procurement.LotBasis", procurement.LotBases(), lotBasisLabels, LotBasis),
		enum("procurement milestone keys", procurement.MilestoneKeys(), milestoneLabels, Milestone),
		enum("auth.Role", auth.Roles(), roleLabels, Role),
	}
}

// TestEveryEnumValueHasOneDutchLabel: every value each enum lists has a
// non-empty label of its own, no two values of a type share one (a page
// could not tell them apart), and no label is left over for a value the
// domain no longer has.
func TestEveryEnumValueHasOneDutchLabel(t *testing.T) {
	t.Parallel()
	for _, e := range enums() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			if len(e.values) == 0 {
				t.Fatal("the domain lists no values")
			}
			seen := map[string]string{}
			for _, v := range e.values {
				if !e.has(v) {
					t.Errorf("%q has no Dutch label", v)
					continue
				}
				l := e.label(v)
				if l == "" {
					t.Errorf("%q has an empty label", v)
				}
				if other, dup := seen[l]; dup {
					t.Errorf("%q and %q share the label %q", other, v, l)
				}
				seen[l] = v
			}
		})
	}
}

// TestLabelTablesHoldOnlyListedValues guards against a label for a value
// the domain dropped or renamed.
func TestLabelTablesHoldOnlyListedValues(t *testing.T) {
	t.Parallel()
	check := func(name string, n, listed int) {
		if n != listed {
			t.Errorf("%s: %d labels for %d listed values", name, n, listed)
		}
	}
	check("OrgKind", len(orgKindLabels), len(contracts.OrgKinds()))
	check("OrgKind nouns", len(orgKindNouns), len(contracts.OrgKinds()))
	check("SizeClass", len(sizeClassLabels), len(contracts.SizeClasses())+1)
	check("ContractStatus", len(contractStatusLabels), len(contracts.ContractStatuses()))
	check("RenewalKind", len(renewalKindLabels), len(contracts.RenewalKinds()))
	check("Metric", len(metricLabels), len(contracts.Metrics()))
	check("PricePeriod", len(pricePeriodLabels), len(contracts.PricePeriods()))
	check("AlertKind", len(alertKindLabels), len(contracts.AlertKinds()))
	check("ContractSort", len(contractSortLabels), len(contracts.ContractSorts()))
	check("HHIBand", len(hhiBandLabels), len(contracts.HHIBands())+1)
	check("DayOff", len(dayOffLabels), len(contracts.DayOffs()))
	check("SpendGroupBy", len(spendGroupings), len(contracts.SpendGroupings()))
	check("TenderStatus", len(tenderStatusLabels), len(procurement.TenderStatuses()))
	check("TenderAction", len(tenderActionLabels), len(procurement.TenderStatuses())-1)
	check("ContractKind", len(contractKindLabels), len(procurement.ContractKinds()))
	check("GapKind", len(gapKindLabels), len(procurement.GapKinds()))
	check("Procedure", len(procedureLabels), len(procurement.Procedures()))
	check("Urgency", len(urgencyLabels), len(procurement.Urgencies()))
	check("DemandStatus", len(demandStatusLabels), len(procurement.DemandStatuses()))
	check("MandateStatus", len(mandateStatusLabels), len(procurement.MandateStatuses()))
	check("DecidingBody", len(decidingBodyLabels), len(procurement.DecidingBodies()))
	check("RequirementKind", len(requirementKindLabels), len(procurement.RequirementKinds()))
	check("Rating", len(ratingLabels), len(procurement.Ratings()))
	check("Grouping", len(groupingLabels), len(procurement.Groupings()))
	check("NeedSource", len(needSourceLabels), len(procurement.NeedSources()))
	check("LotBasis", len(lotBasisLabels), len(procurement.LotBases()))
	check("Milestone", len(milestoneLabels), len(procurement.MilestoneKeys()))
	check("Role", len(roleLabels), len(auth.Roles()))
}

// TestEveryTenderStepHasAnAction: a button for every state a tender can
// be moved to.
func TestEveryTenderStepHasAnAction(t *testing.T) {
	t.Parallel()
	for _, s := range procurement.TenderStatuses()[1:] {
		if _, ok := tenderActionLabels[s]; !ok {
			t.Errorf("no action label for the step to %s", s)
		}
	}
}

// TestLabelDispatchesOnType: Label names a value as its type's function
// does, and writes an unknown value as its code.
func TestLabelDispatchesOnType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"the cancelled tender is geannuleerd on every page and in the dossier", procurement.TenderCancelled, "geannuleerd"},
		{"a tacit renewal (DESIGN §3)", contracts.RenewalTacit, "stilzwijgende verlenging"},
		{"Aw 2012 art. 2.26: the restricted procedure", procurement.ProcedureRestricted, "niet-openbare procedure"},
		{"Atw art. 3 lid 1: King's Day", contracts.OffKingsDay, "Koningsdag"},
		{"the EU guidelines' middle HHI band", contracts.ModeratelyConcentrated, "matig geconcentreerd"},
		{"a concentration without spend", contracts.HHIBand(""), "geen uitgaven"},
		{"a municipality's college decides (Gemeentewet art. 160)", procurement.BodyCollege, "college van B&W"},
		{"a role", auth.RoleAdmin, "beheerder"},
		{"an unknown status shows its code", procurement.TenderStatus("paused"), "paused"},
		{"another type is printed", 42, "42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Label(tt.in); got != tt.want {
				t.Errorf("Label(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOrgKindNoun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		k    contracts.OrgKind
		n    int
		want string
	}{
		{contracts.KindMunicipality, 1, "gemeente"},
		{contracts.KindMunicipality, 342, "gemeenten"},
		{contracts.KindWaterBoard, 21, "waterschappen"},
		{contracts.OrgKind("x"), 2, "overige organisaties"},
	}
	for _, tt := range tests {
		if got := OrgKindNoun(tt.k, tt.n); got != tt.want {
			t.Errorf("OrgKindNoun(%s, %d) = %q, want %q", tt.k, tt.n, got, tt.want)
		}
	}
}

func TestHolidayNamesOnlyHolidays(t *testing.T) {
	t.Parallel()
	for _, k := range contracts.DayOffs() {
		h := Holiday(k)
		switch k {
		case contracts.OffNone, contracts.OffSaturday, contracts.OffSunday:
			if h != "" {
				t.Errorf("Holiday(%q) = %q, want none: a weekday is named by its weekday", k, h)
			}
		default:
			if h == "" || h != DayOff(k) {
				t.Errorf("Holiday(%q) = %q, want %q", k, h, DayOff(k))
			}
		}
	}
}

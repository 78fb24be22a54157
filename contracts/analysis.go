package contracts

// The types of spend, lock-in and concentration (DESIGN §4). The rules
// that fill them are in spend.go, lockin.go and concentration.go.

// IndexRates are the annual price indexation rates in basis points (350
// is 3.50 %) per calendar year. GIBIT art. 11.8 indexes with the CBS J62
// services price index; where a year has no figure, Default applies, an
// assumption the pages state.
type IndexRates struct {
	ByYear  map[int]int
	Default int
}

// LockInWeights are the points each lock-in factor adds (DESIGN §4);
// they must sum to 100.
type LockInWeights struct {
	NoExitPlan                int // GIBIT art. 26
	NoOpenData                int // GIBIT art. 21 and 8
	Tenure                    int // years with the vendor, 2 points a year up to this maximum
	VendorShare               int // vendor group's share of the organization's spend, up to this maximum
	TacitRenewal              int
	CriticalWithoutContinuity int // business-critical without continuity arrangement (GIBIT art. 36)
}

// LockInFactor is one reason a contract scores: which factor, the value
// behind it and the points it adds. internal/nl words it for a CIO
// ("geen exitplan (GIBIT art. 26)", "leverancier heeft 45 % van de
// uitgaven").
type LockInFactor struct {
	Key    string // stable identifier, e.g. "noExitPlan"
	Points int
	// Years is the tenure of a "tenure" factor.
	Years int
	// BasisPoints is the vendor's share of a "vendorShare" factor.
	BasisPoints int
	// Renewal is the renewal of a "tacitRenewal" factor: RenewalTacit, or
	// RenewalIndefinite, which runs on by itself just the same.
	Renewal RenewalKind
}

// LockInScore is a contract's lock-in, 0–100, with every factor that made
// it (factors that add nothing are left out).
type LockInScore struct {
	Score   int
	Factors []LockInFactor
}

// HHIBand classifies a Herfindahl-Hirschman index by the EU guidelines:
// below 1,000 unconcentrated, 1,000–2,000 moderately concentrated, above
// 2,000 concentrated (the US uses 1,500 and 2,500; pages show both).
type HHIBand string

// The HHI bands.
const (
	Unconcentrated         HHIBand = "unconcentrated"
	ModeratelyConcentrated HHIBand = "moderate"
	Concentrated           HHIBand = "concentrated"
)

// HHIBands returns the HHI bands from unconcentrated to concentrated.
func HHIBands() []HHIBand { return []HHIBand{Unconcentrated, ModeratelyConcentrated, Concentrated} }

// Share is one party's part of a total: a vendor group's part of an
// organization's or a category's spend.
type Share struct {
	Key    string // e.g. the vendor group's id
	Label  string // e.g. the vendor group's name
	Amount Money
	// BasisPoints is the share of the total in 1/100 of a percent.
	BasisPoints int
}

// Concentration measures how much of a total few parties hold.
type Concentration struct {
	Total Money
	// HHI is Σ (share in %)², 0–10,000, computed exactly from the amounts
	// (10,000 × Σ amount² / total²) and rounded to a whole number.
	HHI  int
	Band HHIBand
	// CR1 and CR3 are the top one and three parties' shares in basis
	// points.
	CR1, CR3 int
	// Shares are the parties, largest first (ties by Key).
	Shares []Share
}

package contracts

import (
	"encoding/csv"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/data"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// OrgKind is the kind of public body an organization is.
type OrgKind string

// The kinds of organization (DESIGN §3).
const (
	KindMunicipality     OrgKind = "municipality"
	KindProvince         OrgKind = "province"
	KindWaterBoard       OrgKind = "water_board"
	KindJointArrangement OrgKind = "joint_arrangement"
	KindCooperation      OrgKind = "cooperation"
	KindOther            OrgKind = "other"
)

// OrgKinds returns every kind in display order.
func OrgKinds() []OrgKind { return slices.Clone(orgKinds) }

var orgKinds = []OrgKind{KindMunicipality, KindProvince, KindWaterBoard, KindJointArrangement, KindCooperation, KindOther}

// Valid reports whether k is one of the known kinds.
func (k OrgKind) Valid() bool {
	for _, v := range orgKinds {
		if k == v {
			return true
		}
	}
	return false
}

// SizeClass groups organizations by population, because that is where large
// and small municipalities disagree in joint tenders (DESIGN §3).
type SizeClass string

// The size classes, by population on the reference date.
const (
	SizeUnknown SizeClass = ""
	SizeSmall   SizeClass = "lt20k"     // fewer than 20,000 inhabitants
	SizeMedium  SizeClass = "20k-50k"   // 20,000 up to 50,000
	SizeLarge   SizeClass = "50k-100k"  // 50,000 up to 100,000
	SizeXLarge  SizeClass = "100k-plus" // 100,000 and more
)

// SizeClasses returns the known size classes from small to large.
func SizeClasses() []SizeClass { return []SizeClass{SizeSmall, SizeMedium, SizeLarge, SizeXLarge} }

// SizeClassOf returns the size class of a population; 0 means unknown.
func SizeClassOf(population int) SizeClass {
	switch {
	case population <= 0:
		return SizeUnknown
	case population < 20_000:
		return SizeSmall
	case population < 50_000:
		return SizeMedium
	case population < 100_000:
		return SizeLarge
	default:
		return SizeXLarge
	}
}

// Organization is a public body that buys: a municipality, province, water
// board, joint arrangement (gemeenschappelijke regeling), cooperation or
// other body.
type Organization struct {
	// Code is the CBS code for municipalities (GM0363) and provinces (PV27),
	// otherwise a free code of letters, digits and dashes.
	Code string
	Name string
	Kind OrgKind
	// Province is the CBS code (PV20–PV31) of the province the
	// organization lies in; empty when it spans provinces.
	Province string
	// Population is the number of inhabitants on PopulationDate; 0 means
	// unknown or not applicable (a cooperation has no inhabitants).
	Population     int
	PopulationDate Date
	// Region is the name of the region (kring) that speaks for the
	// organization, e.g. "Regio Zwolle".
	Region string
	// Cooperations lists the codes of the cooperations it is a member of.
	Cooperations []string
	// OrgDetails are what a European notice states of it as a buyer.
	OrgDetails
}

// SizeClass returns the organization's size class by population.
func (o Organization) SizeClass() SizeClass { return SizeClassOf(o.Population) }

// ProvinceName returns the name of the organization's province, or "".
func (o Organization) ProvinceName() string { return provinceNames[o.Province] }

var (
	municipalityCode = regexp.MustCompile(`^GM[0-9]{4}$`)
	freeCode         = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,31}$`)
)

// ValidateCode checks code against the rules for kind: CBS "GM" + 4 digits
// for municipalities, PV20–PV31 for provinces, and otherwise a free code of
// letters, digits and dashes that does not pose as a CBS code. It returns
// the problem's code, or "" for a valid code.
func ValidateCode(code string, kind OrgKind) apperr.Code {
	switch {
	case code == "":
		return apperr.Required
	case kind == KindMunicipality && !municipalityCode.MatchString(code):
		return apperr.MunicipalityCode
	case kind == KindProvince && provinceNames[code] == "":
		return apperr.ProvinceCode
	case kind != KindMunicipality && isCBSPrefixed(code, "GM"):
		return apperr.ReservedGM
	case kind != KindProvince && isCBSPrefixed(code, "PV"):
		return apperr.ReservedPV
	case !freeCode.MatchString(code):
		return apperr.FreeCode
	}
	return ""
}

func isCBSPrefixed(code, prefix string) bool {
	return len(code) > 2 && strings.EqualFold(code[:2], prefix) && code[2] >= '0' && code[2] <= '9'
}

// Validate returns every problem with o as apperr.FieldErrors, or nil.
func (o Organization) Validate() error {
	var fe apperr.FieldErrors
	if !o.Kind.Valid() {
		fe.Add("kind", apperr.OneOf, joinKinds(), string(o.Kind))
	}
	if code := ValidateCode(o.Code, o.Kind); code != "" {
		fe.Add("code", code)
	}
	if strings.TrimSpace(o.Name) == "" {
		fe.Add("name", apperr.Required)
	} else if len(o.Name) > 200 {
		fe.Add("name", apperr.TooLong, 200)
	}
	if o.Province != "" && provinceNames[o.Province] == "" {
		fe.Add("province", apperr.ProvinceCode)
	}
	if o.Kind == KindProvince && o.Province != "" && o.Province != o.Code {
		fe.Add("province", apperr.ProvinceSelf)
	}
	switch {
	case o.Population < 0:
		fe.Add("population", apperr.Negative, o.Population)
	case o.Population > MaxPopulation:
		fe.Add("population", apperr.Cap, MaxPopulation)
	}
	CheckDate(&fe, "populationDate", o.PopulationDate)
	CheckText(&fe, "name", o.Name, false)
	CheckText(&fe, "region", o.Region, false)
	if o.Population > 0 && o.PopulationDate.IsZero() {
		fe.Add("populationDate", apperr.PopulationDateRequired)
	}
	if len(o.Region) > 100 {
		fe.Add("region", apperr.TooLong, 100)
	}
	o.OrgDetails.validate(&fe)
	for i, c := range o.Cooperations {
		if code := ValidateCode(c, KindCooperation); code != "" {
			fe.Add(fmt.Sprintf("cooperations[%d]", i), code)
		} else if c == o.Code {
			fe.Add(fmt.Sprintf("cooperations[%d]", i), apperr.MemberOfSelf)
		}
	}
	return fe.Err()
}

func joinKinds() string {
	s := make([]string, len(orgKinds))
	for i, k := range orgKinds {
		s[i] = string(k)
	}
	return apperr.Or(s...)
}

// Province is one of the twelve Dutch provinces with its CBS code.
type Province struct {
	Code string
	Name string
}

// Provinces returns the twelve provinces in CBS code order.
func Provinces() []Province { return slices.Clone(provinces) }

var provinces, provinceNames = loadProvinces()

// ProvinceByName returns the CBS code for a province name, matched without
// regard to case and with "Friesland" accepted for Fryslân; "" if unknown.
func ProvinceByName(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "friesland" {
		n = "fryslân"
	}
	for _, p := range provinces {
		if strings.ToLower(p.Name) == n {
			return p.Code
		}
	}
	return ""
}

func loadProvinces() ([]Province, map[string]string) {
	rows := mustReadCSV("reference/provinces.csv")
	list := make([]Province, 0, len(rows))
	names := make(map[string]string, len(rows))
	for _, r := range rows {
		list = append(list, Province{Code: r[0], Name: r[1]})
		names[r[0]] = r[1]
	}
	return list, names
}

// mustReadCSV reads an embedded reference file without its header row.
// Malformed embedded data is a build defect, so it panics at startup.
func mustReadCSV(name string) [][]string {
	f, err := data.FS.Open(name)
	if err != nil {
		panic(fmt.Sprintf("contracts: open embedded %s: %v", name, err))
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		panic(fmt.Sprintf("contracts: read embedded %s: %v", name, err))
	}
	return rows[1:]
}

// OrganizationFilter selects and pages organizations.
type OrganizationFilter struct {
	Kind     OrgKind
	Province string
	Region   string
	// Q matches code or name, case-insensitively, anywhere.
	Q string
	// Cursor is the position of the page (ListPage.Next or Prev); "" is
	// the first page, or page Page by offset.
	Cursor   string
	Page     int // 1-based
	PageSize int
	// Seek is Cursor decoded, for the store; the service sets it.
	Seek Cursor
}

// Normalize fills in paging defaults and bounds (NormalizePage).
func (f OrganizationFilter) Normalize() OrganizationFilter {
	f.Page, f.PageSize = NormalizePage(f.Page, f.PageSize)
	return f
}

// Offset returns the number of rows before the filter's page.
func (f OrganizationFilter) Offset() int { return PageOffset(f.Page, f.PageSize) }

// OrganizationPage is one page of organizations with the total that match.
type OrganizationPage struct {
	Items []Organization
	ListPage
}

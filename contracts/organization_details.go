package contracts

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// OrgDetails is what a European notice (eForms) states of an organization
// as a buyer, beyond its name: the postal address, the NUTS code of where
// it lies, its registration numbers, its legal type and main activity
// from the eForms code lists, and its contact point. Every field may be
// empty: unknown, and then listed as missing for publication.
type OrgDetails struct {
	Street   string
	Postcode string
	City     string
	// NUTS is the NUTS code of the region the organization lies in
	// (NUTS 2024, e.g. NL350); empty takes the province's (ProvinceNUTS).
	NUTS string
	// OIN is the organization's identification number in the Logius OIN
	// register (20 digits); KvK its Chamber of Commerce number (8 digits).
	OIN string
	KvK string
	// LegalType is a code of the eForms list buyer-legal-type and
	// MainActivity one of main-activity_authority-activity; empty takes
	// the kind's default (DefaultLegalType, DefaultMainActivity).
	LegalType    string
	MainActivity string
	Email        string
	Phone        string
	URL          string
}

// The codes of the eForms lists the organizations use (eForms SDK 1.15.1,
// codelists buyer-legal-type.gc and main-activity.gc).
const (
	// LegalTypeLocal is "Local authority" (la): a municipality or water
	// board; LegalTypeRegional "Regional authority" (ra): a province.
	LegalTypeLocal    = "la"
	LegalTypeRegional = "ra"
	// LegalTypeBodyLocal is "Body governed by public law, controlled by a
	// local authority" (body-pl-la): a joint arrangement of municipalities.
	LegalTypeBodyLocal = "body-pl-la"
	// ActivityGeneral is "General public services" (gen-pub);
	// ActivityEnvironment "Environmental protection" (env-pro), the
	// water boards' task.
	ActivityGeneral     = "gen-pub"
	ActivityEnvironment = "env-pro"
)

// legalTypes and mainActivities are the codes of the eForms lists
// buyer-legal-type and main-activity (authority-activity subset), SDK
// 1.15.1.
var (
	legalTypes = []string{"body-pl", "body-pl-cga", "body-pl-la", "body-pl-ra", "cga", "def-cont", "eu-ins-bod-ag",
		"int-org", "la", "org-sub", "org-sub-cga", "org-sub-la", "org-sub-ra", "pub-undert", "pub-undert-cga",
		"pub-undert-la", "pub-undert-ra", "ra", "spec-rights-entity"}
	mainActivities = []string{"defence", "econ-aff", "education", "env-pro", "gen-pub", "hc-am", "health",
		"pub-os", "rcr", "soc-pro"}
)

// ValidLegalType and ValidMainActivity report whether a code is on its
// eForms list.
func ValidLegalType(code string) bool    { return contains(legalTypes, code) }
func ValidMainActivity(code string) bool { return contains(mainActivities, code) }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// DefaultLegalType returns the buyer legal type a Dutch public body of
// kind k has when none is recorded: a municipality and a water board are
// local authorities (Waterschapswet: a functional local authority), a
// province a regional one, a joint arrangement and a cooperation of
// municipalities a body governed by public law controlled by local
// authorities; "" when the kind says nothing.
func DefaultLegalType(k OrgKind) string {
	switch k {
	case KindMunicipality, KindWaterBoard:
		return LegalTypeLocal
	case KindProvince:
		return LegalTypeRegional
	case KindJointArrangement, KindCooperation:
		return LegalTypeBodyLocal
	}
	return ""
}

// DefaultMainActivity returns the main activity of a body of kind k when
// none is recorded: general public services, environmental protection for
// a water board; "" when the kind says nothing.
func DefaultMainActivity(k OrgKind) string {
	switch k {
	case KindMunicipality, KindProvince, KindJointArrangement, KindCooperation:
		return ActivityGeneral
	case KindWaterBoard:
		return ActivityEnvironment
	}
	return ""
}

// provinceNUTS maps a province to its NUTS 2024 code (Eurostat NUTS 2024,
// as the eForms SDK 1.15.1 list nuts lists them): the level 3 region where
// the province is one (Flevoland, Utrecht), else the level 2 region.
var provinceNUTS = map[string]string{
	"PV20": "NL11", "PV21": "NL12", "PV22": "NL13", "PV23": "NL21", "PV24": "NL230", "PV25": "NL22",
	"PV26": "NL350", "PV27": "NL32", "PV28": "NL36", "PV29": "NL34", "PV30": "NL41", "PV31": "NL42",
}

// ProvinceNUTS returns the NUTS code of a province (CBS code), or "".
func ProvinceNUTS(province string) string { return provinceNUTS[province] }

// NUTS3 reports whether code is a Dutch NUTS code of level 3 (NL and three
// characters, e.g. NL32B), the level a notice's place and buyer take
// (eForms BT-507 and BT-5071 use the list nuts-lvl3); a province's NUTS 2
// code (NL32) is not.
func NUTS3(code string) bool { return len(code) == 5 && nutsCode.MatchString(code) }

// Effective returns the details with the defaults filled in: the legal
// type and main activity of the organization's kind and the NUTS code of
// its province.
func (o Organization) Effective() OrgDetails {
	d := o.OrgDetails
	if d.LegalType == "" {
		d.LegalType = DefaultLegalType(o.Kind)
	}
	if d.MainActivity == "" {
		d.MainActivity = DefaultMainActivity(o.Kind)
	}
	if d.NUTS == "" {
		d.NUTS = ProvinceNUTS(o.Province)
	}
	return d
}

var (
	dutchPostcode = regexp.MustCompile(`^[1-9][0-9]{3} ?[A-Z]{2}$`)
	nutsCode      = regexp.MustCompile(`^NL[0-9A-Z]{1,3}$`)
	oinNumber     = regexp.MustCompile(`^[0-9]{20}$`)
	kvkNumber     = regexp.MustCompile(`^[0-9]{8}$`)
	phoneNumber   = regexp.MustCompile(`^\+?[0-9][0-9 ()-]{5,30}$`)
)

// validate adds the problems with the details to fe.
func (d OrgDetails) validate(fe *apperr.FieldErrors) {
	for _, f := range []struct{ field, value string }{
		{"street", d.Street}, {"postcode", d.Postcode}, {"city", d.City}, {"email", d.Email},
		{"phone", d.Phone}, {"url", d.URL},
	} {
		if utf8.RuneCountInString(f.value) > 200 {
			fe.Add(f.field, apperr.TooLong, 200)
		}
		CheckText(fe, f.field, f.value, false)
	}
	if d.Postcode != "" && !dutchPostcode.MatchString(d.Postcode) {
		fe.Add("postcode", apperr.PostcodeFormat)
	}
	if d.NUTS != "" && !nutsCode.MatchString(d.NUTS) {
		fe.Add("nuts", apperr.NUTSFormat)
	}
	if d.OIN != "" && !oinNumber.MatchString(d.OIN) {
		fe.Add("oin", apperr.OINFormat)
	}
	if d.KvK != "" && !kvkNumber.MatchString(d.KvK) {
		fe.Add("kvk", apperr.KvKFormat)
	}
	if d.LegalType != "" && !ValidLegalType(d.LegalType) {
		fe.Add("legalType", apperr.Unknown, d.LegalType)
	}
	if d.MainActivity != "" && !ValidMainActivity(d.MainActivity) {
		fe.Add("mainActivity", apperr.Unknown, d.MainActivity)
	}
	if d.Email != "" {
		if a, err := mail.ParseAddress(d.Email); err != nil || a.Address != d.Email || strings.ToLower(d.Email) != d.Email {
			fe.Add("email", apperr.EmailFormat)
		}
	}
	if d.Phone != "" && !phoneNumber.MatchString(d.Phone) {
		fe.Add("phone", apperr.PhoneFormat)
	}
	if d.URL != "" && !WebAddress(d.URL) {
		fe.Add("url", apperr.URLFormat)
	}
}

// WebAddress reports whether s is an absolute http or https address with
// a host.
func WebAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !strings.ContainsAny(s, " \t")
}

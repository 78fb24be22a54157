package contracts

import (
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TestEffectiveDetails: the defaults a Dutch public body gets for its
// notices, from the eForms code lists (buyer-legal-type, main-activity)
// and the NUTS 2024 regions of its province.
func TestEffectiveDetails(t *testing.T) {
	for _, tt := range []struct {
		name                  string
		o                     Organization
		legal, activity, nuts string
	}{
		{"municipality in Utrecht: local authority, NUTS 3 of the one-region province", Organization{Kind: KindMunicipality, Province: "PV26"}, "la", "gen-pub", "NL350"},
		{"municipality in Noord-Brabant: NUTS 2 of the province", Organization{Kind: KindMunicipality, Province: "PV30"}, "la", "gen-pub", "NL41"},
		{"province: regional authority", Organization{Kind: KindProvince, Province: "PV24"}, "ra", "gen-pub", "NL230"},
		{"water board: environmental protection", Organization{Kind: KindWaterBoard}, "la", "env-pro", ""},
		{"recorded values win", Organization{Kind: KindMunicipality, Province: "PV30", OrgDetails: OrgDetails{LegalType: "body-pl-la", MainActivity: "soc-pro", NUTS: "NL414"}}, "body-pl-la", "soc-pro", "NL414"},
		{"other body: nothing assumed", Organization{Kind: KindOther}, "", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.o.Effective()
			if d.LegalType != tt.legal || d.MainActivity != tt.activity || d.NUTS != tt.nuts {
				t.Errorf("Effective() = %q, %q, %q; want %q, %q, %q", d.LegalType, d.MainActivity, d.NUTS, tt.legal, tt.activity, tt.nuts)
			}
		})
	}
}

// TestDetailsValidate refuses malformed notice details field by field.
func TestDetailsValidate(t *testing.T) {
	base := Organization{Code: "GM0363", Name: "Amsterdam", Kind: KindMunicipality}
	for _, tt := range []struct {
		field string
		d     OrgDetails
		code  apperr.Code
	}{
		{"postcode", OrgDetails{Postcode: "1011"}, apperr.PostcodeFormat},
		{"nuts", OrgDetails{NUTS: "DE123"}, apperr.NUTSFormat},
		{"oin", OrgDetails{OIN: "123"}, apperr.OINFormat},
		{"kvk", OrgDetails{KvK: "1234"}, apperr.KvKFormat},
		{"legalType", OrgDetails{LegalType: "gemeente"}, apperr.Unknown},
		{"mainActivity", OrgDetails{MainActivity: "rail"}, apperr.Unknown},
		{"email", OrgDetails{Email: "Inkoop@Amsterdam.nl"}, apperr.EmailFormat},
		{"phone", OrgDetails{Phone: "bel ons"}, apperr.PhoneFormat},
		{"url", OrgDetails{URL: "www.amsterdam.nl"}, apperr.URLFormat},
	} {
		o := base
		o.OrgDetails = tt.d
		fe := apperr.Fields(o.Validate())
		if len(fe) != 1 || fe[0].Field != tt.field || fe[0].Code != tt.code {
			t.Errorf("%+v: %v; want one %s on %s", tt.d, fe, tt.code, tt.field)
		}
	}
	ok := base
	ok.OrgDetails = OrgDetails{Street: "Amstel 1", Postcode: "1011 PN", City: "Amsterdam", NUTS: "NL32B", OIN: "00000001002564440000",
		Email: "inkoop@amsterdam.nl", Phone: "+31 20 624 1111", URL: "https://www.amsterdam.nl"}
	if err := ok.Validate(); err != nil {
		t.Errorf("complete details: %v", err)
	}
}

package exports_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/procurement"
)

// What an integrator checks beyond the schema: who buys, unknown values,
// release identity and the package's licence.

// unvaluedView gives Schiermonnikoog (GM0088) a quantity without an
// annual value in lot 3 (Data en internet, id 13): that lot's value, and
// with it the tender's, is unknown.
func unvaluedView(v procurement.TenderView) procurement.TenderView {
	v.Participants = append([]procurement.Participant{}, v.Participants...)
	p := &v.Participants[0]
	p.Volumes = append([]procurement.LotVolume{}, p.Volumes...)
	p.Volumes[2] = procurement.LotVolume{LotID: 13, Quantity: 2}
	v.Plan = plan(v)
	return v
}

// withoutVolumeView adds Waadhoeke (GM1949), which joined without giving
// any volume: every lot's value is known, the tender's total is not.
func withoutVolumeView(v procurement.TenderView) procurement.TenderView {
	v.Participants = append(append([]procurement.Participant{}, v.Participants...), procurement.Participant{
		TenderID: 42, Organization: "GM1949", Joined: date(2026, 9, 4), Name: "Waadhoeke", Kind: contracts.KindMunicipality,
		Province: "PV21", Mandate: mandate(contracts.Date{}, "")})
	v.Plan = plan(v)
	return v
}

func licensedDossier(v procurement.TenderView) exports.Dossier {
	return exports.NewDossier(v, dossierGenerated, exports.DossierOptions{
		OCIDPrefix: "ocds-t3st42", Publisher: "Coöperatie Samenkoop", BaseURL: "https://samenkoop.example.nl/",
		License:           " https://creativecommons.org/publicdomain/zero/1.0/ ",
		PublicationPolicy: "https://samenkoop.example.nl/publicatiebeleid",
	})
}

// party returns the release's party with id, or nil.
func party(r map[string]any, id string) map[string]any {
	for _, p := range r["parties"].([]any) {
		if p := p.(map[string]any); p["id"] == id {
			return p
		}
	}
	return nil
}

func hasRole(p map[string]any, role string) bool {
	for _, r := range p["roles"].([]any) {
		if r == role {
			return true
		}
	}
	return false
}

// checkBuyerRef fails unless ref names a party with role buyer, by id and
// with the party's name (OrganizationReference: both must match the
// parties entry).
func checkBuyerRef(t *testing.T, r map[string]any, where string, ref any) {
	t.Helper()
	org, ok := ref.(map[string]any)
	if !ok {
		t.Errorf("%s has no buyer: %v", where, ref)
		return
	}
	p := party(r, fmt.Sprint(org["id"]))
	switch {
	case p == nil:
		t.Errorf("%s: buyer %v is not a party", where, org["id"])
	case !hasRole(p, "buyer"):
		t.Errorf("%s: buyer %v has roles %v, want buyer among them", where, org["id"], p["roles"])
	case p["name"] != org["name"] || org["name"] == "":
		t.Errorf("%s: buyer name %q, the party's %q", where, org["name"], p["name"])
	}
}

// TestOCDSBuyer: the lead authority is the release's buyer and a party
// with roles buyer and procuringEntity; every participant stays a party
// with role buyer. Also when the lead takes no volume itself.
func TestOCDSBuyer(t *testing.T) {
	leadOnly := dossierView()
	leadOnly.Participants = leadOnly.Participants[2:] // without Schiermonnikoog and the lead
	leadOnly.Plan = plan(leadOnly)
	for _, tt := range []struct {
		name         string
		v            procurement.TenderView
		participants []string
	}{
		{"lead takes part", dossierView(), []string{"GM0088", "GM0796", "GM1721", "GM1900", "GM1970"}},
		{"lead runs the procedure for others", leadOnly, []string{"GM1721", "GM1900", "GM1970"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := release(t, ocdsBytes(t, fixtureDossier(tt.v)))
			buyer, _ := r["buyer"].(map[string]any)
			if buyer["id"] != "GM0796" || buyer["name"] != "'s-Hertogenbosch" {
				t.Errorf("release buyer = %v, want the lead authority GM0796 's-Hertogenbosch", r["buyer"])
			}
			checkBuyerRef(t, r, "release", r["buyer"])
			if got := rolesByParty(r)["GM0796"]; got != "buyer,procuringEntity" {
				t.Errorf("lead's roles = %q, want buyer,procuringEntity", got)
			}
			if pe := r["tender"].(map[string]any)["procuringEntity"].(map[string]any); pe["id"] != "GM0796" {
				t.Errorf("procuringEntity = %v, want the lead", pe)
			}
			buyers := 0
			for _, p := range r["parties"].([]any) {
				if hasRole(p.(map[string]any), "buyer") {
					buyers++
				}
			}
			for _, org := range tt.participants {
				if p := party(r, org); p == nil || !hasRole(p, "buyer") {
					t.Errorf("participant %s is not a party with role buyer: %v", org, p)
				}
			}
			if want := len(tt.participants); tt.name == "lead runs the procedure for others" {
				want++ // the lead
				if buyers != want {
					t.Errorf("%d parties with role buyer, want %d: the participants and the lead", buyers, want)
				}
			} else if buyers != want {
				t.Errorf("%d parties with role buyer, want %d participants", buyers, want)
			}
		})
	}
}

// TestOCDSCallOffBuyer: every call-off contract names its participant as
// buyer (contract_buyer extension, declared in the package), a party with
// role buyer under the same name.
func TestOCDSCallOffBuyer(t *testing.T) {
	b := ocdsBytes(t, fixtureDossier(contractedView()))
	var pkg struct {
		Extensions []string `json:"extensions"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(pkg.Extensions, " "), exports.OCDSContractBuyerExtension) {
		t.Errorf("extensions = %v, want the contract buyer extension declared", pkg.Extensions)
	}
	r := release(t, b)
	perOrg := map[string]int{}
	for _, c := range r["contracts"].([]any) {
		c := c.(map[string]any)
		checkBuyerRef(t, r, fmt.Sprint(c["id"]), c["buyer"])
		buyer, _ := c["buyer"].(map[string]any)
		id, _ := buyer["id"].(string)
		perOrg[id]++
		if desc, _ := c["description"].(string); !strings.Contains(desc, "("+id+")") {
			t.Errorf("%s: buyer %s, but the description names another: %s", c["id"], id, desc)
		}
	}
	want := map[string]int{"GM0088": 3, "GM0796": 3, "GM1721": 3, "GM1900": 3, "GM1970": 3}
	if fmt.Sprint(perOrg) != fmt.Sprint(want) {
		t.Errorf("call-offs per buyer = %v, want %v (one per participant and lot)", perOrg, want)
	}
}

// amounts returns every value.amount in the package by its JSON path.
func amounts(v any, path string, out map[string]string) map[string]string {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if k == "value" {
				if val, ok := x.(map[string]any); ok {
					out[path+"/value"] = fmt.Sprint(val["amount"])
				}
			}
			amounts(x, path+"/"+k, out)
		}
	case []any:
		for i, x := range v {
			amounts(x, fmt.Sprintf("%s/%d", path, i), out)
		}
	}
	return out
}

// TestOCDSUnknownValuesOmitted: a value that is not known is left out,
// never written as 0 (DESIGN §4), and a known one stays.
func TestOCDSUnknownValuesOmitted(t *testing.T) {
	tests := []struct {
		name        string
		d           exports.Dossier
		absent      []string
		present     map[string]string
		wantAmounts int
	}{
		{"everything known: tender, 3 lots, 3 awards, 15 call-offs", fixtureDossier(contractedView()), nil,
			map[string]string{"/releases/0/tender/value": "1935338.24", "/releases/0/tender/lots/2/value": "422000.00"}, 22},
		{"a quantity without annual value in lot 3: the tender, lot 3, its award and that call-off unknown",
			fixtureDossier(unvaluedView(contractedView())),
			[]string{"/releases/0/tender/value", "/releases/0/tender/lots/2/value", "/releases/0/awards/2/value", "/releases/0/contracts/2/value"},
			map[string]string{"/releases/0/tender/lots/0/value": "499338.24", "/releases/0/contracts/1/value": "3000.00", "/releases/0/contracts/5/value": "120000.00"}, 18},
		{"a participant without volume: the tender total unknown, every lot known", fixtureDossier(withoutVolumeView(dossierView())),
			[]string{"/releases/0/tender/value"}, map[string]string{"/releases/0/tender/lots/1/value": "1014000.00"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pkg any
			d := json.NewDecoder(strings.NewReader(string(ocdsBytes(t, tt.d))))
			d.UseNumber()
			if err := d.Decode(&pkg); err != nil {
				t.Fatal(err)
			}
			got := amounts(pkg, "", map[string]string{})
			for path, amount := range got {
				if strings.Trim(strings.ReplaceAll(amount, ".", ""), "0") == "" || amount == "<nil>" {
					t.Errorf("%s amount %s: an unknown value written as a number", path, amount)
				}
			}
			for _, path := range tt.absent {
				if a, ok := got[path]; ok {
					t.Errorf("%s = %s, want it left out (unknown)", path, a)
				}
			}
			for path, want := range tt.present {
				if got[path] != want {
					t.Errorf("%s = %q, want %s", path, got[path], want)
				}
			}
			if len(got) != tt.wantAmounts {
				t.Errorf("%d values, want %d", len(got), tt.wantAmounts)
			}
		})
	}
}

// TestOCDSReleaseIdentity: the release id follows from the content and
// its recorded date; when the package is made does not change it.
func TestOCDSReleaseIdentity(t *testing.T) {
	recorded := time.Date(2026, 11, 20, 9, 15, 0, 0, contracts.Amsterdam)
	at := func(v procurement.TenderView, generated, released time.Time) exports.Dossier {
		d := fixtureDossier(v)
		d.Generated, d.Released = generated, released
		return d
	}
	base := at(contractedView(), dossierGenerated, recorded)
	retitled := contractedView()
	retitled.Tender.Title += " (herzien)"
	revalued := unvaluedView(contractedView())
	type ident struct{ id, date, fingerprint string }
	of := func(d exports.Dossier) ident {
		r := release(t, ocdsBytes(t, d))
		fingerprint, err := exports.OCDSFingerprint(d)
		if err != nil {
			t.Fatal(err)
		}
		return ident{r["id"].(string), r["date"].(string), fingerprint}
	}
	want := of(base)
	if want.date != "2026-11-20T08:15:00Z" {
		t.Errorf("release date = %s, want the recorded date 2026-11-20T08:15:00Z", want.date)
	}
	if !strings.HasPrefix(want.id, "ocds-t3st42-42-") || len(want.fingerprint) != 64 {
		t.Errorf("id %q, fingerprint %q: want the ocid and a hash, and a SHA-256 in hex", want.id, want.fingerprint)
	}
	tests := []struct {
		name                          string
		d                             exports.Dossier
		sameID, sameDate, sameContent bool
	}{
		{"same data exported again a day later: same release", at(contractedView(), dossierGenerated.AddDate(0, 0, 1), recorded), true, true, true},
		{"same data loaded afresh: same release", at(contractedView(), dossierGenerated, recorded), true, true, true},
		{"another title: a new release", at(retitled, dossierGenerated, recorded), false, true, false},
		{"an unknown annual value: a new release", at(revalued, dossierGenerated, recorded), false, true, false},
		{"same content recorded again later (after a change back): a new release", at(contractedView(), dossierGenerated, recorded.Add(time.Hour)), false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := of(tt.d)
			if (got.id == want.id) != tt.sameID {
				t.Errorf("id %s against %s: same = %v, want %v", got.id, want.id, got.id == want.id, tt.sameID)
			}
			if (got.date == want.date) != tt.sameDate {
				t.Errorf("date %s against %s: same = %v, want %v", got.date, want.date, got.date == want.date, tt.sameDate)
			}
			if (got.fingerprint == want.fingerprint) != tt.sameContent {
				t.Errorf("fingerprint same = %v, want %v", got.fingerprint == want.fingerprint, tt.sameContent)
			}
		})
	}
}

// TestOCDSLicense: the licence and the publication policy are package
// fields when configured, and left out when not.
func TestOCDSLicense(t *testing.T) {
	type pkg struct {
		License           *string `json:"license"`
		PublicationPolicy *string `json:"publicationPolicy"`
	}
	var with, without pkg
	if err := json.Unmarshal(ocdsBytes(t, licensedDossier(dossierView())), &with); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(ocdsBytes(t, fixtureDossier(dossierView())), &without); err != nil {
		t.Fatal(err)
	}
	if with.License == nil || *with.License != "https://creativecommons.org/publicdomain/zero/1.0/" {
		t.Errorf("license = %v, want the configured URL, trimmed", with.License)
	}
	if with.PublicationPolicy == nil || *with.PublicationPolicy != "https://samenkoop.example.nl/publicatiebeleid" {
		t.Errorf("publicationPolicy = %v, want the configured URL", with.PublicationPolicy)
	}
	if without.License != nil || without.PublicationPolicy != nil {
		t.Errorf("without configuration: license %v, publicationPolicy %v; want both left out", without.License, without.PublicationPolicy)
	}
}

// TestRegisteredOCIDPrefix: "ocds-" and six lowercase letters or digits
// (OCDS 1.1.5, Identifiers, OCID prefix); the default is not of that form.
func TestRegisteredOCIDPrefix(t *testing.T) {
	tests := []struct {
		prefix string
		want   bool
	}{
		{"ocds-213czf", true},
		{"ocds-t3st42", true},
		{exports.DefaultOCIDPrefix, false},
		{"ocds-213CZF", false}, // lowercase only
		{"ocds-213cz", false},
		{"ocds-213czf7", false},
		{"ocds_213czf", false},
		{"xyz-213czf", false},
		{"ocds-213-zf", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := exports.RegisteredOCIDPrefix(tt.prefix); got != tt.want {
			t.Errorf("RegisteredOCIDPrefix(%q) = %v, want %v", tt.prefix, got, tt.want)
		}
	}
}

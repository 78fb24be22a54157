package exports_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/procurement"
)

func ocdsBytes(t *testing.T, d exports.Dossier) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.OCDS(&buf, d); err != nil {
		t.Fatalf("OCDS: %v", err)
	}
	return buf.Bytes()
}

// ocdsCases are the fixture before publication (one mandate unsigned) and
// after the call-off contracts were made.
var ocdsCases = []struct {
	name   string
	golden string
	view   func() procurement.TenderView
}{
	{"mandating", "ocds_mandating.golden", dossierView},
	{"contracted", "ocds_contracted.golden", contractedView},
}

// TestOCDSGolden compares the release package byte for byte (STYLE §11);
// run with -update to rewrite the goldens.
func TestOCDSGolden(t *testing.T) {
	for _, tt := range ocdsCases {
		t.Run(tt.name, func(t *testing.T) {
			checkGolden(t, tt.golden, ocdsBytes(t, fixtureDossier(tt.view())))
		})
	}
}

// TestOCDSDeterministic writes the same package twice: map order or the
// clock must not change a byte.
func TestOCDSDeterministic(t *testing.T) {
	a := ocdsBytes(t, fixtureDossier(contractedView()))
	b := ocdsBytes(t, fixtureDossier(contractedView()))
	if !bytes.Equal(a, b) {
		t.Error("two packages of the same input differ")
	}
}

// ocdsRefDir is where the OCDS schema and the lots extension lie: the
// shared reference folder beside the repository. Never copied into it.
var ocdsRefDir = filepath.Join("..", "..", "shared", "reference", "ocds")

const releaseSchemaID = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"

// contractBuyerPatch is the release schema patch of the contract_buyer
// extension (OCDSContractBuyerExtension) for the field the package uses:
// Contract.buyer, an OrganizationReference (release-schema.json of
// open-contracting-extensions/ocds_contract_buyer_extension at commit
// 1d931c23, 2023-06-22; the shared reference folder has no copy). Its
// Award.buyers is left out: the package does not use it.
const contractBuyerPatch = `{"definitions": {"Contract": {"properties": {"buyer": {
	"title": "Buyer", "$ref": "#/definitions/OrganizationReference"}}}}}`

// ocdsSchema compiles the release package schema of OCDS 1.1.5 with the
// release schema patched by the lots extension (v1.1.5) and the contract
// buyer extension, as the extensions' documentation says: an extension is
// a JSON Merge Patch (RFC 7386) on the release schema.
func ocdsSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	load := func(name string) any {
		f, err := os.Open(filepath.Join(ocdsRefDir, name))
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("OCDS schema not validated: %s is absent (it lies beside the repository in shared/reference/ocds)", filepath.Join(ocdsRefDir, name))
		}
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return doc
	}
	contractBuyer, err := jsonschema.UnmarshalJSON(strings.NewReader(contractBuyerPatch))
	if err != nil {
		t.Fatal(err)
	}
	release := mergePatch(mergePatch(load("release-schema.json"), load("lots-extension-release-schema-v1.1.5.json")), contractBuyer)
	pkg := load("release-package-schema.json")
	pkgID, _ := pkg.(map[string]any)["id"].(string)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat()
	if err := c.AddResource(releaseSchemaID, release); err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource(pkgID, pkg); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(pkgID)
	if err != nil {
		t.Fatalf("compile the OCDS package schema: %v", err)
	}
	return sch
}

// mergePatch applies patch to target as RFC 7386 says: objects merge
// member by member, null removes a member, anything else replaces.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, ok := target.(map[string]any)
	if !ok {
		t = map[string]any{}
	}
	for k, v := range p {
		if v == nil {
			delete(t, k)
			continue
		}
		t[k] = mergePatch(t[k], v)
	}
	return t
}

// TestOCDSValidates validates the packages against the official schema
// with the lots and contract buyer extensions: both goldens, the packages
// with unknown values left out, and one with a licence and a publication
// policy. The test skips when the schema folder is absent.
func TestOCDSValidates(t *testing.T) {
	sch := ocdsSchema(t)
	cases := []struct {
		name string
		d    exports.Dossier
	}{
		{"mandating", fixtureDossier(dossierView())},
		{"contracted", fixtureDossier(contractedView())},
		{"contracted with an unknown annual value", fixtureDossier(unvaluedView(contractedView()))},
		{"mandating with a participant without volume", fixtureDossier(withoutVolumeView(dossierView()))},
		{"with licence and publication policy", licensedDossier(contractedView())},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(ocdsBytes(t, tt.d)))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("the package does not validate against OCDS 1.1.5 with the lots and contract buyer extensions:\n%v", err)
			}
		})
	}
}

// TestOCDSSchemaCatchesErrors shows the validation can fail: a package
// with an amount as text, an unknown tender status and a call-off buyer
// that is not an organization reference is refused.
func TestOCDSSchemaCatchesErrors(t *testing.T) {
	sch := ocdsSchema(t)
	var pkg map[string]any
	if err := json.Unmarshal(ocdsBytes(t, fixtureDossier(dossierView())), &pkg); err != nil {
		t.Fatal(err)
	}
	tender := pkg["releases"].([]any)[0].(map[string]any)["tender"].(map[string]any)
	tender["status"] = "mandating"
	tender["lots"].([]any)[0].(map[string]any)["value"].(map[string]any)["amount"] = "1.234,56"
	pkg["releases"].([]any)[0].(map[string]any)["contracts"] = []any{map[string]any{"id": "c", "awardID": "a", "buyer": "GM0796"}}
	b, _ := json.Marshal(pkg)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	err = sch.Validate(inst)
	if err == nil {
		t.Fatal("a package with a tender status outside the codelist and a text amount validated")
	}
	for _, want := range []string{"/tender/status", "/tender/lots/0/value/amount", "/contracts/0/buyer"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("validation error does not name %s:\n%v", want, err)
		}
	}
}

// release decodes the one release of a package.
func release(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var pkg struct {
		Releases []map[string]any `json:"releases"`
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&pkg); err != nil || len(pkg.Releases) != 1 {
		t.Fatalf("decode package: %v (%d releases)", err, len(pkg.Releases))
	}
	return pkg.Releases[0]
}

func rolesByParty(r map[string]any) map[string]string {
	out := map[string]string{}
	for _, p := range r["parties"].([]any) {
		party := p.(map[string]any)
		var roles []string
		for _, role := range party["roles"].([]any) {
			roles = append(roles, role.(string))
		}
		out[party["id"].(string)] = strings.Join(roles, ",")
	}
	return out
}

// TestOCDSMapping checks the mapping's rules one by one, on top of the
// golden.
func TestOCDSMapping(t *testing.T) {
	mandating := release(t, ocdsBytes(t, fixtureDossier(dossierView())))
	contracted := release(t, ocdsBytes(t, fixtureDossier(contractedView())))
	tender := func(r map[string]any) map[string]any { return r["tender"].(map[string]any) }
	count := func(r map[string]any, key string) int {
		list, _ := r[key].([]any)
		return len(list)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"ocid is the configured prefix, a dash and the tender id", mandating["ocid"], "ocds-t3st42-42"},
		{"without a recorded release date the release is dated when generated, in UTC", mandating["date"], "2026-11-22T13:30:00Z"},
		{"release id: the ocid and 16 hex digits of the content's hash", len(mandating["id"].(string)), len("ocds-t3st42-42-") + 16},
		{"lead authority is buyer and procuring entity", rolesByParty(mandating)["GM0796"], "buyer,procuringEntity"},
		{"the lead authority is the release's buyer", mandating["buyer"].(map[string]any)["id"], "GM0796"},
		{"every participant is a buyer", rolesByParty(mandating)["GM1900"], "buyer"},
		{"no supplier before the award", rolesByParty(mandating)["vendor-3"], ""},
		{"supplier after the award, once per vendor", rolesByParty(contracted)["vendor-3"], "supplier"},
		{"parties: 5 participants, then 2 vendors", len(rolesByParty(contracted)), 7},
		{"tender status before publication", tender(mandating)["status"], "planning"},
		{"tender status after contracted", tender(contracted)["status"], "complete"},
		{"open procedure maps to open", tender(mandating)["procurementMethod"], "open"},
		{"three lots", len(tender(mandating)["lots"].([]any)), 3},
		{"no awards before the award", count(mandating, "awards"), 0},
		{"one award per lot", count(contracted, "awards"), 3},
		{"no contracts before contracted", count(mandating, "contracts"), 0},
		{"one contract per call-off (5 participants × 3 lots)", count(contracted, "contracts"), 15},
		{"tag of the stage reached", contracted["tag"].([]any)[0], "contract"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	// Súdwest-Fryslân's call-off in lot 1: € 1.234,56 a year over the
	// 24-month initial term is exactly 2469.12, written from the cents.
	for _, c := range contracted["contracts"].([]any) {
		c := c.(map[string]any)
		if strings.Contains(c["title"].(string), "Súdwest-Fryslân, perceel 1") {
			amount := c["value"].(map[string]any)["amount"].(json.Number)
			if amount != "2469.12" {
				t.Errorf("Súdwest-Fryslân lot 1 contract amount = %s, want 2469.12", amount)
			}
			return
		}
	}
	t.Error("no contract for Súdwest-Fryslân in lot 1")
}

// TestOCIDDefaultPrefix: without a configured prefix the placeholder is
// used, never an empty ocid.
func TestOCIDDefaultPrefix(t *testing.T) {
	d := exports.NewDossier(dossierView(), dossierGenerated, exports.DossierOptions{})
	if got, want := d.OCID(), exports.DefaultOCIDPrefix+"-42"; got != want {
		t.Errorf("OCID() = %q, want %q", got, want)
	}
}

// TestOCDSContractPeriodMonthRule: the planned contract period ends by
// the month rule of Reg. 1182/71 art. 3(2)(c) (DESIGN §4, contracts.TermEnd),
// not one day early as "start + months − 1 day" with clamping would say.
func TestOCDSContractPeriodMonthRule(t *testing.T) {
	tests := []struct {
		name            string
		start           contracts.Date
		term            int
		options         []procurement.Option
		wantEnd, wantMx string
	}{
		{"DESIGN §4: 31-03-2027 + 1 month ends 30-04-2027; with 2 × 12 months of options 30-04-2029",
			date(2027, 3, 31), 1, []procurement.Option{{Months: 12}, {Months: 12}}, "2027-04-30", "2029-04-30"},
		{"Reg. 1182/71 art. 3(2)(c): 31-05-2027 + 9 months ends 29-02-2028 (leap year); with a 3-month option 30-05-2028",
			date(2027, 5, 31), 9, []procurement.Option{{Months: 3}}, "2028-02-29", "2028-05-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := dossierView()
			v.Tender.NeededStart, v.Tender.TermMonths, v.Tender.Options = tt.start, tt.term, tt.options
			v.Plan = plan(v)
			if got := v.Plan.Start(); got != tt.start {
				t.Fatalf("plan start = %s, want %s", got, tt.start)
			}
			period, _ := release(t, ocdsBytes(t, fixtureDossier(v)))["tender"].(map[string]any)["contractPeriod"].(map[string]any)
			end, _ := period["endDate"].(string)
			mx, _ := period["maxExtentDate"].(string)
			if !strings.HasPrefix(end, tt.wantEnd) || !strings.HasPrefix(mx, tt.wantMx) {
				t.Errorf("contractPeriod end %s, max extent %s; want %s, %s", end, mx, tt.wantEnd, tt.wantMx)
			}
		})
	}
}

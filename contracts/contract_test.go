package contracts

import (
	"slices"
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

func validContract() Contract {
	return Contract{Organization: "GM0363", Number: "2023-ICT-014", Title: "Mobiele telefonie", VendorID: 1,
		Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12,
		NoticeMonths: 3, LeadDays: 30, AnnualValue: 12_500_000, Status: StatusActive}
}

func TestContractValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Contract)
		fields []string
	}{
		{"valid", func(*Contract) {}, nil},
		{"end before start: a term below one month", func(c *Contract) { c.InitialTermMonths = 0 }, []string{"initialTermMonths"}},
		{"notice longer than the term", func(c *Contract) { c.InitialTermMonths, c.RenewalPeriodMonths, c.NoticeMonths = 6, 6, 9 }, []string{"noticeMonths"}},
		{"unknown renewal kind", func(c *Contract) { c.RenewalKind = "sometimes" }, []string{"renewalKind"}},
		{"negative value", func(c *Contract) { c.AnnualValue = -1 }, []string{"annualValue"}},
		{"tacit renewal needs a period", func(c *Contract) { c.RenewalPeriodMonths = 0 }, []string{"renewalPeriodMonths"}},
		{"express options must be finite", func(c *Contract) { c.RenewalKind = RenewalExpress }, []string{"maxRenewals"}},
		{"maximum end before the initial end", func(c *Contract) { c.MaxEnd = d(2025, 1, 1) }, []string{"maxEnd"}},
		{"everything missing is listed at once", func(c *Contract) { *c = Contract{} },
			[]string{"organization", "number", "title", "vendorId", "start", "initialTermMonths", "renewalKind", "status"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := validContract()
			tt.change(&c)
			var got []string
			for _, fe := range apperr.Fields(c.Validate()) {
				got = append(got, fe.Field)
			}
			for _, f := range tt.fields {
				if !slices.Contains(got, f) {
					t.Errorf("Validate() fields = %v, missing %s", got, f)
				}
			}
			if len(tt.fields) == 0 && len(got) > 0 {
				t.Errorf("Validate() = %v, want valid", got)
			}
		})
	}
}

func TestVendorKVK(t *testing.T) {
	t.Parallel()
	for kvk, ok := range map[string]bool{"12345678": true, "": true, "1234567": false, "123456789": false, "1234567a": false} {
		err := Vendor{Name: "KPN B.V.", KVK: kvk, Country: "NL"}.Validate()
		if (err == nil) != ok {
			t.Errorf("KvK %q: err = %v, want valid %v", kvk, err, ok)
		}
	}
}

// TestVendorAddress: a Dutch vendor's postcode is written as an
// organization's (1011 AB); a foreign one keeps its own form.
func TestVendorAddress(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		country, postcode string
		ok                bool
	}{{"NL", "3818 LE", true}, {"NL", "3818LE", true}, {"NL", "", true}, {"NL", "3818", false}, {"NL", "0818 LE", false},
		{"IE", "D01 K7W2", true}, {"DE", "10115", true}} {
		err := Vendor{Name: "Polderlink B.V.", Country: tt.country, Street: "Stationsplein 8", Postcode: tt.postcode, City: "Amersfoort"}.Validate()
		fe := apperr.Fields(err)
		if tt.ok != (err == nil) || !tt.ok && (len(fe) != 1 || fe[0].Field != "postcode" || fe[0].Code != apperr.PostcodeFormat) {
			t.Errorf("%s postcode %q: %v, want valid %v", tt.country, tt.postcode, err, tt.ok)
		}
	}
	if fe := apperr.Fields(Vendor{Name: "X", Country: "NL", City: "Amers\x00foort"}.Validate()); len(fe) != 1 || fe[0].Field != "city" {
		t.Errorf("city with a control character: %v, want one problem with city", fe)
	}
}

func TestLicenceOverQuota(t *testing.T) {
	t.Parallel()
	tests := []struct {
		qty, inUse int
		want       bool
	}{{100, 101, true}, {100, 100, false}, {Unlimited, 5000, false}, {100, -1, false}}
	for _, tt := range tests {
		l := LicenceLine{Quantity: tt.qty, SeatsInUse: tt.inUse}
		if got := l.OverQuota(); got != tt.want {
			t.Errorf("OverQuota(quantity %d, in use %d) = %v, want %v", tt.qty, tt.inUse, got, tt.want)
		}
	}
	bad := LicenceLine{Product: "Office", Metric: "seat", Quantity: 0, SeatsInUse: -2, UnitPrice: -1, PricePeriod: "week"}
	if fe := apperr.Fields(bad.Validate()); len(fe) != 5 {
		t.Errorf("Validate(bad line) = %v, want metric, quantity, seatsInUse, unitPrice, pricePeriod", fe)
	}
}

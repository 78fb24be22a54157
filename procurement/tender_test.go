package procurement

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// checkFieldErrors fails t unless err is apperr.FieldErrors on exactly the
// fields want (in any order) and, when msg is set, one message contains it.
// A nil want expects no error.
func checkFieldErrors(t *testing.T, call string, err error, want []string, msg string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Errorf("%s = %v, want nil", call, err)
		}
		return
	}
	if !errors.Is(err, apperr.Invalid) {
		t.Fatalf("%s = %v, want apperr.Invalid on %v", call, err, want)
	}
	if got := timelineFields(err); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("%s fields = %v, want %v (%v)", call, got, want, err)
	}
	if msg != "" && !strings.Contains(err.Error(), msg) {
		t.Errorf("%s = %q, want a message containing %q", call, err, msg)
	}
}

func TestDemandValidate(t *testing.T) {
	t.Parallel()
	valid := Demand{Organization: "GM0363", CategoryID: 3, Quantity: 1200, Unit: "aansluitingen",
		DesiredStart: contracts.NewDate(2026, 7, 1), AnnualBudget: 250_000 * euro, Status: DemandSubmitted}
	tests := []struct {
		name   string
		edit   func(*Demand)
		want   []string
		wantIn string
	}{
		{"DESIGN §3 demand: organization × category with quantity and desired start is valid", func(*Demand) {}, nil, ""},
		{"DESIGN §3 demand: zero quantity is allowed (a participant may join without volume yet)", func(d *Demand) { d.Quantity = 0 }, nil, ""},
		{"DESIGN §3 demand: organization, category, desired start and status are required",
			func(d *Demand) { *d = Demand{} }, []string{"organization", "categoryId", "desiredStart", "status"}, ""},
		{"DESIGN §3 demand: negative quantity names the value", func(d *Demand) { d.Quantity = -5 }, []string{"quantity"}, "got -5"},
		{"DESIGN §3 demand: negative budget and replaced contract id", func(d *Demand) { d.AnnualBudget, d.ReplacesContractID = -1, -1 },
			[]string{"annualBudget", "replacesContractId"}, ""},
		{"DESIGN §3 demand: unit over 60 characters", func(d *Demand) { d.Unit = strings.Repeat("é", 61) }, []string{"unit"}, "60"},
		{"DESIGN §3 demand: unit of exactly 60 characters is fine", func(d *Demand) { d.Unit = strings.Repeat("é", 60) }, nil, ""},
		{"DESIGN §3 demand: notes over 2000 characters", func(d *Demand) { d.Notes = strings.Repeat("x", 2001) }, []string{"notes"}, ""},
		{"DESIGN §3 demand status: draft, submitted or withdrawn", func(d *Demand) { d.Status = "approved" }, []string{"status"}, "withdrawn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := valid
			tt.edit(&d)
			checkFieldErrors(t, "Demand.Validate()", d.Validate(), tt.want, tt.wantIn)
		})
	}
}

// TestDemandStatusValid: every listed status is valid, another is not.
// Their Dutch names are internal/nl's (TestEveryEnumValueHasOneDutchLabel).
func TestDemandStatusValid(t *testing.T) {
	t.Parallel()
	for _, s := range DemandStatuses() {
		if !s.Valid() {
			t.Errorf("DemandStatus %q: Valid false, want valid", s)
		}
	}
	if s := DemandStatus("approved"); s.Valid() {
		t.Errorf("DemandStatus %q: Valid true, want invalid", s)
	}
}

// validTender is a joint tender that passes Validate: the GT Mobiele
// Communicatie shape, a four-year framework with two one-year options that
// the coordinator justified.
func validTender() Tender {
	return Tender{
		Title: "GT Mobiele Communicatie 2", CategoryID: 3, CPV: "64212000-5", Lead: "GM0363", Kind: KindServices,
		Framework: true, FrameworkJustified: true, TermMonths: 48, Options: []Option{{Months: 12}, {Months: 12}},
		Electronic: true, DocumentsOnline: true, Status: TenderDraft,
	}
}

func TestTenderValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(*Tender)
		want   []string
		wantIn string
	}{
		{"DESIGN §3 tender: a justified 72-month framework is valid (Aw 2012 art. 2.140)", func(*Tender) {}, nil, ""},
		{"Aw 2012 art. 2.140: framework of 48 months including options needs no justification",
			func(tn *Tender) { tn.FrameworkJustified, tn.TermMonths, tn.Options = false, 36, []Option{{Months: 12}} }, nil, ""},
		{"Aw 2012 art. 2.140: framework over 48 months with options, no justification → termMonths",
			func(tn *Tender) { tn.FrameworkJustified = false }, []string{"termMonths"}, "Aw 2012 art. 2.140"},
		{"Aw 2012 art. 2.140: framework of 49 months, no justification → termMonths",
			func(tn *Tender) { tn.FrameworkJustified, tn.TermMonths, tn.Options = false, 49, nil }, []string{"termMonths"}, "got 49"},
		{"Aw 2012 art. 2.140 applies to frameworks only: a 72-month ordinary contract is valid",
			func(tn *Tender) { tn.Framework, tn.FrameworkJustified = false, false }, nil, ""},
		{"DESIGN §3 tender: term below one month", func(tn *Tender) { tn.TermMonths = 0 }, []string{"termMonths"}, "at least 1"},
		{"DESIGN §3 tender: term over 120 months", func(tn *Tender) { tn.TermMonths = 121 }, []string{"termMonths"}, "at most 120"},
		{"DESIGN §3 tender: title, category, lead, kind and status are required",
			func(tn *Tender) { *tn = Tender{TermMonths: 12} }, []string{"title", "categoryId", "lead", "kind", "status"}, ""},
		{"DESIGN §3 tender: blank title counts as missing", func(tn *Tender) { tn.Title = "   " }, []string{"title"}, "required"},
		{"DESIGN §3 tender: title over 200 characters", func(tn *Tender) { tn.Title = strings.Repeat("t", 201) }, []string{"title"}, "200"},
		{"DESIGN §3 category: CPV must have the form 64210000-1", func(tn *Tender) { tn.CPV = "6421" }, []string{"cpv"}, "64210000-1"},
		{"DESIGN §3 tender: an option of 0 months names its index",
			func(tn *Tender) { tn.Options = []Option{{Months: 12}, {Months: 0}} }, []string{"options[1].months"}, ""},
		{"DESIGN §3 tender: more than 10 options",
			func(tn *Tender) {
				tn.Framework, tn.Options = false, slices.Repeat([]Option{{Months: 1}}, 11)
			}, []string{"options"}, ""},
		{"DESIGN §4 procedure override without justification → procedureJustification (Aw 2012 art. 1.4)",
			func(tn *Tender) { tn.Procedure, tn.ProcedureJustification = ProcedureRestricted, "  " }, []string{"procedureJustification"}, "overridden"},
		{"DESIGN §4 procedure override with justification is valid",
			func(tn *Tender) {
				tn.Procedure, tn.ProcedureJustification = ProcedureRestricted, "veel marktpartijen verwacht"
			}, nil, ""},
		{"DESIGN §4 procedure override to an unknown procedure",
			func(tn *Tender) { tn.Procedure, tn.ProcedureJustification = "auction", "goedkoper" }, []string{"procedure"}, ""},
		{"DESIGN §4 lifecycle: unknown status", func(tn *Tender) { tn.Status = "open" }, []string{"status"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tn := validTender()
			tt.edit(&tn)
			checkFieldErrors(t, "Tender.Validate()", tn.Validate(), tt.want, tt.wantIn)
		})
	}
}

func TestTenderTotalMonthsAndStates(t *testing.T) {
	t.Parallel()
	if got := validTender().TotalMonths(); got != 72 {
		t.Errorf("TotalMonths() of 48 + 12 + 12 = %d, want 72", got)
	}
	// DESIGN §4 lifecycle: terms change and organizations join only before
	// publication.
	open := map[TenderStatus]bool{TenderDraft: true, TenderCollecting: true, TenderMandating: true}
	for _, s := range TenderStatuses() {
		tn := Tender{Status: s}
		if tn.Editable() != open[s] || tn.Joinable() != open[s] {
			t.Errorf("status %s: Editable %v Joinable %v, want %v", s, tn.Editable(), tn.Joinable(), open[s])
		}
	}
}

func TestLotValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		lot  Lot
		want []string
	}{
		{"DESIGN §3 lot: title, CPV, unit and unit price", Lot{Title: "Mobiele telefonie", CPV: "64212000-5", Unit: "aansluiting", UnitPrice: 120 * euro}, nil},
		{"DESIGN §3 lot: title is required", Lot{Title: " "}, []string{"title"}},
		{"DESIGN §3 lot: title over 200 characters", Lot{Title: strings.Repeat("p", 201)}, []string{"title"}},
		{"DESIGN §3 lot: malformed CPV, long unit and negative unit price",
			Lot{Title: "Vast", CPV: "64-21", Unit: strings.Repeat("u", 61), UnitPrice: -1}, []string{"cpv", "unit", "unitPrice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFieldErrors(t, "Lot.Validate()", tt.lot.Validate(), tt.want, "")
		})
	}
}

func TestMandateValidate(t *testing.T) {
	t.Parallel()
	today := contracts.NewDate(2025, 10, 15)
	signed := Mandate{Status: MandateSigned, Requested: contracts.NewDate(2025, 6, 1), Signed: contracts.NewDate(2025, 9, 2),
		Body: BodyCollege, Scope: MandateScope{Documents: true, Award: true}, Reference: "B&W 2025/118"}
	tests := []struct {
		name   string
		edit   func(*Mandate)
		want   []string
		wantIn string
	}{
		{"DESIGN §3 mandate: signed by the college with date and scope", func(*Mandate) {}, nil, ""},
		{"DESIGN §3 mandate: signed today is not in the future", func(m *Mandate) { m.Signed = today }, nil, ""},
		{"DESIGN §3 mandate: requested needs no date, body or scope", func(m *Mandate) { *m = Mandate{Status: MandateRequested} }, nil, ""},
		{"DESIGN §3 mandate: signed without date, body and scope",
			func(m *Mandate) { *m = Mandate{Status: MandateSigned} }, []string{"mandate.signed", "mandate.body", "mandate.scope"}, ""},
		{"DESIGN §3 mandate: signing date in the future", func(m *Mandate) { m.Signed = today.AddDays(1) }, []string{"mandate.signed"}, "future"},
		{"DESIGN §3 mandate: signed with an empty scope", func(m *Mandate) { m.Scope = MandateScope{} }, []string{"mandate.scope"}, "at least one"},
		{"DESIGN §3 mandate: litigation alone is a scope", func(m *Mandate) { m.Scope = MandateScope{Litigation: true} }, nil, ""},
		{"DESIGN §3 mandate: a requested mandate has no signing date",
			func(m *Mandate) { m.Status = MandateRequested }, []string{"mandate.signed"}, "only set"},
		{"DESIGN §3 mandate: unknown status and deciding body",
			func(m *Mandate) { m.Status, m.Body = "pending", "wethouder" }, []string{"mandate.status", "mandate.body", "mandate.signed"}, ""},
		{"DESIGN §3 mandate: reference over 200 characters", func(m *Mandate) { m.Reference = strings.Repeat("r", 201) }, []string{"mandate.reference"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := signed
			tt.edit(&m)
			checkFieldErrors(t, "Mandate.Validate(2025-10-15)", m.Validate(today), tt.want, tt.wantIn)
		})
	}
}

// TestMandateAndBodyNames: every listed mandate status, deciding body and
// rating is valid, other values are not. Their Dutch names are
// internal/nl's (TestEveryEnumValueHasOneDutchLabel).
func TestMandateAndBodyNames(t *testing.T) {
	t.Parallel()
	for _, s := range MandateStatuses() {
		if !s.Valid() {
			t.Errorf("MandateStatus %q: Valid false", s)
		}
	}
	for _, b := range DecidingBodies() {
		if !b.Valid() {
			t.Errorf("DecidingBody %q: Valid false", b)
		}
	}
	for _, r := range Ratings() {
		if !r.Valid() {
			t.Errorf("Rating %q: Valid false", r)
		}
	}
	if DecidingBody("wethouder").Valid() || Rating("maybe").Valid() || MandateStatus("pending").Valid() {
		t.Error("unknown body, rating or mandate status reported valid")
	}
}

func TestRequirementValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		req    Requirement
		want   []string
		wantIn string
	}{
		{"DESIGN §3 requirement: knock-out with MoSCoW ratings",
			Requirement{Text: "Dekking 4G in de hele gemeente", Kind: KnockOut, Ratings: map[string]Rating{"GM0363": Must, "GM0014": Wont}}, nil, ""},
		{"DESIGN §3 requirement: award criterion without ratings yet", Requirement{Text: "eSIM", Kind: AwardCriterion}, nil, ""},
		{"DESIGN §3 requirement: text and kind are required", Requirement{Text: "  ", Kind: "wish"}, []string{"text", "kind"}, ""},
		{"DESIGN §3 requirement: text over 2000 characters", Requirement{Text: strings.Repeat("e", 2001), Kind: KnockOut}, []string{"text"}, "2000"},
		{"DESIGN §4 MoSCoW: a rating other than must/should/could/wont names the participant's field",
			Requirement{Text: "eSIM", Kind: AwardCriterion, Ratings: map[string]Rating{"GM0363": Should, "GM0014": "nice"}},
			[]string{"ratings.GM0014"}, `got "nice"`},
		{"DESIGN §4 MoSCoW: every invalid rating is reported",
			Requirement{Text: "eSIM", Kind: AwardCriterion, Ratings: map[string]Rating{"GM0599": "", "GM0014": "MUST", "GM0363": Could}},
			[]string{"ratings.GM0014", "ratings.GM0599"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFieldErrors(t, "Requirement.Validate()", tt.req.Validate(), tt.want, tt.wantIn)
		})
	}
}

// TestRequirementValidateOrder: the API lists field errors as Validate
// returns them, so two calls on the same input must list them alike.
func TestRequirementValidateOrder(t *testing.T) {
	t.Parallel()
	ratings := map[string]Rating{}
	for _, org := range []string{"GM0363", "GM0014", "GM0599", "GM0344", "GM0518", "GM0034", "GM0202", "GM0307"} {
		ratings[org] = "?"
	}
	r := Requirement{Text: "eSIM", Kind: AwardCriterion, Ratings: ratings}
	var want []string
	for _, f := range apperr.Fields(r.Validate()) {
		want = append(want, f.Field)
	}
	if !slices.IsSorted(want) {
		t.Errorf("Requirement.Validate() fields = %v, want them by organization code", want)
	}
}

func TestParticipantValidateVolumes(t *testing.T) {
	t.Parallel()
	lots := []Lot{{ID: 11, Title: "Mobiel"}, {ID: 12, Title: "Vast"}}
	tests := []struct {
		name    string
		volumes []LotVolume
		want    []string
		wantIn  string
	}{
		{"DESIGN §3 participant: demand per lot", []LotVolume{{LotID: 11, Quantity: 800, Annual: 96_000 * euro}, {LotID: 12, Quantity: 0}}, nil, ""},
		{"DESIGN §3 participant: no volumes yet", nil, nil, ""},
		{"DESIGN §3 participant: negative quantity and annual value",
			[]LotVolume{{LotID: 11, Quantity: -1, Annual: -100}}, []string{"volumes[0].quantity", "volumes[0].annual"}, "got -1"},
		{"DESIGN §3 participant: a lot of another tender", []LotVolume{{LotID: 11}, {LotID: 99}}, []string{"volumes[1].lotId"}, "lot 99 is not a lot"},
		{"DESIGN §3 participant: the same lot twice", []LotVolume{{LotID: 12}, {LotID: 11}, {LotID: 12}}, []string{"volumes[2].lotId"}, "lot 12 appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := Participant{Organization: "GM0363", Volumes: tt.volumes}
			checkFieldErrors(t, "Participant.ValidateVolumes()", p.ValidateVolumes(lots), tt.want, tt.wantIn)
		})
	}
}

func TestParticipantAnnualAndVolume(t *testing.T) {
	t.Parallel()
	p := Participant{Volumes: []LotVolume{{LotID: 11, Quantity: 800, Annual: 96_000 * euro}, {LotID: 12, Quantity: 40, Annual: 4_000 * euro}}}
	if got := p.Annual(); got != 100_000*euro {
		t.Errorf("Annual() = %d, want %d", got, 100_000*euro)
	}
	if v, ok := p.Volume(12); !ok || v.Quantity != 40 {
		t.Errorf("Volume(12) = %+v, %v; want quantity 40", v, ok)
	}
	if v, ok := p.Volume(13); ok {
		t.Errorf("Volume(13) = %+v, true; want none", v)
	}
}

package procurement

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The procurement-policy bands of an organization (DESIGN §4), kept in
// the settings: what a tender below the EU threshold is determined with.

// policyKey is the settings key of an organization's policy bands.
func policyKey(org string) string { return "procurement.policyBands." + org }

// policyBandsJSON is how policy bands are kept in the settings. The works
// bands came later: settings without them keep the default works bands,
// as an assumption.
type policyBandsJSON struct {
	SingleSourceBelow         contracts.Money  `json:"singleSourceBelow"`
	MultiplePrivateBelow      contracts.Money  `json:"multiplePrivateBelow"`
	WorksSingleSourceBelow    *contracts.Money `json:"worksSingleSourceBelow,omitempty"`
	WorksMultiplePrivateBelow *contracts.Money `json:"worksMultiplePrivateBelow,omitempty"`
}

// policyBands returns the organization's own procurement-policy bands, or
// the default bands (an assumption) when it has set none.
func (s *Service) policyBands(ctx context.Context, st Store, org string) (PolicyBands, error) {
	raw, err := st.Setting(ctx, policyKey(org))
	if errors.Is(err, apperr.NotFound) {
		return DefaultPolicyBands(), nil
	}
	if err != nil {
		return PolicyBands{}, err
	}
	var b policyBandsJSON
	if err := json.Unmarshal([]byte(raw), &b); err != nil {
		return PolicyBands{}, fmt.Errorf("policy bands of %s: %w", org, err)
	}
	out := PolicyBands{SingleSourceBelow: b.SingleSourceBelow, MultiplePrivateBelow: b.MultiplePrivateBelow}
	out.WorksSingleSourceBelow, out.WorksMultiplePrivateBelow, out.WorksAssumption = DefaultWorksBands()
	if b.WorksSingleSourceBelow != nil {
		out.WorksSingleSourceBelow, out.WorksMultiplePrivateBelow, out.WorksAssumption = *b.WorksSingleSourceBelow, 0, false
		if b.WorksMultiplePrivateBelow != nil {
			out.WorksMultiplePrivateBelow = *b.WorksMultiplePrivateBelow
		}
	}
	return out, nil
}

// PolicyBands returns the organization's procurement-policy bands.
func (s *Service) PolicyBands(ctx context.Context, org string) (PolicyBands, error) {
	if _, err := s.store.Organization(ctx, org); err != nil {
		return PolicyBands{}, fmt.Errorf("procurement: policy bands: %w", err)
	}
	return s.policyBands(ctx, s.store, org)
}

// SetPolicyBands records the organization's own procurement-policy bands
// (DESIGN §4: configurable per organization, separately for works). Bands
// must be positive and increasing; a zero upper band means "up to the EU
// threshold". Zero works bands keep the default works bands, which stay
// an assumption.
func (s *Service) SetPolicyBands(ctx context.Context, scope contracts.Scope, org string, b PolicyBands) error {
	if err := checkScope(scope, org); err != nil {
		return fmt.Errorf("procurement: policy bands: %w", err)
	}
	var fe apperr.FieldErrors
	checkBands(&fe, "singleSourceBelow", "multiplePrivateBelow", b.SingleSourceBelow, b.MultiplePrivateBelow)
	stored := policyBandsJSON{SingleSourceBelow: b.SingleSourceBelow, MultiplePrivateBelow: b.MultiplePrivateBelow}
	switch {
	case b.WorksSingleSourceBelow == 0 && b.WorksMultiplePrivateBelow == 0:
	case b.WorksSingleSourceBelow == 0:
		fe.Add("worksSingleSourceBelow", apperr.RequiredWith, "worksMultiplePrivateBelow")
	default:
		checkBands(&fe, "worksSingleSourceBelow", "worksMultiplePrivateBelow", b.WorksSingleSourceBelow, b.WorksMultiplePrivateBelow)
		stored.WorksSingleSourceBelow, stored.WorksMultiplePrivateBelow = &b.WorksSingleSourceBelow, &b.WorksMultiplePrivateBelow
	}
	if err := fe.Err(); err != nil {
		return err
	}
	raw, _ := json.Marshal(stored)
	err := s.store.InTx(ctx, func(st Store) error {
		if _, err := st.Organization(ctx, org); err != nil {
			return err
		}
		return st.SetSetting(ctx, policyKey(org), string(raw))
	})
	if err != nil {
		return fmt.Errorf("procurement: policy bands: %w", err)
	}
	return nil
}

// checkBands checks one pair of bands: single positive, multiple zero (up
// to the EU threshold) or above single.
func checkBands(fe *apperr.FieldErrors, singleField, multipleField string, single, multiple contracts.Money) {
	if single <= 0 {
		fe.Add(singleField, apperr.Positive)
	} else {
		contracts.CheckMoney(fe, singleField, single)
	}
	if multiple < 0 {
		fe.Add(multipleField, apperr.Negative, apperr.Cents(multiple))
	} else if multiple > contracts.MaxMoney {
		contracts.CheckMoney(fe, multipleField, multiple)
	} else if multiple > 0 && multiple <= single {
		fe.Add(multipleField, apperr.BandAbove, singleField)
	}
}

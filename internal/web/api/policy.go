package api

import (
	"context"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// An organization's procurement-policy bands below the EU threshold,
// which the tenders' procedure follows.

type policyBandsBody struct {
	SingleSourceBelow         int64 `json:"singleSourceBelow" doc:"Supplies and services: below this value one supplier may be asked, euro cents"`
	MultiplePrivateBelow      int64 `json:"multiplePrivateBelow,omitempty" doc:"Supplies and services: below this value several suppliers are invited; 0 means up to the EU threshold, euro cents"`
	Assumption                bool  `json:"assumption,omitempty" readOnly:"true" doc:"True when the organization has set no bands and the defaults apply"`
	WorksSingleSourceBelow    int64 `json:"worksSingleSourceBelow,omitempty" doc:"Works: below this value one supplier may be asked, euro cents; 0 on write keeps the default works bands (€150,000 and €1,500,000, an assumption)"`
	WorksMultiplePrivateBelow int64 `json:"worksMultiplePrivateBelow,omitempty" doc:"Works: below this value several suppliers are invited, from there up to the EU threshold a national open procedure; 0 means up to the EU threshold, euro cents"`
	WorksAssumption           bool  `json:"worksAssumption,omitempty" readOnly:"true" doc:"True when the works bands are the defaults (Gids Proportionaliteit's order of magnitude), not the organization's own"`
}

type policyBandsOutput struct {
	Body policyBandsBody
}

func (a *api) policyBands(ctx context.Context, in *codeInput) (*policyBandsOutput, error) {
	b, err := a.procurement.PolicyBands(ctx, in.Code)
	if err != nil {
		return nil, err
	}
	return &policyBandsOutput{Body: policyBandsBody{SingleSourceBelow: int64(b.SingleSourceBelow), MultiplePrivateBelow: int64(b.MultiplePrivateBelow), Assumption: b.Assumption,
		WorksSingleSourceBelow: int64(b.WorksSingleSourceBelow), WorksMultiplePrivateBelow: int64(b.WorksMultiplePrivateBelow), WorksAssumption: b.WorksAssumption}}, nil
}

type setPolicyBandsInput struct {
	Code string `path:"code" maxLength:"20"`
	Body policyBandsBody
}

func (a *api) setPolicyBands(ctx context.Context, in *setPolicyBandsInput) (*policyBandsOutput, error) {
	b := procurement.PolicyBands{SingleSourceBelow: contracts.Money(in.Body.SingleSourceBelow), MultiplePrivateBelow: contracts.Money(in.Body.MultiplePrivateBelow),
		WorksSingleSourceBelow: contracts.Money(in.Body.WorksSingleSourceBelow), WorksMultiplePrivateBelow: contracts.Money(in.Body.WorksMultiplePrivateBelow)}
	if err := a.procurement.SetPolicyBands(ctx, web.ScopeFrom(ctx), in.Code, b); err != nil {
		return nil, err
	}
	return a.policyBands(ctx, &codeInput{Code: in.Code})
}

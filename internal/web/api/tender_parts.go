package api

import (
	"context"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// A tender's parts: lots, participants with their volumes and mandates,
// requirements and their ratings. Each change answers with the whole
// tender.

type lotBody struct {
	Title     string `json:"title" example:"Mobiele communicatie"`
	CPV       string `json:"cpv,omitempty" example:"64212000-5"`
	Unit      string `json:"unit,omitempty" example:"aansluitingen"`
	UnitPrice int64  `json:"unitPrice,omitempty" minimum:"0" doc:"Assumed yearly price per unit, euro cents"`
}

type createLotInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body lotBody
}

func (a *api) createLot(ctx context.Context, in *createLotInput) (*tenderOutput, error) {
	b := in.Body
	if _, err := a.procurement.AddLot(ctx, procurement.Lot{TenderID: in.ID, Title: b.Title, CPV: b.CPV, Unit: b.Unit, UnitPrice: contracts.Money(b.UnitPrice)}); err != nil {
		return nil, err
	}
	out, err := a.tender(ctx, &tenderIDInput{ID: in.ID})
	if err == nil {
		out.Location = fmt.Sprintf("/api/v1/tenders/%d", in.ID)
	}
	return out, err
}

type lotInput struct {
	ID    int64 `path:"id" minimum:"1"`
	LotID int64 `path:"lotId" minimum:"1"`
}

type updateLotInput struct {
	ID    int64 `path:"id" minimum:"1"`
	LotID int64 `path:"lotId" minimum:"1"`
	Body  lotBody
}

func (a *api) updateLot(ctx context.Context, in *updateLotInput) (*tenderOutput, error) {
	b := in.Body
	if err := a.procurement.UpdateLot(ctx, procurement.Lot{ID: in.LotID, TenderID: in.ID, Title: b.Title, CPV: b.CPV, Unit: b.Unit, UnitPrice: contracts.Money(b.UnitPrice)}); err != nil {
		return nil, err
	}
	return a.tender(ctx, &tenderIDInput{ID: in.ID})
}

func (a *api) deleteLot(ctx context.Context, in *lotInput) (*struct{}, error) {
	return nil, a.procurement.DeleteLot(ctx, in.ID, in.LotID)
}

type participantInput struct {
	ID   int64  `path:"id" minimum:"1"`
	Code string `path:"code" maxLength:"20" example:"GM0363"`
}

type setParticipantInput struct {
	ID   int64  `path:"id" minimum:"1"`
	Code string `path:"code" maxLength:"20" example:"GM0363"`
	Body struct {
		DemandID int64        `json:"demandId,omitempty" minimum:"0" doc:"The registered demand the organization joins from"`
		Volumes  []volumeJSON `json:"volumes" doc:"Demand per lot"`
	}
}

func (a *api) setParticipant(ctx context.Context, in *setParticipantInput) (*tenderOutput, error) {
	p := procurement.Participant{TenderID: in.ID, Organization: in.Code, DemandID: in.Body.DemandID}
	for _, v := range in.Body.Volumes {
		p.Volumes = append(p.Volumes, procurement.LotVolume{LotID: v.LotID, Quantity: v.Quantity, Annual: contracts.Money(v.Annual)})
	}
	if err := a.procurement.SetParticipant(ctx, web.ScopeFrom(ctx), p); err != nil {
		return nil, err
	}
	return a.tender(ctx, &tenderIDInput{ID: in.ID})
}

func (a *api) removeParticipant(ctx context.Context, in *participantInput) (*struct{}, error) {
	return nil, a.procurement.RemoveParticipant(ctx, web.ScopeFrom(ctx), in.ID, in.Code)
}

type setMandateInput struct {
	ID   int64  `path:"id" minimum:"1"`
	Code string `path:"code" maxLength:"20"`
	Body mandateJSON
}

func (a *api) setMandate(ctx context.Context, in *setMandateInput) (*tenderOutput, error) {
	b := in.Body
	var fe apperr.FieldErrors
	m := procurement.Mandate{Status: procurement.MandateStatus(b.Status), Body: procurement.DecidingBody(b.Body), Reference: b.Reference,
		DecisionURL: b.DecisionURL, Document: b.Document,
		Scope: procurement.MandateScope{Documents: b.Documents, Award: b.Award, Litigation: b.Litigation, Substitution: b.Substitution}}
	m.Requested = web.ParseDateField(&fe, "mandate.requested", b.Requested)
	m.Signed = web.ParseDateField(&fe, "mandate.signed", b.Signed)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	if err := a.procurement.SetMandate(ctx, web.ScopeFrom(ctx), in.ID, in.Code, m); err != nil {
		return nil, err
	}
	return a.tender(ctx, &tenderIDInput{ID: in.ID})
}

type requirementBody struct {
	Text string `json:"text" example:"Nummerbehoud van alle bestaande vaste en mobiele nummers"`
	Kind string `json:"kind" enum:"knockout,award"`
}

type createRequirementInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body requirementBody
}

func (a *api) createRequirement(ctx context.Context, in *createRequirementInput) (*tenderOutput, error) {
	if _, err := a.procurement.AddRequirement(ctx, procurement.Requirement{TenderID: in.ID, Text: in.Body.Text, Kind: procurement.RequirementKind(in.Body.Kind)}); err != nil {
		return nil, err
	}
	return a.tender(ctx, &tenderIDInput{ID: in.ID})
}

type requirementInput struct {
	ID            int64 `path:"id" minimum:"1"`
	RequirementID int64 `path:"requirementId" minimum:"1"`
}

type updateRequirementInput struct {
	ID            int64 `path:"id" minimum:"1"`
	RequirementID int64 `path:"requirementId" minimum:"1"`
	Body          requirementBody
}

func (a *api) updateRequirement(ctx context.Context, in *updateRequirementInput) (*tenderOutput, error) {
	r := procurement.Requirement{ID: in.RequirementID, TenderID: in.ID, Text: in.Body.Text, Kind: procurement.RequirementKind(in.Body.Kind)}
	if err := a.procurement.UpdateRequirement(ctx, r); err != nil {
		return nil, err
	}
	return a.tender(ctx, &tenderIDInput{ID: in.ID})
}

func (a *api) deleteRequirement(ctx context.Context, in *requirementInput) (*struct{}, error) {
	return nil, a.procurement.DeleteRequirement(ctx, in.ID, in.RequirementID)
}

type ratingJSON struct {
	RequirementID int64  `json:"requirementId" minimum:"1"`
	Rating        string `json:"rating" enum:"must,should,could,wont," doc:"MoSCoW; empty removes the rating"`
}

type rateInput struct {
	ID   int64  `path:"id" minimum:"1"`
	Code string `path:"code" maxLength:"20"`
	Body struct {
		Ratings []ratingJSON `json:"ratings"`
	}
}

func (a *api) rate(ctx context.Context, in *rateInput) (*tenderOutput, error) {
	ratings := map[int64]procurement.Rating{}
	var fe apperr.FieldErrors
	for i, r := range in.Body.Ratings {
		if _, dup := ratings[r.RequirementID]; dup {
			fe.Add(fmt.Sprintf("ratings[%d].requirementId", i), apperr.RequirementTwice, r.RequirementID)
		}
		ratings[r.RequirementID] = procurement.Rating(r.Rating)
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	if err := a.procurement.Rate(ctx, web.ScopeFrom(ctx), in.ID, in.Code, ratings); err != nil {
		return nil, err
	}
	return a.tender(ctx, &tenderIDInput{ID: in.ID})
}

type fromDemandOutput struct {
	Body struct {
		Added        int `json:"added" doc:"Organizations that joined from their demand"`
		Participants int `json:"participants" doc:"Participants now in the tender"`
	}
}

func (a *api) addFromDemand(ctx context.Context, in *tenderIDInput) (*fromDemandOutput, error) {
	n, err := a.procurement.AddFromDemand(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	v, err := a.procurement.Tender(ctx, web.ScopeFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	out := &fromDemandOutput{}
	out.Body.Added, out.Body.Participants = n, len(v.Participants)
	return out, nil
}

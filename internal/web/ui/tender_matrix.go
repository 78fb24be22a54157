package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// The rating matrix: every participant's MoSCoW rating of every
// requirement.

// matrixRow is one participant's ratings in the rating matrix.
type matrixRow struct {
	Code, Name, SizeLabel string
	Cells                 []string
}

type tenderMatrixPage struct {
	layout
	T            procurement.Tender
	Requirements []procurement.Requirement
	Rows         []matrixRow
}

// ratingMatrix shows every participant's rating of every requirement:
// the full matrix the tender page leaves out (283 × 40 cells in the model
// case).
func (u *ui) ratingMatrix(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	p := tenderMatrixPage{layout: u.layout(c, "Beoordelingen: "+v.Tender.Title, "aanbestedingen"), T: v.Tender, Requirements: v.Requirements,
		Rows: make([]matrixRow, 0, len(v.Participants))}
	for _, pt := range v.Participants {
		r := matrixRow{Code: pt.Organization, Name: pt.Name, SizeLabel: sizeLabel(contracts.SizeClassOf(pt.Population)), Cells: make([]string, len(v.Requirements))}
		for i, req := range v.Requirements {
			r.Cells[i] = nl.RatingLetter(req.Ratings[pt.Organization])
		}
		p.Rows = append(p.Rows, r)
	}
	return c.Render("pages/tender_matrix", p)
}

package procurement

import "github.com/samenkoop/samenkoop/internal/apperr"

// The values of the enumerations as the English field messages list them
// (apperr.OneOf).
const (
	demandStatusList = "draft, submitted or withdrawn"
	// RatingList is the MoSCoW ratings as messages list them.
	RatingList = "must, should, could or wont"
)

// mandateBodyList is the deciding bodies as messages list them.
func mandateBodyList() string {
	s := make([]string, 0, len(DecidingBodies()))
	for _, b := range DecidingBodies() {
		s = append(s, string(b))
	}
	return apperr.Or(s...)
}

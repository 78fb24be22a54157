package contracts

// Money is an amount in euro cents. Money never passes through a float:
// sums, shares and indexation are integer arithmetic with explicit rounding.
type Money int64

// Euros returns m in whole euros, rounded half away from zero.
func (m Money) Euros() int64 {
	if m < 0 {
		return -int64((-m + 50) / 100)
	}
	return int64((m + 50) / 100)
}

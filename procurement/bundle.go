package procurement

// Bundling configures the bundler (DESIGN §4, bundling).
type Bundling struct {
	// WindowMonths is the default window of needed starts that can share
	// one joint tender: 18 months.
	WindowMonths int
	// CostPerTender is the assumed transaction cost of one tender for one
	// organization, in cents.
	CostPerTender int64
	// JointCostPerParticipant is the assumed cost per participant of
	// joining a joint tender (collecting demand, the mandate), in cents.
	JointCostPerParticipant int64
	// VolumeDiscountBasisPoints is the assumed price advantage of the
	// joint volume (500 = 5 %).
	VolumeDiscountBasisPoints int
}

// DefaultBundling returns the default bundler settings; every money and
// discount figure is an assumption shown as such.
func DefaultBundling() Bundling {
	return Bundling{WindowMonths: 18, CostPerTender: 2_500_000, JointCostPerParticipant: 250_000, VolumeDiscountBasisPoints: 500}
}

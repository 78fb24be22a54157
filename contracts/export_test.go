package contracts

import "context"

// EachDependency calls fn with every organization's dependency summary in
// year as the cooperative dependency report computes them from its one
// pass over the register, with every deadline kept, so that tests can
// hold each against DependencySummary. The summaries come in no
// particular order.
func (s *Service) EachDependency(ctx context.Context, year int, fn func(Dependency)) error {
	weights, err := s.lockInWeights()
	if err != nil {
		return err
	}
	orgs, err := s.allOrganizations(ctx)
	if err != nil {
		return err
	}
	counts, err := s.store.SpendContractCounts(ctx, SpendFilter{})
	if err != nil {
		return err
	}
	_, err = s.eachDependency(ctx, orgs, counts, year, s.Today(), weights, 0, func(d Dependency, _ *orgDependency) { fn(d) })
	return err
}

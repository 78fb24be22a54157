package contracts

import "context"

// EachDependency calls fn with every organization's dependency summary in
// year as the cooperative dependency report computes them from its one
// pass over the register, so that tests can hold each against
// DependencySummary.
func (s *Service) EachDependency(ctx context.Context, year int, fn func(Dependency)) error {
	weights, err := s.lockInWeights()
	if err != nil {
		return err
	}
	_, err = s.eachDependency(ctx, year, s.Today(), weights, func(d Dependency, _ *orgDependency) { fn(d) })
	return err
}

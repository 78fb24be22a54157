package contracts

import "context"

// Store is what the contracts package needs from persistence. The
// implementation lives in internal/store; tests may use any other.
type Store interface {
	// InTx runs fn in one transaction: fn's Store sees and writes through
	// it, and nothing is kept when fn returns an error.
	InTx(ctx context.Context, fn func(Store) error) error

	Organization(ctx context.Context, code string) (Organization, error)
	Organizations(ctx context.Context, f OrganizationFilter) (OrganizationPage, error)
	// OrganizationsByCode returns the organizations whose code is in codes.
	OrganizationsByCode(ctx context.Context, codes []string) (map[string]Organization, error)
	CreateOrganization(ctx context.Context, o Organization) error
	UpdateOrganization(ctx context.Context, o Organization) error
	DeleteOrganization(ctx context.Context, code string) error
	// MemberCount returns the number of members of the cooperation code.
	MemberCount(ctx context.Context, code string) (int, error)
	// Regions returns the distinct region names in use, sorted.
	Regions(ctx context.Context) ([]string, error)

	CPVCodes(ctx context.Context, q string, limit int) ([]CPV, error)
	CPVCount(ctx context.Context) (int, error)
	// UpsertCPV inserts or replaces the given codes.
	UpsertCPV(ctx context.Context, codes []CPV) error

	// Setting returns an installation-level value; apperr.NotFound when unset.
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error

	Categories(ctx context.Context) ([]Category, error)
	CreateCategory(ctx context.Context, c Category) (int64, error)
}

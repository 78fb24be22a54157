package store

import (
	"context"

	"github.com/samenkoop/samenkoop/contracts"
)

// contractsStore adapts *Store to contracts.Store, whose InTx hands the
// callback a contracts.Store rather than a *Store.
type contractsStore struct{ *Store }

var _ contracts.Store = contractsStore{}

// Contracts returns st as the store the contracts package needs.
func (st *Store) Contracts() contracts.Store { return contractsStore{st} }

func (c contractsStore) InTx(ctx context.Context, fn func(contracts.Store) error) error {
	return c.Store.InTx(ctx, func(tx *Store) error { return fn(contractsStore{tx}) })
}

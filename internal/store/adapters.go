package store

import (
	"context"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/procurement"
)

// contractsStore adapts *Store to contracts.Store, whose InTx hands the
// callback a contracts.Store rather than a *Store.
type contractsStore struct{ *Store }

var _ contracts.Store = contractsStore{}

// Register returns st as the store the contracts package (the register)
// needs.
func (st *Store) Register() contracts.Store { return contractsStore{st} }

func (c contractsStore) InTx(ctx context.Context, fn func(contracts.Store) error) error {
	return c.Store.InTx(ctx, func(tx *Store) error { return fn(contractsStore{tx}) })
}

// authStore adapts *Store to auth.Store, whose InTx hands the callback an
// auth.Store.
type authStore struct{ *Store }

var _ auth.Store = authStore{}

// Auth returns st as the store the auth package needs.
func (st *Store) Auth() auth.Store { return authStore{st} }

func (a authStore) InTx(ctx context.Context, fn func(auth.Store) error) error {
	return a.Store.InTx(ctx, func(tx *Store) error { return fn(authStore{tx}) })
}

// procurementStore adapts *Store to procurement.Store, whose InTx hands
// the callback a procurement.Store.
type procurementStore struct{ *Store }

var _ procurement.Store = procurementStore{}

// Procurement returns st as the store the procurement package (joint
// buying) needs.
func (st *Store) Procurement() procurement.Store { return procurementStore{st} }

func (p procurementStore) InTx(ctx context.Context, fn func(procurement.Store) error) error {
	return p.Store.InTx(ctx, func(tx *Store) error { return fn(procurementStore{tx}) })
}

-- +goose Up
-- The PostgreSQL form of migrations/0025_licence_keyset.sql (same version, same logical schema).
-- The licence view one page at a time at any depth (issue 15): a page
-- seeks to the line after its cursor instead of skipping the lines
-- before it (store/licences.go).
--
-- The lines over quota in the view's order, costliest excess first, then
-- the larger excess, then contract and line order, with ascending keys
-- (minus the excess cost, minus the excess): a cursor seeks on them as a
-- row value. It replaces licence_lines_excess (migration 0023), which
-- held the same lines in the same order with descending keys.
DROP INDEX licence_lines_excess;
CREATE INDEX licence_lines_over ON licence_lines ((-excess_cost), (quantity - seats_in_use), contract_id, position)
    WHERE quantity <> -1 AND seats_in_use > quantity;

-- The contracts of one organization with licence lines, by id: with every
-- line asked for one organization, the lines not over quota follow those
-- over quota in contract and line order, each contract's from
-- licence_lines_contract.
CREATE INDEX contracts_licences ON contracts (organization_id, id) WHERE licence_line_count > 0;

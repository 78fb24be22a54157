-- +goose Up
-- Rollups of the spend read model (issue 15): the views across every
-- organization read a few hundred rows per year instead of every cell of
-- spend_cells (year × organization × category × vendor). Each drops the
-- dimension those views do not show, and triggers on spend_cells keep it
-- in the transaction of every change to a cell, so they hold exactly what
-- a GROUP BY over the cells gives (`samenkoop doctor` compares them).
-- Amounts are only added up here; they are computed in Go as before.

-- The cells summed over the organizations: year × category × vendor. The
-- spend report by vendor group, vendor or category, the forecast and the
-- cooperative concentration's shares read it; the vendor group is joined
-- in when read, so a vendor that moves to another group needs no rewrite.
CREATE TABLE spend_vendor_years (
    year            INTEGER NOT NULL,
    category_id     INTEGER NOT NULL,
    vendor_id       INTEGER NOT NULL,
    contract_amount INTEGER NOT NULL,
    licence_amount  INTEGER NOT NULL,
    contracts       INTEGER NOT NULL,
    PRIMARY KEY (year, category_id, vendor_id)
) WITHOUT ROWID;

-- The cells summed over categories and vendors: year × organization, for
-- the spend report by organization.
CREATE TABLE spend_org_years (
    year            INTEGER NOT NULL,
    organization_id INTEGER NOT NULL,
    contract_amount INTEGER NOT NULL,
    licence_amount  INTEGER NOT NULL,
    contracts       INTEGER NOT NULL,
    PRIMARY KEY (year, organization_id)
) WITHOUT ROWID;

-- Per year, organization and category (not 0) with spend: the vendor
-- group (its top vendor) that holds more than half of the organization's
-- spend there, compared exactly on the amounts, or 0 when none does.
-- Recomputed from the organization's few cells of the category when one
-- of them changes, and for every cell of a vendor whose group changes.
CREATE TABLE spend_majorities (
    year            INTEGER NOT NULL,
    organization_id INTEGER NOT NULL,
    category_id     INTEGER NOT NULL,
    group_id        INTEGER NOT NULL,
    PRIMARY KEY (year, organization_id, category_id)
) WITHOUT ROWID;

-- spend_majorities counted per year × category: the organizations with
-- spend in the category, the buyers of the cooperative concentration ...
CREATE TABLE spend_buyers (
    year          INTEGER NOT NULL,
    category_id   INTEGER NOT NULL,
    organizations INTEGER NOT NULL,
    PRIMARY KEY (year, category_id)
) WITHOUT ROWID;

-- ... per year × category × group (not 0): the reach within a category
-- ...
CREATE TABLE spend_reach (
    year          INTEGER NOT NULL,
    category_id   INTEGER NOT NULL,
    group_id      INTEGER NOT NULL,
    organizations INTEGER NOT NULL,
    PRIMARY KEY (year, category_id, group_id)
) WITHOUT ROWID;

-- ... and the organizations per year × group that the group holds more
-- than half of in at least one category (the overall reach).
CREATE TABLE spend_group_reach (
    year          INTEGER NOT NULL,
    group_id      INTEGER NOT NULL,
    organizations INTEGER NOT NULL,
    PRIMARY KEY (year, group_id)
) WITHOUT ROWID;

INSERT INTO spend_vendor_years SELECT year, category_id, vendor_id, sum(contract_amount), sum(licence_amount), sum(contracts)
    FROM spend_cells GROUP BY year, category_id, vendor_id;
INSERT INTO spend_org_years SELECT year, organization_id, sum(contract_amount), sum(licence_amount), sum(contracts)
    FROM spend_cells GROUP BY year, organization_id;
INSERT INTO spend_majorities SELECT t.year, t.organization_id, t.category_id, coalesce(g.group_id, 0)
    FROM (SELECT year, organization_id, category_id, sum(contract_amount + licence_amount) AS amount
        FROM spend_cells WHERE category_id <> 0 GROUP BY 1, 2, 3) t
    LEFT JOIN (SELECT s.year, s.organization_id, s.category_id, coalesce(v.group_id, v.id) AS group_id, sum(s.contract_amount + s.licence_amount) AS amount
        FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id WHERE s.category_id <> 0 GROUP BY 1, 2, 3, 4) g
    ON g.year = t.year AND g.organization_id = t.organization_id AND g.category_id = t.category_id AND g.amount > 0 AND g.amount > t.amount - g.amount;
INSERT INTO spend_buyers SELECT year, category_id, count(*) FROM spend_majorities GROUP BY year, category_id;
INSERT INTO spend_reach SELECT year, category_id, group_id, count(*) FROM spend_majorities WHERE group_id <> 0 GROUP BY year, category_id, group_id;
INSERT INTO spend_group_reach SELECT year, group_id, count(DISTINCT organization_id) FROM spend_majorities WHERE group_id <> 0 GROUP BY year, group_id;

-- A cell added, changed or removed adds the difference to its rows of the
-- sums; a row left without contracts goes. A cell's key never changes
-- (the store writes amounts by key), so an update is a difference.
-- +goose StatementBegin
CREATE TRIGGER spend_rollup_cell_insert AFTER INSERT ON spend_cells BEGIN
    UPDATE spend_vendor_years SET contract_amount = contract_amount + new.contract_amount,
        licence_amount = licence_amount + new.licence_amount, contracts = contracts + new.contracts
        WHERE year = new.year AND category_id = new.category_id AND vendor_id = new.vendor_id;
    INSERT INTO spend_vendor_years SELECT new.year, new.category_id, new.vendor_id, new.contract_amount, new.licence_amount, new.contracts
        WHERE NOT EXISTS (SELECT 1 FROM spend_vendor_years WHERE year = new.year AND category_id = new.category_id AND vendor_id = new.vendor_id);
    UPDATE spend_org_years SET contract_amount = contract_amount + new.contract_amount,
        licence_amount = licence_amount + new.licence_amount, contracts = contracts + new.contracts
        WHERE year = new.year AND organization_id = new.organization_id;
    INSERT INTO spend_org_years SELECT new.year, new.organization_id, new.contract_amount, new.licence_amount, new.contracts
        WHERE NOT EXISTS (SELECT 1 FROM spend_org_years WHERE year = new.year AND organization_id = new.organization_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER spend_rollup_cell_update AFTER UPDATE ON spend_cells BEGIN
    SELECT raise(ABORT, 'spend_cells: a cell''s key does not change') WHERE new.year <> old.year OR new.organization_id <> old.organization_id
        OR new.category_id <> old.category_id OR new.vendor_id <> old.vendor_id;
    UPDATE spend_vendor_years SET contract_amount = contract_amount + new.contract_amount - old.contract_amount,
        licence_amount = licence_amount + new.licence_amount - old.licence_amount, contracts = contracts + new.contracts - old.contracts
        WHERE year = new.year AND category_id = new.category_id AND vendor_id = new.vendor_id;
    DELETE FROM spend_vendor_years WHERE year = new.year AND category_id = new.category_id AND vendor_id = new.vendor_id AND contracts = 0;
    UPDATE spend_org_years SET contract_amount = contract_amount + new.contract_amount - old.contract_amount,
        licence_amount = licence_amount + new.licence_amount - old.licence_amount, contracts = contracts + new.contracts - old.contracts
        WHERE year = new.year AND organization_id = new.organization_id;
    DELETE FROM spend_org_years WHERE year = new.year AND organization_id = new.organization_id AND contracts = 0;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER spend_rollup_cell_delete AFTER DELETE ON spend_cells BEGIN
    UPDATE spend_vendor_years SET contract_amount = contract_amount - old.contract_amount,
        licence_amount = licence_amount - old.licence_amount, contracts = contracts - old.contracts
        WHERE year = old.year AND category_id = old.category_id AND vendor_id = old.vendor_id;
    DELETE FROM spend_vendor_years WHERE year = old.year AND category_id = old.category_id AND vendor_id = old.vendor_id AND contracts = 0;
    UPDATE spend_org_years SET contract_amount = contract_amount - old.contract_amount,
        licence_amount = licence_amount - old.licence_amount, contracts = contracts - old.contracts
        WHERE year = old.year AND organization_id = old.organization_id;
    DELETE FROM spend_org_years WHERE year = old.year AND organization_id = old.organization_id AND contracts = 0;
END;
-- +goose StatementEnd

-- The holder of the organization's spend in the cell's category,
-- recomputed from its cells of that category (at most one per vendor)
-- after an amount changed: the largest group's if it holds more than
-- half, 0 if none does, no row without cells. A changed holder's row is
-- replaced; an unchanged one is left untouched.
-- The largest group is found with max() and its bare column, not with a
-- window sum and ORDER BY … LIMIT 1: those open a temporary table each
-- time the holder is recomputed, where this form only sorts in memory.
-- +goose StatementBegin
CREATE TRIGGER spend_majority_cell_insert AFTER INSERT ON spend_cells WHEN new.category_id <> 0 BEGIN
    DELETE FROM spend_majorities WHERE year = new.year AND organization_id = new.organization_id AND category_id = new.category_id
        AND group_id IS NOT (SELECT CASE WHEN h.amount > 0 AND h.amount > (SELECT sum(e.contract_amount + e.licence_amount) FROM spend_cells e
                WHERE e.year = new.year AND e.organization_id = new.organization_id AND e.category_id = new.category_id) - h.amount THEN h.group_id ELSE 0 END
            FROM (SELECT group_id, max(amount) AS amount FROM (SELECT coalesce(v.group_id, v.id) AS group_id, sum(s.contract_amount + s.licence_amount) AS amount
                FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id
                WHERE s.year = new.year AND s.organization_id = new.organization_id AND s.category_id = new.category_id GROUP BY 1)) h
            WHERE h.amount IS NOT NULL);
    INSERT INTO spend_majorities SELECT new.year, new.organization_id, new.category_id, (SELECT CASE WHEN h.amount > 0 AND h.amount > (SELECT sum(e.contract_amount + e.licence_amount) FROM spend_cells e
                WHERE e.year = new.year AND e.organization_id = new.organization_id AND e.category_id = new.category_id) - h.amount THEN h.group_id ELSE 0 END
            FROM (SELECT group_id, max(amount) AS amount FROM (SELECT coalesce(v.group_id, v.id) AS group_id, sum(s.contract_amount + s.licence_amount) AS amount
                FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id
                WHERE s.year = new.year AND s.organization_id = new.organization_id AND s.category_id = new.category_id GROUP BY 1)) h
            WHERE h.amount IS NOT NULL)
        WHERE NOT EXISTS (SELECT 1 FROM spend_majorities x WHERE x.year = new.year AND x.organization_id = new.organization_id AND x.category_id = new.category_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER spend_majority_cell_update AFTER UPDATE OF contract_amount, licence_amount ON spend_cells
WHEN new.category_id <> 0 AND (new.contract_amount <> old.contract_amount OR new.licence_amount <> old.licence_amount) BEGIN
    DELETE FROM spend_majorities WHERE year = new.year AND organization_id = new.organization_id AND category_id = new.category_id
        AND group_id IS NOT (SELECT CASE WHEN h.amount > 0 AND h.amount > (SELECT sum(e.contract_amount + e.licence_amount) FROM spend_cells e
                WHERE e.year = new.year AND e.organization_id = new.organization_id AND e.category_id = new.category_id) - h.amount THEN h.group_id ELSE 0 END
            FROM (SELECT group_id, max(amount) AS amount FROM (SELECT coalesce(v.group_id, v.id) AS group_id, sum(s.contract_amount + s.licence_amount) AS amount
                FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id
                WHERE s.year = new.year AND s.organization_id = new.organization_id AND s.category_id = new.category_id GROUP BY 1)) h
            WHERE h.amount IS NOT NULL);
    INSERT INTO spend_majorities SELECT new.year, new.organization_id, new.category_id, (SELECT CASE WHEN h.amount > 0 AND h.amount > (SELECT sum(e.contract_amount + e.licence_amount) FROM spend_cells e
                WHERE e.year = new.year AND e.organization_id = new.organization_id AND e.category_id = new.category_id) - h.amount THEN h.group_id ELSE 0 END
            FROM (SELECT group_id, max(amount) AS amount FROM (SELECT coalesce(v.group_id, v.id) AS group_id, sum(s.contract_amount + s.licence_amount) AS amount
                FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id
                WHERE s.year = new.year AND s.organization_id = new.organization_id AND s.category_id = new.category_id GROUP BY 1)) h
            WHERE h.amount IS NOT NULL)
        WHERE NOT EXISTS (SELECT 1 FROM spend_majorities x WHERE x.year = new.year AND x.organization_id = new.organization_id AND x.category_id = new.category_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER spend_majority_cell_delete AFTER DELETE ON spend_cells WHEN old.category_id <> 0 BEGIN
    DELETE FROM spend_majorities WHERE year = old.year AND organization_id = old.organization_id AND category_id = old.category_id
        AND group_id IS NOT (SELECT CASE WHEN h.amount > 0 AND h.amount > (SELECT sum(e.contract_amount + e.licence_amount) FROM spend_cells e
                WHERE e.year = old.year AND e.organization_id = old.organization_id AND e.category_id = old.category_id) - h.amount THEN h.group_id ELSE 0 END
            FROM (SELECT group_id, max(amount) AS amount FROM (SELECT coalesce(v.group_id, v.id) AS group_id, sum(s.contract_amount + s.licence_amount) AS amount
                FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id
                WHERE s.year = old.year AND s.organization_id = old.organization_id AND s.category_id = old.category_id GROUP BY 1)) h
            WHERE h.amount IS NOT NULL);
    INSERT INTO spend_majorities SELECT old.year, old.organization_id, old.category_id, (SELECT CASE WHEN h.amount > 0 AND h.amount > (SELECT sum(e.contract_amount + e.licence_amount) FROM spend_cells e
                WHERE e.year = old.year AND e.organization_id = old.organization_id AND e.category_id = old.category_id) - h.amount THEN h.group_id ELSE 0 END
            FROM (SELECT group_id, max(amount) AS amount FROM (SELECT coalesce(v.group_id, v.id) AS group_id, sum(s.contract_amount + s.licence_amount) AS amount
                FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id
                WHERE s.year = old.year AND s.organization_id = old.organization_id AND s.category_id = old.category_id GROUP BY 1)) h
            WHERE h.amount IS NOT NULL)
        WHERE NOT EXISTS (SELECT 1 FROM spend_majorities x WHERE x.year = old.year AND x.organization_id = old.organization_id AND x.category_id = old.category_id)
        AND EXISTS (SELECT 1 FROM spend_cells e WHERE e.year = old.year AND e.organization_id = old.organization_id AND e.category_id = old.category_id);
END;
-- +goose StatementEnd

-- A vendor that moves to another group changes the holders wherever it
-- has spend: recomputed for those organizations and categories. Rare (a
-- change to the vendor tree), and skipped for a vendor without spend.
-- +goose StatementBegin
CREATE TRIGGER spend_majority_vendor_group AFTER UPDATE OF group_id ON vendors
WHEN coalesce(new.group_id, new.id) IS NOT coalesce(old.group_id, old.id)
AND EXISTS (SELECT 1 FROM spend_vendor_years WHERE vendor_id = new.id) BEGIN
    DELETE FROM spend_majorities WHERE (year, organization_id, category_id) IN
        (SELECT year, organization_id, category_id FROM spend_cells WHERE vendor_id = new.id AND category_id <> 0);
    INSERT INTO spend_majorities SELECT k.year, k.organization_id, k.category_id, (SELECT CASE WHEN h.amount > 0 AND h.amount > (SELECT sum(e.contract_amount + e.licence_amount) FROM spend_cells e
                WHERE e.year = k.year AND e.organization_id = k.organization_id AND e.category_id = k.category_id) - h.amount THEN h.group_id ELSE 0 END
            FROM (SELECT group_id, max(amount) AS amount FROM (SELECT coalesce(v.group_id, v.id) AS group_id, sum(s.contract_amount + s.licence_amount) AS amount
                FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id
                WHERE s.year = k.year AND s.organization_id = k.organization_id AND s.category_id = k.category_id GROUP BY 1)) h
            WHERE h.amount IS NOT NULL)
        FROM spend_cells k WHERE k.vendor_id = new.id AND k.category_id <> 0;
END;
-- +goose StatementEnd

-- The counts follow the rows of spend_majorities.
-- +goose StatementBegin
CREATE TRIGGER spend_majority_insert AFTER INSERT ON spend_majorities BEGIN
    UPDATE spend_buyers SET organizations = organizations + 1 WHERE year = new.year AND category_id = new.category_id;
    INSERT INTO spend_buyers SELECT new.year, new.category_id, 1
        WHERE NOT EXISTS (SELECT 1 FROM spend_buyers WHERE year = new.year AND category_id = new.category_id);
    UPDATE spend_reach SET organizations = organizations + 1 WHERE year = new.year AND category_id = new.category_id AND group_id = new.group_id;
    INSERT INTO spend_reach SELECT new.year, new.category_id, new.group_id, 1 WHERE new.group_id <> 0
        AND NOT EXISTS (SELECT 1 FROM spend_reach WHERE year = new.year AND category_id = new.category_id AND group_id = new.group_id);
    UPDATE spend_group_reach SET organizations = organizations + 1 WHERE year = new.year AND group_id = new.group_id AND new.group_id <> 0
        AND NOT EXISTS (SELECT 1 FROM spend_majorities m WHERE m.year = new.year AND m.organization_id = new.organization_id
        AND m.group_id = new.group_id AND m.category_id <> new.category_id);
    INSERT INTO spend_group_reach SELECT new.year, new.group_id, 1 WHERE new.group_id <> 0
        AND NOT EXISTS (SELECT 1 FROM spend_group_reach WHERE year = new.year AND group_id = new.group_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER spend_majority_delete AFTER DELETE ON spend_majorities BEGIN
    UPDATE spend_buyers SET organizations = organizations - 1 WHERE year = old.year AND category_id = old.category_id;
    DELETE FROM spend_buyers WHERE year = old.year AND category_id = old.category_id AND organizations = 0;
    UPDATE spend_reach SET organizations = organizations - 1 WHERE year = old.year AND category_id = old.category_id AND group_id = old.group_id;
    DELETE FROM spend_reach WHERE year = old.year AND category_id = old.category_id AND group_id = old.group_id AND organizations = 0;
    UPDATE spend_group_reach SET organizations = organizations - 1 WHERE year = old.year AND group_id = old.group_id AND old.group_id <> 0
        AND NOT EXISTS (SELECT 1 FROM spend_majorities m WHERE m.year = old.year AND m.organization_id = old.organization_id AND m.group_id = old.group_id);
    DELETE FROM spend_group_reach WHERE year = old.year AND group_id = old.group_id AND organizations = 0;
END;
-- +goose StatementEnd

-- Without a model there are no rollups: removing the model (the repair
-- `samenkoop doctor` advises) clears them with it, so that the model
-- computed from scratch afterwards fills them from nothing, whatever they
-- held.
-- +goose StatementBegin
CREATE TRIGGER spend_rollup_model_delete AFTER DELETE ON spend_model BEGIN
    DELETE FROM spend_vendor_years;
    DELETE FROM spend_org_years;
    DELETE FROM spend_majorities;
    DELETE FROM spend_buyers;
    DELETE FROM spend_reach;
    DELETE FROM spend_group_reach;
END;
-- +goose StatementEnd

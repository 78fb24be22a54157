-- +goose Up
-- The PostgreSQL form of migrations/0022_spend_rollups.sql (same version, same logical schema).
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
    year            BIGINT NOT NULL,
    category_id     BIGINT NOT NULL,
    vendor_id       BIGINT NOT NULL,
    contract_amount BIGINT NOT NULL,
    licence_amount  BIGINT NOT NULL,
    contracts       BIGINT NOT NULL,
    PRIMARY KEY (year, category_id, vendor_id)
);

-- The cells summed over categories and vendors: year × organization, for
-- the spend report by organization.
CREATE TABLE spend_org_years (
    year            BIGINT NOT NULL,
    organization_id BIGINT NOT NULL,
    contract_amount BIGINT NOT NULL,
    licence_amount  BIGINT NOT NULL,
    contracts       BIGINT NOT NULL,
    PRIMARY KEY (year, organization_id)
);

-- Per year, organization and category (not 0) with spend: the vendor
-- group (its top vendor) that holds more than half of the organization's
-- spend there, compared exactly on the amounts, or 0 when none does.
-- Recomputed from the organization's few cells of the category when one
-- of them changes, and for every cell of a vendor whose group changes.
CREATE TABLE spend_majorities (
    year            BIGINT NOT NULL,
    organization_id BIGINT NOT NULL,
    category_id     BIGINT NOT NULL,
    group_id        BIGINT NOT NULL,
    PRIMARY KEY (year, organization_id, category_id)
);

-- spend_majorities counted per year × category: the organizations with
-- spend in the category, the buyers of the cooperative concentration ...
CREATE TABLE spend_buyers (
    year          BIGINT NOT NULL,
    category_id   BIGINT NOT NULL,
    organizations BIGINT NOT NULL,
    PRIMARY KEY (year, category_id)
);

-- ... per year × category × group (not 0): the reach within a category
-- ...
CREATE TABLE spend_reach (
    year          BIGINT NOT NULL,
    category_id   BIGINT NOT NULL,
    group_id      BIGINT NOT NULL,
    organizations BIGINT NOT NULL,
    PRIMARY KEY (year, category_id, group_id)
);

-- ... and the organizations per year × group that the group holds more
-- than half of in at least one category (the overall reach).
CREATE TABLE spend_group_reach (
    year          BIGINT NOT NULL,
    group_id      BIGINT NOT NULL,
    organizations BIGINT NOT NULL,
    PRIMARY KEY (year, group_id)
);

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

-- The triggers of SQLite's form, as PL/pgSQL functions with the same
-- effect. A cell added, changed or removed adds the difference to its rows
-- of the sums; a row left without contracts goes. A cell's key never
-- changes (the store writes amounts by key), so an update is a difference.
-- +goose StatementBegin
CREATE FUNCTION spend_rollup_add(y BIGINT, o BIGINT, c BIGINT, v BIGINT, ca BIGINT, la BIGINT, n BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO spend_vendor_years AS r VALUES (y, c, v, ca, la, n) ON CONFLICT (year, category_id, vendor_id) DO UPDATE SET
        contract_amount = r.contract_amount + excluded.contract_amount, licence_amount = r.licence_amount + excluded.licence_amount,
        contracts = r.contracts + excluded.contracts;
    DELETE FROM spend_vendor_years WHERE year = y AND category_id = c AND vendor_id = v AND contracts = 0;
    INSERT INTO spend_org_years AS r VALUES (y, o, ca, la, n) ON CONFLICT (year, organization_id) DO UPDATE SET
        contract_amount = r.contract_amount + excluded.contract_amount, licence_amount = r.licence_amount + excluded.licence_amount,
        contracts = r.contracts + excluded.contracts;
    DELETE FROM spend_org_years WHERE year = y AND organization_id = o AND contracts = 0;
END;
$$;
-- +goose StatementEnd

-- The holder of organization o's spend in category c in year y,
-- recomputed from its cells of that category (at most one per vendor):
-- the largest group's if it holds more than half, 0 if none does, no row
-- without cells. A changed holder's row is replaced; an unchanged one is
-- left untouched.
-- +goose StatementBegin
CREATE FUNCTION spend_majority_set(y BIGINT, o BIGINT, c BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    holder BIGINT;
BEGIN
    IF c = 0 THEN
        RETURN;
    END IF;
    SELECT CASE WHEN g.amount > 0 AND g.amount > g.total - g.amount THEN g.group_id ELSE 0 END INTO holder
        FROM (SELECT coalesce(v.group_id, v.id) AS group_id, sum(s.contract_amount + s.licence_amount) AS amount,
            sum(sum(s.contract_amount + s.licence_amount)) OVER () AS total
            FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id
            WHERE s.year = y AND s.organization_id = o AND s.category_id = c GROUP BY 1) g
        ORDER BY g.amount DESC LIMIT 1;
    DELETE FROM spend_majorities WHERE year = y AND organization_id = o AND category_id = c AND group_id IS DISTINCT FROM holder;
    IF holder IS NOT NULL THEN
        INSERT INTO spend_majorities VALUES (y, o, c, holder) ON CONFLICT DO NOTHING;
    END IF;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION spend_rollup_cell() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM spend_rollup_add(new.year, new.organization_id, new.category_id, new.vendor_id, new.contract_amount, new.licence_amount, new.contracts);
        PERFORM spend_majority_set(new.year, new.organization_id, new.category_id);
    ELSIF TG_OP = 'UPDATE' THEN
        IF new.year <> old.year OR new.organization_id <> old.organization_id OR new.category_id <> old.category_id OR new.vendor_id <> old.vendor_id THEN
            RAISE EXCEPTION 'spend_cells: a cell''s key does not change';
        END IF;
        PERFORM spend_rollup_add(new.year, new.organization_id, new.category_id, new.vendor_id, new.contract_amount - old.contract_amount,
            new.licence_amount - old.licence_amount, new.contracts - old.contracts);
        IF new.contract_amount <> old.contract_amount OR new.licence_amount <> old.licence_amount THEN
            PERFORM spend_majority_set(new.year, new.organization_id, new.category_id);
        END IF;
    ELSE
        UPDATE spend_vendor_years SET contract_amount = contract_amount - old.contract_amount,
            licence_amount = licence_amount - old.licence_amount, contracts = contracts - old.contracts
            WHERE year = old.year AND category_id = old.category_id AND vendor_id = old.vendor_id;
        DELETE FROM spend_vendor_years WHERE year = old.year AND category_id = old.category_id AND vendor_id = old.vendor_id AND contracts = 0;
        UPDATE spend_org_years SET contract_amount = contract_amount - old.contract_amount,
            licence_amount = licence_amount - old.licence_amount, contracts = contracts - old.contracts
            WHERE year = old.year AND organization_id = old.organization_id;
        DELETE FROM spend_org_years WHERE year = old.year AND organization_id = old.organization_id AND contracts = 0;
        PERFORM spend_majority_set(old.year, old.organization_id, old.category_id);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER spend_rollup_cell AFTER INSERT OR UPDATE OR DELETE ON spend_cells FOR EACH ROW EXECUTE FUNCTION spend_rollup_cell();

-- A vendor that moves to another group changes the holders wherever it
-- has spend: recomputed for those organizations and categories. Rare
-- (a change to the vendor tree), and skipped for a vendor without spend.
-- +goose StatementBegin
CREATE FUNCTION spend_majority_vendor_group() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k RECORD;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM spend_vendor_years WHERE vendor_id = new.id) THEN
        RETURN NULL;
    END IF;
    FOR k IN SELECT year, organization_id, category_id FROM spend_cells WHERE vendor_id = new.id AND category_id <> 0 LOOP
        PERFORM spend_majority_set(k.year, k.organization_id, k.category_id);
    END LOOP;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER spend_majority_vendor_group AFTER UPDATE OF group_id ON vendors
FOR EACH ROW WHEN (coalesce(new.group_id, new.id) IS DISTINCT FROM coalesce(old.group_id, old.id)) EXECUTE FUNCTION spend_majority_vendor_group();

-- The counts follow the rows of spend_majorities.
-- +goose StatementBegin
CREATE FUNCTION spend_majority_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO spend_buyers AS r VALUES (new.year, new.category_id, 1)
            ON CONFLICT (year, category_id) DO UPDATE SET organizations = r.organizations + 1;
        IF new.group_id <> 0 THEN
            INSERT INTO spend_reach AS r VALUES (new.year, new.category_id, new.group_id, 1)
                ON CONFLICT (year, category_id, group_id) DO UPDATE SET organizations = r.organizations + 1;
            IF NOT EXISTS (SELECT 1 FROM spend_majorities m WHERE m.year = new.year AND m.organization_id = new.organization_id
                    AND m.group_id = new.group_id AND m.category_id <> new.category_id) THEN
                INSERT INTO spend_group_reach AS r VALUES (new.year, new.group_id, 1)
                    ON CONFLICT (year, group_id) DO UPDATE SET organizations = r.organizations + 1;
            END IF;
        END IF;
    ELSE
        UPDATE spend_buyers SET organizations = organizations - 1 WHERE year = old.year AND category_id = old.category_id;
        DELETE FROM spend_buyers WHERE year = old.year AND category_id = old.category_id AND organizations = 0;
        IF old.group_id <> 0 THEN
            UPDATE spend_reach SET organizations = organizations - 1 WHERE year = old.year AND category_id = old.category_id AND group_id = old.group_id;
            DELETE FROM spend_reach WHERE year = old.year AND category_id = old.category_id AND group_id = old.group_id AND organizations = 0;
            IF NOT EXISTS (SELECT 1 FROM spend_majorities m WHERE m.year = old.year AND m.organization_id = old.organization_id
                    AND m.group_id = old.group_id) THEN
                UPDATE spend_group_reach SET organizations = organizations - 1 WHERE year = old.year AND group_id = old.group_id;
                DELETE FROM spend_group_reach WHERE year = old.year AND group_id = old.group_id AND organizations = 0;
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER spend_majority_counts AFTER INSERT OR DELETE ON spend_majorities FOR EACH ROW EXECUTE FUNCTION spend_majority_counts();

-- Without a model there are no rollups: removing the model (the repair
-- `samenkoop doctor` advises) clears them with it, so that the model
-- computed from scratch afterwards fills them from nothing, whatever they
-- held.
-- +goose StatementBegin
CREATE FUNCTION spend_rollup_model_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM spend_vendor_years;
    DELETE FROM spend_org_years;
    DELETE FROM spend_majorities;
    DELETE FROM spend_buyers;
    DELETE FROM spend_reach;
    DELETE FROM spend_group_reach;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER spend_rollup_model_delete AFTER DELETE ON spend_model FOR EACH ROW EXECUTE FUNCTION spend_rollup_model_delete();

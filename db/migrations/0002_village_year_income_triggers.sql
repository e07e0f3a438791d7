-- The per-village-per-year summary (village_year_income) kept by the database itself, in the
-- transaction of every income write, void or delete, whatever code path makes it. Voided records
-- (voided_at set) count nowhere. Then the table is filled from the ledger as it stands.
CREATE TRIGGER income_summary_insert AFTER INSERT ON income_records WHEN NEW.voided_at IS NULL BEGIN
  INSERT INTO village_year_income (village_id, year, operating, contracting, investment, subsidy, other, total_fen, records)
    SELECT NEW.village_id, CAST(substr(NEW.received_on, 1, 4) AS INTEGER),
      CASE WHEN NEW.category = 'operating' THEN NEW.amount_fen ELSE 0 END,
      CASE WHEN NEW.category = 'contracting' THEN NEW.amount_fen ELSE 0 END,
      CASE WHEN NEW.category = 'investment' THEN NEW.amount_fen ELSE 0 END,
      CASE WHEN NEW.category = 'subsidy' THEN NEW.amount_fen ELSE 0 END,
      CASE WHEN NEW.category = 'other' THEN NEW.amount_fen ELSE 0 END, NEW.amount_fen, 1
    WHERE true
    ON CONFLICT (year, village_id) DO UPDATE SET operating = operating + excluded.operating,
      contracting = contracting + excluded.contracting,
      investment = investment + excluded.investment,
      subsidy = subsidy + excluded.subsidy,
      other = other + excluded.other,
      total_fen = total_fen + excluded.total_fen, records = records + excluded.records;
END;
--> statement-breakpoint
CREATE TRIGGER income_summary_delete AFTER DELETE ON income_records WHEN OLD.voided_at IS NULL BEGIN
  UPDATE village_year_income SET operating = operating - CASE WHEN OLD.category = 'operating' THEN OLD.amount_fen ELSE 0 END,
      contracting = contracting - CASE WHEN OLD.category = 'contracting' THEN OLD.amount_fen ELSE 0 END,
      investment = investment - CASE WHEN OLD.category = 'investment' THEN OLD.amount_fen ELSE 0 END,
      subsidy = subsidy - CASE WHEN OLD.category = 'subsidy' THEN OLD.amount_fen ELSE 0 END,
      other = other - CASE WHEN OLD.category = 'other' THEN OLD.amount_fen ELSE 0 END,
      total_fen = total_fen - OLD.amount_fen, records = records - 1
    WHERE true AND year = CAST(substr(OLD.received_on, 1, 4) AS INTEGER) AND village_id = OLD.village_id;
END;
--> statement-breakpoint
CREATE TRIGGER income_summary_update AFTER UPDATE OF village_id, received_on, category, amount_fen, voided_at ON income_records BEGIN
  UPDATE village_year_income SET operating = operating - CASE WHEN OLD.category = 'operating' THEN OLD.amount_fen ELSE 0 END,
      contracting = contracting - CASE WHEN OLD.category = 'contracting' THEN OLD.amount_fen ELSE 0 END,
      investment = investment - CASE WHEN OLD.category = 'investment' THEN OLD.amount_fen ELSE 0 END,
      subsidy = subsidy - CASE WHEN OLD.category = 'subsidy' THEN OLD.amount_fen ELSE 0 END,
      other = other - CASE WHEN OLD.category = 'other' THEN OLD.amount_fen ELSE 0 END,
      total_fen = total_fen - OLD.amount_fen, records = records - 1
    WHERE OLD.voided_at IS NULL AND year = CAST(substr(OLD.received_on, 1, 4) AS INTEGER) AND village_id = OLD.village_id;
  INSERT INTO village_year_income (village_id, year, operating, contracting, investment, subsidy, other, total_fen, records)
    SELECT NEW.village_id, CAST(substr(NEW.received_on, 1, 4) AS INTEGER),
      CASE WHEN NEW.category = 'operating' THEN NEW.amount_fen ELSE 0 END,
      CASE WHEN NEW.category = 'contracting' THEN NEW.amount_fen ELSE 0 END,
      CASE WHEN NEW.category = 'investment' THEN NEW.amount_fen ELSE 0 END,
      CASE WHEN NEW.category = 'subsidy' THEN NEW.amount_fen ELSE 0 END,
      CASE WHEN NEW.category = 'other' THEN NEW.amount_fen ELSE 0 END, NEW.amount_fen, 1
    WHERE NEW.voided_at IS NULL
    ON CONFLICT (year, village_id) DO UPDATE SET operating = operating + excluded.operating,
      contracting = contracting + excluded.contracting,
      investment = investment + excluded.investment,
      subsidy = subsidy + excluded.subsidy,
      other = other + excluded.other,
      total_fen = total_fen + excluded.total_fen, records = records + excluded.records;
END;
--> statement-breakpoint
INSERT INTO village_year_income (village_id, year, operating, contracting, investment, subsidy, other, total_fen, records)
  SELECT village_id, CAST(substr(received_on, 1, 4) AS INTEGER) AS y,
    SUM(CASE WHEN category = 'operating' THEN amount_fen ELSE 0 END),
    SUM(CASE WHEN category = 'contracting' THEN amount_fen ELSE 0 END),
    SUM(CASE WHEN category = 'investment' THEN amount_fen ELSE 0 END),
    SUM(CASE WHEN category = 'subsidy' THEN amount_fen ELSE 0 END),
    SUM(CASE WHEN category = 'other' THEN amount_fen ELSE 0 END), SUM(amount_fen), COUNT(*)
  FROM income_records WHERE voided_at IS NULL GROUP BY village_id, y;

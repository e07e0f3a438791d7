-- An import's income rows are many thousands: while income_bulk_write holds a row, the insert
-- triggers leave the sums (village_year_income, village_month_income, village_enterprise_income)
-- to the import, which adds its rows to them grouped in the same transaction and then removes the
-- row (models/income.server.ts writeIncomeRows). Every other insert, and every update and delete,
-- keeps them row by row as before.
CREATE TABLE `income_bulk_write` (
	`id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP TRIGGER income_summary_insert;
--> statement-breakpoint
CREATE TRIGGER income_summary_insert AFTER INSERT ON income_records WHEN NEW.voided_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM income_bulk_write) BEGIN
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
DROP TRIGGER income_detail_insert;
--> statement-breakpoint
CREATE TRIGGER income_detail_insert AFTER INSERT ON income_records WHEN NEW.voided_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM income_bulk_write) BEGIN
  INSERT INTO village_month_income (village_id, year, month, category, project_id, total_fen, records)
    VALUES (NEW.village_id, CAST(substr(NEW.received_on, 1, 4) AS INTEGER), CAST(substr(NEW.received_on, 6, 2) AS INTEGER),
      NEW.category, coalesce(NEW.project_id, 0), NEW.amount_fen, 1)
    ON CONFLICT DO UPDATE SET total_fen = total_fen + excluded.total_fen, records = records + 1;
  INSERT INTO village_enterprise_income (village_id, year, enterprise_id, total_fen, records)
    VALUES (NEW.village_id, CAST(substr(NEW.received_on, 1, 4) AS INTEGER), coalesce(NEW.enterprise_id, 0), NEW.amount_fen, 1)
    ON CONFLICT DO UPDATE SET total_fen = total_fen + excluded.total_fen, records = records + 1;
END;

-- One village's page reads its year from these two tables instead of the ledger: by month, category
-- and project (0: none), and by paying enterprise (0: none). Kept by triggers in the transaction of
-- every income write, void or delete, like village_year_income (0002); voided records count nowhere.
-- WITHOUT ROWID: the key is the row, one B-tree to update per write instead of two.
CREATE TABLE `village_enterprise_income` (
	`village_id` integer NOT NULL,
	`year` integer NOT NULL,
	`enterprise_id` integer NOT NULL,
	`total_fen` integer DEFAULT 0 NOT NULL,
	`records` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`village_id`, `year`, `enterprise_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `village_month_income` (
	`village_id` integer NOT NULL,
	`year` integer NOT NULL,
	`month` integer NOT NULL,
	`category` text NOT NULL,
	`project_id` integer NOT NULL,
	`total_fen` integer DEFAULT 0 NOT NULL,
	`records` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`village_id`, `year`, `month`, `category`, `project_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER income_detail_insert AFTER INSERT ON income_records WHEN NEW.voided_at IS NULL BEGIN
  INSERT INTO village_month_income (village_id, year, month, category, project_id, total_fen, records)
    VALUES (NEW.village_id, CAST(substr(NEW.received_on, 1, 4) AS INTEGER), CAST(substr(NEW.received_on, 6, 2) AS INTEGER),
      NEW.category, coalesce(NEW.project_id, 0), NEW.amount_fen, 1)
    ON CONFLICT DO UPDATE SET total_fen = total_fen + excluded.total_fen, records = records + 1;
  INSERT INTO village_enterprise_income (village_id, year, enterprise_id, total_fen, records)
    VALUES (NEW.village_id, CAST(substr(NEW.received_on, 1, 4) AS INTEGER), coalesce(NEW.enterprise_id, 0), NEW.amount_fen, 1)
    ON CONFLICT DO UPDATE SET total_fen = total_fen + excluded.total_fen, records = records + 1;
END;
--> statement-breakpoint
CREATE TRIGGER income_detail_delete AFTER DELETE ON income_records WHEN OLD.voided_at IS NULL BEGIN
  UPDATE village_month_income SET total_fen = total_fen - OLD.amount_fen, records = records - 1
    WHERE village_id = OLD.village_id AND year = CAST(substr(OLD.received_on, 1, 4) AS INTEGER)
      AND month = CAST(substr(OLD.received_on, 6, 2) AS INTEGER) AND category = OLD.category AND project_id = coalesce(OLD.project_id, 0);
  UPDATE village_enterprise_income SET total_fen = total_fen - OLD.amount_fen, records = records - 1
    WHERE village_id = OLD.village_id AND year = CAST(substr(OLD.received_on, 1, 4) AS INTEGER)
      AND enterprise_id = coalesce(OLD.enterprise_id, 0);
END;
--> statement-breakpoint
CREATE TRIGGER income_detail_update_old AFTER UPDATE OF village_id, received_on, category, amount_fen, project_id, enterprise_id, voided_at
  ON income_records WHEN OLD.voided_at IS NULL BEGIN
  UPDATE village_month_income SET total_fen = total_fen - OLD.amount_fen, records = records - 1
    WHERE village_id = OLD.village_id AND year = CAST(substr(OLD.received_on, 1, 4) AS INTEGER)
      AND month = CAST(substr(OLD.received_on, 6, 2) AS INTEGER) AND category = OLD.category AND project_id = coalesce(OLD.project_id, 0);
  UPDATE village_enterprise_income SET total_fen = total_fen - OLD.amount_fen, records = records - 1
    WHERE village_id = OLD.village_id AND year = CAST(substr(OLD.received_on, 1, 4) AS INTEGER)
      AND enterprise_id = coalesce(OLD.enterprise_id, 0);
END;
--> statement-breakpoint
CREATE TRIGGER income_detail_update_new AFTER UPDATE OF village_id, received_on, category, amount_fen, project_id, enterprise_id, voided_at
  ON income_records WHEN NEW.voided_at IS NULL BEGIN
  INSERT INTO village_month_income (village_id, year, month, category, project_id, total_fen, records)
    VALUES (NEW.village_id, CAST(substr(NEW.received_on, 1, 4) AS INTEGER), CAST(substr(NEW.received_on, 6, 2) AS INTEGER),
      NEW.category, coalesce(NEW.project_id, 0), NEW.amount_fen, 1)
    ON CONFLICT DO UPDATE SET total_fen = total_fen + excluded.total_fen, records = records + 1;
  INSERT INTO village_enterprise_income (village_id, year, enterprise_id, total_fen, records)
    VALUES (NEW.village_id, CAST(substr(NEW.received_on, 1, 4) AS INTEGER), coalesce(NEW.enterprise_id, 0), NEW.amount_fen, 1)
    ON CONFLICT DO UPDATE SET total_fen = total_fen + excluded.total_fen, records = records + 1;
END;
--> statement-breakpoint
INSERT INTO village_month_income (village_id, year, month, category, project_id, total_fen, records)
  SELECT village_id, CAST(substr(received_on, 1, 4) AS INTEGER), CAST(substr(received_on, 6, 2) AS INTEGER), category,
    coalesce(project_id, 0), SUM(amount_fen), COUNT(*)
  FROM income_records WHERE voided_at IS NULL GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO village_enterprise_income (village_id, year, enterprise_id, total_fen, records)
  SELECT village_id, CAST(substr(received_on, 1, 4) AS INTEGER), coalesce(enterprise_id, 0), SUM(amount_fen), COUNT(*)
  FROM income_records WHERE voided_at IS NULL GROUP BY 1, 2, 3;

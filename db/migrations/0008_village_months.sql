-- A village's month in the books (DESIGN, "Closing the books"): no row is 未报 (open). While a month
-- is approved (已审) no income record dated in it is inserted, changed or deleted, whoever writes:
-- the app refuses first with the month and who approved it (models/closing.server.ts); these
-- triggers are the last line, for any other write (a script, the sqlite3 shell).
CREATE TABLE `village_months` (
	`village_id` integer NOT NULL,
	`year` integer NOT NULL,
	`month` integer NOT NULL,
	`state` text NOT NULL,
	`no_income` integer DEFAULT false NOT NULL,
	`submitted_by` integer,
	`submitted_at` text,
	`approved_by` integer,
	`approved_at` text,
	`return_reason` text,
	`unlock_request` text,
	`unlock_requested_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`village_id`, `year`, `month`),
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unlock_requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `village_months_year_idx` ON `village_months` (`year`,`month`,`state`);
--> statement-breakpoint
CREATE TRIGGER income_locked_insert BEFORE INSERT ON income_records
  WHEN EXISTS (SELECT 1 FROM village_months WHERE village_id = NEW.village_id
    AND year = CAST(substr(NEW.received_on, 1, 4) AS INTEGER) AND month = CAST(substr(NEW.received_on, 6, 2) AS INTEGER)
    AND state = 'approved')
BEGIN
  SELECT RAISE(ABORT, 'month_locked: the month of this income record is approved (已审)');
END;
--> statement-breakpoint
CREATE TRIGGER income_locked_update BEFORE UPDATE ON income_records
  WHEN EXISTS (SELECT 1 FROM village_months WHERE village_id = OLD.village_id
      AND year = CAST(substr(OLD.received_on, 1, 4) AS INTEGER) AND month = CAST(substr(OLD.received_on, 6, 2) AS INTEGER)
      AND state = 'approved')
    OR EXISTS (SELECT 1 FROM village_months WHERE village_id = NEW.village_id
      AND year = CAST(substr(NEW.received_on, 1, 4) AS INTEGER) AND month = CAST(substr(NEW.received_on, 6, 2) AS INTEGER)
      AND state = 'approved')
BEGIN
  SELECT RAISE(ABORT, 'month_locked: the month of this income record is approved (已审)');
END;
--> statement-breakpoint
CREATE TRIGGER income_locked_delete BEFORE DELETE ON income_records
  WHEN EXISTS (SELECT 1 FROM village_months WHERE village_id = OLD.village_id
    AND year = CAST(substr(OLD.received_on, 1, 4) AS INTEGER) AND month = CAST(substr(OLD.received_on, 6, 2) AS INTEGER)
    AND state = 'approved')
BEGIN
  SELECT RAISE(ABORT, 'month_locked: the month of this income record is approved (已审)');
END;

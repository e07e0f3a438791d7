CREATE TABLE `report_rows` (
	`report_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	`position` integer NOT NULL,
	`township_id` integer NOT NULL,
	`township_name` text NOT NULL,
	`village_name` text NOT NULL,
	`village_code` text,
	`operating` integer NOT NULL,
	`contracting` integer NOT NULL,
	`investment` integer NOT NULL,
	`subsidy` integer NOT NULL,
	`other` integer NOT NULL,
	`last_year_fen` integer NOT NULL,
	`rank` integer NOT NULL,
	PRIMARY KEY(`report_id`, `village_id`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`number` integer NOT NULL,
	`township_ids` text NOT NULL,
	`rules` text NOT NULL,
	`villages` integer NOT NULL,
	`total_fen` integer NOT NULL,
	`operating_income_fen` integer NOT NULL,
	`max_income_id` integer NOT NULL,
	`made_by` integer NOT NULL,
	`made_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`note` text,
	FOREIGN KEY (`made_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_year_number_idx` ON `reports` (`year`,`number`);--> statement-breakpoint
ALTER TABLE `year_settings` ADD `operating_categories` text DEFAULT 'operating,contracting,investment' NOT NULL;--> statement-breakpoint
ALTER TABLE `year_settings` ADD `shell_below_fen` integer DEFAULT 5000000 NOT NULL;--> statement-breakpoint
ALTER TABLE `year_settings` ADD `rich_from_fen` integer DEFAULT 50000000 NOT NULL;--> statement-breakpoint
CREATE INDEX `income_voided_idx` ON `income_records` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
-- a report is what was reported: once made, neither it nor its rows change or go
CREATE TRIGGER `reports_immutable_update` BEFORE UPDATE ON `reports`
BEGIN SELECT RAISE(ABORT, 'report_immutable'); END;--> statement-breakpoint
CREATE TRIGGER `reports_immutable_delete` BEFORE DELETE ON `reports`
BEGIN SELECT RAISE(ABORT, 'report_immutable'); END;--> statement-breakpoint
CREATE TRIGGER `report_rows_immutable_update` BEFORE UPDATE ON `report_rows`
BEGIN SELECT RAISE(ABORT, 'report_immutable'); END;--> statement-breakpoint
CREATE TRIGGER `report_rows_immutable_delete` BEFORE DELETE ON `report_rows`
BEGIN SELECT RAISE(ABORT, 'report_immutable'); END;

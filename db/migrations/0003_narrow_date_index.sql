DROP INDEX `income_date_village_idx`;--> statement-breakpoint
CREATE INDEX `income_date_idx` ON `income_records` (`received_on`);
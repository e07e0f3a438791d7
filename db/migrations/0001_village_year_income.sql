CREATE TABLE `village_year_income` (
	`year` integer NOT NULL,
	`village_id` integer NOT NULL,
	`operating` integer DEFAULT 0 NOT NULL,
	`contracting` integer DEFAULT 0 NOT NULL,
	`investment` integer DEFAULT 0 NOT NULL,
	`subsidy` integer DEFAULT 0 NOT NULL,
	`other` integer DEFAULT 0 NOT NULL,
	`total_fen` integer DEFAULT 0 NOT NULL,
	`records` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`year`, `village_id`),
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `village_year_income_village_idx` ON `village_year_income` (`village_id`);--> statement-breakpoint
DROP INDEX `income_village_date_idx`;--> statement-breakpoint
CREATE INDEX `income_village_date_idx` ON `income_records` (`village_id`,`received_on`,`category`,`amount_fen`,`project_id`,`enterprise_id`,`voided_at`);--> statement-breakpoint
CREATE INDEX `enterprises_lng_lat_idx` ON `enterprises` (`lng`,`lat`);--> statement-breakpoint
CREATE INDEX `projects_lng_lat_idx` ON `projects` (`lng`,`lat`);--> statement-breakpoint
CREATE INDEX `villages_lng_lat_idx` ON `villages` (`lng`,`lat`);
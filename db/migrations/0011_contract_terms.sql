CREATE TABLE `contract_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	`enterprise_id` integer NOT NULL,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`period` text NOT NULL,
	`first_due` text NOT NULL,
	`increase_bp` integer,
	`increase_every_years` integer,
	`ends_on` text NOT NULL,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `terms_match_idx` ON `contract_terms` (`project_id`,`village_id`,`enterprise_id`);--> statement-breakpoint
CREATE INDEX `terms_enterprise_idx` ON `contract_terms` (`enterprise_id`);--> statement-breakpoint
CREATE INDEX `terms_village_idx` ON `contract_terms` (`village_id`);--> statement-breakpoint
CREATE INDEX `terms_ends_idx` ON `contract_terms` (`ends_on`);--> statement-breakpoint
CREATE TABLE `expected_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`term_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`due_on` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`received_fen` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`term_id`) REFERENCES `contract_terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `expected_term_idx` ON `expected_payments` (`term_id`,`due_on`);--> statement-breakpoint
CREATE INDEX `expected_open_idx` ON `expected_payments` (`due_on`) WHERE received_fen < amount_fen;--> statement-breakpoint
CREATE TABLE `payment_matches` (
	`income_id` integer NOT NULL,
	`expected_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`manual` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`income_id`, `expected_id`),
	FOREIGN KEY (`income_id`) REFERENCES `income_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expected_id`) REFERENCES `expected_payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `matches_expected_idx` ON `payment_matches` (`expected_id`);
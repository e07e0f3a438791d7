CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`summary` text,
	`attendance` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `activities_org_date_idx` ON `activities` (`organization_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`user_id` integer,
	`username` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `enterprises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`credit_code` text,
	`industry` text,
	`above_size` integer DEFAULT false NOT NULL,
	`legal_rep` text,
	`contact` text,
	`phone` text,
	`address` text,
	`lat` real,
	`lng` real,
	`has_party_org` integer DEFAULT false NOT NULL,
	`party_members` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_credit_code_unique` ON `enterprises` (`credit_code`);--> statement-breakpoint
CREATE INDEX `enterprises_name_idx` ON `enterprises` (`name`);--> statement-breakpoint
CREATE TABLE `income_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`received_on` text NOT NULL,
	`category` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`project_id` integer,
	`enterprise_id` integer,
	`voucher` text,
	`note` text,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `income_village_voucher_uq` ON `income_records` (`village_id`,`voucher`);--> statement-breakpoint
CREATE INDEX `income_village_date_idx` ON `income_records` (`village_id`,`received_on`);--> statement-breakpoint
CREATE INDEX `income_date_village_idx` ON `income_records` (`received_on`,`village_id`,`category`,`amount_fen`,`voided_at`);--> statement-breakpoint
CREATE INDEX `income_project_idx` ON `income_records` (`project_id`);--> statement-breakpoint
CREATE INDEX `income_enterprise_idx` ON `income_records` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `organization_enterprises` (
	`organization_id` integer NOT NULL,
	`enterprise_id` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `enterprise_id`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `org_enterprises_enterprise_idx` ON `organization_enterprises` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `organization_villages` (
	`organization_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `village_id`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `org_villages_village_idx` ON `organization_villages` (`village_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`level` text DEFAULT 'branch' NOT NULL,
	`established_on` text,
	`first_secretary` text,
	`first_secretary_post` text,
	`instructor` text,
	`party_members` integer,
	`dissolved_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_name_unique` ON `organizations` (`name`);--> statement-breakpoint
CREATE TABLE `project_enterprises` (
	`project_id` integer NOT NULL,
	`enterprise_id` integer NOT NULL,
	PRIMARY KEY(`project_id`, `enterprise_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_enterprises_enterprise_idx` ON `project_enterprises` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `project_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`status` text NOT NULL,
	`changed_on` text NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_status_history_idx` ON `project_status_history` (`project_id`,`changed_on`);--> statement-breakpoint
CREATE TABLE `project_villages` (
	`project_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	PRIMARY KEY(`project_id`, `village_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_villages_village_idx` ON `project_villages` (`village_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`organization_id` integer,
	`type` text NOT NULL,
	`status` text DEFAULT 'negotiating' NOT NULL,
	`investment_fen` integer,
	`contract_start` text,
	`contract_end` text,
	`expected_income_fen` integer,
	`lat` real,
	`lng` real,
	`site_outline` text,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_name_unique` ON `projects` (`name`);--> statement-breakpoint
CREATE INDEX `projects_org_idx` ON `projects` (`organization_id`);--> statement-breakpoint
CREATE INDEX `projects_status_idx` ON `projects` (`status`,`type`);--> statement-breakpoint
CREATE TABLE `townships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`code` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `townships_name_unique` ON `townships` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `townships_code_unique` ON `townships` (`code`);--> statement-breakpoint
CREATE TABLE `user_villages` (
	`user_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `village_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`last_login_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `villages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`township_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'village' NOT NULL,
	`code` text,
	`collective_credit_code` text,
	`lat` real,
	`lng` real,
	`boundary` text,
	`households` integer,
	`population` integer,
	`party_members` integer,
	`secretary` text,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `villages_code_unique` ON `villages` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `villages_collective_credit_code_unique` ON `villages` (`collective_credit_code`);--> statement-breakpoint
CREATE INDEX `villages_township_idx` ON `villages` (`township_id`,`name`);--> statement-breakpoint
CREATE INDEX `villages_name_idx` ON `villages` (`name`);--> statement-breakpoint
CREATE TABLE `year_settings` (
	`year` integer PRIMARY KEY NOT NULL,
	`weak_threshold_fen` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);

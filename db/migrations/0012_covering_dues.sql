DROP INDEX `expected_term_idx`;--> statement-breakpoint
DROP INDEX `expected_open_idx`;--> statement-breakpoint
CREATE INDEX `expected_term_idx` ON `expected_payments` (`term_id`,`due_on`,`amount_fen`,`received_fen`);--> statement-breakpoint
CREATE INDEX `expected_open_idx` ON `expected_payments` (`due_on`,`term_id`,`amount_fen`,`received_fen`) WHERE received_fen < amount_fen;